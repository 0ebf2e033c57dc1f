package io.nutrisage.app.ui;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.util.StringConverter;

/**
 * The charts' time axis. Values are seconds since the run's origin whatever the labels say: "90 s" (the default) or
 * the local wall-clock time of origin + value, "10:01:30", with ticks on round local times (every 10 s, 1 min,
 * 15 min…) so a capture reads against CloudWatch's clock. No axis name: the ticks carry the unit, and the row it took on
 * every chart is the room the eighth chart needed (the zone of the wall clock is named beside the choice).
 */
final class TimeAxis extends DefaultNumericAxis {
    /** What the tick labels show. */
    enum Labels {
        SINCE_START("seconds since start"),
        WALL_CLOCK("wall clock");

        private final String text;

        Labels(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Tick steps on a wall clock, in seconds: round seconds, minutes and hours. */
    private static final double[] CLOCK_STEPS = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400
    };

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;
    private Labels labels = Labels.SINCE_START;
    private Instant origin = Instant.EPOCH;

    TimeAxis(ZoneId zone) {
        super(null, null);
        this.zone = Objects.requireNonNull(zone, "zone");
        relabel();
    }

    Labels labels() {
        return labels;
    }

    void setLabels(Labels labels) {
        if (labels != this.labels) {
            this.labels = Objects.requireNonNull(labels, "labels");
            relabel();
        }
    }

    void setOrigin(Instant origin) {
        if (!origin.equals(this.origin)) {
            this.origin = origin;
            relabel();
        }
    }

    /** A new formatter: chartfx re-labels when the property changes. */
    private void relabel() {
        Labels mode = labels;
        Instant from = origin;
        setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return label(mode, from, zone, seconds.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("tick labels are not parsed");
            }
        });
        invalidateAxisRange.run();
        invalidateLayout.run(); // labels of another width
    }

    /** The tick label of {@code seconds} since {@code origin}: "90 s", or the local time in {@code zone}. */
    static String label(Labels labels, Instant origin, ZoneId zone, double seconds) {
        if (labels == Labels.WALL_CLOCK) {
            return CLOCK.format(origin.plusMillis(Math.round(seconds * 1000)).atZone(zone));
        }
        return new BigDecimal(seconds)
                        .round(MathContext.DECIMAL32)
                        .stripTrailingZeros()
                        .toPlainString() + " s";
    }

    @Override
    public double computePreferredTickUnit(double axisLength) {
        if (labels != Labels.WALL_CLOCK) {
            return super.computePreferredTickUnit(axisLength);
        }
        // Room for "00:00:00" and a gap: about six characters of the tick font per label.
        int fitting = (int) Math.floor(axisLength / (getTickLabelFont().getSize() * 6));
        double raw = (getMax() - getMin()) / Math.max(2, Math.min(fitting, getMaxMajorTickLabelCount()));
        for (double step : CLOCK_STEPS) {
            if (step >= raw) {
                return step;
            }
        }
        return CLOCK_STEPS[CLOCK_STEPS.length - 1];
    }

    @Override
    protected void calculateMajorTickValues(AxisRange range, DoubleArrayList ticks) {
        if (labels != Labels.WALL_CLOCK || !(range.getTickUnit() > 0)) {
            super.calculateMajorTickValues(range, ticks);
            return;
        }
        ticks(range.getLowerBound(), range.getUpperBound(), range.getTickUnit(), 0, ticks);
    }

    @Override
    protected void calculateMinorTickValues(DoubleArrayList ticks) {
        if (labels != Labels.WALL_CLOCK || getMinorTickCount() <= 0 || !(getTickUnit() > 0)) {
            super.calculateMinorTickValues(ticks);
            return;
        }
        ticks(getMin(), getMax(), getTickUnit() / getMinorTickCount(), getTickUnit(), ticks);
    }

    /**
     * The values in {@code [from, to]} whose local time is a multiple of {@code step}, leaving out multiples of
     * {@code skip} (the major ticks, when these are minor ones; 0 for none).
     */
    private void ticks(double from, double to, double step, double skip, DoubleArrayList ticks) {
        double shift = localSecondsOfDay(origin, zone);
        int max = getMaxMajorTickLabelCount() * Math.max(1, getMinorTickCount());
        for (double t = Math.ceil((from + shift) / step) * step; t - shift <= to && ticks.size() <= max; t += step) {
            if (skip > 0 && Math.abs(Math.IEEEremainder(t, skip)) < 1e-6) {
                continue;
            }
            ticks.add(t - shift);
        }
    }

    /** Seconds since local midnight of {@code time} in {@code zone}: what makes a tick value round on the clock. */
    static double localSecondsOfDay(Instant time, ZoneId zone) {
        var local = time.atZone(zone).toLocalTime();
        return local.toSecondOfDay() + local.getNano() / 1e9;
    }
}
