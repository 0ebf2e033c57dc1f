package io.nutrisage.app.ui;

import io.nutrisage.app.monitoring.MonitoringTarget;
import java.util.List;

/**
 * How the console reaches an AWS stack: the composition root connects through the AWS backend, tests point it at the
 * stub. Both methods may block on I/O: the view-model calls them off the UI thread.
 */
public interface AwsConnector {
    /** Connects to the stack; failures carry the user-facing message (with its fix). */
    MonitoringTarget connect(AwsConnectRequest request) throws Exception;

    /** The recently used targets, newest first. */
    List<AwsConnectRequest> recent();

    /** For consoles without AWS (e.g. view-model tests of the sandbox only). */
    static AwsConnector unavailable() {
        return new AwsConnector() {
            @Override
            public MonitoringTarget connect(AwsConnectRequest request) {
                throw new IllegalStateException("AWS targets are not available in this console");
            }

            @Override
            public List<AwsConnectRequest> recent() {
                return List.of();
            }
        };
    }
}
