package io.nutrisage.app.sandbox;

import java.io.IOException;

/** Starts replicas for the sandbox fleet; the seam where predictor-service's embeddable server plugs in. */
@FunctionalInterface
public interface ReplicaFactory {
    /**
     * Starts a replica on a loopback ephemeral port and returns once it accepts requests.
     *
     * @param taskId the sandbox task id, for logs
     */
    Replica start(String taskId) throws IOException;
}
