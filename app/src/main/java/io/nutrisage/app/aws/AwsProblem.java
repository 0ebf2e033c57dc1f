package io.nutrisage.app.aws;

import java.util.Objects;

/** What went wrong talking to AWS, in words a user can act on. */
public record AwsProblem(Kind kind, String message) {
    public enum Kind {
        CREDENTIALS_MISSING,
        CREDENTIALS_EXPIRED,
        ACCESS_DENIED,
        NO_REGION,
        NOT_FOUND,
        THROTTLED,
        SERVICE_ERROR,
        TIMEOUT,
        NETWORK,
        /** AWS (or whatever answered in its place) sent a body the SDK cannot parse. */
        UNREADABLE_RESPONSE,
        CANCELLED,
        OTHER;

        /** Problems that last until the user acts (log in, fix names, grant permissions). */
        public boolean needsUserAction() {
            return this == CREDENTIALS_MISSING
                    || this == CREDENTIALS_EXPIRED
                    || this == ACCESS_DENIED
                    || this == NO_REGION
                    || this == NOT_FOUND;
        }
    }

    public AwsProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
