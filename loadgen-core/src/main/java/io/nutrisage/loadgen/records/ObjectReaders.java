package io.nutrisage.loadgen.records;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.nutrisage.loadgen.records.RecordSource.RecordStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.io.api.Binary;

/** Streams the records of one file or object in a given format. */
final class ObjectReaders {
    static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(Rows.NODES);
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    /** Consecutive parse errors after which the rest of an object is given up as unreadable. */
    private static final int MAX_CONSECUTIVE_ERRORS = 100;

    private ObjectReaders() {}

    /** Records of a text format (CSV, TSV, JSON lines) read from {@code in}, which this stream closes. */
    static RecordStream text(String origin, Format format, InputStream in, Consumer<SkippedRecord> skipped)
            throws IOException {
        InputStream raw = Format.gzipped(origin) ? new GZIPInputStream(in, 64 * 1024) : in;
        Reader reader = new InputStreamReader(raw, StandardCharsets.UTF_8);
        return switch (format) {
            case CSV -> delimited(origin, reader, ',', skipped);
            case TSV -> delimited(origin, reader, '\t', skipped);
            case JSON_LINES -> jsonLines(origin, new BufferedReader(reader, 64 * 1024), skipped);
            case PARQUET -> throw new IllegalArgumentException("Parquet needs a file, not a stream");
        };
    }

    private static RecordStream delimited(String origin, Reader reader, char separator, Consumer<SkippedRecord> skipped)
            throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        MappingIterator<String[]> rows =
                CSV.readerFor(String[].class).with(schema).readValues(reader);
        return new RecordStream() {
            private String[] header;

            @Override
            public LoadRecord next() throws IOException {
                int errors = 0;
                while (true) {
                    long line = rows.getParser().currentLocation().getLineNr();
                    String[] cells;
                    try {
                        if (!rows.hasNextValue()) {
                            return null;
                        }
                        cells = rows.nextValue();
                    } catch (JsonProcessingException e) {
                        skipped.accept(new SkippedRecord(
                                origin, Math.max(line, 1), "malformed row: " + e.getOriginalMessage()));
                        if (++errors >= MAX_CONSECUTIVE_ERRORS) {
                            skipped.accept(
                                    new SkippedRecord(origin, 0, "too many malformed rows in a row: rest skipped"));
                            return null;
                        }
                        continue;
                    }
                    // The parser sits at the end of the row's line: count the row from its first line.
                    long rowLine = line <= 0 ? 1 : line;
                    if (header == null) {
                        header = cells;
                        continue;
                    }
                    if (cells.length != header.length) {
                        skipped.accept(new SkippedRecord(
                                origin, rowLine, "row has " + cells.length + " fields, header has " + header.length));
                        continue;
                    }
                    ObjectNode object = Rows.toJson(header, cells);
                    if (object.isEmpty()) {
                        skipped.accept(new SkippedRecord(origin, rowLine, "row has no values"));
                        continue;
                    }
                    return new LoadRecord(JSON.writeValueAsBytes(object), origin, rowLine);
                }
            }

            @Override
            public void close() throws IOException {
                rows.close();
                reader.close();
            }
        };
    }

    private static RecordStream jsonLines(String origin, BufferedReader reader, Consumer<SkippedRecord> skipped) {
        return new RecordStream() {
            private long line;

            @Override
            public LoadRecord next() throws IOException {
                String text;
                while ((text = reader.readLine()) != null) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = JSON.readTree(text);
                    } catch (JsonProcessingException e) {
                        skipped.accept(new SkippedRecord(origin, line, "malformed JSON: " + e.getOriginalMessage()));
                        continue;
                    }
                    if (node == null || !node.isObject()) {
                        skipped.accept(new SkippedRecord(origin, line, "not a JSON object"));
                        continue;
                    }
                    return new LoadRecord(JSON.writeValueAsBytes(node), origin, line);
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    /** Records of a Parquet file, one per row; {@code onClose} runs when the stream is closed (temp files). */
    static RecordStream parquet(String origin, File file, Runnable onClose) throws IOException {
        Stream<ObjectNode> stream;
        try {
            stream = ParquetReader.streamContent(file, new RowHydrator());
        } catch (IOException | RuntimeException e) {
            onClose.run();
            throw new IOException("not a readable Parquet file: " + message(e), e);
        }
        Iterator<ObjectNode> rows = stream.iterator();
        return new RecordStream() {
            private long row;

            @Override
            public LoadRecord next() throws IOException {
                while (true) {
                    ObjectNode object;
                    try {
                        if (!rows.hasNext()) {
                            return null;
                        }
                        object = rows.next();
                    } catch (RuntimeException e) {
                        throw new IOException("Parquet row " + (row + 1) + " unreadable: " + message(e), e);
                    }
                    row++;
                    if (!object.isEmpty()) {
                        return new LoadRecord(JSON.writeValueAsBytes(object), origin, row);
                    }
                }
            }

            @Override
            public void close() {
                try {
                    stream.close();
                } finally {
                    onClose.run();
                }
            }
        };
    }

    static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static final class RowHydrator implements Hydrator<ObjectNode, ObjectNode, String[]> {
        @Override
        public ObjectNode start() {
            return Rows.NODES.objectNode();
        }

        @Override
        public ObjectNode add(ObjectNode target, String[] heading, Object value) {
            String field = String.join(".", heading);
            switch (value) {
                case null -> {}
                case Integer i -> target.put(field, i);
                case Long l -> target.put(field, l);
                case Float f -> target.put(field, f);
                case Double d -> target.put(field, d);
                case Boolean b -> target.put(field, b);
                case Binary b -> Rows.put(target, field, b.toStringUsingUTF8());
                case byte[] bytes -> Rows.put(target, field, new String(bytes, StandardCharsets.UTF_8));
                default -> Rows.put(target, field, value.toString());
            }
            return target;
        }

        @Override
        public ObjectNode finish(ObjectNode target) {
            return target;
        }
    }
}
