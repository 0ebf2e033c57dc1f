package io.nutrisage.predictor.http;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.nutrisage.predictor.metrics.HttpMetrics;
import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.model.GradePredictor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running predictor HTTP server: the production container runs one, the console's sandbox runs several in one
 * JVM. Start with {@link #start}; {@link #stop()} stops accepting connections, lets in-flight requests finish within
 * the configured drain timeout, and writes the last second of model metrics.
 *
 * <pre>{@code
 * try (PredictorServer server = PredictorServer.start(ServerConfig.embedded(), GradePredictors.loadBundled())) {
 *     server.modelMetrics().addListener(second -> ...);
 *     URI base = URI.create("http://127.0.0.1:" + server.port());
 * }
 * }</pre>
 */
public final class PredictorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictorServer.class);

    private final WebServer server;
    private final PredictorService service;
    private final ModelMetrics modelMetrics;
    private final ServerConfig config;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final int port;

    private PredictorServer(
            WebServer server, PredictorService service, ModelMetrics modelMetrics, ServerConfig config) {
        this.server = server;
        this.port = server.port();
        this.service = service;
        this.modelMetrics = modelMetrics;
        this.config = config;
    }

    /** Starts a server, runs the model self-test and returns once it listens. */
    public static PredictorServer start(ServerConfig config, GradePredictor predictor) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(predictor, "predictor");
        HttpMetrics httpMetrics = new HttpMetrics();
        ModelMetrics modelMetrics = new ModelMetrics(
                config.serviceName(),
                predictor.modelVersion(),
                config.emfSink(),
                config.emfMaxValuesPerSecond(),
                Clock.systemUTC());
        PredictorService service = new PredictorService(predictor, httpMetrics, modelMetrics, BuildInfo.load());
        JsonDirectHandler direct = new JsonDirectHandler(config.maxBodyBytes(), httpMetrics);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(config.drainTimeout())
                .maxPayloadSize(config.maxBodyBytes())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(EventType.BAD_REQUEST, direct)
                        .addHandler(EventType.PAYLOAD_TOO_LARGE, direct)
                        .addHandler(EventType.INTERNAL_ERROR, direct)
                        .addHandler(EventType.OTHER, direct)
                        .build())
                .routing(service::routing)
                .build();
        service.selfTest();
        server.start();
        modelMetrics.start();
        return new PredictorServer(server, service, modelMetrics, config);
    }

    /** The port the server listens on (the chosen one when configured with port 0). */
    public int port() {
        return port;
    }

    /** True once the model self-test passed and until {@link #stop()} begins. */
    public boolean isReady() {
        return service.isReady();
    }

    /** This server's per-second model metrics: add a {@link io.nutrisage.predictor.metrics.ModelSecondListener}. */
    public ModelMetrics modelMetrics() {
        return modelMetrics;
    }

    public String modelVersion() {
        return service.modelVersion();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Graceful stop: {@code /ready} turns 503, the listener closes, in-flight requests get up to the drain timeout
     * to finish, then the last model metrics are flushed. Idempotent; blocks until done.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        service.markDraining();
        server.stop();
        modelMetrics.close();
        LOG.info(
                "Predictor server on port {} stopped after draining for {} ms",
                port,
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @Override
    public void close() {
        stop();
    }
}
