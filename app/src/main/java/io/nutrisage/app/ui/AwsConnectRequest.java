package io.nutrisage.app.ui;

import java.util.Locale;

/**
 * What the AWS connect dialog asks for: a profile and a region (blank = the SDK's default chains) and a stack or
 * environment name. Never a secret: credentials come from the default chain.
 */
public record AwsConnectRequest(String profile, String region, String stackName) {
    public AwsConnectRequest {
        profile = profile == null ? "" : profile.strip();
        region = region == null ? "" : region.strip();
        stackName = stackName == null ? "" : stackName.strip();
    }

    /** The label of this target in the target chooser. */
    public String label() {
        return String.format(
                Locale.ROOT,
                "AWS %s (%s%s)",
                stackName,
                region.isEmpty() ? "default region" : region,
                profile.isEmpty() ? "" : ", profile " + profile);
    }
}
