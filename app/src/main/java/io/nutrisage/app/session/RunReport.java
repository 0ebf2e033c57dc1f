package io.nutrisage.app.session;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes the text artefacts of an export: the scaling timeline (Markdown and CSV) and the run summary. */
public final class RunReport {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private RunReport() {}

    public static Path writeScalingTimelineCsv(RunTimeline t, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("time,seconds,from,to,description,cause,status\n");
        for (ScalingActivity a : t.activities()) {
            csv.append(ISO.format(a.startTime()))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.1f", t.secondsOf(a.startTime())))
                    .append(',')
                    .append(a.fromCapacity())
                    .append(',')
                    .append(a.toCapacity())
                    .append(',')
                    .append(quote(a.description()))
                    .append(',')
                    .append(quote(a.cause()))
                    .append(',')
                    .append(a.statusCode())
                    .append('\n');
        }
        Path file = dir.resolve("scaling-timeline.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    public static Path writeScalingTimelineMarkdown(RunTimeline t, Path dir) throws IOException {
        StringBuilder md = new StringBuilder("# Scaling timeline\n\n");
        md.append(scalingTable(t)).append("\n## Alarm transitions\n\n");
        md.append("| t (s) | alarm | change | reason |\n|---:|---|---|---|\n");
        for (AlarmTransition x : t.transitions()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %s | %s → %s | %s |%n",
                    t.secondsOf(x.time()),
                    escape(x.alarmName()),
                    x.from(),
                    x.to(),
                    escape(x.reason())));
        }
        Path file = dir.resolve("scaling-timeline.md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return file;
    }

    private static String scalingTable(RunTimeline t) {
        StringBuilder md =
                new StringBuilder("| t (s) | time (UTC) | description | cause | status |\n|---:|---|---|---|---|\n");
        for (ScalingActivity a : t.activities()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %s | %s | %s | %s |%n",
                    t.secondsOf(a.startTime()),
                    ISO.format(a.startTime()),
                    escape(a.description()),
                    escape(a.cause()),
                    a.statusCode()));
        }
        if (t.activities().isEmpty()) {
            md.append("| – | – | no scaling activity | – | – |\n");
        }
        return md.toString();
    }

    public static Path writeSummary(
            RunTimeline t, Optional<LoadPlan> plan, List<RunCheck> checks, List<String> figures, Path dir)
            throws IOException {
        StringBuilder md = new StringBuilder("# NutriSage run summary\n\n");
        md.append("Run started ")
                .append(ISO.format(t.origin()))
                .append(". All of it on one page: [report.html](report.html).\n\n");
        t.incomplete().ifPresent(why -> md.append("> **Recording incomplete:** ")
                .append(why)
                .append(". This summary covers the part that was recorded.\n\n"));
        plan.ifPresent(p -> {
            md.append("Profile `")
                    .append(p.profileName())
                    .append("` at time scale ")
                    .append(p.timeScale())
                    .append(" (")
                    .append(p.scaledTotal().toSeconds())
                    .append(" s), records `")
                    .append(p.recordSource())
                    .append("`, in-flight cap ")
                    .append(p.inFlightCap())
                    .append(".\n\n");
            md.append("| phase | profile | \n|---:|---|\n");
            for (int i = 0; i < p.phases().size(); i++) {
                md.append("| ")
                        .append(i + 1)
                        .append(" | ")
                        .append(p.phases().get(i).describe())
                        .append(" |\n");
            }
            md.append('\n');
        });
        md.append(String.format(
                Locale.ROOT,
                "Requests sent %d, completed %d, client errors %d, late or dropped %d.%n%n",
                t.sent(),
                t.completed(),
                t.clientErrors(),
                t.lateOrDropped()));
        t.loadTotals()
                .ifPresent(x -> md.append(String.format(
                        Locale.ROOT,
                        "Whole run (load generator): planned %d, sent %d, late %d, dropped %d, errors %d;"
                                + " p90 %.2f ms corrected, %.2f ms raw; p99 %.2f ms corrected, %.2f ms raw.%n%n",
                        x.planned(),
                        x.sent(),
                        x.late(),
                        x.dropped(),
                        x.errors().total(),
                        x.corrected().p90(),
                        x.raw().p90(),
                        x.corrected().p99(),
                        x.raw().p99())));
        boolean all = checks.stream().allMatch(RunCheck::passed);
        md.append("## Validation: ")
                .append(all ? "PASS" : "FAIL")
                .append("\n\n| check | result | evidence |\n|---|---|---|\n");
        for (RunCheck c : checks) {
            md.append("| ")
                    .append(c.name())
                    .append(" | ")
                    .append(c.passed() ? "✅ pass" : "❌ fail")
                    .append(" | ")
                    .append(escape(c.evidence()))
                    .append(" |\n");
        }
        md.append("\n## Scaling activities\n\n").append(scalingTable(t));
        md.append("\n## Figures\n\n");
        for (String f : figures) {
            md.append("![").append(f).append("](").append(f).append(")\n\n");
        }
        Path file = dir.resolve("run-summary.md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return file;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
