package io.nutrisage.loadgen;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram in milliseconds; all zero when {@code count} is 0. */
public record LatencySummary(
        long count, double p50, double p90, double p95, double p99, double p999, double max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    /** Reads a histogram recorded in microseconds. */
    static LatencySummary ofMicros(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()),
                h.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** A percentile by name: {@code p50 p90 p95 p99 p99.9 max mean}. */
    public double get(String name) {
        return switch (name) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p95" -> p95;
            case "p99" -> p99;
            case "p99.9", "p999" -> p999;
            case "max" -> max;
            case "mean", "avg" -> mean;
            default -> throw new IllegalArgumentException("unknown latency statistic '" + name + "'");
        };
    }
}
