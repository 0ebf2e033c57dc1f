package io.nutrisage.predictor.training;

import io.nutrisage.predictor.features.Feature;
import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.model.Grade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits and cross-validates xgboost4j boosters on {@link FeatureMatrix} data: the {@code multi:softprob} model the
 * service bundles, and the {@code binary:logistic} boosters of the ordinal model (booster k learns P(grade &gt; k)
 * from the labels {@link #worseThan(FeatureMatrix, int)}, docs/decisions/0079).
 */
final class XgboostTrainer {
    /** Result of one cross-validated configuration: mean best validation log-loss and mean best round count. */
    record CvResult(double logLoss, double meanBestRounds) {}

    private final int threads;
    private final long seed;

    XgboostTrainer(int threads, long seed) {
        this.threads = threads;
        this.seed = seed;
    }

    /** Fixed parameters: the objective, the histogram method, the monotone constraints, threads and seed. */
    Map<String, Object> baseParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "multi:softprob");
        p.put("num_class", Grade.values().length);
        p.put("tree_method", "hist");
        p.put("max_bin", 128);
        p.put("eval_metric", "mlogloss");
        p.put("monotone_constraints", monotoneConstraints());
        // One OpenMP thread per booster; parallelism comes from training CV folds concurrently.
        p.put("nthread", 1);
        p.put("seed", seed);
        p.put("verbosity", 0);
        return p;
    }

    static String monotoneConstraints() {
        return Arrays.stream(Feature.values())
                .map(f -> Integer.toString(f.monotoneDirection()))
                .collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * Fixed parameters of every cumulative booster of the ordinal model: as {@link #baseParameters()}, but
     * {@code binary:logistic} with a monotone constraint on every column that depends on a Nutri-Score nutrient
     * ({@link Feature#gradeDirection()}), which is what makes its grade monotone by construction.
     */
    Map<String, Object> cumulativeParameters() {
        Map<String, Object> p = baseParameters();
        p.remove("num_class");
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("monotone_constraints", gradeConstraints());
        return p;
    }

    static String gradeConstraints() {
        return Arrays.stream(Feature.values())
                .map(f -> Integer.toString(f.gradeDirection()))
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** The same rows labelled 1 where the grade is worse than grade index {@code k} (A = 0), else 0. */
    static FeatureMatrix worseThan(FeatureMatrix data, int k) {
        float[] labels = new float[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.labels()[i] > k ? 1f : 0f;
        }
        return new FeatureMatrix(data.values(), labels, data.rows());
    }

    /** Stratified fold index per row: rows of each grade are shuffled with the seed and dealt round-robin. */
    static int[] stratifiedFolds(float[] labels, int folds, long seed) {
        int[] fold = new int[labels.length];
        var random = new SplittableRandom(seed);
        Map<Integer, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent((int) labels[i], c -> new ArrayList<>()).add(i);
        }
        for (int c = 0; c < Grade.values().length; c++) {
            List<Integer> rows = new ArrayList<>(byClass.getOrDefault(c, List.of()));
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            for (int i = 0; i < rows.size(); i++) {
                fold[rows.get(i)] = i % folds;
            }
        }
        return fold;
    }

    /**
     * Mean best validation log-loss over the folds. Folds train concurrently, one single-threaded booster each:
     * on a shared 2-core machine that beats one booster with 2 OpenMP threads, whose barriers stall when a core is
     * taken. Results are combined in fold order, so the outcome does not depend on scheduling.
     */
    CvResult crossValidate(
            FeatureMatrix data, int[] foldOf, int folds, Map<String, Object> params, int maxRounds, int patience)
            throws XGBoostError {
        List<int[]> best = perFold(data, foldOf, folds, "cross-validation fold", (trainRows, validRows) -> {
            DMatrix train = dmatrix(data.subset(trainRows));
            DMatrix valid = dmatrix(data.subset(validRows));
            try {
                return boostWithEarlyStopping(train, valid, params, maxRounds, patience);
            } finally {
                train.dispose();
                valid.dispose();
            }
        });
        double lossSum = 0;
        double roundsSum = 0;
        for (int[] fold : best) {
            roundsSum += fold[0];
            lossSum += Float.intBitsToFloat(fold[1]);
        }
        return new CvResult(lossSum / folds, roundsSum / folds);
    }

    /**
     * Out-of-fold predictions: for each fold, a booster of {@code rounds} rounds fitted on the other folds predicts
     * the fold's rows. Returns the first output per row (a {@code binary:logistic} probability). Folds train
     * concurrently as in {@link #crossValidate}; the result does not depend on scheduling.
     */
    float[] outOfFold(FeatureMatrix data, int[] foldOf, int folds, Map<String, Object> params, int rounds)
            throws XGBoostError {
        float[] out = new float[data.rows()];
        perFold(data, foldOf, folds, "out-of-fold fit", (trainRows, validRows) -> {
            Booster booster = fit(data.subset(trainRows), params, rounds);
            try {
                float[][] p = predict(booster, data.subset(validRows));
                for (int i = 0; i < validRows.length; i++) {
                    out[validRows[i]] = p[i][0];
                }
            } finally {
                booster.dispose();
            }
            return null;
        });
        return out;
    }

    /** One fold's work, given the rows it trains on and the rows it holds out. */
    private interface FoldTask<T> {
        T run(int[] trainRows, int[] validRows) throws XGBoostError;
    }

    /** Runs {@code task} for every fold on {@link #threads} threads; results in fold order. */
    private <T> List<T> perFold(FeatureMatrix data, int[] foldOf, int folds, String what, FoldTask<T> task)
            throws XGBoostError {
        List<java.util.concurrent.Future<T>> results = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads))) {
            for (int f = 0; f < folds; f++) {
                int fold = f;
                results.add(pool.submit(() -> task.run(
                        java.util.stream.IntStream.range(0, data.rows())
                                .filter(i -> foldOf[i] != fold)
                                .toArray(),
                        java.util.stream.IntStream.range(0, data.rows())
                                .filter(i -> foldOf[i] == fold)
                                .toArray())));
            }
            List<T> out = new ArrayList<>();
            for (var result : results) {
                out.add(result.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XGBoostError("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new XGBoostError(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Boosts one round at a time, evaluating on {@code valid} after each, until {@code patience} rounds bring no
     * improvement; returns {best round count, float bits of the best log-loss}. Written out rather than using
     * {@code XGBoost.train}'s early stopping, which prints every round to stdout.
     */
    private static int[] boostWithEarlyStopping(
            DMatrix train, DMatrix valid, Map<String, Object> params, int maxRounds, int patience) throws XGBoostError {
        Booster booster = XGBoost.train(train, params, 0, Map.of(), null, null);
        try {
            float bestLoss = Float.POSITIVE_INFINITY;
            int bestRounds = 0;
            DMatrix[] sets = {valid};
            String[] names = {"valid"};
            for (int round = 0; round < maxRounds && round - bestRounds < patience; round++) {
                booster.update(train, round);
                String line = booster.evalSet(sets, names, round);
                float loss = Float.parseFloat(
                        line.substring(line.lastIndexOf(':') + 1).strip());
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestRounds = round + 1;
                }
            }
            return new int[] {bestRounds, Float.floatToIntBits(bestLoss)};
        } finally {
            booster.dispose();
        }
    }

    Booster fit(FeatureMatrix data, Map<String, Object> params, int rounds) throws XGBoostError {
        DMatrix train = dmatrix(data);
        try {
            return XGBoost.train(train, params, rounds, Map.of(), null, null);
        } finally {
            train.dispose();
        }
    }

    static float[][] predict(Booster booster, FeatureMatrix data) throws XGBoostError {
        DMatrix m = dmatrix(data);
        try {
            return booster.predict(m);
        } finally {
            m.dispose();
        }
    }

    static DMatrix dmatrix(FeatureMatrix data) throws XGBoostError {
        DMatrix m = new DMatrix(data.values(), data.rows(), FeatureExtractor.SIZE, Float.NaN);
        m.setLabel(data.labels());
        m.setFeatureNames(featureNames());
        return m;
    }

    static String[] featureNames() {
        return Arrays.stream(Feature.values()).map(Feature::columnName).toArray(String[]::new);
    }
}
