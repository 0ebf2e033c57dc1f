package io.nutrisage.loadgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nutrisage.loadgen.LoadgenException;
import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.schedule.Profiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = "Sends the records of --input to TARGET/predict/batch in batches and writes the predictions as"
                + " NDJSON (the seed's batch client). A batch body is {\"records\": [...]} (see --wrap); each element of"
                + " the array in the response (or the whole response if it has none) becomes one output line.",
        footer = {
            "",
            "Exit codes: 0 every batch answered 2xx, 1 a batch failed or the input was unusable, 2 invalid input."
        })
final class BatchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            defaultValue = "${env:TARGET_URL:-http://127.0.0.1:8000}",
            description = "Base URL (env TARGET_URL).")
    String target;

    @Option(names = "--path", defaultValue = "/predict/batch", description = "Request path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(
            names = "--input",
            defaultValue = "${env:INPUT_PREFIX:-builtin}",
            description = "Records: s3://bucket/prefix/, a file or directory, or 'builtin' (env INPUT_PREFIX).")
    String input;

    @Option(names = "--output", required = true, description = "NDJSON file to write the predictions to.")
    Path output;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description = "Records per request (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--wrap",
            defaultValue = "records",
            description = "Field holding the records array in the request body; empty for a bare array.")
    String wrap;

    @Option(names = "--timeout", defaultValue = "60s", description = "Request timeout (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, was " + batchSize);
        }
        PrintWriter err = spec.commandLine().getErr();
        OkHttpClient client = new OkHttpClient.Builder()
                .callTimeout(Profiles.parseDuration(timeout))
                .build();
        LazyS3 s3 = new LazyS3();
        long records = 0;
        long lines = 0;
        long skipped = 0;
        int failedBatches = 0;
        int batches = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            RecordSource source = RecordSources.fromLocation(input, s3::get);
            long[] skipCount = {0};
            try (RecordSource.RecordStream stream = source.open(skip -> {
                skipCount[0]++;
                err.println("skipped " + skip);
            })) {
                List<LoadRecord> batch = new ArrayList<>(batchSize);
                LoadRecord record;
                do {
                    record = stream.next();
                    if (record != null) {
                        batch.add(record);
                        records++;
                    }
                    if (!batch.isEmpty() && (batch.size() == batchSize || record == null)) {
                        batches++;
                        int written = send(client, batch, writer, err);
                        if (written < 0) {
                            failedBatches++;
                        } else {
                            lines += written;
                        }
                        batch.clear();
                    }
                } while (record != null);
            }
            skipped = skipCount[0];
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            s3.close();
        }
        if (records == 0) {
            throw new LoadgenException("no usable record in " + input);
        }
        err.printf(
                "loadgen batch: %d records in %d batches, %d failed, %d skipped, %d lines written to %s%n",
                records, batches, failedBatches, skipped, lines, output);
        return failedBatches == 0 ? ExitCodes.OK : ExitCodes.RUN_ERROR;
    }

    /** Sends one batch; returns the lines written, or -1 if the batch failed. */
    private int send(OkHttpClient client, List<LoadRecord> batch, BufferedWriter writer, PrintWriter err)
            throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (LoadRecord r : batch) {
            array.add(JSON.readTree(r.json()));
        }
        JsonNode body = array;
        if (!wrap.isEmpty()) {
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.set(wrap, array);
            body = wrapper;
        }
        Request request = new Request.Builder()
                .url(target.replaceAll("/+$", "") + path)
                .post(RequestBody.create(JSON.writeValueAsBytes(body), PredictCommand.JSON_TYPE))
                .build();
        String first = batch.get(0).origin() + ":" + batch.get(0).line();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                err.printf("batch starting at %s: HTTP %d %s%n", first, response.code(), abbreviate(text));
                return -1;
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                err.printf("batch starting at %s: response is not JSON: %s%n", first, abbreviate(text));
                return -1;
            }
            JsonNode items = json.isArray() ? json : firstArray(json);
            int written = 0;
            if (items == null) {
                writer.write(JSON.writeValueAsString(json));
                writer.newLine();
                written = 1;
            } else {
                for (JsonNode item : items) {
                    writer.write(JSON.writeValueAsString(item));
                    writer.newLine();
                    written++;
                }
            }
            writer.flush();
            return written;
        } catch (IOException e) {
            err.printf("batch starting at %s: %s%n", first, e.getMessage());
            return -1;
        }
    }

    private static JsonNode firstArray(JsonNode json) {
        for (JsonNode value : json) {
            if (value.isArray()) {
                return value;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
