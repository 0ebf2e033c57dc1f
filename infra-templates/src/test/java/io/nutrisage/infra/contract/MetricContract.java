package io.nutrisage.infra.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves {@link MetricReference}s against the metrics that exist: what predictor-service emits and what AWS
 * publishes for the stack. A reference that selects nothing is a problem, named by where it is.
 */
public final class MetricContract {
    /** CloudWatch statistics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html). */
    private static final Pattern STATISTIC =
            Pattern.compile("SampleCount|Average|Sum|Minimum|Maximum|IQM|(p|tm|wm|tc|ts|pr)\\d{1,2}(\\.\\d+)?|p100");

    private final Set<MetricIdentity> existing;

    public MetricContract(Collection<MetricIdentity> existing) {
        this.existing = Set.copyOf(existing);
    }

    public Set<MetricIdentity> existing() {
        return existing;
    }

    /** Every reference that selects no existing metric, or is not well formed, one line each. */
    public List<String> problems(Collection<MetricReference> references) {
        List<String> problems = new ArrayList<>();
        for (MetricReference reference : references) {
            problem(reference).ifPresent(problems::add);
        }
        return problems;
    }

    /** The metrics a reference selects (none for metric math, which selects through its ids). */
    public List<MetricIdentity> selected(MetricReference reference) {
        return switch (reference) {
            case MetricReference.Metric m ->
                existing.stream()
                        .filter(e -> e.namespace().equals(m.namespace())
                                && e.name().equals(m.name())
                                && e.dimensions().equals(m.dimensions()))
                        .toList();
            case MetricReference.Search s ->
                existing.stream()
                        .filter(e -> e.namespace().equals(s.namespace())
                                && e.dimensions().keySet().equals(s.schemaDimensions())
                                && (s.metricNames().isEmpty() || s.metricNames().contains(e.name()))
                                && s.dimensionValues().entrySet().stream().allMatch(d -> d.getValue()
                                        .equals(e.dimensions().get(d.getKey()))))
                        .toList();
            case MetricReference.Expression x -> List.of();
        };
    }

    private java.util.Optional<String> problem(MetricReference reference) {
        switch (reference) {
            case MetricReference.Metric m -> {
                if (!STATISTIC.matcher(m.stat()).matches()) {
                    return java.util.Optional.of(m.where() + ": '" + m.stat() + "' is not a CloudWatch statistic");
                }
                if (selected(m).isEmpty()) {
                    return java.util.Optional.of(m.where() + ": no metric " + m.namespace() + " " + m.name() + " "
                            + new java.util.TreeMap<>(m.dimensions()) + " exists; " + near(m.namespace(), m.name()));
                }
            }
            case MetricReference.Search s -> {
                if (!STATISTIC.matcher(s.stat()).matches()) {
                    return java.util.Optional.of(s.where() + ": '" + s.stat() + "' is not a CloudWatch statistic");
                }
                List<MetricIdentity> found = selected(s);
                if (found.isEmpty()) {
                    return java.util.Optional.of(s.where() + ": " + s.expression() + " selects no metric (schema {"
                            + s.namespace() + (s.schemaDimensions().isEmpty() ? "" : ", ")
                            + String.join(", ", s.schemaDimensions()) + "} matches only metrics with exactly those"
                            + " dimensions); "
                            + near(
                                    s.namespace(),
                                    s.metricNames().stream().findFirst().orElse("")));
                }
                for (String name : s.metricNames()) {
                    if (found.stream().noneMatch(e -> e.name().equals(name))) {
                        return java.util.Optional.of(s.where() + ": " + s.expression() + " names " + name
                                + ", which it selects no metric of; " + near(s.namespace(), name));
                    }
                }
            }
            case MetricReference.Expression x -> {
                List<String> unknown = x.usedIds().stream()
                        .filter(id -> !x.definedIds().contains(id))
                        .toList();
                if (!unknown.isEmpty()) {
                    return java.util.Optional.of(x.where() + ": expression " + x.expression() + " uses " + unknown
                            + ", which are not ids there (ids: " + x.definedIds() + ")");
                }
            }
        }
        return java.util.Optional.empty();
    }

    private String near(String namespace, String name) {
        List<String> same = existing.stream()
                .filter(e -> e.namespace().equals(namespace)
                        && (name.isEmpty() || e.name().equals(name)))
                .map(MetricIdentity::toString)
                .sorted()
                .limit(3)
                .toList();
        return same.isEmpty() ? "nothing of that name exists in " + namespace : "what exists: " + same;
    }
}
