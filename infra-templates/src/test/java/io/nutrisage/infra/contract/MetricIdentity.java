package io.nutrisage.infra.contract;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What identifies one CloudWatch metric: its namespace, name and dimensions (name to value). Two metrics with the same
 * name but other dimensions are different metrics to CloudWatch, and a query or alarm must name all of them.
 *
 * @param unit the unit it is published with; empty where unknown (AWS's own metrics)
 */
public record MetricIdentity(String namespace, String name, Map<String, String> dimensions, String unit) {
    public MetricIdentity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        dimensions = Map.copyOf(dimensions);
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String toString() {
        return namespace + " " + name + " " + new TreeMap<>(dimensions) + (unit.isEmpty() ? "" : " (" + unit + ")");
    }
}
