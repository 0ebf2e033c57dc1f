package io.nutrisage.predictor.record;

import java.util.Objects;

/** A product record that cannot be graded, with the field at fault and a message a client can act on. */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRecordException(String field, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The offending field as the client spelled it, or {@code "record"} when the record as a whole is at fault. */
    public String field() {
        return field;
    }
}
