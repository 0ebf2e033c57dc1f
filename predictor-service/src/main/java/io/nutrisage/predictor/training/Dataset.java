package io.nutrisage.predictor.training;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The usable rows of one data file and an account of the rows left out.
 *
 * @param products rows that passed validation, in file order
 * @param rowsRead data rows in the file (header excluded)
 * @param droppedByField rows left out, by the (normalised) field at fault: {@code saturated_fat_100g} for an
 *     impossible value, {@code nutriscore_grade} for a missing or unknown label, {@code record} for a row with no
 *     nutrient at all
 */
public record Dataset(List<LabelledProduct> products, int rowsRead, Map<String, Integer> droppedByField) {
    public Dataset {
        products = List.copyOf(products);
        droppedByField = Map.copyOf(Objects.requireNonNull(droppedByField, "droppedByField"));
    }

    public int dropped() {
        return droppedByField.values().stream().mapToInt(Integer::intValue).sum();
    }
}
