package io.nutrisage.predictor.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.InvalidRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Jackson streaming in and out of the service: no data binding, one shared factory. */
final class Json {
    static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /**
     * Reads the object the parser's current token ({@code START_OBJECT}) opens into field name -> value: numbers as
     * {@link Number}, strings, null, booleans; nested objects and arrays as empty {@code Map}/{@code List} markers so
     * the record validation can name their type.
     */
    static Map<String, Object> readFields(JsonParser p) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(32);
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            Object value =
                    switch (t) {
                        case VALUE_NUMBER_INT -> p.getNumberValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        case VALUE_STRING -> p.getText();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        case START_OBJECT -> {
                            p.skipChildren();
                            yield Map.of();
                        }
                        case START_ARRAY -> {
                            p.skipChildren();
                            yield List.of();
                        }
                        default -> null;
                    };
            fields.put(name, value);
        }
        return fields;
    }

    static ApiError malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new ApiError(
                400, "malformed_json", null, "malformed JSON" + where + ": " + e.getOriginalMessage(), line, column);
    }

    static ApiError invalidRecord(InvalidRecordException e) {
        return new ApiError(422, "invalid_record", e.field(), e.getMessage(), 0, 0);
    }

    static byte[] prediction(Prediction prediction, String modelVersion, Optional<String> code) {
        return write(192, g -> writePrediction(g, prediction, modelVersion, code));
    }

    static void writePrediction(JsonGenerator g, Prediction prediction, String modelVersion, Optional<String> code)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("grade", prediction.grade().name());
        g.writeNumberField("confidence", prediction.confidence());
        g.writeObjectFieldStart("probabilities");
        double[] probabilities = prediction.probabilities();
        for (Grade grade : Grade.values()) {
            g.writeNumberField(grade.name(), probabilities[grade.ordinal()]);
        }
        g.writeEndObject();
        g.writeStringField("model_version", modelVersion);
        if (code.isPresent()) {
            g.writeStringField("code", code.get());
        } else {
            g.writeNullField("code");
        }
        g.writeEndObject();
    }

    static byte[] error(ApiError e) {
        return write(160, g -> writeError(g, e, -1));
    }

    /** An error body; {@code index >= 0} adds the record's position (batch entries). */
    static void writeError(JsonGenerator g, ApiError e, int index) throws IOException {
        g.writeStartObject();
        if (index >= 0) {
            g.writeNumberField("index", index);
        }
        g.writeStringField("error", e.error());
        if (e.field() != null) {
            g.writeStringField("field", e.field());
        }
        g.writeStringField("message", e.message());
        if (e.line() > 0) {
            g.writeNumberField("line", e.line());
            g.writeNumberField("column", e.column());
        }
        g.writeEndObject();
    }

    static byte[] object(Map<String, ?> fields) {
        return write(128, g -> {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                g.writeFieldName(e.getKey());
                Object v = e.getValue();
                if (v instanceof Number n) {
                    g.writeNumber(n.toString());
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        });
    }

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(int sizeHint, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }
}
