package io.nutrisage.app.sandbox;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;

/**
 * The 2017 Nutri-Score rules for solid foods (shared/data/off-nutrition/nutriscore-rules.md §1) as a predictor, with
 * a confidence that grows with the distance of the score from the nearest grade boundary. Used by the sandbox's
 * built-in replicas when no trained model is on the class path; stateless and thread-safe.
 */
public final class RulesBaselinePredictor implements GradePredictor {
    private static final double[] ENERGY_KJ = {335, 670, 1005, 1340, 1675, 2010, 2345, 2680, 3015, 3350};
    private static final double[] SUGARS = {4.5, 9, 13.5, 18, 22.5, 27, 31, 36, 40, 45};
    private static final double[] SATURATED_FAT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final double[] SODIUM_MG = {90, 180, 270, 360, 450, 540, 630, 720, 810, 900};
    private static final double[] FIBER = {0.9, 1.9, 2.8, 3.7, 4.7};
    private static final double[] PROTEIN = {1.6, 3.2, 4.8, 6.4, 8.0};
    /** Highest score of grades A..D for foods; E above. */
    private static final int[] UPPER_BOUNDS = {-1, 2, 10, 18};

    @Override
    public Prediction predict(ProductRecord record) {
        int negative = points(ENERGY_KJ, value(record, Nutrient.ENERGY_KJ))
                + points(SUGARS, value(record, Nutrient.SUGARS))
                + points(SATURATED_FAT, value(record, Nutrient.SATURATED_FAT))
                + points(SODIUM_MG, value(record, Nutrient.SODIUM) * 1000);
        double fruit = value(record, Nutrient.FRUITS_VEGETABLES_NUTS);
        int fruitPoints = fruit > 80 ? 5 : fruit > 60 ? 2 : fruit > 40 ? 1 : 0;
        int positive = fruitPoints + points(FIBER, value(record, Nutrient.FIBER));
        if (negative < 11 || fruitPoints == 5) {
            positive += points(PROTEIN, value(record, Nutrient.PROTEINS));
        }
        int score = negative - positive;
        int grade = 0;
        while (grade < UPPER_BOUNDS.length && score > UPPER_BOUNDS[grade]) {
            grade++;
        }
        int distance = Integer.MAX_VALUE;
        for (int bound : UPPER_BOUNDS) {
            distance = Math.min(distance, Math.min(Math.abs(score - bound), Math.abs(score - bound - 1)));
        }
        double confidence = Math.min(0.97, 0.55 + 0.1 * distance);
        double[] probabilities = new double[Grade.values().length];
        double rest = (1 - confidence) / (probabilities.length - 1);
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = i == grade ? confidence : rest;
        }
        return new Prediction(Grade.values()[grade], confidence, probabilities);
    }

    @Override
    public String modelVersion() {
        return "nutriscore-2017-rules-baseline";
    }

    private static double value(ProductRecord record, Nutrient nutrient) {
        return record.has(nutrient) ? record.value(nutrient) : 0;
    }

    private static int points(double[] thresholds, double value) {
        int points = 0;
        while (points < thresholds.length && value > thresholds[points]) {
            points++;
        }
        return points;
    }
}
