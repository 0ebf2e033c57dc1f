package io.nutrisage.predictor.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductRecordsTest {

    @Test
    void bothOffSpellingsNameTheSameNutrient() throws Exception {
        var hyphenated = ProductRecords.fromFields(Map.of("saturated-fat_100g", 2.5, "energy-kcal_100g", "100"));
        var underscored = ProductRecords.fromFields(Map.of("saturated_fat_100g", "2.5", "energy_kcal_100g", 100));
        assertThat(hyphenated).isEqualTo(underscored);
        assertThat(hyphenated.value(Nutrient.SATURATED_FAT)).isEqualTo(2.5);
    }

    @Test
    void energyIsReconciledBetweenKjAndKcal() throws Exception {
        var fromKcal = ProductRecords.fromFields(Map.of("energy_kcal_100g", 100));
        assertThat(fromKcal.value(Nutrient.ENERGY_KJ)).isCloseTo(418.4, org.assertj.core.data.Offset.offset(1e-9));
        var fromKj = ProductRecords.fromFields(Map.of("energy_100g", 418.4));
        assertThat(fromKj.value(Nutrient.ENERGY_KCAL)).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void saltAndSodiumAreReconciled() throws Exception {
        assertThat(ProductRecords.fromFields(Map.of("sodium_100g", 0.4)).value(Nutrient.SALT))
                .isEqualTo(1.0);
        assertThat(ProductRecords.fromFields(Map.of("salt_100g", 1.0)).value(Nutrient.SODIUM))
                .isEqualTo(0.4);
    }

    @Test
    void missingValuesAndUnknownFieldsAreIgnored() throws Exception {
        Map<String, Object> fields = new HashMap<>();
        fields.put("sugars_100g", 3);
        fields.put("fiber_100g", null);
        fields.put("fat_100g", "");
        fields.put("nutrition_score_fr_100g", "12");
        fields.put("brand_owner", List.of("anything"));
        var record = ProductRecords.fromFields(fields);
        assertThat(record.has(Nutrient.FIBER)).isFalse();
        assertThat(record.has(Nutrient.FAT)).isFalse();
        assertThat(record.value(Nutrient.SUGARS)).isEqualTo(3.0);
    }

    @Test
    void numericBarcodeKeepsAllDigits() throws Exception {
        var record = ProductRecords.fromFields(Map.of("code", 3.24539022235E12, "sugars_100g", 1));
        assertThat(record.code()).contains("3245390222350");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            sugars_100g,       -1,    'must not be negative, got -1'
            saturated-fat_100g, 101,  'must be at most 100 g per 100 g, got 101'
            energy_100g,       4000,  'must be at most 3800 kJ per 100 g, got 4000'
            salt_100g,         abc,   'expected a number, got "abc"'
            """)
    void badValuesNameTheFieldAsTheClientSpelledIt(String field, String value, String message) {
        assertThatThrownBy(() -> ProductRecords.fromFields(Map.of(field, value, "proteins_100g", 3)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void wrongTypesAreRejected() {
        assertThatThrownBy(() -> ProductRecords.fromFields(Map.of("fat_100g", true)))
                .hasMessage("expected a number, got a boolean");
        assertThatThrownBy(() -> ProductRecords.fromFields(Map.of("categories", 3, "fat_100g", 1)))
                .hasMessage("expected a string, got a number");
    }

    @Test
    void aRecordWithoutNutrientsIsRejected() {
        assertThatThrownBy(() -> ProductRecords.fromFields(Map.of("product_name", "Water")))
                .isInstanceOfSatisfying(
                        InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("record"))
                .hasMessageStartingWith("no nutrient value given");
    }
}
