package io.nutrisage.app.aws;

/**
 * AWS could not be used for a reason the user can read and act on; {@link #getMessage()} is that text (no stack trace
 * needs to be shown).
 */
public final class AwsAccessException extends RuntimeException {
    private final transient AwsProblem problem;

    public AwsAccessException(AwsProblem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = problem;
    }

    public AwsProblem problem() {
        return problem;
    }
}
