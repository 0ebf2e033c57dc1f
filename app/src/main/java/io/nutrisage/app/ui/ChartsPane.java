package io.nutrisage.app.ui;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.nutrisage.app.session.DriftBands;
import io.nutrisage.app.session.RingSeries;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The dashboard's charts on one shared time axis (seconds since the run started). Each trace is a bounded data set
 * refreshed in one batch under its write lock, drawn by {@link EnvelopeLineRenderer} (a filled band per pixel column).
 * Phase boundaries and scaling activities appear as markers on every chart; the input means are drawn against their
 * training baseline ({@link ChartSpec#baselines()}). FX thread only.
 */
public final class ChartsPane extends VBox {
    /** Wide enough for the label and ticks of every chart here ("[req/s]", "1000"). */
    static final double Y_AXIS_WIDTH = 72;

    /** Space kept between a marker label and the next one. */
    private static final double LABEL_GAP = 4;
    /** Measures label texts (FX thread only, like the whole pane). */
    private static final Text MEASURE = new Text();

    private static final double[] OFF_SCREEN_X = {-1};
    private static final double[] OFF_SCREEN_Y = {0};

    /**
     * One chart. Every trace is non-negative, so the y axis starts at 0 and ends at {@code minYMax} or a little above
     * the largest value shown, whichever is larger; with {@code fixedY} it stays at {@code [0, minYMax]}.
     *
     * <p>A trace with a baseline (a drift band) is drawn divided by its training mean, so traces of different
     * magnitudes share one axis and both means sit at 1 (a grey line); its band's ends are dashed lines in the
     * trace's colour. One axis rather than a second one on the right: every plot keeps the same width, so the time
     * axis and the markers line up across the charts.
     */
    public record ChartSpec(
            String id,
            String title,
            String yUnit,
            List<Trace> traces,
            double minYMax,
            boolean fixedY,
            Map<Trace, DriftBand> baselines) {
        public ChartSpec {
            traces = List.copyOf(traces);
            baselines = Map.copyOf(baselines);
            if (!traces.containsAll(baselines.keySet())) {
                throw new IllegalArgumentException("baselines of traces not on chart " + id);
            }
        }

        public ChartSpec(String id, String title, String yUnit, List<Trace> traces, double minYMax, boolean fixedY) {
            this(id, title, yUnit, traces, minYMax, fixedY, Map.of());
        }

        /** The factor a trace's values are drawn with: 1 / training mean for a trace with a baseline, else 1. */
        double scale(Trace trace) {
            DriftBand band = baselines.get(trace);
            return band == null ? 1 : 1 / band.trainingMean();
        }
    }

    /** The input means and their drift bands, relative to the training means (decision 0077). */
    private static ChartSpec driftChart(DriftBaseline baseline) {
        Map<Trace, DriftBand> bands = DriftBands.of(baseline);
        double top = 0;
        for (DriftBand band : bands.values()) {
            top = Math.max(top, band.upper() / band.trainingMean());
        }
        return new ChartSpec(
                "drift",
                String.format(
                        Locale.ROOT,
                        "Input drift: mean ÷ training mean (dashed: %.1f %% band of a %d-record mean)",
                        baseline.bootstrap().coverage() * 100,
                        baseline.bootstrap().sampleSize()),
                "× mean",
                List.copyOf(bands.keySet()),
                yAxisTop(top),
                false,
                bands);
    }

    public static final List<ChartSpec> CHARTS = List.of(
            new ChartSpec(
                    "cpu-memory", "CPU and memory of the service", "%", List.of(Trace.CPU, Trace.MEMORY), 10, false),
            new ChartSpec(
                    "tasks",
                    "Tasks: running vs desired",
                    "tasks",
                    List.of(Trace.RUNNING_TASKS, Trace.DESIRED_TASKS),
                    4,
                    false),
            new ChartSpec(
                    "latency",
                    "p90 latency: server vs client",
                    "ms",
                    List.of(Trace.P90_SERVER, Trace.P90_CLIENT),
                    10,
                    false),
            new ChartSpec("confidence", "Average confidence", "score", List.of(Trace.CONFIDENCE), 1, true),
            new ChartSpec(
                    "rate",
                    "Request rate: target vs achieved",
                    "req/s",
                    List.of(Trace.TARGET_RATE, Trace.ACHIEVED_RATE),
                    10,
                    false),
            new ChartSpec("errors", "Errors", "1/s", List.of(Trace.CLIENT_ERRORS, Trace.TARGET_5XX), 1, false),
            driftChart(DriftBands.BUNDLED));

    private final List<XYChart> charts = new ArrayList<>();
    private final Map<Trace, DoubleDataSet> dataSets = new EnumMap<>(Trace.class);
    /** What each trace's values are multiplied by when drawn ({@link ChartSpec#scale}). */
    private final Map<Trace, Double> scales = new EnumMap<>(Trace.class);
    /** What each trace's data set holds: what {@link #refresh} skips and {@link #follow} compares new data with. */
    private final Map<Trace, Drawn> drawn = new EnumMap<>(Trace.class);

    private final double[] xs = new double[RunTimeline.CAPACITY];
    private final double[] ys = new double[RunTimeline.CAPACITY];
    private final List<EnvelopeLineRenderer> renderers = new ArrayList<>();
    /** The markers' labels, on the first chart. */
    private final List<XValueIndicator> labels = new ArrayList<>();

    private RunTimeline shown;
    private int markersShown;
    /** What the marker labels were last fitted to: the plot width, the time axis and the number of labels. */
    private double fittedWidth;

    private double fittedMin;
    private double fittedMax;
    private int fittedCount;

    /**
     * A trace as last copied into its data set: the series version, its newest point (as the series holds it) and its
     * largest value as drawn (scaled).
     */
    private record Drawn(long version, double lastX, double lastY, double maxY) {}

    public ChartsPane() {
        getStyleClass().add("charts-pane");
        setSpacing(2);
        for (ChartSpec spec : CHARTS) {
            DefaultNumericAxis x = new DefaultNumericAxis("time", "s");
            x.setAutoRanging(false);
            x.setMin(0);
            x.setMax(60);
            x.setAnimated(false);
            DefaultNumericAxis y = new AlignedYAxis(spec.yUnit().isEmpty() ? spec.title() : "", spec.yUnit());
            // chartfx's auto-ranging of a flat series (an idle target's zero error rate) re-lays the chart out on every
            // pulse: 60 renders a second of an idle window. The range is set in refresh() instead.
            y.setAutoRanging(false);
            y.setMin(0);
            y.setMax(spec.minYMax());
            y.setAnimated(false);
            y.setAutoUnitScaling(false);
            XYChart chart = new XYChart(x, y);
            chart.setId("chart-" + spec.id());
            chart.setTitle(spec.title());
            chart.setAnimated(false);
            chart.setLegendVisible(true);
            chart.getRenderers().clear();
            EnvelopeLineRenderer renderer = new EnvelopeLineRenderer();
            for (Trace trace : spec.traces()) {
                DriftBand band = spec.baselines().get(trace);
                DoubleDataSet ds = new DoubleDataSet(
                        band == null
                                ? trace.label()
                                : String.format(Locale.ROOT, "%s ÷ %.4g g/100 g", trace.label(), band.trainingMean()),
                        RunTimeline.CAPACITY);
                dataSets.put(trace, ds);
                scales.put(trace, spec.scale(trace));
                renderer.getDatasets().add(ds);
                if (band != null) {
                    renderer.setBandLines(ds, band.lower() / band.trainingMean(), band.upper() / band.trainingMean());
                }
            }
            if (!spec.baselines().isEmpty()) {
                renderer.setReferenceLine(1); // every training mean, divided by itself
            }
            chart.getRenderers().add(renderer);
            // Grid under the traces and markers (chartfx draws it on top by default, over a marker on a tick).
            chart.getGridRenderer().setDrawOnTop(false);
            // chartfx caches its canvases as bitmaps. A canvas already keeps its pixels, and these change with every
            // refresh: the cache only added a copy of each canvas per frame (decision 0073).
            chart.getCanvas().setCache(false);
            x.getCanvas().setCache(false);
            y.getCanvas().setCache(false);
            chart.setMinHeight(120);
            VBox.setVgrow(chart, Priority.ALWAYS);
            charts.add(chart);
            renderers.add(renderer);
            getChildren().add(chart);
        }
        charts.getFirst().getCanvas().widthProperty().addListener((o, a, b) -> fitLabels());
    }

    /**
     * A y axis at least {@link #Y_AXIS_WIDTH} wide, so the plot areas of all charts, and the phase and scaling markers
     * in them, line up on the shared time axis whatever each axis's labels need. Widened in {@code computePrefWidth}
     * and not with {@code setPrefWidth}: chartfx computes where it draws the ticks and label in that method.
     */
    private static final class AlignedYAxis extends DefaultNumericAxis {
        AlignedYAxis(String label, String unit) {
            super(label, unit);
        }

        @Override
        protected double computePrefWidth(double height) {
            return Math.max(super.computePrefWidth(height), Y_AXIS_WIDTH);
        }
    }

    public List<XYChart> charts() {
        return List.copyOf(charts);
    }

    /** Number of points currently held by the data set of {@code trace}. */
    public int points(Trace trace) {
        DoubleDataSet ds = dataSets.get(trace);
        return ds.lock().readLockGuard(() -> ds.getDataCount() == 1 && ds.get(0, 0) < 0 ? 0 : ds.getDataCount());
    }

    /** Number of markers drawn on each chart. */
    public int markerCount() {
        return markersShown;
    }

    /**
     * A round axis top a little above {@code maxY}: 1, 2 or 5 times a power of ten, so the axis only moves when the
     * data outgrows it (a changing top would re-label the axis every second).
     */
    static double yAxisTop(double maxY) {
        if (!(maxY > 0) || Double.isInfinite(maxY)) {
            return 0;
        }
        double wanted = maxY * 1.1;
        double power = Math.pow(10, Math.floor(Math.log10(wanted)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= wanted) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /**
     * A live update: draws {@code timeline} when its new data would change a pixel — time moved at least one pixel
     * column along the time axis, a trace moved at least one pixel up or down, a marker arrived, or it is another
     * timeline — and otherwise leaves the charts as they are. Over a long run one pixel column spans several seconds
     * (7,200 s on about 1,000 pixels), and redrawing six plots every second for an unchanged picture was most of an
     * idle console's chart cost.
     */
    public void follow(RunTimeline timeline) {
        if (timeline != shown || markersShown != timeline.markers().size() || wouldChangePixels(timeline)) {
            refresh(timeline);
        }
    }

    private boolean wouldChangePixels(RunTimeline timeline) {
        for (int i = 0; i < charts.size(); i++) {
            XYChart chart = charts.get(i);
            double width = chart.getCanvas().getWidth();
            double height = chart.getCanvas().getHeight();
            if (!(width > 0 && height > 0)) {
                return true; // not laid out yet: nothing to compare pixels with
            }
            DefaultNumericAxis x = (DefaultNumericAxis) chart.getXAxis();
            double secondsPerPixel = (x.getMax() - x.getMin()) / width;
            double valuePerPixel = (chart.getYAxis().getMax() - chart.getYAxis().getMin()) / height;
            for (Trace trace : CHARTS.get(i).traces()) {
                RingSeries series = timeline.trace(trace);
                Drawn d = drawn.get(trace);
                if (d != null && d.version() == series.version()) {
                    continue;
                }
                int n = series.size();
                if (d == null
                        || n == 0
                        || series.x(n - 1) > x.getMax()
                        || series.x(n - 1) - d.lastX() >= secondsPerPixel) {
                    return true;
                }
                double scale = scales.get(trace);
                for (int k = n - 1; k >= 0 && series.x(k) > d.lastX(); k--) {
                    double y = series.y(k);
                    if (Double.isNaN(y) != Double.isNaN(d.lastY())
                            || Math.abs(y - d.lastY()) * scale >= valuePerPixel) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Copies what changed in {@code timeline} into the charts: one write-locked batch per trace. */
    public void refresh(RunTimeline timeline) {
        if (timeline != shown) {
            shown = timeline;
            drawn.clear();
            markersShown = 0;
            charts.getFirst().getPlugins().removeAll(labels);
            labels.clear();
            fittedCount = -1;
            renderers.forEach(r -> r.setMarkers(List.of()));
        }
        double maxX = 60;
        for (Map.Entry<Trace, DoubleDataSet> e : dataSets.entrySet()) {
            RingSeries series = timeline.trace(e.getKey());
            if (series.size() > 0) {
                maxX = Math.max(maxX, series.x(series.size() - 1));
            }
            Drawn before = drawn.get(e.getKey());
            if (before != null && before.version() == series.version()) {
                continue;
            }
            int n = series.size();
            series.copyTo(xs, ys);
            double scale = scales.get(e.getKey());
            if (scale != 1) {
                for (int k = 0; k < n; k++) {
                    ys[k] *= scale;
                }
            }
            double top = 0;
            for (int k = 0; k < n; k++) {
                if (ys[k] > top) { // NaN (a gap) never compares greater
                    top = ys[k];
                }
            }
            drawn.put(
                    e.getKey(),
                    new Drawn(
                            series.version(),
                            n == 0 ? Double.NEGATIVE_INFINITY : series.x(n - 1),
                            series.lastY(),
                            top));
            DoubleDataSet ds = e.getValue();
            if (n == 0) {
                // chartfx recomputes an empty data set's NaN limits on every pulse and, NaN never equalling NaN,
                // reports them changed and asks for another pulse: 60 renders a second of an idle window. One point
                // left of the axis (time is never negative) keeps the limits defined and draws nothing.
                ds.lock().writeLockGuard(() -> ds.set(OFF_SCREEN_X, OFF_SCREEN_Y, 1, true));
            } else {
                ds.lock().writeLockGuard(() -> ds.set(xs, ys, n, true));
            }
        }
        double minX = 0;
        for (RingSeries s : List.of(timeline.trace(Trace.TARGET_RATE), timeline.trace(Trace.RUNNING_TASKS))) {
            if (s.size() == RunTimeline.CAPACITY) {
                minX = Math.max(minX, s.x(0));
            }
        }
        // Both ends move in 30 s steps: between steps the axes, their labels and the grid stay as they are and only
        // the traces are redrawn (a range moving every second re-lays out and re-labels every axis every second).
        minX = Math.floor(minX / 30) * 30;
        double upper = Math.ceil(maxX / 30) * 30;
        for (int i = 0; i < charts.size(); i++) {
            XYChart chart = charts.get(i);
            DefaultNumericAxis x = (DefaultNumericAxis) chart.getXAxis();
            x.setMin(minX);
            x.setMax(upper);
            ChartSpec spec = CHARTS.get(i);
            if (!spec.fixedY()) {
                double top = spec.minYMax();
                for (Trace trace : spec.traces()) {
                    Drawn d = drawn.get(trace);
                    top = Math.max(top, yAxisTop(d == null ? 0 : d.maxY()));
                }
                chart.getYAxis().setMax(top);
            }
        }
        List<RunTimeline.Marker> markers = timeline.markers();
        if (markersShown == markers.size()) {
            fitLabels();
            return;
        }
        for (EnvelopeLineRenderer renderer : renderers) {
            renderer.setMarkers(markers);
        }
        // The lines are drawn by the renderers; the first chart also carries each marker's label, as a value
        // indicator whose own line is hidden.
        XYChart first = charts.getFirst();
        for (; markersShown < markers.size(); markersShown++) {
            RunTimeline.Marker m = markers.get(markersShown);
            XValueIndicator indicator = new XValueIndicator(first.getXAxis(), m.seconds(), m.label());
            indicator.setEditable(false);
            indicator.setLabelVerticalAnchor(VPos.TOP);
            indicator.setLabelHorizontalAnchor(HPos.LEFT);
            // chartfx measures the position from the bottom of the plot (1 = top); labels hang down from it.
            // Phase labels at the top, scaling labels below them.
            indicator.setLabelPosition(m.kind() == RunTimeline.MarkerKind.PHASE ? 1.0 : 0.7);
            indicator.getChartChildren().forEach(node -> {
                if (node instanceof javafx.scene.shape.Line line) {
                    line.setVisible(false);
                }
            });
            first.getPlugins().add(indicator);
            labels.add(indicator);
        }
        fitLabels();
        charts.forEach(XYChart::invalidate);
    }

    /**
     * Shortens each marker label to what fits before the next label of its kind ("P2 180s at 50/s", then "P2 50/s",
     * at least "P2"), so labels of short phases do not run into each other. Runs when the time axis, the
     * plot width or the labels change.
     */
    private void fitLabels() {
        XYChart first = charts.getFirst();
        DefaultNumericAxis x = (DefaultNumericAxis) first.getXAxis();
        double width = first.getCanvas().getWidth();
        double range = x.getMax() - x.getMin();
        if (shown == null || !(width > 0) || !(range > 0)) {
            return;
        }
        if (width == fittedWidth
                && x.getMin() == fittedMin
                && x.getMax() == fittedMax
                && labels.size() == fittedCount) {
            return;
        }
        fittedWidth = width;
        fittedMin = x.getMin();
        fittedMax = x.getMax();
        fittedCount = labels.size();
        List<RunTimeline.Marker> markers = shown.markers();
        for (int i = 0; i < labels.size(); i++) {
            RunTimeline.Marker m = markers.get(i);
            double end = x.getMax();
            for (int j = i + 1; j < labels.size(); j++) {
                if (markers.get(j).kind() == m.kind()) {
                    end = markers.get(j).seconds();
                    break;
                }
            }
            XValueIndicator indicator = labels.get(i);
            Label label = indicator.getChartChildren().stream()
                    .filter(Label.class::isInstance)
                    .map(Label.class::cast)
                    .findFirst()
                    .orElse(null);
            if (label != null) {
                double padding =
                        label.getPadding().getLeft() + label.getPadding().getRight() + LABEL_GAP;
                indicator.setText(fitting(m.label(), (end - m.seconds()) / range * width - padding, label.getFont()));
            }
        }
    }

    /**
     * {@code full} if it fits in {@code room} pixels of {@code font}, else its first and last words (a phase's number
     * and rate: "P3 200/s"), else its first word.
     */
    static String fitting(String full, double room, Font font) {
        String[] words = full.split(" ");
        MEASURE.setFont(font);
        for (String candidate :
                words.length > 2 ? List.of(full, words[0] + " " + words[words.length - 1]) : List.of(full)) {
            MEASURE.setText(candidate);
            if (MEASURE.getLayoutBounds().getWidth() <= room) {
                return candidate;
            }
        }
        return words[0];
    }
}
