package io.nutrisage.predictor.metrics;

/**
 * Receives each second's model metrics in process (the console's local sandbox reads replicas this way instead of
 * parsing stdout). Called on the metrics flusher thread once per second, after the EMF lines are written;
 * implementations must return quickly and must not block. An exception is logged and does not stop later calls.
 */
@FunctionalInterface
public interface ModelSecondListener {
    void onSecond(ModelSecond second);
}
