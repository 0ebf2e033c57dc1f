package io.nutrisage.app.aws.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CBOR as Smithy RPC v2 uses it: maps with string keys, timestamps as tag 1 + float64 epoch seconds (RFC 8949 §3.4.2).
 */
final class Cbor {
    private static final CBORMapper MAPPER = new CBORMapper();
    private static final CBORFactory FACTORY = new CBORFactory();

    private Cbor() {}

    /** Requests: timestamps arrive as numbers (the tag is dropped), which is all the stub needs. */
    static JsonNode read(byte[] body) throws IOException {
        return body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    }

    /** Writes maps, lists, strings, numbers, booleans and {@link Instant}s (as tagged epoch seconds). */
    static byte[] write(Object value) {
        var out = new ByteArrayOutputStream();
        try (CBORGenerator gen = FACTORY.createGenerator(out)) {
            writeValue(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeValue(CBORGenerator gen, Object value) throws IOException {
        switch (value) {
            case null -> gen.writeNull();
            case Map<?, ?> map -> {
                gen.writeStartObject();
                for (var e : map.entrySet()) {
                    if (e.getValue() != null) {
                        gen.writeFieldName(e.getKey().toString());
                        writeValue(gen, e.getValue());
                    }
                }
                gen.writeEndObject();
            }
            case List<?> list -> {
                gen.writeStartArray();
                for (Object o : list) {
                    writeValue(gen, o);
                }
                gen.writeEndArray();
            }
            case Instant t -> {
                gen.writeTag(1);
                gen.writeNumber(t.getEpochSecond() + t.getNano() / 1e9);
            }
            case String s -> gen.writeString(s);
            case Integer i -> gen.writeNumber(i);
            case Long l -> gen.writeNumber(l);
            case Double d -> gen.writeNumber(d);
            case Boolean b -> gen.writeBoolean(b);
            default -> throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }
}
