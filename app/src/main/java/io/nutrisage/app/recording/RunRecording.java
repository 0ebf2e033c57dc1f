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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recording read back: its entries in file order, the lines that could not be read (with line numbers), the number
 * of its last non-blank line, and whether that line was cut short (not a readable entry, as when the console died
 * while writing it).
 */
public record RunRecording(Path file, List<RunEntry> entries, List<String> problems, int lines, boolean lastLineCut) {
    public RunRecording {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * Why this recording is incomplete, in words for a report: where it ends and what is missing. Empty when its (last)
     * run ends with its run-ended entry and every line was read. A run that is still being recorded reads as
     * incomplete too: its end is not written yet.
     */
    public Optional<String> endedEarly() {
        int lastStart = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof RunEntry.RunStarted) {
                lastStart = i;
            }
        }
        List<RunEntry> run = entries.subList(Math.max(0, lastStart), entries.size());
        boolean ended = run.stream().anyMatch(e -> e instanceof RunEntry.RunEnded);
        boolean loadFinished = run.stream().anyMatch(e -> e instanceof RunEntry.LoadFinished);
        int otherProblems = problems.size() - (lastLineCut ? 1 : 0);
        if (ended && !lastLineCut && otherProblems == 0) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (lastLineCut) {
            parts.add("recording ends at line " + lines + ": the last line is incomplete");
        } else if (!ended) {
            parts.add("recording ends at line " + lines + " without its run-ended entry");
        }
        if (!ended) {
            String missing = lastStart < 0 ? "the run's start and end are missing" : "the run's end is missing";
            if (!entries.isEmpty()) {
                Duration last = Duration.between(
                        entries.getFirst().time(), entries.getLast().time());
                missing += String.format(
                        Locale.ROOT, " (nothing after t = %.0f s, its last entry)", last.toMillis() / 1000.0);
            }
            parts.add(loadFinished ? missing : missing + ", and so are the load's totals");
        }
        if (otherProblems > 0) {
            parts.add(otherProblems + (otherProblems == 1 ? " other line was" : " other lines were")
                    + " unreadable and skipped");
        }
        return Optional.of(String.join("; ", parts));
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
        int number = 0;
        int last = 0;
        boolean lastUnreadable = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                last = number;
                try {
                    entries.add(json.readValue(line, RunEntry.class));
                    lastUnreadable = false;
                } catch (JsonProcessingException e) {
                    problems.add(file.getFileName() + " line " + number + ": " + e.getOriginalMessage());
                    lastUnreadable = true;
                }
            }
        }
        return new RunRecording(file, entries, problems, last, lastUnreadable);
    }
}
