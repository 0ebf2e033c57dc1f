package io.nutrisage.app.session;

/** The lines the console charts, each fed by a load snapshot field or a monitored series. */
public enum Trace {
    CPU("CPU %"),
    MEMORY("Memory %"),
    RUNNING_TASKS("Running tasks"),
    DESIRED_TASKS("Desired tasks"),
    P90_SERVER("p90 ModelLatencyMs (server)"),
    P90_CLIENT("p90 latency (client, corrected)"),
    /** The load balancer's (or the sandbox front's) p90 TargetResponseTime: what every client of the service saw. */
    P90_FRONT("p90 response time at the front"),
    CONFIDENCE("Average confidence"),
    INPUT_SUGARS("Input sugars mean"),
    INPUT_SODIUM("Input sodium mean"),
    TARGET_RATE("Target rate"),
    ACHIEVED_RATE("Achieved rate"),
    /** Requests the load balancer (or the sandbox front) served per second, whoever sent them. */
    SERVED_RATE("Served at the front"),
    CLIENT_ERRORS("Client errors/s"),
    TARGET_5XX("5xx/s at the front"),
    /** What the request-count scaling policy tracks: requests per registered target in a (sandbox) minute. */
    REQUESTS_PER_TARGET("Requests per target");

    private final String label;

    Trace(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
