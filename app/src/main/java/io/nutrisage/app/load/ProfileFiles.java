package io.nutrisage.app.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rate profile file: JSON {@code {"name": "...", "phases": [{"duration": 180, "rate": 5}, {"duration": 60,
 * "from": 5, "to": 50}]}} with durations in seconds. Errors name the phase and the field.
 */
public final class ProfileFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Profile(String name, List<LoadPhase> phases) {}

    private ProfileFiles() {}

    public static Profile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !root.path("phases").isArray()) {
            throw new IOException(file.getFileName() + ": expected an object with a \"phases\" array");
        }
        String name = root.path("name").asText(file.getFileName().toString().replaceFirst("\\.json$", ""));
        List<LoadPhase> phases = new ArrayList<>();
        int i = 0;
        for (JsonNode p : root.get("phases")) {
            i++;
            try {
                double seconds = number(p, "duration");
                Duration duration = Duration.ofMillis(Math.round(seconds * 1000));
                if (p.has("rate")) {
                    phases.add(LoadPhase.hold(duration, number(p, "rate")));
                } else {
                    phases.add(new LoadPhase(duration, number(p, "from"), number(p, "to")));
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file.getFileName() + " phase " + i + ": " + e.getMessage(), e);
            }
        }
        if (phases.isEmpty()) {
            throw new IOException(file.getFileName() + ": no phases");
        }
        return new Profile(name, phases);
    }

    private static double number(JsonNode phase, String field) {
        JsonNode v = phase.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number");
        }
        return v.asDouble();
    }
}
