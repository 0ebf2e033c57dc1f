package io.nutrisage.loadgen;

/**
 * How requests ended: responses by status class, and transport errors by kind.
 *
 * @param refused the connection was refused
 * @param timeout no complete response within the request timeout
 * @param reset the connection was reset or closed mid-exchange
 * @param otherErrors any other I/O failure (including calls cancelled when a stopped run gave up waiting)
 */
public record Outcomes(
        long status2xx,
        long status3xx,
        long status4xx,
        long status5xx,
        long refused,
        long timeout,
        long reset,
        long otherErrors) {

    public static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0, 0, 0);

    /** Responses plus transport errors. */
    public long total() {
        return status2xx + status3xx + status4xx + status5xx + refused + timeout + reset + otherErrors;
    }

    /** 4xx and 5xx responses plus transport errors. */
    public long errors() {
        return status4xx + status5xx + refused + timeout + reset + otherErrors;
    }

    /** Errors over all finished requests, 0..1 (0 when nothing finished). */
    public double errorRate() {
        long total = total();
        return total == 0 ? 0 : errors() / (double) total;
    }

    public Outcomes plus(Outcomes o) {
        return new Outcomes(
                status2xx + o.status2xx,
                status3xx + o.status3xx,
                status4xx + o.status4xx,
                status5xx + o.status5xx,
                refused + o.refused,
                timeout + o.timeout,
                reset + o.reset,
                otherErrors + o.otherErrors);
    }
}
