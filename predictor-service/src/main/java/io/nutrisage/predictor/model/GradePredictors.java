package io.nutrisage.predictor.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.predictor.features.Feature;
import io.nutrisage.predictor.features.FeatureExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads the trained Nutri-Score model. The service uses {@link #loadBundled()}: the XGBoost JSON model and its
 * model card ship inside this module's jar, so no training step and no file system access are needed.
 */
public final class GradePredictors {
    /** Class-path location of the gzipped XGBoost JSON model. */
    public static final String BUNDLED_MODEL = "/io/nutrisage/predictor/model/nutriscore-xgb.json.gz";
    /** Class-path location of the model card (JSON) that names the model version. */
    public static final String BUNDLED_CARD = "/io/nutrisage/predictor/model/model-card.json";

    private GradePredictors() {}

    /**
     * The model bundled with this module, evaluated in pure Java.
     *
     * @throws UncheckedIOException if the bundled model or card is missing or unreadable (a packaging error)
     */
    public static GradePredictor loadBundled() {
        try (InputStream model = resource(BUNDLED_MODEL);
                InputStream card = resource(BUNDLED_CARD)) {
            return load(new GZIPInputStream(model), modelVersion(card));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bundled Nutri-Score model: " + e.getMessage(), e);
        }
    }

    /** A model written by the training command: {@code modelJson} is XGBoost JSON (gzipped if it ends in .gz). */
    public static GradePredictor load(Path modelJson, String modelVersion) throws IOException {
        try (InputStream in = Files.newInputStream(modelJson)) {
            return load(modelJson.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, modelVersion);
        }
    }

    /**
     * Either model format: an XGBoost {@code multi:softprob} model as saved by XGBoost (a {@code learner} object), or
     * the ordinal bundle the training command writes, {@code {"format": "nutrisage-cumulative-logistic",
     * "boosters": [m_0, m_1, m_2, m_3], "cutoffs": [c_0, c_1, c_2, c_3]}} with m_k the XGBoost JSON of the
     * booster for P(grade > k) and c_k the fixed cut-off of the grade #{k : C_k &gt; c_k} ({@link
     * CumulativeGradePredictor}); without {@code cutoffs}, 0.5 each (the median grade).
     */
    static GradePredictor load(InputStream modelJson, String modelVersion) throws IOException {
        JsonNode root = new ObjectMapper().readTree(modelJson);
        if (root.has("boosters")) {
            if (!CUMULATIVE_FORMAT.equals(root.path("format").asText())) {
                throw new IOException(
                        "unknown model format \"" + root.path("format").asText() + "\"");
            }
            List<JsonNode> boosters = new java.util.ArrayList<>();
            root.path("boosters").forEach(boosters::add);
            TreeEnsemble ensemble = checkedFeatures(TreeEnsemble.readLogistic(boosters));
            if (ensemble.numClass() != CumulativeGradePredictor.THRESHOLDS) {
                throw new IOException("model has " + ensemble.numClass() + " cumulative boosters, expected "
                        + CumulativeGradePredictor.THRESHOLDS);
            }
            double[] cutoffs = Prediction.medianCutoffs();
            if (root.has("cutoffs")) {
                JsonNode c = root.path("cutoffs");
                if (!c.isArray() || c.size() != CumulativeGradePredictor.THRESHOLDS) {
                    throw new IOException("cutoffs must be an array of " + CumulativeGradePredictor.THRESHOLDS
                            + " numbers, got " + c);
                }
                for (int k = 0; k < cutoffs.length; k++) {
                    if (!c.get(k).isNumber()
                            || !(c.get(k).asDouble() > 0 && c.get(k).asDouble() < 1)) {
                        throw new IOException("cut-off " + c.get(k) + " is not a number in (0, 1)");
                    }
                    cutoffs[k] = c.get(k).asDouble();
                }
            }
            return new CumulativeGradePredictor(ensemble, modelVersion, cutoffs);
        }
        return new TreeGradePredictor(checked(TreeEnsemble.read(root)), modelVersion);
    }

    /** The {@code format} of the ordinal bundle: cumulative {@code binary:logistic} boosters, worst-first. */
    public static final String CUMULATIVE_FORMAT = "nutrisage-cumulative-logistic";

    /** Reads {@code model_version} from a model card JSON. */
    static String modelVersion(InputStream card) throws IOException {
        JsonNode version = new ObjectMapper().readTree(card).path("model_version");
        if (!version.isTextual() || version.asText().isBlank()) {
            throw new IOException("model card has no model_version");
        }
        return version.asText();
    }

    private static TreeEnsemble checked(TreeEnsemble ensemble) throws IOException {
        if (ensemble.numClass() != Grade.values().length) {
            throw new IOException("model has " + ensemble.numClass() + " classes, expected " + Grade.values().length);
        }
        return checkedFeatures(ensemble);
    }

    private static TreeEnsemble checkedFeatures(TreeEnsemble ensemble) throws IOException {
        if (ensemble.numFeature() != FeatureExtractor.SIZE) {
            throw new IOException(
                    "model expects " + ensemble.numFeature() + " features, extractor makes " + FeatureExtractor.SIZE);
        }
        List<String> expected =
                Arrays.stream(Feature.values()).map(Feature::columnName).toList();
        if (!ensemble.featureNames().isEmpty() && !ensemble.featureNames().equals(expected)) {
            throw new IOException("model feature names " + ensemble.featureNames() + " differ from " + expected);
        }
        return ensemble;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = GradePredictors.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " not found on the class path");
        }
        return in;
    }
}
