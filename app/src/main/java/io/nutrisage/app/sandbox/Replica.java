package io.nutrisage.app.sandbox;

import java.net.URI;

/**
 * One running predictor-service instance of the sandbox, the local stand-in for an ECS task. Implementations are
 * thread-safe: the sandbox samples them from its tick thread while requests run on the replica's own threads.
 */
public interface Replica extends AutoCloseable {
    /** Base URL, e.g. {@code http://127.0.0.1:41234}; {@code /predict} and {@code /health} live under it. */
    URI endpoint();

    /** CPU time consumed so far by the threads that serve this replica's requests (cumulative, nanoseconds). */
    long cpuTimeNanos();

    /** The replica's own model metrics since the previous call (ModelLatencyMs, Confidence, errors, input means). */
    ModelInterval takeInterval();

    /** Stops accepting requests and releases the port; waits briefly for requests in flight. Idempotent. */
    @Override
    void close();
}
