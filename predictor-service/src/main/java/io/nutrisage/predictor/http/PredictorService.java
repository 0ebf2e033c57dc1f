package io.nutrisage.predictor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.nutrisage.predictor.http.ApiError.ApiException;
import io.nutrisage.predictor.metrics.HttpMetrics;
import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predictor's HTTP API: every route is declared in {@link #routing(HttpRouting.Builder)}, each handled by a
 * small private method. Client mistakes get a 4xx JSON error naming the problem and field; nothing answers with a
 * stack trace.
 */
final class PredictorService {
    static final String PREDICT = "/predict";
    static final String PREDICT_BATCH = "/predict/batch";
    static final String HEALTH = "/health";
    static final String READY = "/ready";
    static final String METRICS = "/metrics";
    static final String VERSION = "/version";
    static final String OTHER = "other";
    /** Largest number of records {@code POST /predict/batch} accepts. */
    static final int MAX_BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PredictorService.class);
    private static final String JSON = "application/json";

    private final GradePredictor predictor;
    private final HttpMetrics httpMetrics;
    private final ModelMetrics modelMetrics;
    private final BuildInfo buildInfo;
    /** null when ready, else why not (model self-test failed, shutting down). */
    private final AtomicReference<String> notReadyReason = new AtomicReference<>("starting");

    PredictorService(GradePredictor predictor, HttpMetrics httpMetrics, ModelMetrics modelMetrics, BuildInfo info) {
        this.predictor = predictor;
        this.httpMetrics = httpMetrics;
        this.modelMetrics = modelMetrics;
        this.buildInfo = info;
    }

    /** Declares every route; used by {@link PredictorServer} and nothing else needs to know the paths. */
    void routing(HttpRouting.Builder routing) {
        routing.post(PREDICT, this::predict)
                .any(PREDICT, (req, res) -> methodNotAllowed(req, res, PREDICT, "POST"))
                .post(PREDICT_BATCH, this::predictBatch)
                .any(PREDICT_BATCH, (req, res) -> methodNotAllowed(req, res, PREDICT_BATCH, "POST"))
                .get(HEALTH, this::health)
                .any(HEALTH, (req, res) -> methodNotAllowed(req, res, HEALTH, "GET"))
                .get(READY, this::ready)
                .any(READY, (req, res) -> methodNotAllowed(req, res, READY, "GET"))
                .get(METRICS, this::metrics)
                .any(METRICS, (req, res) -> methodNotAllowed(req, res, METRICS, "GET"))
                .get(VERSION, this::version)
                .any(VERSION, (req, res) -> methodNotAllowed(req, res, VERSION, "GET"))
                .any(this::notFound)
                .error(Throwable.class, this::internalError);
    }

    /**
     * Grades a fixed product and checks the answer is a probability distribution; the service reports ready only
     * after this passed.
     */
    void selfTest() {
        try {
            ProductRecord walnuts = ProductRecords.fromFields(Map.of(
                    "energy_100g", 2966,
                    "fat_100g", 69,
                    "saturated-fat_100g", 6,
                    "sugars_100g", 2.5,
                    "salt_100g", 0.0508,
                    "fiber_100g", 6.5,
                    "proteins_100g", 16));
            Prediction p = predictor.predict(walnuts);
            double sum = 0;
            for (double v : p.probabilities()) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalStateException("probability outside 0..1: " + p);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalStateException("probabilities sum to " + sum + ": " + p);
            }
            notReadyReason.set(null);
        } catch (InvalidRecordException | RuntimeException e) {
            notReadyReason.set("model self-test failed: " + e.getMessage());
            LOG.error("Model self-test failed; /ready answers 503", e);
        }
    }

    boolean isReady() {
        return notReadyReason.get() == null;
    }

    /** From now on {@code /ready} answers 503, so the load balancer stops routing here while requests drain. */
    void markDraining() {
        notReadyReason.set("shutting down");
    }

    String modelVersion() {
        return predictor.modelVersion();
    }

    private void predict(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        try {
            requireJson(req);
            Map<String, Object> fields;
            try (JsonParser p = Json.FACTORY.createParser(body(req))) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw ApiError.of(
                                    400, "empty_body", "request body is empty: send one JSON object of product fields")
                            .toException();
                }
                if (first != JsonToken.START_OBJECT) {
                    throw ApiError.of(
                                    400,
                                    "not_an_object",
                                    "expected one JSON object of product fields, got " + describe(first)
                                            + (first == JsonToken.START_ARRAY
                                                    ? " (send arrays to " + PREDICT_BATCH + ")"
                                                    : ""))
                            .toException();
                }
                fields = Json.readFields(p);
                if (p.nextToken() != null) {
                    throw ApiError.of(
                                    400,
                                    "malformed_json",
                                    "unexpected content after the JSON object at line "
                                            + p.currentLocation().getLineNr() + ", column "
                                            + p.currentLocation().getColumnNr())
                            .toException();
                }
            } catch (JsonProcessingException e) {
                throw Json.malformed(e).toException();
            }
            ProductRecord record = validate(fields);
            Prediction prediction = grade(record);
            send(res, PREDICT, 200, Json.prediction(prediction, predictor.modelVersion(), record.code()), start);
        } catch (ApiException e) {
            sendError(res, PREDICT, e.error(), start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void predictBatch(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        try {
            requireJson(req);
            List<Object> results = new ArrayList<>();
            try (JsonParser p = Json.FACTORY.createParser(body(req))) {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    throw ApiError.of(
                                    400,
                                    first == null ? "empty_body" : "not_an_array",
                                    "expected a JSON array of up to " + MAX_BATCH + " product objects, got "
                                            + (first == null ? "an empty body" : describe(first)))
                            .toException();
                }
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw ApiError.of(400, "malformed_json", "unexpected end of the batch array")
                                .toException();
                    }
                    int index = results.size();
                    if (index == MAX_BATCH) {
                        throw ApiError.of(
                                        413,
                                        "batch_too_large",
                                        "a batch holds at most " + MAX_BATCH + " records; split it into several "
                                                + "requests")
                                .toException();
                    }
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        results.add(new ApiError(
                                422, "invalid_record", "record", "expected a JSON object, got " + describe(t), 0, 0));
                        continue;
                    }
                    Map<String, Object> fields = Json.readFields(p);
                    try {
                        ProductRecord record = validate(fields);
                        results.add(new Graded(grade(record), record.code()));
                    } catch (ApiException e) {
                        results.add(e.error());
                    }
                }
                if (p.nextToken() != null) {
                    throw ApiError.of(400, "malformed_json", "unexpected content after the JSON array")
                            .toException();
                }
            } catch (JsonProcessingException e) {
                throw Json.malformed(e).toException();
            }
            String modelVersion = predictor.modelVersion();
            byte[] body = Json.write(128 + results.size() * 200, g -> {
                g.writeStartArray();
                for (int i = 0; i < results.size(); i++) {
                    writeBatchEntry(g, results.get(i), i, modelVersion);
                }
                g.writeEndArray();
            });
            send(res, PREDICT_BATCH, 200, body, start);
        } catch (ApiException e) {
            sendError(res, PREDICT_BATCH, e.error(), start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBatchEntry(JsonGenerator g, Object entry, int index, String modelVersion)
            throws IOException {
        if (entry instanceof Graded graded) {
            Json.writePrediction(g, graded.prediction(), modelVersion, graded.code());
        } else {
            Json.writeError(g, (ApiError) entry, index);
        }
    }

    private record Graded(Prediction prediction, Optional<String> code) {}

    private ProductRecord validate(Map<String, Object> fields) {
        try {
            return ProductRecords.fromFields(fields);
        } catch (InvalidRecordException e) {
            httpMetrics.invalidRecord();
            modelMetrics.recordInvalid();
            throw Json.invalidRecord(e).toException();
        }
    }

    private Prediction grade(ProductRecord record) {
        long t0 = System.nanoTime();
        Prediction prediction = predictor.predict(record);
        long nanos = System.nanoTime() - t0;
        httpMetrics.prediction(prediction, nanos);
        modelMetrics.recordPrediction(record, prediction, nanos / 1e6);
        return prediction;
    }

    private void health(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        send(res, HEALTH, 200, Json.object(Map.of("status", "UP")), start);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String reason = notReadyReason.get();
        if (reason == null) {
            send(res, READY, 200, Json.object(orderedMap("status", "READY", "model_version", modelVersion())), start);
        } else {
            send(res, READY, 503, Json.object(orderedMap("status", "NOT_READY", "reason", reason)), start);
        }
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            httpMetrics.writeText(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        httpMetrics.request(METRICS, 200, System.nanoTime() - start);
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, HttpMetrics.CONTENT_TYPE);
        res.send(out.toByteArray());
    }

    private void version(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        send(
                res,
                VERSION,
                200,
                Json.object(orderedMap(
                        "service",
                        "predictor-service",
                        "service_version",
                        buildInfo.serviceVersion(),
                        "model_version",
                        modelVersion(),
                        "build_commit",
                        buildInfo.buildCommit())),
                start);
    }

    private void methodNotAllowed(ServerRequest req, ServerResponse res, String route, String allowed) {
        long start = System.nanoTime();
        res.header(HeaderNames.ALLOW, allowed);
        sendError(
                res,
                route,
                ApiError.of(
                        405,
                        "method_not_allowed",
                        req.prologue().method().text() + " is not allowed on " + route + "; use " + allowed),
                start);
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        sendError(
                res,
                OTHER,
                ApiError.of(
                        404,
                        "not_found",
                        "no such path: " + req.path().rawPath() + " (paths: " + PREDICT + ", " + PREDICT_BATCH + ", "
                                + HEALTH + ", " + READY + ", " + METRICS + ", " + VERSION + ")"),
                start);
    }

    private void internalError(ServerRequest req, ServerResponse res, Throwable error) {
        LOG.error(
                "Request {} {} failed",
                req.prologue().method().text(),
                req.path().rawPath(),
                error);
        if (res.isSent()) {
            return;
        }
        sendError(res, OTHER, ApiError.of(500, "internal_error", "the service failed to answer; see its log"), 0);
    }

    private static void requireJson(ServerRequest req) {
        Optional<HttpMediaType> type;
        try {
            type = req.headers().contentType();
        } catch (RuntimeException e) {
            type = Optional.empty();
        }
        boolean json = type.isPresent()
                && "application".equalsIgnoreCase(type.get().type())
                && ("json".equalsIgnoreCase(type.get().subtype())
                        || type.get()
                                .subtype()
                                .toLowerCase(java.util.Locale.ROOT)
                                .endsWith("+json"));
        if (!json) {
            String got = req.headers().contains(HeaderNames.CONTENT_TYPE)
                    ? req.headers().get(HeaderNames.CONTENT_TYPE).get()
                    : "none";
            throw ApiError.of(415, "unsupported_media_type", "Content-Type must be " + JSON + ", got " + got)
                    .toException();
        }
    }

    private static InputStream body(ServerRequest req) {
        return req.content().hasEntity() ? req.content().inputStream() : InputStream.nullInputStream();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static Map<String, Object> orderedMap(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private void send(ServerResponse res, String route, int status, byte[] body, long start) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(body);
        httpMetrics.request(route, status, System.nanoTime() - start);
    }

    private void sendError(ServerResponse res, String route, ApiError error, long start) {
        send(res, route, error.status(), Json.error(error), start == 0 ? System.nanoTime() : start);
    }
}
