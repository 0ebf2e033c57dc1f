package io.nutrisage.predictor.http;

import java.util.Objects;

/**
 * A client mistake answered with a 4xx JSON body: {@code {"error":"invalid_record","field":"sugars_100g",
 * "message":"must not be negative, got -1"}} (plus {@code line}/{@code column} for malformed JSON).
 *
 * @param status HTTP status
 * @param error stable machine-readable code, e.g. {@code malformed_json}
 * @param field offending field, or null when the request as a whole is at fault
 * @param message what is wrong, in words a client can act on
 * @param line 1-based line of malformed JSON, or 0
 * @param column 1-based column of malformed JSON, or 0
 */
record ApiError(int status, String error, String field, String message, int line, int column) {
    ApiError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
    }

    static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, null, message, 0, 0);
    }

    ApiException toException() {
        return new ApiException(this);
    }

    /** Unwinds request parsing to the handler, which answers with the error; no stack trace is filled in. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;

        ApiException(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }
}
