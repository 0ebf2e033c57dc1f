package io.nutrisage.predictor.model;

import io.nutrisage.predictor.record.Nutrient;
import java.util.Objects;

/**
 * The training mean of one input nutrient and the band its 1-minute average stays in while the service is fed
 * products like its training split; outside the band the inputs have drifted. See {@link DriftBaseline} for how the
 * band is defined and what it assumes.
 *
 * @param metricName the model metric this band applies to ({@code InputSugarsMean}, {@code InputSodiumMean})
 * @param nutrient the nutrient averaged, read from each validated record as the metric reads it
 * @param trainingMean mean of the nutrient over the training records that declare it (g per 100 g)
 * @param lower lower end of the band (g per 100 g)
 * @param upper upper end of the band (g per 100 g)
 * @param sampleSize n: the band is for the mean of this many records
 * @param recordsUsed training records that declare the nutrient (the population the n records are drawn from)
 */
public record DriftBand(
        String metricName,
        Nutrient nutrient,
        double trainingMean,
        double lower,
        double upper,
        int sampleSize,
        int recordsUsed) {

    public DriftBand {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(nutrient, "nutrient");
        if (metricName.isBlank()) {
            throw new IllegalArgumentException("metricName must not be blank");
        }
        if (!(lower <= trainingMean && trainingMean <= upper)) {
            throw new IllegalArgumentException(metricName + ": expected lower <= mean <= upper, got " + lower + ", "
                    + trainingMean + ", " + upper);
        }
        if (sampleSize < 1 || recordsUsed < 1) {
            throw new IllegalArgumentException(
                    metricName + ": sampleSize and recordsUsed must be >= 1, got " + sampleSize + ", " + recordsUsed);
        }
    }

    /** True when a 1-minute average of the metric lies inside the band (ends included). */
    public boolean contains(double average) {
        return average >= lower && average <= upper;
    }
}
