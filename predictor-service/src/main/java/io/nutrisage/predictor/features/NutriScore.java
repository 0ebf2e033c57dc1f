package io.nutrisage.predictor.features;

import io.nutrisage.predictor.model.Grade;

/**
 * The 2017 Nutri-Score of one product under one of its four rule variants (general food, cheese, added fat,
 * beverage): negative points N, positive points P and the score N − P, lower being better.
 *
 * <p>As Open Food Facts does, a missing fibre or fruit/vegetable value counts as zero points. A missing energy,
 * sugars, saturated-fat or sodium value also counts as zero here, so the score stays defined; the model sees the
 * missing raw value next to it and can discount the score.
 */
public record NutriScore(double negative, double positive, double score) {

    /** Which table set and protein rule apply. */
    public enum Variant {
        FOOD,
        CHEESE,
        ADDED_FAT,
        BEVERAGE
    }

    /** Nutrient inputs per 100 g; {@link Double#NaN} where missing. */
    public record Inputs(
            double energyKj,
            double sugars,
            double saturatedFat,
            double fat,
            double sodiumMg,
            double fibre,
            double protein,
            double fruitVegetablesPercent) {}

    public static NutriScore compute(Inputs in, Variant variant) {
        boolean beverage = variant == Variant.BEVERAGE;
        double energy = zeroIfMissing(
                beverage ? NutriScorePoints.beverageEnergy(in.energyKj()) : NutriScorePoints.energy(in.energyKj()));
        double sugars = zeroIfMissing(
                beverage ? NutriScorePoints.beverageSugars(in.sugars()) : NutriScorePoints.sugars(in.sugars()));
        double saturated = zeroIfMissing(saturatedPoints(in, variant));
        double sodium = zeroIfMissing(NutriScorePoints.sodium(in.sodiumMg()));
        double fruitVeg = zeroIfMissing(
                beverage
                        ? NutriScorePoints.beverageFruitVegetables(in.fruitVegetablesPercent())
                        : NutriScorePoints.fruitVegetables(in.fruitVegetablesPercent()));
        double fibre = zeroIfMissing(NutriScorePoints.fibre(in.fibre()));
        double protein = zeroIfMissing(NutriScorePoints.protein(in.protein()));
        double n = energy + sugars + saturated + sodium;
        double maxFruitVeg = beverage ? 10 : 5;
        boolean proteinCounts = n < 11 || fruitVeg >= maxFruitVeg || variant == Variant.CHEESE;
        double p = fruitVeg + fibre + (proteinCounts ? protein : 0);
        return new NutriScore(n, p, n - p);
    }

    /** The 2017 grade for this score; beverages use their own cut-offs (water, always A, is not decided here). */
    public static Grade grade(double score, Variant variant) {
        if (variant == Variant.BEVERAGE) {
            return score <= 1 ? Grade.B : score <= 5 ? Grade.C : score <= 9 ? Grade.D : Grade.E;
        }
        return score <= -1 ? Grade.A : score <= 2 ? Grade.B : score <= 10 ? Grade.C : score <= 18 ? Grade.D : Grade.E;
    }

    static double saturatedPoints(Inputs in, Variant variant) {
        if (variant == Variant.ADDED_FAT && in.fat() > 0 && !Double.isNaN(in.saturatedFat())) {
            return NutriScorePoints.saturatedFatRatio(in.saturatedFat() / in.fat() * 100);
        }
        return NutriScorePoints.saturatedFat(in.saturatedFat());
    }

    private static double zeroIfMissing(double points) {
        return Double.isNaN(points) ? 0 : points;
    }
}
