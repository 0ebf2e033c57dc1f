package io.nutrisage.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import io.nutrisage.predictor.record.Nutrient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecklistTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    /** Round numbers instead of the bundled ones, so the evidence below reads as worked out. */
    private static final Map<Trace, DriftBand> BANDS = DriftBands.of(new DriftBaseline(
            "test",
            new DriftBaseline.Bootstrap(60, 0.999, 1_000, 1),
            new DriftBand("InputSugarsMean", Nutrient.SUGARS, 12, 6, 20, 60, 100),
            new DriftBand("InputSodiumMean", Nutrient.SODIUM, 0.3, 0.15, 1, 60, 100)));

    @Test
    void inputsWhoseRunAverageIsInsideTheBandPassWithTheStrayDatapointsCounted() {
        RunTimeline t = new RunTimeline(T0);
        // Sugars 10, 10, 22 (one point above the band; average 14), sodium 0.3 throughout.
        add(t, MetricId.INPUT_SUGARS_MEAN, 10, 10, 22);
        add(t, MetricId.INPUT_SODIUM_MEAN, 0.3, 0.3, 0.3);

        RunCheck check = Checklist.inputsWithinBaseline(t, BANDS);

        assertThat(check.passed()).isTrue();
        assertThat(check.name()).isEqualTo("Inputs within the training baseline");
        assertThat(check.evidence())
                .isEqualTo(
                        "sugars: mean 14.00 g/100 g over 3 datapoints, 1 outside the band 6.000–20.00 (training mean 12.00);"
                                + " sodium: mean 0.3000 g/100 g over 3 datapoints, 0 outside the band 0.1500–1.000 (training"
                                + " mean 0.3000)");
    }

    @Test
    void aRunWhoseAverageLeftTheBandFails() {
        RunTimeline t = new RunTimeline(T0);
        add(t, MetricId.INPUT_SUGARS_MEAN, 25, 26);
        add(t, MetricId.INPUT_SODIUM_MEAN, 0.3);

        RunCheck check = Checklist.inputsWithinBaseline(t, BANDS);

        assertThat(check.passed()).isFalse();
        assertThat(check.evidence()).startsWith("sugars: mean 25.50 g/100 g over 2 datapoints, 2 outside");
    }

    @Test
    void aRunWithoutInputMeansFailsAndSaysSo() {
        RunCheck check = Checklist.inputsWithinBaseline(new RunTimeline(T0), BANDS);

        assertThat(check.passed()).isFalse();
        assertThat(check.evidence())
                .isEqualTo("sugars: no InputSugarsMean datapoint; sodium: no InputSodiumMean datapoint");
    }

    @Test
    void theChecklistJudgesTheInputsAgainstTheBundledBaseline() {
        assertThat(Checklist.evaluate(new RunTimeline(T0)))
                .extracting(RunCheck::name)
                .endsWith("Inputs within the training baseline");
        assertThat(DriftBands.bundled().values())
                .containsExactly(DriftBands.BUNDLED.sugars(), DriftBands.BUNDLED.sodium());
    }

    private static void add(RunTimeline t, MetricId id, double... values) {
        for (int i = 0; i < values.length; i++) {
            t.addMetric(id, new Datapoint(T0.plusSeconds(i), values[i]));
        }
    }
}
