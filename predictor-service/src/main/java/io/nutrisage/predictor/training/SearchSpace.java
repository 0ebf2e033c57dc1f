package io.nutrisage.predictor.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hyper-parameter dimensions, each mapped from the unit interval the optimiser works in. */
record SearchSpace(List<Dimension> dimensions) {
    SearchSpace {
        dimensions = List.copyOf(dimensions);
    }

    /** A numeric range; {@code log} samples uniformly in log space, {@code integer} rounds to whole numbers. */
    record Dimension(String name, double low, double high, boolean log, boolean integer) {
        Dimension {
            if (!(low < high) || (log && low <= 0)) {
                throw new IllegalArgumentException("bad range for " + name + ": " + low + ".." + high);
            }
        }

        double fromUnit(double u) {
            double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            return integer ? Math.round(v) : v;
        }
    }

    int size() {
        return dimensions.size();
    }

    Map<String, Double> fromUnit(double[] unit) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            values.put(dimensions.get(i).name(), dimensions.get(i).fromUnit(unit[i]));
        }
        return values;
    }
}
