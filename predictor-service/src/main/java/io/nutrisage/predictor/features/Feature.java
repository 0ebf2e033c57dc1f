package io.nutrisage.predictor.features;

/**
 * The model's input columns, in order. The order is part of the trained model: append new features at the end and
 * retrain; never reorder.
 *
 * <p>{@link #monotoneDirection()} is the direction the 2017 Nutri-Score implies for a raw nutrient: +1 where more
 * of it can only worsen the grade (energy, sugars, saturated fat, salt), −1 where more can only improve it (fibre,
 * protein, fruit/vegetables), 0 for derived and categorical columns.
 */
public enum Feature {
    ENERGY_KJ(1),
    SUGARS(1),
    SATURATED_FAT(1),
    SALT(1),
    FIBRE(-1),
    PROTEINS(-1),
    FRUIT_VEGETABLES_PERCENT(-1),
    FAT(0),
    SATURATED_FAT_RATIO(0),
    FRUIT_VEGETABLES_SOURCE(0),
    MISSING_NEGATIVE_NUTRIENTS(0),
    IS_BEVERAGE(0),
    IS_WATER(0),
    IS_CHEESE(0),
    IS_ADDED_FAT(0),
    IS_FRUIT_VEGETABLE_PRODUCT(0),
    IS_JUICE(0),
    IS_NUTS(0),
    IS_MILK(0),
    HAS_SWEETENER(0),
    ENERGY_POINTS(0),
    SUGARS_POINTS(0),
    SATURATED_FAT_POINTS(0),
    SODIUM_POINTS(0),
    FIBRE_POINTS(0),
    PROTEIN_POINTS(0),
    FRUIT_VEGETABLES_POINTS(0),
    BEVERAGE_ENERGY_POINTS(0),
    BEVERAGE_SUGARS_POINTS(0),
    BEVERAGE_FRUIT_VEGETABLES_POINTS(0),
    SATURATED_FAT_RATIO_POINTS(0),
    FOOD_NEGATIVE_POINTS(0),
    FOOD_POSITIVE_POINTS(0),
    FOOD_SCORE(0),
    CHEESE_SCORE(0),
    ADDED_FAT_SCORE(0),
    BEVERAGE_SCORE(0),
    APPLICABLE_SCORE(0),
    FOOD_RULE_GRADE(0),
    APPLICABLE_RULE_GRADE(0);

    private final int monotoneDirection;

    Feature(int monotoneDirection) {
        this.monotoneDirection = monotoneDirection;
    }

    /** The column name in the model card and in the feature-importance figure. */
    public String columnName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int monotoneDirection() {
        return monotoneDirection;
    }
}
