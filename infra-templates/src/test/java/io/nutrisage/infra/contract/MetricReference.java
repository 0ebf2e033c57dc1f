package io.nutrisage.infra.contract;

import java.util.Map;
import java.util.Set;

/**
 * One place that reads CloudWatch metrics: a dashboard widget's metric row, SEARCH expression or metric math, an
 * alarm's metric, or one series the console asks GetMetricData for. {@link #where} names it for a failure message.
 */
public sealed interface MetricReference {
    String where();

    /** One metric named in full, as a dashboard metric row, an alarm or a GetMetricData MetricStat does. */
    record Metric(String where, String namespace, String name, Map<String, String> dimensions, String stat)
            implements MetricReference {
        public Metric {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /**
     * A SEARCH expression (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html):
     * with a schema {@code {Namespace, Dim1, ...}} it selects the metrics of that namespace whose dimension names are
     * exactly the schema's, so {@code {Namespace}} alone selects only metrics without dimensions; then those whose name
     * is one of {@code metricNames} (if any) and whose dimensions have the given values.
     */
    record Search(
            String where,
            String expression,
            String namespace,
            Set<String> schemaDimensions,
            Set<String> metricNames,
            Map<String, String> dimensionValues,
            String stat)
            implements MetricReference {
        public Search {
            schemaDimensions = Set.copyOf(schemaDimensions);
            metricNames = Set.copyOf(metricNames);
            dimensionValues = Map.copyOf(dimensionValues);
        }
    }

    /** Metric math over the ids of the same widget or alarm: each id it uses must be defined there. */
    record Expression(String where, String expression, Set<String> usedIds, Set<String> definedIds)
            implements MetricReference {
        public Expression {
            usedIds = Set.copyOf(usedIds);
            definedIds = Set.copyOf(definedIds);
        }
    }
}
