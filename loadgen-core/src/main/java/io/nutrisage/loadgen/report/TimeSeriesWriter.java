package io.nutrisage.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.LoadgenException;
import io.nutrisage.loadgen.Snapshot;
import io.nutrisage.loadgen.SnapshotListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes one line per snapshot to a JSON lines file and a CSV file, flushed every second, so an interrupted run
 * keeps every second it reported.
 */
public final class TimeSeriesWriter implements SnapshotListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter jsonLines;
    private final BufferedWriter csv;

    public TimeSeriesWriter(Path jsonLinesFile, Path csvFile) {
        try {
            this.jsonLines = Files.newBufferedWriter(jsonLinesFile, StandardCharsets.UTF_8);
            this.csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8);
            csv.write(String.join(",", SnapshotFields.COLUMNS));
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw new LoadgenException(
                    "cannot create the time series files in " + jsonLinesFile.getParent() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onSnapshot(Snapshot snapshot) {
        Map<String, Object> fields = SnapshotFields.of(snapshot);
        try {
            jsonLines.write(JSON.writeValueAsString(fields));
            jsonLines.newLine();
            jsonLines.flush();
            csv.write(fields.values().stream().map(SnapshotFields::csv).collect(Collectors.joining(",")));
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw new LoadgenException("cannot write the time series: " + e.getMessage(), e);
        }
    }

    @Override
    public void onFinish(io.nutrisage.loadgen.RunSummary summary) {
        close();
    }

    @Override
    public void close() {
        try {
            jsonLines.close();
            csv.close();
        } catch (IOException e) {
            throw new LoadgenException("cannot close the time series: " + e.getMessage(), e);
        }
    }
}
