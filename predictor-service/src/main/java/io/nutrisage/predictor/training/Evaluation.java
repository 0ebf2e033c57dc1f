package io.nutrisage.predictor.training;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.Prediction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-set quality of a classifier: accuracy, macro-F1, the confusion matrix (rows = true grade, columns =
 * predicted), accuracy per source extract, and the expected calibration error of the reported confidence (15
 * equal-width bins, weighted by bin size).
 */
record Evaluation(
        int rows,
        double accuracy,
        double macroF1,
        Map<Grade, Double> f1ByGrade,
        int[][] confusion,
        Map<String, SourceAccuracy> bySource,
        double expectedCalibrationError) {

    record SourceAccuracy(int rows, double accuracy) {}

    static final int CALIBRATION_BINS = 15;

    /** Of a classifier that reports the most probable grade (and its probability as the confidence). */
    static Evaluation of(List<LabelledProduct> products, float[][] probabilities) {
        List<Prediction> predictions = new java.util.ArrayList<>();
        for (float[] p : probabilities) {
            double[] d = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                d[c] = p[c];
            }
            predictions.add(Prediction.fromProbabilities(d));
        }
        return ofPredictions(products, predictions);
    }

    /**
     * Of the grades and confidences as served: the ECE bins the reported confidence and scores the reported grade,
     * whichever rule picked it.
     */
    static Evaluation ofPredictions(List<LabelledProduct> products, List<Prediction> predictions) {
        int k = Grade.values().length;
        int[][] confusion = new int[k][k];
        Map<String, int[]> sources = new TreeMap<>();
        double[] binConfidence = new double[CALIBRATION_BINS];
        double[] binCorrect = new double[CALIBRATION_BINS];
        int[] binCount = new int[CALIBRATION_BINS];
        int correct = 0;
        for (int i = 0; i < products.size(); i++) {
            Prediction prediction = predictions.get(i);
            int predicted = prediction.grade().ordinal();
            double confidence = prediction.confidence();
            int truth = products.get(i).grade().ordinal();
            confusion[truth][predicted]++;
            boolean hit = truth == predicted;
            correct += hit ? 1 : 0;
            int[] s = sources.computeIfAbsent(products.get(i).source(), x -> new int[2]);
            s[0]++;
            s[1] += hit ? 1 : 0;
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (confidence * CALIBRATION_BINS));
            binConfidence[bin] += confidence;
            binCorrect[bin] += hit ? 1 : 0;
            binCount[bin]++;
        }
        int n = products.size();
        Map<Grade, Double> f1 = new java.util.EnumMap<>(Grade.class);
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int actual = 0;
            int predictedCount = 0;
            for (int j = 0; j < k; j++) {
                actual += confusion[c][j];
                predictedCount += confusion[j][c];
            }
            double precision = predictedCount == 0 ? 0 : (double) tp / predictedCount;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            double score = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1.put(Grade.values()[c], score);
            f1Sum += score;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]) * binCount[b] / n;
            }
        }
        Map<String, SourceAccuracy> bySource = new TreeMap<>();
        sources.forEach((source, s) -> bySource.put(source, new SourceAccuracy(s[0], (double) s[1] / s[0])));
        return new Evaluation(n, (double) correct / n, f1Sum / k, f1, confusion, bySource, ece);
    }
}
