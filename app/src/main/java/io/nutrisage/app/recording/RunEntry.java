package io.nutrisage.app.recording;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import java.time.Instant;

/** One line of a run recording. The {@code type} property names the kind in the JSON line. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEntry.RunStarted.class, name = "run-started"),
    @JsonSubTypes.Type(value = RunEntry.PhaseStarted.class, name = "phase"),
    @JsonSubTypes.Type(value = RunEntry.LoadSample.class, name = "load"),
    @JsonSubTypes.Type(value = RunEntry.MetricSample.class, name = "metric"),
    @JsonSubTypes.Type(value = RunEntry.Activity.class, name = "activity"),
    @JsonSubTypes.Type(value = RunEntry.Transition.class, name = "alarm"),
    @JsonSubTypes.Type(value = RunEntry.Event.class, name = "event"),
    @JsonSubTypes.Type(value = RunEntry.LoadFinished.class, name = "load-finished"),
    @JsonSubTypes.Type(value = RunEntry.RunEnded.class, name = "run-ended")
})
public sealed interface RunEntry {
    Instant time();

    record RunStarted(Instant time, String target, LoadPlan plan) implements RunEntry {}

    record PhaseStarted(Instant time, int index, String description) implements RunEntry {}

    record LoadSample(Instant time, LoadSnapshot snapshot) implements RunEntry {}

    record MetricSample(Instant time, MetricId metric, double value) implements RunEntry {}

    record Activity(Instant time, ScalingActivity activity) implements RunEntry {}

    record Transition(Instant time, AlarmTransition transition) implements RunEntry {}

    record Event(Instant time, ServiceEvent event) implements RunEntry {}

    /** The load generator's totals, once its run has finished (before {@link RunEnded}, which closes the file). */
    record LoadFinished(Instant time, LoadTotals totals) implements RunEntry {}

    record RunEnded(Instant time, String reason) implements RunEntry {}
}
