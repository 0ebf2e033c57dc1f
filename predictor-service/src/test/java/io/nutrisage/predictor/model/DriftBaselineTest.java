package io.nutrisage.predictor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftBaselineTest {

    @Test
    void aHandMadeSampleGivesTheWorkedBand() throws Exception {
        // Sugars 1, 2, 3, 4 g; the mean of n = 2 draws with replacement takes each of the 16 ordered pairs with
        // probability 1/16: 1 (1 pair), 1.5 (2), 2 (3), 2.5 (4), 3 (3), 3.5 (2), 4 (1). Cumulative: 1.5 reaches
        // 3/16 < 25 % and 2 reaches 6/16 > 25 %; 2.5 reaches 10/16 < 75 % and 3 reaches 13/16 > 75 %. So the
        // central 50 % interval is [2, 3], around the training mean 2.5.
        List<ProductRecord> sample = List.of(sugars(1), sugars(2), sugars(3), sugars(4));

        DriftBand band = DriftBaseline.band(
                "InputSugarsMean", Nutrient.SUGARS, sample, new DriftBaseline.Bootstrap(2, 0.5, 100_000, 7));

        assertThat(band).isEqualTo(new DriftBand("InputSugarsMean", Nutrient.SUGARS, 2.5, 2.0, 3.0, 2, 4));
    }

    @Test
    void recordsThatDoNotDeclareTheNutrientAreLeftOutAsTheServiceLeavesThemOut() throws Exception {
        var noSugars = ProductRecords.fromFields(Map.of("salt_100g", 1.0));
        List<ProductRecord> sample = List.of(sugars(1), noSugars, sugars(3));

        DriftBand band = DriftBaseline.band(
                "InputSugarsMean", Nutrient.SUGARS, sample, new DriftBaseline.Bootstrap(1, 0.5, 1_000, 7));

        assertThat(band.recordsUsed()).isEqualTo(2);
        assertThat(band.trainingMean()).isEqualTo(2.0);
    }

    @Test
    void sodiumGivenAsSaltIsCountedAsTheRecordLayerReconcilesIt() throws Exception {
        // salt 1 g is sodium 0.4 g: the metric reads the reconciled sodium, so the baseline does too.
        List<ProductRecord> sample = List.of(
                ProductRecords.fromFields(Map.of("salt_100g", 1.0)),
                ProductRecords.fromFields(Map.of("sodium_100g", 0.2)));

        DriftBand band = DriftBaseline.band(
                "InputSodiumMean", Nutrient.SODIUM, sample, new DriftBaseline.Bootstrap(1, 0.5, 1_000, 7));

        assertThat(band.recordsUsed()).isEqualTo(2);
        assertThat(band.trainingMean()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void onSymmetricDataTheBandIsTheNormalApproximation() throws Exception {
        // Values 0..9 g: mean 4.5, population sd sqrt(8.25) = 2.8723; for n = 60 the standard error is 0.37081, and
        // the central 99.9 % normal interval is 4.5 +- 3.2905 x 0.37081 = [3.2798, 5.7202]. With symmetric, light
        // tails the bootstrap agrees within its Monte Carlo error (the bundled bands are skewed; see DriftBaseline).
        List<ProductRecord> sample = new ArrayList<>();
        for (int v = 0; v < 10; v++) {
            sample.add(sugars(v));
        }

        DriftBand band =
                DriftBaseline.band("InputSugarsMean", Nutrient.SUGARS, sample, DriftBaseline.Bootstrap.DEFAULT);

        assertThat(band.trainingMean()).isEqualTo(4.5);
        assertThat(band.lower()).isCloseTo(3.2798, within(0.03));
        assertThat(band.upper()).isCloseTo(5.7202, within(0.03));
    }

    @Test
    void theSameRecordsAndSeedGiveTheSameBand() throws Exception {
        List<ProductRecord> sample = List.of(sugars(0.5), sugars(12), sugars(40), sugars(3.3), sugars(71));
        var bootstrap = new DriftBaseline.Bootstrap(60, 0.999, 50_000, 11);

        assertThat(DriftBaseline.band("m", Nutrient.SUGARS, sample, bootstrap))
                .isEqualTo(DriftBaseline.band("m", Nutrient.SUGARS, sample, bootstrap));
    }

    @Test
    void theBandsArePublishedWithSixSignificantDigits() throws Exception {
        List<ProductRecord> sample = List.of(sugars(1), sugars(1), sugars(2));

        DriftBand band = DriftBaseline.band(
                "InputSugarsMean", Nutrient.SUGARS, sample, new DriftBaseline.Bootstrap(1, 0.5, 1_000, 7));

        assertThat(band.trainingMean()).isEqualTo(1.33333);
    }

    @Test
    void thePropertiesTextReadsBackAsTheSameBaseline() throws Exception {
        var baseline = new DriftBaseline(
                "train.csv sha256 abc",
                new DriftBaseline.Bootstrap(60, 0.999, 1_000_000, 20171031L),
                new DriftBand("InputSugarsMean", Nutrient.SUGARS, 12.2152, 6.252, 19.7747, 60, 13426),
                new DriftBand("InputSodiumMean", Nutrient.SODIUM, 0.305468, 0.153516, 1.05647, 60, 13433));

        String text = baseline.toProperties();

        assertThat(DriftBaseline.read(text)).isEqualTo(baseline);
        assertThat(text)
                .contains("sugars.lower=6.252\n", "sodium.upper=1.05647\n", "bootstrap.replicates=1000000\n")
                .doesNotContain("E-", "E+");
    }

    @Test
    void aMissingKeyIsNamed() {
        assertThatThrownBy(() -> DriftBaseline.read("source=x\nbootstrap.sample.size=60\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.coverage");
    }

    @Test
    void theBundledBaselineNamesTheMetricsTheServiceWrites() {
        DriftBaseline bundled = DriftBaseline.loadBundled();

        assertThat(bundled.sugars().metricName()).isEqualTo(ModelMetrics.INPUT_SUGARS_MEAN);
        assertThat(bundled.sodium().metricName()).isEqualTo(ModelMetrics.INPUT_SODIUM_MEAN);
        assertThat(bundled.bootstrap()).isEqualTo(DriftBaseline.Bootstrap.DEFAULT);
        for (DriftBand band : bundled.bands()) {
            assertThat(band.contains(band.trainingMean())).isTrue();
            assertThat(band.lower()).isPositive();
        }
    }

    @Test
    void aBandMustHoldItsMean() {
        assertThatThrownBy(() -> new DriftBand("m", Nutrient.SUGARS, 5, 6, 7, 60, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower <= mean <= upper");
    }

    private static ProductRecord sugars(double grams) throws InvalidRecordException {
        return ProductRecords.fromFields(Map.of("sugars_100g", grams));
    }
}
