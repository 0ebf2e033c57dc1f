package io.nutrisage.predictor.http;

import io.nutrisage.predictor.metrics.EmfSink;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one predictor server runs. Immutable; derive variants with the {@code with...} methods.
 *
 * @param host address to bind ({@code 0.0.0.0} in a container, {@code 127.0.0.1} embedded)
 * @param port TCP port; 0 picks a free one
 * @param drainTimeout how long a stop waits for in-flight requests (ECS waits 30 s before SIGKILL)
 * @param maxBodyBytes largest accepted request body; larger ones get 413 without being read
 * @param serviceName the {@code ServiceName} dimension of the EMF metrics
 * @param emfSink where the per-second EMF lines go ({@link EmfSink#stdout()} in production)
 * @param emfMaxValuesPerSecond latency/confidence values kept per second (sampled beyond)
 */
public record ServerConfig(
        String host,
        int port,
        Duration drainTimeout,
        long maxBodyBytes,
        String serviceName,
        EmfSink emfSink,
        int emfMaxValuesPerSecond) {

    public static final int DEFAULT_PORT = 8000;
    /** Liveness path: the ALB target group, and the ECS health check both probe it. */
    public static final String HEALTH_PATH = "/health";

    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final String DEFAULT_SERVICE_NAME = "nutrisage-predictor";
    public static final int DEFAULT_EMF_MAX_VALUES_PER_SECOND = 1000;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative() || drainTimeout.compareTo(Duration.ofSeconds(30)) >= 0) {
            throw new IllegalArgumentException("drainTimeout must be 0 s .. < 30 s (ECS stops a task 30 s after "
                    + "SIGTERM), got " + drainTimeout);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(emfSink, "emfSink");
        if (emfMaxValuesPerSecond < 1) {
            throw new IllegalArgumentException("emfMaxValuesPerSecond must be >= 1, got " + emfMaxValuesPerSecond);
        }
    }

    /** Production defaults: all interfaces, port 8000, EMF on stdout. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                "0.0.0.0",
                DEFAULT_PORT,
                DEFAULT_DRAIN_TIMEOUT,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_SERVICE_NAME,
                EmfSink.stdout(),
                DEFAULT_EMF_MAX_VALUES_PER_SECOND);
    }

    /** For a replica inside another process: loopback, a free port, no EMF output. */
    public static ServerConfig embedded() {
        return defaults().withHost("127.0.0.1").withPort(0).withEmfSink(EmfSink.none());
    }

    /**
     * Production defaults overridden by environment variables: {@code PORT}, {@code DRAIN_TIMEOUT_SECONDS},
     * {@code SERVICE_NAME}, {@code EMF_MAX_VALUES_PER_SECOND}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not valid
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        ServerConfig c = defaults();
        if (env.containsKey("PORT")) {
            c = c.withPort(integer(env, "PORT"));
        }
        if (env.containsKey("DRAIN_TIMEOUT_SECONDS")) {
            c = c.withDrainTimeout(Duration.ofSeconds(integer(env, "DRAIN_TIMEOUT_SECONDS")));
        }
        if (env.containsKey("SERVICE_NAME") && !env.get("SERVICE_NAME").isBlank()) {
            c = c.withServiceName(env.get("SERVICE_NAME").strip());
        }
        if (env.containsKey("EMF_MAX_VALUES_PER_SECOND")) {
            c = new ServerConfig(
                    c.host,
                    c.port,
                    c.drainTimeout,
                    c.maxBodyBytes,
                    c.serviceName,
                    c.emfSink,
                    integer(env, "EMF_MAX_VALUES_PER_SECOND"));
        }
        return c;
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, drainTimeout, maxBodyBytes, serviceName, emfSink, emfMaxValuesPerSecond);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, drainTimeout, maxBodyBytes, serviceName, emfSink, emfMaxValuesPerSecond);
    }

    public ServerConfig withDrainTimeout(Duration newDrainTimeout) {
        return new ServerConfig(host, port, newDrainTimeout, maxBodyBytes, serviceName, emfSink, emfMaxValuesPerSecond);
    }

    public ServerConfig withServiceName(String newServiceName) {
        return new ServerConfig(host, port, drainTimeout, maxBodyBytes, newServiceName, emfSink, emfMaxValuesPerSecond);
    }

    public ServerConfig withEmfSink(EmfSink newEmfSink) {
        return new ServerConfig(host, port, drainTimeout, maxBodyBytes, serviceName, newEmfSink, emfMaxValuesPerSecond);
    }

    private static int integer(Map<String, String> env, String name) {
        String raw = env.get(name).strip();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + raw + "\"", e);
        }
    }
}
