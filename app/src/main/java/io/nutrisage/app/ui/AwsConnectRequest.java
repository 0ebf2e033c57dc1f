package io.nutrisage.app.ui;

import io.nutrisage.app.aws.AwsTargetSpec;
import java.util.Locale;
import java.util.Objects;

/**
 * What the AWS connect dialog asks for: a profile and a region (blank = the SDK's default chains) and either a stack or
 * environment name to resolve, or the stack's names typed by hand. Never a secret: credentials come from the default
 * chain.
 */
public record AwsConnectRequest(String profile, String region, Target target) {

    /** How the stack's names are found. */
    public sealed interface Target permits Stack, ByHand {}

    /** Names read from CloudFormation outputs of a stack or of an environment's {@code <env>-*} stacks. */
    public record Stack(String name) implements Target {
        public Stack {
            name = name == null ? "" : name.strip();
        }
    }

    /** Names typed by hand (validated when the spec was built: see {@link io.nutrisage.app.aws.HandEnteredNames}). */
    public record ByHand(AwsTargetSpec spec) implements Target {
        public ByHand {
            Objects.requireNonNull(spec, "spec");
        }
    }

    public AwsConnectRequest {
        profile = profile == null ? "" : profile.strip();
        region = region == null ? "" : region.strip();
        Objects.requireNonNull(target, "target");
    }

    /** A request by stack or environment name. */
    public AwsConnectRequest(String profile, String region, String stackName) {
        this(profile, region, new Stack(stackName));
    }

    /** A request with the names typed by hand. */
    public static AwsConnectRequest byHand(String profile, String region, AwsTargetSpec spec) {
        return new AwsConnectRequest(profile, region, new ByHand(spec));
    }

    /** The stack or environment name; blank for names typed by hand. */
    public String stackName() {
        return target instanceof Stack s ? s.name() : "";
    }

    /** The label of this target in the target chooser. */
    public String label() {
        String name =
                switch (target) {
                    case Stack s -> s.name();
                    case ByHand h -> h.spec().name() + " by hand";
                };
        return String.format(
                Locale.ROOT,
                "AWS %s (%s%s)",
                name,
                region.isEmpty() ? "default region" : region,
                profile.isEmpty() ? "" : ", profile " + profile);
    }
}
