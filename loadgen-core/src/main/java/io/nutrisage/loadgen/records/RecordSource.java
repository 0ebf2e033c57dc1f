package io.nutrisage.loadgen.records;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where request bodies come from: a local file or directory, an S3 prefix or the built-in sample. Each
 * {@link #open} starts a fresh pass over all records (used by {@code --loop}).
 */
public interface RecordSource {

    /**
     * Starts a pass. Rows and objects that cannot be read are reported to {@code skipped} and left out; the pass
     * goes on.
     *
     * @throws IOException when the source itself cannot be listed or opened at all
     */
    RecordStream open(Consumer<SkippedRecord> skipped) throws IOException;

    /** A short description for logs and summaries, e.g. {@code s3://bucket/prefix/}. */
    String describe();

    /** A pass over the records; single-threaded. */
    interface RecordStream extends AutoCloseable {
        /** The next record, or {@code null} at the end of the pass. */
        LoadRecord next() throws IOException;

        @Override
        void close() throws IOException;
    }
}
