package io.nutrisage.predictor.http;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of the shared test.csv as a client would post them: every column as a string, labels left out. */
final class TestRows {
    static final Path TEST_CSV = Path.of("..", "..", "shared", "data", "off-nutrition", "test.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRows() {}

    static List<Map<String, String>> first(int n) {
        Path csv = Files.exists(TEST_CSV) ? TEST_CSV : Path.of("..", "shared", "data", "off-nutrition", "test.csv");
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it =
                new CsvMapper().readerForMapOf(String.class).with(schema).readValues(csv.toFile())) {
            while (it.hasNext() && rows.size() < n) {
                Map<String, String> row = new LinkedHashMap<>(it.next());
                row.remove("nutriscore_grade");
                row.remove("nutrition_score_fr_100g");
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
