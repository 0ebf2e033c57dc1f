package io.nutrisage.predictor.training;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads labelled products from the project's CSV files, from raw Open Food Facts exports (CSV or tab-separated,
 * hyphenated column names such as {@code saturated-fat_100g}, {@code energy_100g} in kJ) and from Parquet files
 * with the same columns.
 *
 * <p>Every row goes through {@link ProductRecords#fromFields}, so impossible values (negative, more than 100 g per
 * 100 g, energy above 3,800 kJ) drop the row and are counted by field. OFF's own computed score
 * ({@code nutrition_score_fr_100g}, {@code nutrition-score-fr_100g}) is removed before anything else sees the row:
 * the grade is a threshold of it.
 */
public final class DatasetReader {
    /** Label columns, newest OFF spelling first. */
    static final List<String> LABEL_COLUMNS = List.of("nutriscore_grade", "nutrition_grade_fr", "nutrition_grades");

    private static final String LABEL_FIELD = "nutriscore_grade";

    private DatasetReader() {}

    /** Reads a file by its extension: {@code .parquet}, {@code .tsv}/{@code .tab}, otherwise CSV (tab-sniffed). */
    public static Dataset read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String defaultSource = name.replaceFirst("\\.[^.]*$", "");
        if (name.endsWith(".parquet")) {
            return readParquet(file, defaultSource);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1 << 16);
            String header = reader.readLine();
            reader.reset();
            boolean tabs = name.endsWith(".tsv")
                    || name.endsWith(".tab")
                    || (header != null && header.indexOf('\t') >= 0 && header.indexOf(',') < 0);
            return readDelimited(reader, tabs ? '\t' : ',', defaultSource);
        }
    }

    /** Reads CSV ({@code ','}) or OFF's tab-separated export ({@code '\t'}, no quoting) with a header row. */
    public static Dataset readDelimited(Reader reader, char separator, String defaultSource) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        if (separator == '\t') {
            // OFF's TSV exports do not quote fields and product names contain stray quotes.
            schema = schema.withoutQuoteChar();
        }
        var mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
        var accumulator = new Accumulator(defaultSource);
        try (MappingIterator<Map<String, String>> rows =
                mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            while (rows.hasNextValue()) {
                accumulator.add(rows.nextValue());
            }
        }
        return accumulator.dataset();
    }

    static Dataset readParquet(Path file, String defaultSource) throws IOException {
        var accumulator = new Accumulator(defaultSource);
        try (Stream<Map<String, Object>> rows = ParquetReader.streamContent(file.toFile(), new RowHydrator())) {
            rows.forEach(accumulator::add);
        }
        return accumulator.dataset();
    }

    private static final class RowHydrator implements Hydrator<Map<String, Object>, Map<String, Object>, String[]> {
        @Override
        public Map<String, Object> start() {
            return new HashMap<>();
        }

        @Override
        public Map<String, Object> add(Map<String, Object> row, String[] heading, Object value) {
            row.put(
                    String.join(".", heading),
                    value instanceof org.apache.parquet.io.api.Binary b ? b.toStringUsingUTF8() : value);
            return row;
        }

        @Override
        public Map<String, Object> finish(Map<String, Object> row) {
            return row;
        }
    }

    private static final class Accumulator {
        private final String defaultSource;
        private final List<LabelledProduct> products = new ArrayList<>();
        private final Map<String, Integer> dropped = new TreeMap<>();
        private int rows;

        Accumulator(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        void add(Map<String, ?> raw) {
            rows++;
            Map<String, Object> fields = new LinkedHashMap<>();
            String label = null;
            String source = null;
            for (Map.Entry<String, ?> e : raw.entrySet()) {
                String key = ProductRecords.normalizeKey(e.getKey());
                Object value = e.getValue();
                if (key.startsWith("nutrition_score")) {
                    continue;
                }
                if (LABEL_COLUMNS.contains(key)) {
                    if (label == null && value != null && !value.toString().isBlank()) {
                        label = value.toString().strip();
                    }
                    continue;
                }
                if (key.equals("source_id")
                        && value != null
                        && !value.toString().isBlank()) {
                    source = value.toString();
                }
                fields.put(e.getKey(), value);
            }
            Grade grade = grade(label);
            if (grade == null) {
                drop(LABEL_FIELD);
                return;
            }
            try {
                ProductRecord record = ProductRecords.fromFields(fields);
                products.add(new LabelledProduct(record, grade, source == null ? defaultSource : source));
            } catch (InvalidRecordException e) {
                drop(canonical(e.field()));
            }
        }

        /** Counts {@code energy_100g} and {@code energy-kj_100g} alike, under the nutrient's canonical column. */
        private static String canonical(String field) {
            String key = ProductRecords.normalizeKey(field);
            for (Nutrient n : Nutrient.values()) {
                if (n.spellings().contains(key)) {
                    return n.column();
                }
            }
            return key;
        }

        private void drop(String field) {
            dropped.merge(field, 1, Integer::sum);
        }

        Dataset dataset() {
            return new Dataset(products, rows, dropped);
        }

        private static Grade grade(String label) {
            if (label == null || label.length() != 1) {
                return null;
            }
            return switch (Character.toLowerCase(label.charAt(0))) {
                case 'a' -> Grade.A;
                case 'b' -> Grade.B;
                case 'c' -> Grade.C;
                case 'd' -> Grade.D;
                case 'e' -> Grade.E;
                default -> null;
            };
        }
    }
}
