package io.nutrisage.app.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends run entries to a JSON-lines file, one entry per line, flushed line by line: a crash of the console loses at
 * most the line being written. Thread-safe (entries from the load and monitoring threads interleave line-wise).
 */
public final class RunRecorder implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private final ObjectMapper json = RunRecording.mapper();
    private boolean closed;

    private RunRecorder(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Opens {@code file} for appending (created with its directories if missing). */
    public static RunRecorder append(Path file) throws IOException {
        return new RunRecorder(Objects.requireNonNull(file, "file"));
    }

    public Path file() {
        return file;
    }

    public synchronized void record(RunEntry entry) {
        if (closed) {
            return;
        }
        try {
            byte[] line = json.writeValueAsBytes(entry);
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to recording " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
