package io.nutrisage.predictor.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.GradePredictors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits the ordinal model of docs/decisions/0079: four {@code binary:logistic} boosters, booster k estimating
 * P(grade &gt; k) for k = A … D, each with a monotone constraint on every nutrient-derived column ({@link
 * XgboostTrainer#cumulativeParameters()}), each with its own round count from early stopping on the same stratified
 * CV folds. The result is the bundle format {@code GradePredictors} reads: {@code {"format":
 * "nutrisage-cumulative-logistic", "boosters": [m_A, m_B, m_C, m_D]}}.
 */
final class OrdinalTrainer {
    /**
     * The hyper-parameters decision 0012's seeded TPE (12 trials) chose for the bundled {@code multi:softprob} model
     * nutrisage-xgb-2026-11-23-67b5cc6, to the precision its model card prints.
     */
    static final Map<String, Object> SOFTPROB_TUNED = softprobTuned();

    /** The four boosters (to be disposed by the caller), their CV results and rounds, and the bundle JSON. */
    record Fit(List<Booster> boosters, List<XgboostTrainer.CvResult> cv, List<Integer> rounds, ObjectNode bundle) {}

    private OrdinalTrainer() {}

    static Fit fit(
            XgboostTrainer trainer,
            FeatureMatrix train,
            int[] foldOf,
            int folds,
            Map<String, Object> parameters,
            int maxRounds,
            int patience,
            Path workDir)
            throws XGBoostError, IOException {
        var mapper = new ObjectMapper();
        ObjectNode bundle = mapper.createObjectNode();
        bundle.put("format", GradePredictors.CUMULATIVE_FORMAT);
        bundle.put("description", "booster k estimates P(grade > k), grades A..E = 0..4");
        var array = bundle.putArray("boosters");
        List<Booster> boosters = new ArrayList<>();
        List<XgboostTrainer.CvResult> cv = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        Files.createDirectories(workDir);
        for (int k = 0; k < Grade.values().length - 1; k++) {
            FeatureMatrix binary = XgboostTrainer.worseThan(train, k);
            var result = trainer.crossValidate(binary, foldOf, folds, parameters, maxRounds, patience);
            int boosterRounds = TrainCommand.finalRounds(result, folds);
            Booster booster = trainer.fit(binary, parameters, boosterRounds);
            booster.setFeatureNames(XgboostTrainer.featureNames());
            Path json = workDir.resolve("worse-than-" + Grade.values()[k] + ".json");
            booster.saveModel(json.toString());
            array.add(mapper.readTree(json.toFile()));
            boosters.add(booster);
            cv.add(result);
            rounds.add(boosterRounds);
        }
        return new Fit(List.copyOf(boosters), List.copyOf(cv), List.copyOf(rounds), bundle);
    }

    /** Total gain per feature, summed over the boosters. */
    static Map<String, Double> importance(List<Booster> boosters) throws XGBoostError {
        Map<String, Double> total = new LinkedHashMap<>();
        for (Booster b : boosters) {
            b.getScore(XgboostTrainer.featureNames(), "total_gain").forEach((f, g) -> total.merge(f, g, Double::sum));
        }
        return total;
    }

    private static Map<String, Object> softprobTuned() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eta", 0.2757);
        p.put("max_depth", 7);
        p.put("min_child_weight", 1.014);
        p.put("subsample", 0.9044);
        p.put("colsample_bytree", 0.5115);
        p.put("lambda", 0.3156);
        p.put("gamma", 0.002121);
        return Collections.unmodifiableMap(p);
    }
}
