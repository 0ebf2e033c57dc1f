package io.nutrisage.predictor;

import io.nutrisage.predictor.http.ServerConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every environment variable the predictor reads when it runs as a container ({@link Main}), and nothing else: the
 * contract with the task definition that starts it. infra-templates' tests read the variables {@link Main} really
 * consults (through {@link #read}) and check each one the task definition sets against them, and each one marked
 * {@link #setByTheDeployment} against the task definition.
 */
public enum ContainerEnvironment {
    /** TCP port; the target group and the container's port mapping use the same one. */
    PORT(true),
    /**
     * Value of the {@code ServiceName} dimension of every EMF metric. The stack's alarms and dashboard select the
     * metrics by it, so the deployment passes its ECS service name rather than relying on the default.
     */
    SERVICE_NAME(true),
    /** slf4j-simple's level for the service's own logs on stderr: trace, debug, info (default), warn or error. */
    LOG_LEVEL(false),
    /** How long a stop waits for requests in flight (default 20, below ECS's 30 s stop timeout). */
    DRAIN_TIMEOUT_SECONDS(false),
    /** Latency and confidence values kept per second for the EMF lines (sampled beyond). */
    EMF_MAX_VALUES_PER_SECOND(false);

    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private final boolean setByTheDeployment;

    ContainerEnvironment(boolean setByTheDeployment) {
        this.setByTheDeployment = setByTheDeployment;
    }

    /** Whether a deployment must set the variable: its default is right only on a developer's machine. */
    public boolean setByTheDeployment() {
        return setByTheDeployment;
    }

    /** What {@link Main} reads from the environment, validated. */
    public record Settings(ServerConfig server, String logLevel) {}

    /**
     * Reads every variable {@link Main} uses from {@code env}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not valid
     */
    public static Settings read(Map<String, String> env) {
        return new Settings(ServerConfig.fromEnvironment(env), logLevel(env));
    }

    private static String logLevel(Map<String, String> env) {
        String raw = env.get(LOG_LEVEL.name());
        if (raw == null || raw.isBlank()) {
            return "info";
        }
        String level = raw.strip().toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new IllegalArgumentException(
                    "LOG_LEVEL must be one of trace, debug, info, warn, error, got \"" + raw.strip() + "\"");
        }
        return level;
    }
}
