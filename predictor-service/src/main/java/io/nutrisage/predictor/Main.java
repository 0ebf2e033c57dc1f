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
 * Runs the predictor service as the container does: configuration from the environment ({@link
 * ContainerEnvironment}), EMF metrics on stdout, logs on stderr. SIGTERM (what ECS sends) and SIGINT drain in-flight
 * requests, then exit with status 0; an invalid variable exits with status 2 and names it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ContainerEnvironment.Settings settings;
        try {
            settings = ContainerEnvironment.read(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        // slf4j-simple reads its level once, when the first logger is made: set it before any class logs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", settings.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        ServerConfig config = settings.server();
        GradePredictor predictor = GradePredictors.loadBundled();
        PredictorServer server = PredictorServer.start(config, predictor);
        log.info(
                "NutriSage predictor listening on port {} (model {}, ready: {})",
                server.port(),
                server.modelVersion(),
                server.isReady());

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                server.stop();
            } catch (RuntimeException e) {
                log.error("Graceful stop failed", e);
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
