package io.nutrisage.infra;

import java.util.List;
import java.util.Map;

/** Navigation in parsed templates: {@code Paths.at(template, "Resources", "Alb", "Properties")}. */
final class Paths {
    private Paths() {}

    static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = switch (current) {
                case Map<?, ?> map when map.containsKey(step) -> map.get(step);
                case List<?> list when step instanceof Integer index && index < list.size() -> list.get(index);
                default ->
                    throw new AssertionError(
                            "no " + step + " in " + describe(current) + " (path " + List.of(path) + ")");
            };
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Object... path) {
        return (Map<String, Object>) at(node, path);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, Object... path) {
        return (List<Object>) at(node, path);
    }

    /** The Default of a template parameter, as text. */
    static String parameterDefault(Map<String, Object> template, String parameter) {
        return String.valueOf(at(template, "Parameters", parameter, "Default"));
    }

    private static String describe(Object node) {
        String text = String.valueOf(node);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
