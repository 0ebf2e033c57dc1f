package io.nutrisage.predictor.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NutriScorePointsTest {

    @ParameterizedTest(name = "energy {0} kJ -> {1}")
    @CsvSource(textBlock = """
            0,      0
            335,    0
            335.01, 1
            670,    1
            670.5,  2
            3015,   8
            3015.1, 9
            3350,   9
            3350.1, 10
            3799,   10
            """)
    void foodEnergyEarnsAPointAboveEachStrictThreshold(double kj, int points) {
        assertThat(NutriScorePoints.energy(kj)).isEqualTo(points);
    }

    @ParameterizedTest(name = "sugars {0} g -> {1}")
    @CsvSource(textBlock = """
            4.5,  0
            4.51, 1
            13.5, 2
            13.6, 3
            31,   6
            31.1, 7
            45,   9
            45.1, 10
            """)
    void foodSugarsFollowTheIrregularSteps(double grams, int points) {
        assertThat(NutriScorePoints.sugars(grams)).isEqualTo(points);
    }

    @ParameterizedTest(name = "saturated fat {0} g -> {1}, sodium {2} mg -> {3}")
    @CsvSource(textBlock = """
            1,    0, 90,  0
            1.01, 1, 91,  1
            5,    4, 450, 4
            10,   9, 900, 9
            10.1, 10, 901, 10
            """)
    void saturatedFatAndSodiumShareTheTenStepShape(double sat, int satPoints, double sodiumMg, int sodiumPoints) {
        assertThat(NutriScorePoints.saturatedFat(sat)).isEqualTo(satPoints);
        assertThat(NutriScorePoints.sodium(sodiumMg)).isEqualTo(sodiumPoints);
    }

    @ParameterizedTest(name = "beverage energy {0} kJ -> {1}, sugars {2} g -> {3}")
    @CsvSource(textBlock = """
            0,    0,  0,    0
            0.1,  1,  0.1,  1
            30,   1,  1.5,  1
            30.5, 2,  1.6,  2
            270,  9,  13.5, 9
            271,  10, 13.6, 10
            """)
    void beveragesUseTheirOwnEnergyAndSugarTables(double kj, int energyPoints, double sugars, int sugarPoints) {
        assertThat(NutriScorePoints.beverageEnergy(kj)).isEqualTo(energyPoints);
        assertThat(NutriScorePoints.beverageSugars(sugars)).isEqualTo(sugarPoints);
    }

    @ParameterizedTest(name = "ratio {0} % -> {1}")
    @CsvSource(textBlock = """
            9.99,  0
            10,    1
            15.99, 1
            16,    2
            63.9,  9
            64,    10
            100,   10
            """)
    void addedFatRatioEarnsAPointAtOrAboveEachStep(double percent, int points) {
        assertThat(NutriScorePoints.saturatedFatRatio(percent)).isEqualTo(points);
    }

    @ParameterizedTest(name = "fibre {0} g -> {1}, protein {2} g -> {3}")
    @CsvSource(textBlock = """
            0.9,  0, 1.6,  0
            0.91, 1, 1.61, 1
            2.8,  2, 4.8,  2
            2.81, 3, 4.81, 3
            4.7,  4, 8.0,  4
            4.71, 5, 8.01, 5
            """)
    void positivePointsUseStrictThresholds(double fibre, int fibrePoints, double protein, int proteinPoints) {
        assertThat(NutriScorePoints.fibre(fibre)).isEqualTo(fibrePoints);
        assertThat(NutriScorePoints.protein(protein)).isEqualTo(proteinPoints);
    }

    @ParameterizedTest(name = "fruit/veg {0} % -> food {1}, beverage {2}")
    @CsvSource(textBlock = """
            40,   0, 0
            40.1, 1, 2
            60,   1, 2
            60.1, 2, 4
            80,   2, 4
            80.1, 5, 10
            """)
    void fruitVegetablePointsJumpAtEightyPercent(double percent, int food, int beverage) {
        assertThat(NutriScorePoints.fruitVegetables(percent)).isEqualTo(food);
        assertThat(NutriScorePoints.beverageFruitVegetables(percent)).isEqualTo(beverage);
    }

    @Test
    void missingValuesGiveMissingPoints() {
        assertThat(NutriScorePoints.energy(Double.NaN)).isNaN();
        assertThat(NutriScorePoints.saturatedFatRatio(Double.NaN)).isNaN();
        assertThat(NutriScorePoints.fruitVegetables(Double.NaN)).isNaN();
    }
}
