package io.nutrisage.app.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A recording read back: its entries in file order and the lines that could not be read (with line numbers). */
public record RunRecording(Path file, List<RunEntry> entries, List<String> problems) {
    public RunRecording {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Reads a recording. A line that is not a valid entry (typically the last one, cut short by a crash) is skipped and
     * reported in {@link #problems()}; the rest is kept.
     */
    public static RunRecording read(Path file) throws IOException {
        ObjectMapper json = mapper();
        List<RunEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(json.readValue(line, RunEntry.class));
                } catch (JsonProcessingException e) {
                    problems.add(file.getFileName() + " line " + number + ": " + e.getOriginalMessage());
                }
            }
        }
        return new RunRecording(file, entries, problems);
    }
}
