package io.nutrisage.app.session;

import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which trace each input drift band belongs to. The bands come from predictor-service's bundled
 * {@link DriftBaseline}: the training data of the model this console embeds (the sandbox runs that model; a deployed
 * stack normally runs the same build).
 */
public final class DriftBands {
    /** predictor-service's bundled baseline, read once. */
    public static final DriftBaseline BUNDLED = DriftBaseline.loadBundled();

    private DriftBands() {}

    /** The band of each input-mean trace, sugars first. */
    public static Map<Trace, DriftBand> of(DriftBaseline baseline) {
        Objects.requireNonNull(baseline, "baseline");
        Map<Trace, DriftBand> bands = new LinkedHashMap<>();
        bands.put(Trace.INPUT_SUGARS, baseline.sugars());
        bands.put(Trace.INPUT_SODIUM, baseline.sodium());
        return java.util.Collections.unmodifiableMap(bands);
    }

    /** {@link #of} the bundled baseline. */
    public static Map<Trace, DriftBand> bundled() {
        return of(BUNDLED);
    }
}
