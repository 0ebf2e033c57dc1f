package io.nutrisage.infra.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@link MetricReference}s out of a dashboard body and out of alarm definitions. */
public final class MetricReferences {
    private static final Pattern SEARCH =
            Pattern.compile("^\\s*SEARCH\\(\\s*'(?<query>(?:[^'\\\\]|\\\\.)*)'\\s*,\\s*'(?<stat>[^']+)'.*\\)\\s*$");
    private static final Pattern SCHEMA = Pattern.compile("^\\s*\\{(?<schema>[^}]*)}(?<terms>.*)$");
    private static final Pattern TERM = Pattern.compile("(?<key>[A-Za-z][A-Za-z0-9_:.-]*)=\"(?<value>[^\"]*)\"");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-z][A-Za-z0-9_]*\\b");

    private MetricReferences() {}

    /**
     * Every metric reference of a CloudWatch dashboard body (its JSON), each named {@code <dashboard> widget
     * '<title>'}.
     */
    public static List<MetricReference> inDashboard(String dashboard, JsonNode body) {
        List<MetricReference> references = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            if (!"metric".equals(widget.path("type").asText())) {
                continue;
            }
            JsonNode properties = widget.path("properties");
            String where = "dashboard " + dashboard + " widget '"
                    + properties.path("title").asText() + "'";
            String widgetStat = properties.path("stat").asText("Average");
            Set<String> ids = new LinkedHashSet<>();
            List<JsonNode> expressions = new ArrayList<>();
            List<String> previous = List.of();
            for (JsonNode row : properties.path("metrics")) {
                JsonNode options =
                        row.size() > 0 && row.get(row.size() - 1).isObject() ? row.get(row.size() - 1) : null;
                if (options != null && options.has("id")) {
                    ids.add(options.get("id").asText());
                }
                if (options != null && options.has("expression")) {
                    expressions.add(options);
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < row.size() - (options == null ? 0 : 1); i++) {
                    String field = row.get(i).asText();
                    fields.add(field.equals(".") && i < previous.size() ? previous.get(i) : field);
                }
                previous = fields;
                if (fields.size() < 2 || fields.size() % 2 != 0) {
                    throw new IllegalArgumentException(
                            where + ": metric row " + row + " is not [namespace, name, (dimension, value)...]");
                }
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (int i = 2; i < fields.size(); i += 2) {
                    dimensions.put(fields.get(i), fields.get(i + 1));
                }
                String stat = options != null && options.has("stat")
                        ? options.get("stat").asText()
                        : widgetStat;
                references.add(new MetricReference.Metric(where, fields.get(0), fields.get(1), dimensions, stat));
            }
            for (JsonNode expression : expressions) {
                references.add(expression(where, expression.get("expression").asText(), ids));
            }
        }
        return references;
    }

    /**
     * The metric references of one {@code AWS::CloudWatch::Alarm}'s resolved properties: its single metric, or each
     * MetricStat and expression of its {@code Metrics}.
     */
    public static List<MetricReference> inAlarm(String alarmName, Map<String, Object> properties) {
        String where = "alarm " + alarmName;
        List<MetricReference> references = new ArrayList<>();
        if (properties.containsKey("MetricName")) {
            String stat = String.valueOf(
                    properties.containsKey("ExtendedStatistic")
                            ? properties.get("ExtendedStatistic")
                            : properties.get("Statistic"));
            references.add(new MetricReference.Metric(
                    where,
                    String.valueOf(properties.get("Namespace")),
                    String.valueOf(properties.get("MetricName")),
                    dimensions(properties.get("Dimensions")),
                    stat));
            return references;
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> expressions = new ArrayList<>();
        for (Object entry : (List<?>) properties.getOrDefault("Metrics", List.of())) {
            Map<?, ?> query = (Map<?, ?>) entry;
            ids.add(String.valueOf(query.get("Id")));
            if (query.get("MetricStat") instanceof Map<?, ?> stat && stat.get("Metric") instanceof Map<?, ?> metric) {
                references.add(new MetricReference.Metric(
                        where + " query " + query.get("Id"),
                        String.valueOf(metric.get("Namespace")),
                        String.valueOf(metric.get("MetricName")),
                        dimensions(metric.get("Dimensions")),
                        String.valueOf(stat.get("Stat"))));
            } else if (query.get("Expression") != null) {
                expressions.add(String.valueOf(query.get("Expression")));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(where + " has neither MetricName nor Metrics");
        }
        expressions.forEach(e -> references.add(expression(where, e, ids)));
        return references;
    }

    /** A SEARCH expression or metric math, from a widget or an alarm with ids {@code definedIds}. */
    static MetricReference expression(String where, String expression, Set<String> definedIds) {
        Matcher search = SEARCH.matcher(expression);
        if (search.matches()) {
            return search(where, expression, search.group("query").replace("\\\"", "\""), search.group("stat"));
        }
        if (expression.contains("SEARCH(")) {
            throw new IllegalArgumentException(where + ": cannot read the SEARCH expression " + expression);
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher id = IDENTIFIER.matcher(QUOTED.matcher(expression).replaceAll(""));
        while (id.find()) {
            used.add(id.group());
        }
        return new MetricReference.Expression(where, expression, used, definedIds);
    }

    private static MetricReference.Search search(String where, String expression, String query, String stat) {
        String namespace = "";
        Set<String> schemaDimensions = new LinkedHashSet<>();
        String terms = query;
        Matcher schema = SCHEMA.matcher(query);
        if (schema.matches()) {
            String[] parts = schema.group("schema").split(",");
            namespace = parts[0].strip().replace("\"", "");
            for (int i = 1; i < parts.length; i++) {
                schemaDimensions.add(parts[i].strip().replace("\"", ""));
            }
            terms = schema.group("terms");
        }
        Set<String> metricNames = new LinkedHashSet<>();
        Map<String, String> dimensionValues = new LinkedHashMap<>();
        Matcher term = TERM.matcher(terms);
        StringBuilder rest = new StringBuilder();
        while (term.find()) {
            if (term.group("key").equals("MetricName")) {
                metricNames.add(term.group("value"));
            } else {
                dimensionValues.put(term.group("key"), term.group("value"));
            }
            term.appendReplacement(rest, " ");
        }
        term.appendTail(rest);
        // Left are the parentheses and ORs between MetricName terms; anything else (free text, NOT, partial
        // matches) this reader does not model, so it refuses rather than guessing.
        String leftover = rest.toString().replaceAll("[()]|\\bOR\\b", " ").strip();
        if (!leftover.isEmpty()) {
            throw new IllegalArgumentException(where + ": SEARCH term '" + leftover + "' is not MetricName=\"...\","
                    + " Dimension=\"...\" or OR: " + expression);
        }
        if (namespace.isEmpty()) {
            throw new IllegalArgumentException(where + ": SEARCH without a {namespace, ...} schema: " + expression);
        }
        return new MetricReference.Search(
                where, expression, namespace, schemaDimensions, metricNames, dimensionValues, stat);
    }

    private static Map<String, String> dimensions(Object node) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        if (node instanceof List<?> list) {
            for (Object entry : list) {
                Map<?, ?> d = (Map<?, ?>) entry;
                dimensions.put(String.valueOf(d.get("Name")), String.valueOf(d.get("Value")));
            }
        }
        return dimensions;
    }
}
