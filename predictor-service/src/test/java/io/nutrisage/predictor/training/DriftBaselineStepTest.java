package io.nutrisage.predictor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.model.DriftBaseline;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled drift baseline against a fresh computation from the shared train.csv. */
class DriftBaselineStepTest {
    private static DriftBaseline recomputed;

    @BeforeAll
    static void recompute() throws Exception {
        Path train = TestData.trainCsv();
        recomputed = DriftBaselineStep.compute(train, DatasetReader.read(train));
    }

    @Test
    void theBundledFileIsWhatTheStepComputesFromTrainCsv() throws Exception {
        String bundled;
        try (InputStream in = DriftBaseline.class.getResourceAsStream(DriftBaseline.BUNDLED)) {
            assertThat(in).as(DriftBaseline.BUNDLED).isNotNull();
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(bundled).isEqualTo(recomputed.toProperties());
        assertThat(DriftBaseline.loadBundled()).isEqualTo(recomputed);
    }

    @Test
    void theBaselineCoversTheRecordsTheServiceWouldGrade() {
        // train.csv has 13,434 valid rows (model card); 8 of them declare no sugars, 1 neither salt nor sodium.
        assertThat(recomputed.sugars().recordsUsed()).isEqualTo(13426);
        assertThat(recomputed.sodium().recordsUsed()).isEqualTo(13433);
        assertThat(recomputed.source()).startsWith("train.csv sha256 a4d7436fb673");
    }

    @Test
    void theModelCardShowsTheBundledBaseline() throws Exception {
        String card = Files.readString(Path.of("MODEL.md"));

        assertThat(card).contains(DriftBaselineStep.markdown(DriftBaseline.loadBundled()));
    }

    @Test
    void theStepWritesTheFileTheServiceBundles(@TempDir Path out) throws Exception {
        Path written = DriftBaselineStep.write(recomputed, out);

        assertThat(written.getFileName()).hasToString("drift-baseline.properties");
        assertThat(DriftBaseline.BUNDLED).endsWith("/" + DriftBaselineStep.FILE);
        assertThat(DriftBaseline.read(Files.readString(written))).isEqualTo(recomputed);
    }
}
