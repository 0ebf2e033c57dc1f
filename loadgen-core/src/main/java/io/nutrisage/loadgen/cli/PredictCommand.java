package io.nutrisage.loadgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.LoadgenException;
import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.schedule.Profiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Sends one record to TARGET/predict and prints the response (the seed's online client). The"
                + " record is --record JSON, or the first record of --input (default: the built-in sample).",
        footer = {"", "Exit codes: 0 a 2xx response, 1 any other response or a transport error, 2 invalid input."})
final class PredictCommand implements Callable<Integer> {
    static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            defaultValue = "${env:TARGET_URL:-http://127.0.0.1:8000}",
            description = "Base URL (env TARGET_URL).")
    String target;

    @Option(names = "--path", defaultValue = "/predict", description = "Request path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--record", paramLabel = "JSON", description = "The record as a JSON object.")
    String record;

    @Option(
            names = "--input",
            defaultValue = "${env:INPUT_PREFIX:-builtin}",
            description = "Take the first record of this source (s3://..., file, directory or 'builtin').")
    String input;

    @Option(names = "--timeout", defaultValue = "10s", description = "Request timeout (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        byte[] body;
        if (record != null) {
            JsonNode node;
            try {
                node = JSON.readTree(record);
            } catch (IOException e) {
                throw new IllegalArgumentException("--record is not valid JSON: " + e.getMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("--record must be a JSON object");
            }
            body = JSON.writeValueAsBytes(node);
        } else {
            body = firstRecord();
        }
        OkHttpClient client = new OkHttpClient.Builder()
                .callTimeout(Profiles.parseDuration(timeout))
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Request request = new Request.Builder()
                .url(target.replaceAll("/+$", "") + path)
                .post(RequestBody.create(body, JSON_TYPE))
                .build();
        long start = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            err.printf("HTTP %d in %.1f ms%n", response.code(), (System.nanoTime() - start) / 1e6);
            err.flush();
            out.println(text);
            out.flush();
            return response.isSuccessful() ? ExitCodes.OK : ExitCodes.RUN_ERROR;
        } catch (IOException e) {
            err.println("loadgen: request to " + request.url() + " failed: " + e.getMessage());
            return ExitCodes.RUN_ERROR;
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private byte[] firstRecord() throws IOException {
        LazyS3 s3 = new LazyS3();
        try {
            RecordSource source = RecordSources.fromLocation(input, s3::get);
            PrintWriter err = spec.commandLine().getErr();
            try (RecordSource.RecordStream stream = source.open(skip -> err.println("skipped " + skip))) {
                LoadRecord first = stream.next();
                if (first == null) {
                    throw new LoadgenException("no usable record in " + source.describe());
                }
                err.println("record " + first.origin() + ":" + first.line() + " "
                        + new String(first.json(), StandardCharsets.UTF_8));
                return first.json();
            }
        } finally {
            s3.close();
        }
    }
}
