package io.nutrisage.loadgen.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.records.ParquetFiles.Product;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<SkippedRecord> skipped = new ArrayList<>();

    private List<LoadRecord> readAll(RecordSource source) throws IOException {
        List<LoadRecord> records = new ArrayList<>();
        try (RecordSource.RecordStream stream = source.open(skipped::add)) {
            LoadRecord record;
            while ((record = stream.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    private static JsonNode json(LoadRecord record) throws IOException {
        return JSON.readTree(record.json());
    }

    @Test
    void csvRowsBecomeJsonObjectsWithNumbersAndWithoutEmptyCells() throws Exception {
        Path file = dir.resolve("products.csv");
        Files.writeString(file, """
                code,product_name,fat_100g,fiber_100g,salt_100g
                2000000011730,"Walnuts, Halves",69,,0.0508
                0123,Milk,-1.5e2,3,
                """);

        List<LoadRecord> records = readAll(RecordSources.local(file));

        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).json(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"code\":2000000011730,\"product_name\":\"Walnuts, Halves\",\"fat_100g\":69,\"salt_100g\":0.0508}");
        JsonNode second = json(records.get(1));
        assertThat(second.get("code").isTextual())
                .as("a leading zero keeps the code a string")
                .isTrue();
        assertThat(second.get("fat_100g").decimalValue()).isEqualByComparingTo("-150");
        assertThat(second.has("salt_100g")).isFalse();
        assertThat(records).extracting(LoadRecord::line).containsExactly(2L, 3L);
        assertThat(skipped).isEmpty();
    }

    @Test
    void badCsvRowsAreSkippedWithFileAndLineAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, """
                code,fat_100g
                1,2
                3,4,5
                6
                7,8
                """);

        List<LoadRecord> records = readAll(RecordSources.local(file));

        assertThat(records).extracting(LoadRecord::line).containsExactly(2L, 5L);
        assertThat(skipped)
                .extracting(SkippedRecord::line, SkippedRecord::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "row has 3 fields, header has 2"),
                        org.assertj.core.groups.Tuple.tuple(4L, "row has 1 fields, header has 2"));
        assertThat(skipped).allMatch(s -> s.origin().endsWith("bad.csv"));
    }

    @Test
    void unterminatedQuoteIsReportedAndDoesNotCrash() throws Exception {
        Path file = dir.resolve("quote.csv");
        Files.writeString(file, "code,product_name\n1,ok\n2,\"never closed\n");

        List<LoadRecord> records = readAll(RecordSources.local(file));

        assertThat(records).extracting(LoadRecord::line).containsExactly(2L);
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).origin()).endsWith("quote.csv");
        assertThat(skipped.get(0).reason()).containsIgnoringCase("quote");
    }

    @Test
    void tsvAndGzippedFilesAreRead() throws Exception {
        Path tsv = dir.resolve("a.tsv");
        Files.writeString(tsv, "code\tfat_100g\n11\t1.5\n");
        Path gz = dir.resolve("b.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("code,fat_100g\n22,2.5\n".getBytes(StandardCharsets.UTF_8));
        }

        List<LoadRecord> records = readAll(RecordSources.local(dir));

        assertThat(records).hasSize(2);
        assertThat(json(records.get(0)).get("fat_100g").asDouble()).isEqualTo(1.5);
        assertThat(json(records.get(1)).get("code").asLong()).isEqualTo(22);
    }

    @Test
    void jsonLinesSkipMalformedLinesAndNonObjects() throws Exception {
        Path file = dir.resolve("records.jsonl");
        Files.writeString(file, """
                {"code": "1", "fat_100g": 3}

                {"code": "2", "fat_100g":
                [1, 2]
                {"code": "3"}
                """);

        List<LoadRecord> records = readAll(RecordSources.local(file));

        assertThat(records).extracting(LoadRecord::line).containsExactly(1L, 5L);
        assertThat(skipped).extracting(SkippedRecord::line).containsExactly(3L, 4L);
        assertThat(skipped.get(0).reason()).startsWith("malformed JSON");
        assertThat(skipped.get(1).reason()).isEqualTo("not a JSON object");
    }

    @Test
    void parquetRowsBecomeJsonObjects() throws Exception {
        Path file = dir.resolve("products.parquet");
        ParquetFiles.write(
                file,
                List.of(new Product("3017620422003", "Nutella", 30.9, 2024L), new Product(null, "Water", null, null)));

        List<LoadRecord> records = readAll(RecordSources.local(file));

        assertThat(records).hasSize(2);
        JsonNode first = json(records.get(0));
        assertThat(first.get("code").asLong()).isEqualTo(3017620422003L);
        assertThat(first.get("product_name").asText()).isEqualTo("Nutella");
        assertThat(first.get("fat_100g").asDouble()).isEqualTo(30.9);
        assertThat(first.get("last_modified_year").asLong()).isEqualTo(2024);
        JsonNode second = json(records.get(1));
        assertThat(second.has("fat_100g")).isFalse();
        assertThat(records).extracting(LoadRecord::line).containsExactly(1L, 2L);
    }

    @Test
    void corruptParquetAndUnknownFormatsAreSkippedAndOtherFilesStillRead() throws Exception {
        Files.writeString(dir.resolve("a-broken.parquet"), "PAR1 this is not parquet");
        Files.writeString(dir.resolve("b-notes.txt"), "hello");
        Files.writeString(dir.resolve("c-good.csv"), "code\n42\n");

        List<LoadRecord> records = readAll(RecordSources.local(dir));

        assertThat(records).hasSize(1);
        assertThat(skipped).hasSize(2);
        assertThat(skipped)
                .anySatisfy(s -> {
                    assertThat(s.origin()).endsWith("a-broken.parquet");
                    assertThat(s.reason()).startsWith("unreadable object");
                })
                .anySatisfy(s -> {
                    assertThat(s.origin()).endsWith("b-notes.txt");
                    assertThat(s.reason()).startsWith("unsupported format");
                });
    }

    @Test
    void missingPathFailsTheOpenWithItsName() {
        assertThatThrownBy(() -> RecordSources.local(dir.resolve("nope.csv")).open(skipped::add))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope.csv");
    }

    @Test
    void builtInSampleHasProductsWithoutTheLabel() throws Exception {
        List<LoadRecord> records = readAll(RecordSources.builtInSample());

        assertThat(records).hasSize(200);
        assertThat(skipped).isEmpty();
        for (LoadRecord record : records) {
            JsonNode node = json(record);
            assertThat(node.has("nutriscore_grade")).isFalse();
            assertThat(node.has("nutrition_score_fr_100g")).isFalse();
        }
        assertThat(json(records.get(0)).has("energy_kj_100g")).isTrue();
        assertThat(RecordSources.class.getResource("/io/nutrisage/loadgen/records/off-sample-ATTRIBUTION.txt"))
                .as("ODbL attribution ships next to the sample")
                .isNotNull();
    }

    @Test
    void s3LocationsAreParsed() {
        assertThat(RecordSources.S3Location.parse("s3://bucket/some/prefix/"))
                .isEqualTo(new RecordSources.S3Location("bucket", "some/prefix/"));
        assertThat(RecordSources.S3Location.parse("s3://bucket")).isEqualTo(new RecordSources.S3Location("bucket", ""));
        assertThatThrownBy(() -> RecordSources.S3Location.parse("http://bucket/x"))
                .hasMessageContaining("s3://bucket/prefix");
    }
}
