package io.nutrisage.loadgen.cli;

import io.nutrisage.loadgen.LoadGenerator;
import io.nutrisage.loadgen.LoadRun;
import io.nutrisage.loadgen.LoadgenException;
import io.nutrisage.loadgen.RunDefinition;
import io.nutrisage.loadgen.RunSummary;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.report.ProgressPrinter;
import io.nutrisage.loadgen.report.SummaryReports;
import io.nutrisage.loadgen.report.Threshold;
import io.nutrisage.loadgen.report.TimeSeriesWriter;
import io.nutrisage.loadgen.schedule.Arrivals;
import io.nutrisage.loadgen.schedule.Profiles;
import io.nutrisage.loadgen.schedule.RateProfile;
import io.nutrisage.loadgen.sink.ResponseSink;
import io.nutrisage.loadgen.sink.ResponseSinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Sends records to TARGET/predict on a rate profile (open loop) and writes the time series, an"
                + " HdrHistogram log, a summary and JUnit XML into --out. Ends when the profile or the records run out"
                + " (see --loop), or on SIGINT/SIGTERM, with every output written up to the last second.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 run error, 2 invalid command line, 99 a --threshold was breached,"
                    + " 105 interrupted (SIGINT/SIGTERM) with no threshold breached.",
            "Examples:",
            "  loadgen run --profile nutrisage-demo --time-scale 0.1 --target http://127.0.0.1:8000",
            "  loadgen run --phase 30s@10 --phase 1m@10..200 --input s3://bucket/records/ --loop \\",
            "      --threshold 'p90<500ms' --threshold 'error_rate<1%%' --threshold 'achieved_rate>=99%%'"
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--target",
            defaultValue = "${env:TARGET_URL:-http://127.0.0.1:8000}",
            description = "Base URL of the service (env TARGET_URL; default ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--path", defaultValue = "/predict", description = "Request path (default ${DEFAULT-VALUE}).")
    String path;

    @Option(
            names = "--profile",
            defaultValue = "${env:LOAD_PROFILE:-nutrisage-demo}",
            description =
                    "Built-in profile name or a YAML/JSON profile file (env LOAD_PROFILE; default ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--phase",
            paramLabel = "DURATION@RATE[..TO]",
            description = "Inline phase instead of --profile, repeatable: 60s@5 holds 5/s, 2m@5..50 ramps.")
    List<String> phases = new ArrayList<>();

    @Option(
            names = "--time-scale",
            defaultValue = "${env:TIME_SCALE:-1}",
            description =
                    "Multiply every phase duration (0.1 plays 22 minutes in 2.2); rates are kept (env TIME_SCALE).")
    double timeScale;

    @Option(
            names = "--arrivals",
            defaultValue = "constant",
            description = "constant or poisson (default ${DEFAULT-VALUE}).")
    String arrivals;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Poisson arrivals.")
    long seed;

    @Option(
            names = "--input",
            defaultValue = "${env:INPUT_PREFIX:-builtin}",
            description = "Records: s3://bucket/prefix/, a local file or directory, or 'builtin' (env INPUT_PREFIX).")
    String input;

    @Option(
            names = "--loop",
            negatable = true,
            description = "Start the records over when they run out instead of ending the run (default: on for the"
                    + " built-in sample, which is only 200 records, off for files and S3).")
    Boolean loopOption;

    boolean loop;

    @Option(
            names = "--workers",
            defaultValue = "${env:WORKERS:-64}",
            description = "Cap on requests in flight (env WORKERS; default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", defaultValue = "10s", description = "Request timeout (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--max-lateness",
            defaultValue = "1s",
            description = "Drop a start the in-flight cap has held back this long (default ${DEFAULT-VALUE}).")
    String maxLateness;

    @Option(
            names = "--late-after",
            defaultValue = "10ms",
            description = "Count a start as late beyond this delay (default ${DEFAULT-VALUE}).")
    String lateAfter;

    @Option(
            names = "--catch-up",
            paramLabel = "FACTOR",
            defaultValue = "2",
            description = "Once more than --late-after behind plan (after a stall), send the overdue starts at FACTOR"
                    + " x the target rate until back on schedule, as wrk2 does; latency is still measured from the"
                    + " planned start. Must be > 1 (default ${DEFAULT-VALUE}).")
    double catchUp;

    @Option(
            names = "--drain",
            defaultValue = "5s",
            description = "On stop, wait this long for requests in flight (default ${DEFAULT-VALUE}).")
    String drain;

    @Option(
            names = "--confidence-pointer",
            defaultValue = "/confidence",
            description = "JSON pointer to the confidence.")
    String confidencePointer;

    @Option(names = "--grade-pointer", defaultValue = "/grade", description = "JSON pointer to the grade.")
    String gradePointer;

    @Option(
            names = "--responses",
            paramLabel = "FILE|s3://bucket/prefix/",
            description = "Store every request and response as NDJSON batches in a local file or under an S3 prefix.")
    String responses;

    @Option(names = "--responses-batch", defaultValue = "500", description = "Lines per response batch.")
    int responsesBatch;

    @Option(names = "--out", description = "Output directory (default runs/loadgen-<date>-<time>).")
    Path out;

    @Option(
            names = "--results",
            defaultValue = "${env:RESULTS_PREFIX:-}",
            paramLabel = "s3://BUCKET/PREFIX/",
            description = "Also copy the outputs to <prefix><run-id>/<task-id>/ every 10 s while the run goes on and"
                    + " at its end (env RESULTS_PREFIX).")
    String results;

    @Option(
            names = "--run-id",
            defaultValue = "${env:RUN_ID:-}",
            description = "The run's folder under --results (env RUN_ID; default the output directory's name).")
    String runId;

    @Option(
            names = "--threshold",
            paramLabel = "EXPR",
            description =
                    "Pass/fail condition on the whole run, repeatable: 'p90<500ms', 'raw_p99<1s', 'error_rate<1%%',"
                            + " 'achieved_rate>=99%%', 'dropped<1', 'blocked_requests<1' (env THRESHOLDS, comma"
                            + " separated).",
            defaultValue = "${env:THRESHOLDS:-}",
            split = "\\s*,\\s*")
    List<String> thresholds = new ArrayList<>();

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description = "auto (a live line on a terminal, a line every 10 s otherwise), line, plain or off.")
    String progress;

    @Override
    public Integer call() throws Exception {
        List<Threshold> gates = thresholds.stream()
                .filter(t -> !t.isBlank())
                .map(Threshold::parse)
                .toList();
        RateProfile rateProfile = phases.isEmpty()
                ? Profiles.resolve(profile)
                : new RateProfile(
                        "inline", phases.stream().map(Profiles::parsePhase).toList());
        Path dir = out != null
                ? out
                : Path.of(
                        "runs",
                        "loadgen-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LoadgenException("cannot create the output directory " + dir + ": " + e.getMessage(), e);
        }
        boolean builtIn = input == null || input.isBlank() || input.equals("builtin");
        loop = loopOption != null ? loopOption : builtIn;
        LazyS3 s3 = new LazyS3();
        ResultsUpload upload = results == null || results.isBlank()
                ? null
                : ResultsUpload.start(
                        s3.get(),
                        results.strip(),
                        runId == null || runId.isBlank() ? dir.getFileName().toString() : runId,
                        TaskIdentity.of(System.getenv()),
                        dir,
                        RESULTS_INTERVAL,
                        spec.commandLine().getErr());
        ResponseSink sink = null;
        if (responses != null) {
            sink = responses.startsWith("s3://")
                    ? ResponseSinks.s3(s3.get(), responses, responsesBatch)
                    : ResponseSinks.localFile(Path.of(responses), responsesBatch);
        }
        RunDefinition definition = RunDefinition.builder(parseTarget(target))
                .path(path)
                .profile(rateProfile)
                .timeScale(timeScale)
                .arrivals(parseArrivals(arrivals))
                .seed(seed)
                .records(RecordSources.fromLocation(input, s3::get))
                .loop(loop)
                .inFlightCap(workers)
                .requestTimeout(Profiles.parseDuration(timeout))
                .maxLateness(Profiles.parseDuration(maxLateness))
                .lateAfter(Profiles.parseDuration(lateAfter))
                .catchUp(catchUp)
                .drainTimeout(Profiles.parseDuration(drain))
                .confidencePointer(confidencePointer)
                .gradePointer(gradePointer)
                .histogramLog(dir.resolve("latency.hlog"))
                .responseSink(sink)
                .build();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        LoadRun run = LoadGenerator.create(definition);
        run.addListener(new TimeSeriesWriter(dir.resolve("timeseries.jsonl"), dir.resolve("timeseries.csv")));
        boolean terminal = ProgressPrinter.stdoutIsTerminal();
        switch (progress) {
            case "auto" -> run.addListener(new ProgressPrinter(System.err, terminal, 10, definition));
            case "line" -> run.addListener(new ProgressPrinter(System.err, true, 1, definition));
            case "plain" -> run.addListener(new ProgressPrinter(System.err, false, 1, definition));
            case "off" -> {}
            default ->
                throw new IllegalArgumentException(
                        "--progress must be auto, line, plain or off, was '" + progress + "'");
        }
        err.printf(
                "loadgen: %s (%d phases, %s) -> %s, records %s%s, %d in flight, outputs in %s%s%n",
                rateProfile.name(),
                rateProfile.phases().size(),
                format(definition.profile().duration()),
                definition.url(),
                definition.records().describe(),
                loop ? " (loop)" : "",
                workers,
                dir,
                upload == null ? "" : " and " + upload.describe());
        err.flush();

        CountDownLatch written = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(ExitCodes.RUN_ERROR);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread hook = Thread.ofPlatform().name("loadgen-shutdown").unstarted(() -> {
            if (written.getCount() == 0) {
                return;
            }
            // SIGINT/SIGTERM: end the run cleanly, let the main thread write every output, then exit with its code.
            interrupted.set(true);
            run.stop();
            try {
                written.await(definition.drainTimeout().toSeconds() + 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode.get());
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run.start();
            RunSummary summary = run.awaitCompletion();
            List<Threshold.Result> verdicts =
                    gates.stream().map(t -> t.evaluate(summary)).toList();
            SummaryReports.write(dir, summary, verdicts);
            outWriter.print(SummaryReports.text(summary, verdicts));
            outWriter.flush();
            int code = summary.failure() != null
                    ? ExitCodes.RUN_ERROR
                    : verdicts.stream().allMatch(Threshold.Result::passed)
                            ? ExitCodes.OK
                            : ExitCodes.THRESHOLD_BREACHED;
            if (upload != null && !upload.finish()) {
                err.println("loadgen: the results could not be copied to " + upload.describe() + "; they are in " + dir
                        + " (exit code " + ExitCodes.RUN_ERROR + ")");
                code = ExitCodes.RUN_ERROR;
            }
            if (summary.failure() != null) {
                err.println("loadgen: run failed: " + summary.failure());
            }
            if (code == ExitCodes.OK && interrupted.get()) {
                code = ExitCodes.INTERRUPTED;
                err.println("loadgen: interrupted before the end of the profile; every output is written, exit code "
                        + ExitCodes.INTERRUPTED);
            }
            exitCode.set(code);
            return code;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook finishes the exit.
            }
            if (upload != null) {
                upload.close();
            }
            s3.close();
        }
    }

    /** How often the outputs are copied to --results while the run goes on. */
    static final Duration RESULTS_INTERVAL = Duration.ofSeconds(10);

    private static URI parseTarget(String target) {
        try {
            return URI.create(target.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target '" + target + "' is not a URL", e);
        }
    }

    static Arrivals parseArrivals(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "constant" -> Arrivals.CONSTANT;
            case "poisson" -> Arrivals.POISSON;
            default -> throw new IllegalArgumentException("--arrivals must be constant or poisson, was '" + text + "'");
        };
    }

    private static String format(Duration d) {
        return String.format(java.util.Locale.ROOT, "%d:%02d", d.toSeconds() / 60, d.toSeconds() % 60);
    }
}
