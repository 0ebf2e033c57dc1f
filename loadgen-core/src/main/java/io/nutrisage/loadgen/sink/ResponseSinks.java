package io.nutrisage.loadgen.sink;

import io.nutrisage.loadgen.records.RecordSources.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Response sinks writing NDJSON batches to a local file or to S3 objects. */
public final class ResponseSinks {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSinks.class);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ResponseSinks() {}

    /** Appends batches of up to {@code batchSize} lines (or what came in within a second) to {@code file}. */
    public static ResponseSink localFile(Path file, int batchSize) {
        Objects.requireNonNull(file, "file");
        return new BatchingSink("file:" + file, batchSize, batch -> {
            try (OutputStream out = Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                out.write(batch);
            }
        });
    }

    /**
     * Writes each batch as one object {@code <prefix>responses-<start>-<n>.ndjson} under {@code s3://bucket/prefix}.
     */
    public static ResponseSink s3(S3Client s3, String location, int batchSize) {
        Objects.requireNonNull(s3, "s3");
        S3Location where = S3Location.parse(location);
        String stamp = STAMP.format(Instant.now());
        AtomicLong sequence = new AtomicLong();
        return new BatchingSink(location, batchSize, batch -> {
            String key = String.format("%sresponses-%s-%06d.ndjson", where.prefix(), stamp, sequence.incrementAndGet());
            try {
                s3.putObject(
                        b -> b.bucket(where.bucket()).key(key).contentType("application/x-ndjson"),
                        RequestBody.fromBytes(batch));
            } catch (RuntimeException e) {
                throw new IOException("cannot write s3://" + where.bucket() + "/" + key + ": " + e.getMessage(), e);
            }
        });
    }

    interface BatchWriter {
        void write(byte[] batch) throws IOException;
    }

    /** One writer thread; lines queue up in a bounded queue so HTTP callbacks never wait. */
    static final class BatchingSink implements ResponseSink {
        private static final byte[] END = new byte[0];
        private final String description;
        private final int batchSize;
        private final BatchWriter writer;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private final AtomicLong dropped = new AtomicLong();
        private final Thread thread;
        private volatile boolean closed;

        BatchingSink(String description, int batchSize, BatchWriter writer) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
            }
            this.description = description;
            this.batchSize = batchSize;
            this.writer = writer;
            this.thread = Thread.ofPlatform().daemon().name("loadgen-sink").start(this::drain);
        }

        @Override
        public boolean offer(byte[] line) {
            if (closed || !queue.offer(line)) {
                dropped.incrementAndGet();
                return false;
            }
            return true;
        }

        @Override
        public long dropped() {
            return dropped.get();
        }

        @Override
        public String describe() {
            return description;
        }

        private void drain() {
            List<byte[]> batch = new ArrayList<>(batchSize);
            long lastWrite = System.nanoTime();
            boolean end = false;
            while (!end) {
                try {
                    byte[] first = queue.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        if (first == END) {
                            end = true;
                        } else {
                            batch.add(first);
                        }
                    }
                    while (!end && batch.size() < batchSize) {
                        byte[] next = queue.poll();
                        if (next == null) {
                            break;
                        }
                        if (next == END) {
                            end = true;
                        } else {
                            batch.add(next);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    end = true;
                }
                boolean due = System.nanoTime() - lastWrite >= TimeUnit.SECONDS.toNanos(1);
                if (!batch.isEmpty() && (batch.size() >= batchSize || end || due)) {
                    write(batch);
                    batch.clear();
                    lastWrite = System.nanoTime();
                }
            }
        }

        private void write(List<byte[]> batch) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 256);
            for (byte[] line : batch) {
                out.writeBytes(line);
                out.write('\n');
            }
            try {
                writer.write(out.toByteArray());
            } catch (IOException | UncheckedIOException e) {
                dropped.addAndGet(batch.size());
                LOG.warn(
                        "Response sink {}: a batch of {} lines was not stored: {}",
                        description,
                        batch.size(),
                        e.getMessage());
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                queue.put(END);
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
