package io.nutrisage.app.monitoring;

/** How the console's link to a target is doing. */
public enum ConnectionState {
    CONNECTING,
    CONNECTED,
    /** Answers arrive but some calls fail or data is stale; monitoring keeps retrying. */
    DEGRADED,
    DISCONNECTED
}
