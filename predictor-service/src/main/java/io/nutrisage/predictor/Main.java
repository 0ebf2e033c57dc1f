package io.nutrisage.predictor;

import io.nutrisage.predictor.http.PredictorServer;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs the predictor service as the container does: configuration from the environment ({@code PORT},
 * {@code DRAIN_TIMEOUT_SECONDS}, {@code SERVICE_NAME}, {@code EMF_MAX_VALUES_PER_SECOND}), EMF metrics on stdout,
 * logs on stderr. SIGTERM (what ECS sends) and SIGINT drain in-flight requests, then exit with status 0.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        GradePredictor predictor = GradePredictors.loadBundled();
        PredictorServer server = PredictorServer.start(config, predictor);
        LOG.info(
                "NutriSage predictor listening on port {} (model {}, ready: {})",
                server.port(),
                server.modelVersion(),
                server.isReady());

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.error("Graceful stop failed", e);
            } finally {
                stopped.countDown();
            }
        };
        // A JVM killed by SIGTERM exits with 143 even after its shutdown hooks ran; handling the signal lets the
        // service drain and then exit 0, which ECS records as a clean stop.
        Signal.handle(
                new Signal("TERM"),
                signal -> Thread.ofPlatform().name("sigterm").start(stop));
        Signal.handle(
                new Signal("INT"), signal -> Thread.ofPlatform().name("sigint").start(stop));
        stopped.await();
        System.exit(0);
    }
}
