package io.nutrisage.app.report;

import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.MonitoringTarget.Detail;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.report.RunReportData.AlarmRow;
import io.nutrisage.app.report.RunReportData.ApiCost;
import io.nutrisage.app.report.RunReportData.Figure;
import io.nutrisage.app.report.RunReportData.FleetFigures;
import io.nutrisage.app.report.RunReportData.LoadFigures;
import io.nutrisage.app.report.RunReportData.Phase;
import io.nutrisage.app.report.RunReportData.Profile;
import io.nutrisage.app.report.RunReportData.ScalingRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run report as one self-contained HTML page: inline CSS, charts as inline {@code data:} PNGs, no script and no
 * external URL, so it opens anywhere without a network and prints as it shows. Every text that comes from the data
 * is HTML-escaped. Pure: no JavaFX, no I/O.
 */
public final class RunReportPage {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String CSS = """
            :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --bg: #f6f8fa;
              --card: #ffffff; --accent: #0b5cad; --pass-bg: #dafbe1; --pass: #116329; --fail-bg: #ffebe9;
              --fail: #a40e26; --warn-bg: #fff8c5; --warn: #7d4e00; --out: #c62828; --in: #1565c0; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 system-ui, -apple-system,
              "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 40px; }
            header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px;
              margin-bottom: 16px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 0 0 12px; }
            h3 { font-size: 14px; margin: 16px 0 8px; color: var(--muted); }
            .sub { color: var(--muted); margin: 0; }
            .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px;
              margin: 0 0 16px; }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px;
              margin-bottom: 16px; }
            .tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
            .tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
            .tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .tile .hint { color: var(--muted); font-size: 12px; }
            .badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-weight: 600;
              font-size: 12px; white-space: nowrap; }
            .badge.pass { background: var(--pass-bg); color: var(--pass); }
            .badge.fail { background: var(--fail-bg); color: var(--fail); }
            .badge.none { background: var(--bg); color: var(--muted); border: 1px solid var(--line); }
            .badge.big { font-size: 16px; padding: 4px 16px; }
            .badge.out { background: #fdecea; color: var(--out); }
            .badge.in { background: #e8f0fe; color: var(--in); }
            .banner { border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; border: 1px solid; }
            .banner.warn { background: var(--warn-bg); border-color: #d4a72c; color: var(--warn); }
            .banner.info { background: #ddf4ff; border-color: #54aeff; color: #0a3069; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { color: var(--muted); font-weight: 600; font-size: 12px; background: var(--bg); white-space: nowrap; }
            td.num, th.num { text-align: right; white-space: nowrap; }
            td.evidence, td.cause { color: var(--muted); }
            figure { margin: 0 0 14px; break-inside: avoid; }
            figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line);
              border-radius: 4px; }
            figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
            .legend { color: var(--muted); font-size: 12px; margin: 0 0 12px; }
            .legend .phase { color: #6e7781; } .legend .out { color: var(--out); } .legend .in { color: var(--in); }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
            dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
            .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
            @media print {
              body { background: #fff; font-size: 11px; }
              main { max-width: none; padding: 0; }
              .card, .tile { break-inside: avoid; box-shadow: none; }
              .card.charts { break-inside: auto; }
              @page { size: A4; margin: 12mm; }
            }
            """;

    private RunReportPage() {}

