package io.nutrisage.predictor.features;

/**
 * The 2017 Nutri-Score point tables (Open Food Facts' "2021" implementation), as in
 * {@code shared/data/off-nutrition/nutriscore-rules.md}. A nutrient earns one point per threshold it is strictly
 * greater than; the saturated-fat/fat ratio of added fats uses {@code >=}. A missing value ({@link Double#NaN})
 * yields NaN points, except where OFF itself counts absence as zero (see {@link NutriScore}).
 */
public final class NutriScorePoints {
    private static final double[] ENERGY_KJ = {335, 670, 1005, 1340, 1675, 2010, 2345, 2680, 3015, 3350};
    private static final double[] SUGARS_G = {4.5, 9, 13.5, 18, 22.5, 27, 31, 36, 40, 45};
    private static final double[] SATURATED_FAT_G = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final double[] SODIUM_MG = {90, 180, 270, 360, 450, 540, 630, 720, 810, 900};
    private static final double[] BEVERAGE_ENERGY_KJ = {0, 30, 60, 90, 120, 150, 180, 210, 240, 270};
    private static final double[] BEVERAGE_SUGARS_G = {0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5};
    private static final double[] SATURATED_FAT_RATIO_PERCENT = {10, 16, 22, 28, 34, 40, 46, 52, 58, 64};
    private static final double[] FIBRE_G = {0.9, 1.9, 2.8, 3.7, 4.7};
    private static final double[] PROTEIN_G = {1.6, 3.2, 4.8, 6.4, 8.0};

    private NutriScorePoints() {}

    public static double energy(double kj) {
        return above(kj, ENERGY_KJ);
    }

    public static double sugars(double grams) {
        return above(grams, SUGARS_G);
    }

    public static double saturatedFat(double grams) {
        return above(grams, SATURATED_FAT_G);
    }

    public static double sodium(double milligrams) {
        return above(milligrams, SODIUM_MG);
    }

    public static double beverageEnergy(double kj) {
        return above(kj, BEVERAGE_ENERGY_KJ);
    }

    public static double beverageSugars(double grams) {
        return above(grams, BEVERAGE_SUGARS_G);
    }

    /** Added fats: points for saturated fat as a percentage of total fat, earned at or above each step. */
    public static double saturatedFatRatio(double percent) {
        if (Double.isNaN(percent)) {
            return Double.NaN;
        }
        int points = 0;
        for (double t : SATURATED_FAT_RATIO_PERCENT) {
            if (percent >= t) {
                points++;
            }
        }
        return points;
    }

    public static double fibre(double grams) {
        return above(grams, FIBRE_G);
    }

    public static double protein(double grams) {
        return above(grams, PROTEIN_G);
    }

    /** Foods: >40 % → 1, >60 % → 2, >80 % → 5. */
    public static double fruitVegetables(double percent) {
        if (Double.isNaN(percent)) {
            return Double.NaN;
        }
        return percent > 80 ? 5 : percent > 60 ? 2 : percent > 40 ? 1 : 0;
    }

    /** Beverages: >40 % → 2, >60 % → 4, >80 % → 10. */
    public static double beverageFruitVegetables(double percent) {
        if (Double.isNaN(percent)) {
            return Double.NaN;
        }
        return percent > 80 ? 10 : percent > 60 ? 4 : percent > 40 ? 2 : 0;
    }

    private static double above(double value, double[] thresholds) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        int points = 0;
        for (double t : thresholds) {
            if (value > t) {
                points++;
            }
        }
        return points;
    }
}
