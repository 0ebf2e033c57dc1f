package io.nutrisage.predictor.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.nutrisage.predictor.metrics.HttpMetrics;

/**
 * Answers protocol-level errors the server detects before or while reading a request (body over the size limit,
 * broken request line or headers) with the same JSON error body as the routes, and counts them.
 */
final class JsonDirectHandler implements DirectHandler {
    private final long maxBodyBytes;
    private final HttpMetrics metrics;

    JsonDirectHandler(long maxBodyBytes, HttpMetrics metrics) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        int code = defaultStatus.code();
        ApiError error;
        if (code == Status.REQUEST_ENTITY_TOO_LARGE_413_CODE) {
            error = ApiError.of(
                    413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes (1 MiB); split the batch");
        } else if (code >= 500) {
            error = ApiError.of(code, "internal_error", "the service failed to answer; see its log");
        } else {
            // Helidon's messages for protocol errors are safe (no internals) and say what was wrong.
            error = ApiError.of(code, "bad_request", message == null || message.isBlank() ? "bad request" : message);
        }
        metrics.request(PredictorService.OTHER, code, 0);
        TransportResponse.Builder response = TransportResponse.builder()
                .status(defaultStatus)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(Json.error(error));
        return response.build();
    }
}
