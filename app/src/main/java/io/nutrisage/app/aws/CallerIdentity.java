package io.nutrisage.app.aws;

import java.util.Objects;

/** Who the console acts as (STS GetCallerIdentity): no secrets, just the account and principal. */
public record CallerIdentity(String account, String arn, String userId) {
    public CallerIdentity {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
    }
}
