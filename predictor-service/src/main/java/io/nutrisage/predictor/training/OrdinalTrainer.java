package io.nutrisage.predictor.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.model.Prediction;
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

    /**
     * The four boosters (to be disposed by the caller), their CV results and rounds, the cut-offs chosen on the
     * out-of-fold predictions, the out-of-fold accuracy and macro-F1 with the 0.5 cut-offs and with the chosen ones,
     * and the bundle JSON.
     */
    record Fit(
            List<Booster> boosters,
            List<XgboostTrainer.CvResult> cv,
            List<Integer> rounds,
            double[] cutoffs,
            double[] medianCv,
            double[] tunedCv,
            ObjectNode bundle) {}

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
        float[][] outOfFold = new float[train.rows()][Grade.values().length - 1];
        for (int k = 0; k < Grade.values().length - 1; k++) {
            FeatureMatrix binary = XgboostTrainer.worseThan(train, k);
            var result = trainer.crossValidate(binary, foldOf, folds, parameters, maxRounds, patience);
            float[] oof = trainer.outOfFold(
                    binary, foldOf, folds, parameters, (int) Math.max(1, Math.round(result.meanBestRounds())));
            for (int i = 0; i < oof.length; i++) {
                outOfFold[i][k] = oof[i];
            }
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
        double[] cutoffs = tuneCutoffs(outOfFold, train.labels());
        var c = bundle.putArray("cutoffs");
        for (double v : cutoffs) {
            c.add(v);
        }
        bundle.put(
                "cutoffs_description",
                "grade = #{k : C_k > cutoffs[k]}, C = running minimum of P(grade > k); chosen to maximise"
                        + " out-of-fold accuracy on train.csv's stratified CV folds");
        return new Fit(
                List.copyOf(boosters),
                List.copyOf(cv),
                List.copyOf(rounds),
                cutoffs,
                score(outOfFold, train.labels(), Prediction.medianCutoffs()),
                score(outOfFold, train.labels(), cutoffs),
                bundle);
    }

    /**
     * Cut-offs c_0 … c_3 that maximise the accuracy of #{k : C_k &gt; c_k} on out-of-fold cumulative probabilities:
     * coordinate ascent over the grid from 0.5 each, a cut-off moving only on a strict gain (ties keep the value
     * nearest 0.5), until a pass changes nothing. Any fixed cut-offs keep the grade monotone ({@code
     * CumulativeGradePredictor}).
     */
    static double[] tuneCutoffs(float[][] outOfFold, float[] labels) {
        double[] cutoffs = Prediction.medianCutoffs();
        double best = score(outOfFold, labels, cutoffs)[0];
        for (int pass = 0; pass < 20; pass++) {
            boolean changed = false;
            for (int k = 0; k < cutoffs.length; k++) {
                double keep = cutoffs[k];
                double bestValue = keep;
                for (int step = 10; step <= 190; step++) { // the grid 0.05 … 0.95 in steps of 0.005
                    double v = step * 5 / 1000.0;
                    cutoffs[k] = v;
                    double a = score(outOfFold, labels, cutoffs)[0];
                    if (a > best || (a == best && Math.abs(v - 0.5) < Math.abs(bestValue - 0.5))) {
                        changed |= a > best;
                        best = a;
                        bestValue = v;
                    }
                }
                cutoffs[k] = bestValue;
            }
            if (!changed) {
                break;
            }
        }
        return cutoffs;
    }

    /** {accuracy, macro-F1} of #{k : C_k &gt; c_k} over the rows of cumulative probabilities. */
    static double[] score(float[][] cumulative, float[] labels, double[] cutoffs) {
        int grades = Grade.values().length;
        int[][] confusion = new int[grades][grades];
        int correct = 0;
        for (int i = 0; i < cumulative.length; i++) {
            int g = Prediction.fromCumulative(cumulative[i], cutoffs).grade().ordinal();
            int truth = (int) labels[i];
            confusion[truth][g]++;
            correct += g == truth ? 1 : 0;
        }
        double f1 = 0;
        for (int c = 0; c < grades; c++) {
            int actual = 0;
            int predicted = 0;
            for (int j = 0; j < grades; j++) {
                actual += confusion[c][j];
                predicted += confusion[j][c];
            }
            double precision = predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
            double recall = actual == 0 ? 0 : (double) confusion[c][c] / actual;
            f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return new double[] {(double) correct / cumulative.length, f1 / grades};
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
