package io.nutrisage.predictor.metrics;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where Embedded Metric Format lines go: one JSON object per call, without a line terminator. Called from the
 * metrics flusher thread only, once per line, a few times a second.
 */
@FunctionalInterface
public interface EmfSink {
    void write(String line);

    /** Called after the lines of one second are written; stdout flushes here. */
    default void flush() {}

    /** Standard output, which the awslogs driver ships to CloudWatch Logs (the production default). */
    static EmfSink stdout() {
        // A private stream on fd 1 so nothing else buffered on System.out interleaves inside a line.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        return new EmfSink() {
            @Override
            public void write(String line) {
                out.println(line);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    /** Discards every line: for replicas embedded in another process that read {@link ModelSecond}s instead. */
    static EmfSink none() {
        return line -> {};
    }

    /** Collects lines into a list the caller owns (synchronize on it when reading from another thread). */
    static EmfSink into(List<String> lines) {
        return line -> {
            synchronized (lines) {
                lines.add(line);
            }
        };
    }
}
