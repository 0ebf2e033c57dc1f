package io.nutrisage.loadgen.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in profiles and profile files. A file is YAML or JSON (JSON is YAML):
 *
 * <pre>
 * name: step-up
 * phases:
 *   - {duration: 60s, rate: 5}          # hold
 *   - {duration: 2m, from: 5, to: 50}   # linear ramp
 * </pre>
 *
 * Durations are {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, an ISO-8601 duration ({@code PT2M}) or a number
 * of seconds. Phases may also be given inline as {@code 60s@5} (hold) or {@code 2m@5..50} (ramp).
 */
public final class Profiles {
    private static final Map<String, RateProfile> BUILT_IN =
            Map.of(RateProfile.NUTRISAGE_DEMO.name(), RateProfile.NUTRISAGE_DEMO);
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern INLINE_PHASE =
            Pattern.compile("([^@]+)@\\s*(\\d+(?:\\.\\d+)?)\\s*(?:\\.\\.\\s*(\\d+(?:\\.\\d+)?))?\\s*(?:/s)?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Profiles() {}

    /** Names of the built-in profiles. */
    public static List<String> builtInNames() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** A built-in profile by name, or the profile in the file at {@code nameOrPath}. */
    public static RateProfile resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        RateProfile builtIn = BUILT_IN.get(nameOrPath);
        if (builtIn != null) {
            return builtIn;
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("unknown profile '" + nameOrPath + "': not a built-in profile "
                    + builtInNames() + " and no such file");
        }
        return load(path);
    }

    /** Reads a YAML or JSON profile file; errors name the file and the offending phase. */
    public static RateProfile load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("profile " + file + ": expected an object with 'phases'");
        }
        String fileName = file.getFileName().toString();
        String name = root.path("name").asText(fileName.replaceFirst("\\.(ya?ml|json)$", ""));
        JsonNode phases = root.path("phases");
        if (!phases.isArray() || phases.isEmpty()) {
            throw new IllegalArgumentException("profile " + file + ": 'phases' must be a non-empty list");
        }
        List<Phase> result = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            try {
                result.add(phase(phases.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("profile " + file + ", phase " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RateProfile(name, result);
    }

    private static Phase phase(JsonNode node) {
        if (node.isTextual()) {
            return parsePhase(node.asText());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected {duration, rate} or {duration, from, to}");
        }
        JsonNode durationNode = node.get("duration");
        if (durationNode == null) {
            throw new IllegalArgumentException("'duration' is missing");
        }
        Duration duration = durationNode.isNumber()
                ? Duration.ofNanos(Math.round(durationNode.asDouble() * 1e9))
                : parseDuration(durationNode.asText());
        if (node.has("rate")) {
            return Phase.hold(duration, number(node, "rate"));
        }
        if (node.has("from") && node.has("to")) {
            return Phase.ramp(duration, number(node, "from"), number(node, "to"));
        }
        throw new IllegalArgumentException("needs 'rate' (hold) or 'from' and 'to' (ramp)");
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number of requests/s, was " + value);
        }
        return value.asDouble();
    }

    /** Parses {@code 60s@5} (hold 5/s for 60 s) or {@code 2m@5..50} (ramp from 5/s to 50/s over 2 minutes). */
    public static Phase parsePhase(String text) {
        Matcher m = INLINE_PHASE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "phase '" + text + "' is not DURATION@RATE (60s@5) or DURATION@FROM..TO (2m@5..50)");
        }
        Duration duration = parseDuration(m.group(1));
        double from = Double.parseDouble(m.group(2));
        return m.group(3) == null
                ? Phase.hold(duration, from)
                : Phase.ramp(duration, from, Double.parseDouble(m.group(3)));
    }

    /** Parses {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 1.5s} or ISO-8601 ({@code PT2M}). */
    public static Duration parseDuration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(trimmed);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            double nanosPerUnit =
                    switch (m.group(2)) {
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            return Duration.ofNanos(Math.round(value * nanosPerUnit));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (500ms, 90s, 2m, 1h or PT2M)", e);
        }
    }
}
