package io.nutrisage.loadgen.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.S3TestStore;
import io.nutrisage.loadgen.records.ParquetFiles.Product;
import io.nutrisage.loadgen.sink.ResponseSink;
import io.nutrisage.loadgen.sink.ResponseSinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3RecordSourceTest {
    private static S3TestStore s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3TestStore();
        s3.createBucket("records");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void listsThePrefixAndStreamsEachFormatInKeyOrder(@TempDir Path dir) throws Exception {
        s3.put("records", "in/a.csv", "code,fat_100g\n1,2.5\n1,2,3\n4,5\n");
        s3.put("records", "in/b.jsonl", "{\"code\": 10}\nnot json\n");
        Path parquet = dir.resolve("c.parquet");
        ParquetFiles.write(parquet, List.of(new Product("20", "Oil", 100.0, null)));
        s3.put("records", "in/c.parquet", Files.readAllBytes(parquet));
        s3.put("records", "in/d-broken.parquet", "definitely not parquet");
        s3.put("records", "in/e.txt", "not a record file");
        s3.put("records", "elsewhere/x.csv", "code\n99\n");
        List<SkippedRecord> skipped = new ArrayList<>();

        List<String> codes = new ArrayList<>();
        try (RecordSource.RecordStream stream =
                RecordSources.s3(s3.client(), "s3://records/in/").open(skipped::add)) {
            LoadRecord record;
            while ((record = stream.next()) != null) {
                codes.add(new ObjectMapper().readTree(record.json()).get("code").asText() + "@" + record.origin() + ":"
                        + record.line());
            }
        }

        assertThat(codes)
                .containsExactly(
                        "1@s3://records/in/a.csv:2",
                        "4@s3://records/in/a.csv:4",
                        "10@s3://records/in/b.jsonl:1",
                        "20@s3://records/in/c.parquet:1");
        assertThat(skipped)
                .extracting(SkippedRecord::toString)
                .containsExactlyInAnyOrder(
                        "s3://records/in/e.txt: unsupported format (expected .csv, .tsv, .jsonl, .ndjson, .json or .parquet)",
                        "s3://records/in/a.csv:3: row has 3 fields, header has 2",
                        "s3://records/in/b.jsonl:2: malformed JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        skipped.stream()
                                .filter(s -> s.origin().endsWith("d-broken.parquet"))
                                .findFirst()
                                .orElseThrow()
                                .toString());
        assertThat(skipped.stream()
                        .filter(s -> s.origin().endsWith("d-broken.parquet"))
                        .findFirst()
                        .orElseThrow()
                        .reason())
                .startsWith("unreadable object");
    }

    @Test
    void missingBucketFailsTheOpenWithTheLocation() {
        assertThatThrownBy(() ->
                        RecordSources.s3(s3.client(), "s3://no-such-bucket/x/").open(s -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot list s3://no-such-bucket/x/");
    }

    @Test
    void responseSinkWritesNdjsonBatchesToS3() throws Exception {
        s3.createBucket("responses");
        List<String> lines = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");

        ResponseSink sink = ResponseSinks.s3(s3.client(), "s3://responses/run-1/", 2);
        for (String line : lines) {
            assertThat(sink.offer(line.getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        sink.close();

        List<String> keys = s3.keys("responses", "run-1/");
        assertThat(keys)
                .hasSizeGreaterThanOrEqualTo(3)
                .allMatch(k -> k.matches("run-1/responses-\\d{8}T\\d{6}Z-\\d{6}\\.ndjson"));
        List<String> stored = new ArrayList<>();
        for (String key : keys) {
            List<String> batch = s3.get("responses", key).lines().toList();
            assertThat(batch).hasSizeLessThanOrEqualTo(2);
            stored.addAll(batch);
        }
        assertThat(stored).isEqualTo(lines);
        assertThat(sink.dropped()).isZero();
    }
}
