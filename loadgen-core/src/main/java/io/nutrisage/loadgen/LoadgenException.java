package io.nutrisage.loadgen;

/** A run could not be set up or its outputs could not be written; the message says what and where. */
public class LoadgenException extends RuntimeException {
    public LoadgenException(String message) {
        super(message);
    }

    public LoadgenException(String message, Throwable cause) {
        super(message, cause);
    }
}
