package io.nutrisage.infra.cfn;

/** A template that cannot be read or parsed; the message names the file and, where known, the line. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
