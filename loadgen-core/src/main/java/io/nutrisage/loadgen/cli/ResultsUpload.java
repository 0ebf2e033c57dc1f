package io.nutrisage.loadgen.cli;

import io.nutrisage.loadgen.records.RecordSources.S3Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Copies a run's output folder to S3 while the run goes on, so that a task that is killed (a Spot interruption, a
 * stopped task, an out-of-memory kill) loses at most the last interval: every {@code interval} the files whose size or
 * modification time changed since their last copy, and all of them once more at the end. Keys are {@code
 * <prefix><run-id>/<task-id>/<file name>}, so that the tasks of one distributed run share a folder and never
 * overwrite each other.
 *
 * <p>Threading: one daemon thread copies on the schedule; {@link #finish()} (on the run's thread) stops it and makes
 * the last copy. A copy that fails is reported once (with the reason S3 gave) and tried again at the next interval;
 * the local files are never removed.
 */
final class ResultsUpload implements AutoCloseable {
    private final S3Client s3;
    private final S3Location location;
    private final Path dir;
    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private final Map<Path, String> copied = new HashMap<>();
    private String lastFailure;

    private ResultsUpload(S3Client s3, S3Location location, Path dir, PrintWriter err, Duration interval) {
        this.s3 = s3;
        this.location = location;
        this.dir = dir;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("loadgen-results-upload").daemon().factory());
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::copyChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts copying {@code dir} to {@code <resultsPrefix><runId>/<taskId>/} every {@code interval}.
     *
     * @throws IllegalArgumentException when {@code resultsPrefix} is not an {@code s3://bucket/prefix/} location
     */
    static ResultsUpload start(
            S3Client s3,
            String resultsPrefix,
            String runId,
            String taskId,
            Path dir,
            Duration interval,
            PrintWriter err) {
        if (!resultsPrefix.startsWith("s3://")) {
            throw new IllegalArgumentException(
                    "--results (RESULTS_PREFIX) must be an s3://bucket/prefix/ location, was '" + resultsPrefix + "'");
        }
        S3Location base = S3Location.parse(resultsPrefix);
        String prefix = base.prefix().isEmpty() || base.prefix().endsWith("/") ? base.prefix() : base.prefix() + "/";
        S3Location location = new S3Location(base.bucket(), prefix + safe(runId) + "/" + safe(taskId) + "/");
        return new ResultsUpload(s3, location, dir, err, interval);
    }

    /** Where the results go: {@code s3://bucket/prefix/run-id/task-id/}. */
    String describe() {
        return "s3://" + location.bucket() + "/" + location.prefix();
    }

    /** Stops the schedule and copies every file once more; false when the last copy failed. */
    boolean finish() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            copied.clear();
        }
        return copyChanged();
    }

    synchronized boolean copyChanged() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return failed("cannot list " + dir + ": " + e.getMessage());
        }
        for (Path file : files) {
            try {
                String stamp =
                        Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
                if (stamp.equals(copied.get(file))) {
                    continue;
                }
                // The bytes as they are now: a file still being appended to is copied again at the next interval.
                byte[] content = Files.readAllBytes(file);
                s3.putObject(
                        b -> b.bucket(location.bucket()).key(location.prefix() + file.getFileName()),
                        RequestBody.fromBytes(content));
                copied.put(file, stamp);
            } catch (IOException | SdkException e) {
                return failed("cannot copy " + file.getFileName() + " to " + describe() + ": " + reason(e));
            }
        }
        if (lastFailure != null) {
            err.println("loadgen: results copied to " + describe() + " again");
            err.flush();
            lastFailure = null;
        }
        return true;
    }

    private boolean failed(String message) {
        if (!message.equals(lastFailure)) {
            err.println("loadgen: " + message + " (the local files stay in " + dir + "; retrying)");
            err.flush();
        }
        lastFailure = message;
        return false;
    }

    /** What S3 said, without the request id and attempt count that change with every try. */
    private static String reason(Exception e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorMessage() + " ("
                    + aws.awsErrorDetails().errorCode() + ", HTTP " + aws.statusCode() + ")";
        }
        return e.getMessage();
    }

    /** Keeps an id usable as one key segment. */
    private static String safe(String id) {
        String cleaned = id.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return cleaned.isEmpty() ? "unnamed" : cleaned;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