    /** The page for {@code data}. */
    public static String render(RunReportData data) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(data.title()))
                .append(" · ")
                .append(esc(UTC.format(data.started())))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(h, data);
        data.incomplete().ifPresent(why -> h.append(
                        "<div class=\"banner warn\" id=\"incomplete\"><strong>Recording incomplete:" + "</strong> ")
                .append(esc(why))
                .append(". This report shows the part that was recorded.</div>\n"));
        for (String note : data.notes()) {
            h.append("<div class=\"banner info\">").append(esc(note)).append("</div>\n");
        }
        tiles(h, data);
        charts(h, data.figures());
        scaling(h, data.scaling(), data.alarms());
        checklist(h, data.checks());
        load(h, data.profile(), data.load());
        target(h, data);
        h.append("<footer>Exported by NutriSage Console at ")
                .append(esc(UTC.format(data.exported())))
                .append(". Self-contained: charts are embedded, nothing is fetched.</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, RunReportData data) {
        List<RunCheck> checks = data.checks();
        long passed = checks.stream().filter(RunCheck::passed).count();
        String sub = data.profile()
                .map(p -> "Profile " + p.name() + " at time scale " + number(p.timeScale()) + " (" + duration(p.total())
                        + ") · ")
                .orElse("");
        h.append("<header>\n<div>\n<h1>")
                .append(esc(data.title()))
                .append("</h1>\n<p class=\"sub\">")
                .append(esc(sub + "started " + UTC.format(data.started()) + " · " + data.target()))
                .append("</p>\n</div>\n<div id=\"verdict\">");
        if (checks.isEmpty()) {
            h.append("<span class=\"badge big none\">NOT EVALUATED</span>");
        } else {
            boolean all = passed == checks.size();
            h.append("<span class=\"badge big ")
                    .append(all ? "pass\">PASS" : "fail\">FAIL")
                    .append("</span>");
        }
        h.append("</div>\n</header>\n");
    }

    private static void tiles(StringBuilder h, RunReportData data) {
        List<RunCheck> checks = data.checks();
        long passed = checks.stream().filter(RunCheck::passed).count();
        LoadFigures load = data.load();
        FleetFigures fleet = data.fleet();
        h.append("<section class=\"tiles\" id=\"summary\">\n");
        tile(h, "Checks", passed + " / " + checks.size(), "passed");
        tile(
                h,
                "Tasks",
                fleet.peak() < 0 ? "–" : fleet.first() + " → " + fleet.peak() + " → " + fleet.last(),
                "first → peak → last");
        tile(h, "Scaling", fleet.scaleOuts() + " out · " + fleet.scaleIns() + " in", "activities");
        long sent = load.totals().map(LoadTotals::sent).orElse(load.sent());
        long completed = load.totals().map(LoadTotals::completed).orElse(load.completed());
        long errors = load.totals().map(t -> t.errors().total()).orElse(load.errors());
        tile(
                h,
                "Requests",
                String.format(Locale.ROOT, "%,d", sent),
                completed == 0
                        ? "sent, none completed"
                        : String.format(Locale.ROOT, "sent · %.2f %% errors", errors * 100.0 / completed));
        tile(
                h,
                "p90 latency",
                load.totals()
                        .filter(t -> t.corrected().count() > 0)
                        .map(t -> ms(t.corrected().p90()))
                        .orElse(ms(load.worstP90CorrectedMs())),
                load.totals().isPresent() ? "client, whole run" : "client, worst second");
        tile(h, "Server p90", ms(load.worstP90ServerMs()), "worst datapoint");
        tile(
                h,
                "API cost",
                data.apiCost()
                        .map(c -> String.format(Locale.ROOT, "$%.4f", c.costUsd()))
                        .orElse("–"),
                data.apiCost().isPresent() ? "AWS, since connecting" : "no AWS calls");
        h.append("</section>\n");
    }

    private static void tile(StringBuilder h, String label, String value, String hint) {
        h.append("<div class=\"tile\"><div class=\"label\">")
                .append(esc(label))
                .append("</div><div class=\"value\">")
                .append(esc(value))
                .append("</div><div class=\"hint\">")
                .append(esc(hint))
                .append("</div></div>\n");
    }

    private static void charts(StringBuilder h, List<Figure> figures) {
        h.append("<section class=\"card charts\" id=\"charts\">\n<h2>Charts</h2>\n");
        h.append("<p class=\"legend\">One time axis on every chart: seconds since the run started."
                + " <span class=\"phase\">Grey dashed lines: phase starts (P1, P2…)</span>;"
                + " <span class=\"out\">red: scale-out</span>, <span class=\"in\">blue: scale-in</span>,"
                + " labelled with the task counts.</p>\n");
        if (figures.isEmpty()) {
            h.append("<p class=\"sub\">No chart was exported.</p>\n");
        }
        for (Figure f : figures) {
            long width = Math.round(f.pixelWidth() / f.pixelRatio());
            long height = Math.round(f.pixelHeight() / f.pixelRatio());
            h.append("<figure><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(f.png()))
                    .append("\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" alt=\"")
                    .append(esc(f.caption()))
                    .append("\"><figcaption>")
                    .append(esc(f.caption()))
                    .append(" (")
                    .append(esc(f.name()))
                    .append(")</figcaption></figure>\n");
        }
        h.append("</section>\n");
    }

    private static void scaling(StringBuilder h, List<ScalingRow> rows, List<AlarmRow> alarms) {
        h.append("<section class=\"card\" id=\"scaling\">\n<h2>Scaling timeline</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p class=\"sub\">No scaling activity during the run.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th class=\"num\">t (s)</th><th>time (UTC)</th><th>tasks</th>"
                    + "<th>description</th><th>cause</th><th>status</th></tr></thead>\n<tbody>\n");
            for (ScalingRow r : rows) {
                h.append("<tr><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.0f", r.seconds()))
                        .append("</td><td>")
                        .append(esc(CLOCK.format(r.time())))
                        .append("</td><td><span class=\"badge ")
                        .append(r.isScaleOut() ? "out\">out " : "in\">in ")
                        .append(r.fromCapacity())
                        .append(" → ")
                        .append(r.toCapacity())
                        .append("</span></td><td>")
                        .append(esc(r.description()))
                        .append("</td><td class=\"cause\">")
                        .append(esc(r.cause()))
                        .append("</td><td>")
                        .append(esc(r.status()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (!alarms.isEmpty()) {
            h.append("<h3>Alarm transitions</h3>\n<table>\n<thead><tr><th class=\"num\">t (s)</th><th>alarm</th>"
                    + "<th>change</th><th>reason</th></tr></thead>\n<tbody>\n");
            for (AlarmRow a : alarms) {
                h.append("<tr><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.0f", a.seconds()))
                        .append("</td><td>")
                        .append(esc(a.alarm()))
                        .append("</td><td>")
                        .append(esc(a.from() + " → " + a.to()))
                        .append("</td><td class=\"cause\">")
                        .append(esc(a.reason()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private static void checklist(StringBuilder h, List<RunCheck> checks) {
        h.append("<section class=\"card\" id=\"checklist\">\n<h2>Checklist</h2>\n");
        if (checks.isEmpty()) {
            h.append("<p class=\"sub\">The checklist was not evaluated.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>result</th><th>check</th><th>evidence</th></tr></thead>\n<tbody>\n");
            for (RunCheck c : checks) {
                h.append("<tr><td><span class=\"badge ")
                        .append(c.passed() ? "pass\">pass" : "fail\">fail")
                        .append("</span></td><td>")
                        .append(esc(c.name()))
                        .append("</td><td class=\"evidence\">")
                        .append(esc(c.evidence()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private static void load(StringBuilder h, Optional<Profile> profile, LoadFigures load) {
        h.append("<section class=\"card\" id=\"load\">\n<h2>Profile and load</h2>\n<div class=\"grid2\">\n<div>\n");
        if (profile.isPresent()) {
            Profile p = profile.get();
            h.append("<h3>Profile ")
                    .append(esc(p.name()))
                    .append("</h3>\n<p class=\"sub\">")
                    .append(esc("Time scale " + number(p.timeScale()) + ": " + duration(p.total()) + " in all. Records "
                            + p.records() + ", in-flight cap " + p.inFlightCap() + "."))
                    .append("</p>\n<table>\n<thead><tr><th class=\"num\">phase</th><th class=\"num\">starts</th>"
                            + "<th class=\"num\">lasts</th><th>profile (unscaled)</th></tr></thead>\n<tbody>\n");
            for (Phase ph : p.phases()) {
                h.append("<tr><td class=\"num\">P")
                        .append(ph.number())
                        .append("</td><td class=\"num\">")
                        .append(esc(duration(ph.start())))
                        .append("</td><td class=\"num\">")
                        .append(esc(duration(ph.length())))
                        .append("</td><td>")
                        .append(esc(ph.description()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        } else {
            h.append("<h3>Profile</h3>\n<p class=\"sub\">No load plan was recorded.</p>\n");
        }
        h.append("</div>\n<div>\n<h3>Requests</h3>\n<table>\n<tbody>\n");
        if (load.totals().isPresent()) {
            LoadTotals t = load.totals().get();
            LoadTotals.Errors e = t.errors();
            row(h, "planned", count(t.planned()));
            row(h, "sent", count(t.sent()));
            row(h, "completed", count(t.completed()));
            row(h, "late (sent behind plan)", count(t.late()));
            row(h, "dropped (never sent)", count(t.dropped()));
            row(h, "errors", count(e.total()));
            row(
                    h,
                    "· by kind",
                    "4xx " + count(e.status4xx()) + " · 5xx " + count(e.status5xx()) + " · refused "
                            + count(e.refused()) + " · timed out " + count(e.timeout()) + " · reset "
                            + count(e.reset()) + " · other " + count(e.other()));
            row(h, "ended", t.endReason() + " after " + duration(t.duration()));
        } else {
            row(h, "planned", "–");
            row(h, "sent", count(load.sent()));
            row(h, "completed", count(load.completed()));
            row(h, "late or dropped", count(load.lateOrDropped()));
            row(h, "errors", count(load.errors()));
        }
        row(
                h,
                "peak rate",
                String.format(
                        Locale.ROOT,
                        "%s/s target, %s/s achieved",
                        rate(load.peakTargetRate()),
                        rate(load.peakAchievedRate())));
        h.append("</tbody>\n</table>\n</div>\n</div>\n");
        h.append("<h3>Client latency</h3>\n");
        if (load.totals().isPresent()) {
            LoadTotals t = load.totals().get();
            h.append("<table>\n<thead><tr><th></th><th class=\"num\">requests</th><th class=\"num\">p50</th>"
                    + "<th class=\"num\">p90</th><th class=\"num\">p95</th><th class=\"num\">p99</th>"
                    + "<th class=\"num\">p99.9</th><th class=\"num\">max</th></tr></thead>\n<tbody>\n");
            latencyRow(h, "corrected (from the planned start)", t.corrected());
            latencyRow(h, "raw (from the actual send)", t.raw());
            h.append("</tbody>\n</table>\n");
        } else {
            h.append("<p class=\"sub\">")
                    .append(esc("No percentiles over the whole run (the load generator's totals are missing). Worst"
                            + " one-second p90, corrected: " + ms(load.worstP90CorrectedMs()) + "."))
                    .append("</p>\n");
        }
        h.append("</section>\n");
    }

    private static void latencyRow(StringBuilder h, String label, LoadTotals.Latency l) {
        h.append("<tr><td>")
                .append(esc(label))
                .append("</td><td class=\"num\">")
                .append(count(l.count()));
        for (double v : new double[] {l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max()}) {
            h.append("</td><td class=\"num\">").append(l.count() == 0 ? "–" : esc(ms(v)));
        }
        h.append("</td></tr>\n");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><td>")
                .append(esc(label))
                .append("</td><td class=\"num\">")
                .append(esc(value))
                .append("</td></tr>\n");
    }

    private static void target(StringBuilder h, RunReportData data) {
        h.append("<section class=\"card\" id=\"target\">\n<h2>Target: ")
                .append(esc(data.target()))
                .append("</h2>\n");
        if (data.targetDetails().isEmpty()) {
            h.append("<p class=\"sub\">No details: the run was read back from its recording, which names the target"
                    + " only.</p>\n");
        } else {
            h.append("<dl>\n");
            for (Detail d : data.targetDetails()) {
                h.append("<dt>")
                        .append(esc(d.label()))
                        .append("</dt><dd>")
                        .append(esc(d.value()))
                        .append("</dd>\n");
            }
            h.append("</dl>\n");
        }
        h.append("<h3>API cost on AWS</h3>\n");
        if (data.apiCost().isPresent()) {
            ApiCost c = data.apiCost().get();
            h.append("<dl>\n");
            h.append("<dt>so far</dt><dd>")
                    .append(esc(String.format(
                            Locale.ROOT,
                            "$%.4f for %,d API calls and %,d metrics requested, in the %s since the console connected",
                            c.costUsd(),
                            c.calls(),
                            c.metricsRequested(),
                            duration(c.sinceConnected()))))
                    .append("</dd>\n<dt>planned</dt><dd>")
                    .append(esc(String.format(
                            Locale.ROOT,
                            "$%.4f per hour of monitoring at the polling intervals",
                            c.plannedUsdPerHour())))
                    .append("</dd>\n</dl>\n<p class=\"sub\">CloudWatch list prices: GetMetricData $0.01 per 1,000"
                            + " metrics requested, other CloudWatch requests $0.01 per 1,000; ECS, Application Auto"
                            + " Scaling, CloudFormation, STS and FilterLogEvents calls are not billed per"
                            + " request.</p>\n");
        } else {
            h.append("<p class=\"sub\">")
                    .append(
                            data.targetDetails().isEmpty()
                                    ? "Not recorded."
                                    : "None: the local sandbox runs in the console's process; no AWS API is called.")
                    .append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String rate(double r) {
        return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.0f", r);
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        String pattern = v < 10 ? "%.2f ms" : v < 100 ? "%.1f ms" : "%.0f ms";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code 45 s}, {@code 1 min 6 s}, {@code 1 h 2 min}. */
    static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
}
