package io.nutrisage.predictor.training;

import io.nutrisage.predictor.model.Grade;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-set quality of a classifier: accuracy, macro-F1, the confusion matrix (rows = true grade, columns =
 * predicted), accuracy per source extract, and the expected calibration error of the top-class probability
 * (15 equal-width bins, weighted by bin size).
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

    static Evaluation of(List<LabelledProduct> products, float[][] probabilities) {
        int k = Grade.values().length;
        int[][] confusion = new int[k][k];
        Map<String, int[]> sources = new TreeMap<>();
        double[] binConfidence = new double[CALIBRATION_BINS];
        double[] binCorrect = new double[CALIBRATION_BINS];
        int[] binCount = new int[CALIBRATION_BINS];
        int correct = 0;
        for (int i = 0; i < products.size(); i++) {
            float[] p = probabilities[i];
            int predicted = 0;
            for (int c = 1; c < k; c++) {
                if (p[c] > p[predicted]) {
                    predicted = c;
                }
            }
            int truth = products.get(i).grade().ordinal();
            confusion[truth][predicted]++;
            boolean hit = truth == predicted;
            correct += hit ? 1 : 0;
            int[] s = sources.computeIfAbsent(products.get(i).source(), x -> new int[2]);
            s[0]++;
            s[1] += hit ? 1 : 0;
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p[predicted] * CALIBRATION_BINS));
            binConfidence[bin] += p[predicted];
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
