package io.nutrisage.app.ui;

import io.nutrisage.app.load.LoadPhase;
import java.time.Duration;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** One editable row of the phase table: duration in profile seconds and the start and end rate. */
public final class PhaseRow {
    private final DoubleProperty seconds = new SimpleDoubleProperty(this, "seconds");
    private final DoubleProperty fromRate = new SimpleDoubleProperty(this, "fromRate");
    private final DoubleProperty toRate = new SimpleDoubleProperty(this, "toRate");

    public PhaseRow(double seconds, double fromRate, double toRate) {
        this.seconds.set(seconds);
        this.fromRate.set(fromRate);
        this.toRate.set(toRate);
    }

    public static PhaseRow of(LoadPhase phase) {
        return new PhaseRow(phase.duration().toMillis() / 1000.0, phase.fromRate(), phase.toRate());
    }

    /** The row as a validated phase; throws with the offending value named. */
    public LoadPhase toPhase() {
        return new LoadPhase(Duration.ofMillis(Math.round(seconds.get() * 1000)), fromRate.get(), toRate.get());
    }

    public DoubleProperty secondsProperty() {
        return seconds;
    }

    public DoubleProperty fromRateProperty() {
        return fromRate;
    }

    public DoubleProperty toRateProperty() {
        return toRate;
    }
}
