package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.MetricId;
import java.util.Objects;

/**
 * A CloudWatch metric alarm as the templates define it: ALARM when at least {@code datapointsToAlarm} of the last
 * {@code evaluationPeriods} datapoints breach the threshold.
 */
public record AlarmDefinition(
        String name,
        String description,
        MetricId metric,
        Comparison comparison,
        double threshold,
        int evaluationPeriods,
        int datapointsToAlarm) {

    public AlarmDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        if (evaluationPeriods < 1 || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException(
                    "alarm " + name + ": need 1 <= datapointsToAlarm <= evaluationPeriods, got " + datapointsToAlarm
                            + " of " + evaluationPeriods);
        }
    }

    /** Comparison operators with CloudWatch's wording in state reasons. */
    public enum Comparison {
        GREATER_THAN("greater than"),
        LESS_THAN("less than");

        private final String wording;

        Comparison(String wording) {
            this.wording = wording;
        }

        boolean breaches(double value, double threshold) {
            return this == GREATER_THAN ? value > threshold : value < threshold;
        }

        String wording() {
            return wording;
        }
    }
}
