package io.nutrisage.app.ui;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.YValueIndicator;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.nutrisage.app.session.DriftBands;
import io.nutrisage.app.session.RingSeries;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * The dashboard's charts on one shared time axis (seconds since the run started, labelled as such or as the local wall
 * clock: {@link #timeLabelsProperty()}), under a row with the legend of the markers and lines. Each trace is a bounded data set
 * refreshed in one batch under its write lock, drawn by {@link EnvelopeLineRenderer} (a filled band per pixel column).
 * Phase boundaries and scaling activities appear as markers on every chart; the thresholds a run is judged by as
 * labelled dashed lines on the chart of their trace ({@link ChartThresholds}); the input means are drawn against their
 * training baseline ({@link ChartSpec#baselines()}). FX thread only.
 */
public final class ChartsPane extends VBox {
    /** Wide enough for the label and ticks of every chart here ("[req/s]", "1000"). */
    static final double Y_AXIS_WIDTH = 72;

    /**
     * The lowest bottom of a logarithmic axis: 1 µs in ms, the resolution of the latency histograms. A value below it
     * (or zero) is drawn on the bottom edge.
     */
    static final double LOG_FLOOR = 0.001;

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
     *
     * <p>With {@code logY} the y axis is logarithmic from a power of ten at or below the smallest positive value (at
     * least {@link #LOG_FLOOR}, at most 1) to the same top; a value at or below the bottom is drawn on it (decision
     * 0084).
     */
    public record ChartSpec(
            String id,
            String title,
            String yUnit,
            List<Trace> traces,
            double minYMax,
            boolean fixedY,
            Map<Trace, DriftBand> baselines,
            boolean logY) {
        public ChartSpec {
            traces = List.copyOf(traces);
            baselines = Map.copyOf(baselines);
            if (!traces.containsAll(baselines.keySet())) {
                throw new IllegalArgumentException("baselines of traces not on chart " + id);
            }
        }

        public ChartSpec(
                String id,
                String title,
                String yUnit,
                List<Trace> traces,
                double minYMax,
                boolean fixedY,
                Map<Trace, DriftBand> baselines) {
            this(id, title, yUnit, traces, minYMax, fixedY, baselines, false);
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
                    "p90 latency: server, front and client (log scale)",
                    "ms",
                    List.of(Trace.P90_SERVER, Trace.P90_CLIENT, Trace.P90_FRONT),
                    10,
                    false,
                    Map.of(),
                    true),
            new ChartSpec("confidence", "Average confidence", "score", List.of(Trace.CONFIDENCE), 1, true),
            new ChartSpec(
                    "rate",
                    "Request rate: target, achieved and served at the front",
                    "req/s",
                    List.of(Trace.TARGET_RATE, Trace.ACHIEVED_RATE, Trace.SERVED_RATE),
                    10,
                    false),
            new ChartSpec("errors", "Errors", "1/s", List.of(Trace.CLIENT_ERRORS, Trace.TARGET_5XX), 1, false),
            driftChart(DriftBands.BUNDLED),
            // Last, so the export's file names of the charts before it stay as they were.
            new ChartSpec(
                    "requests-per-target",
                    "Requests per target per minute: what the request-count policy tracks",
                    "req/target",
                    List.of(Trace.REQUESTS_PER_TARGET),
                    10,
                    false));

    private final List<XYChart> charts = new ArrayList<>();
    private final List<TimeAxis> timeAxes = new ArrayList<>();
    private final ObjectProperty<TimeAxis.Labels> timeLabels =
            new SimpleObjectProperty<>(this, "timeLabels", TimeAxis.Labels.SINCE_START);
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
    /** Per chart: the labels of its threshold lines. */
    private final List<List<YValueIndicator>> thresholdLabels = new ArrayList<>();
    /** The thresholds drawn, as {@link ChartThresholds#of} gave them. */
    private List<ChartThresholds.Threshold> thresholdsShown = List.of();

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
    private record Drawn(long version, double lastX, double lastY, double maxY, double minPositiveY) {}

    /** Wall-clock labels in the system's time zone. */
    public ChartsPane() {
        this(ZoneId.systemDefault());
    }

    ChartsPane(ZoneId zone) {
        getStyleClass().add("charts-pane");
        setSpacing(2);
        getChildren().add(header(zone));
        for (ChartSpec spec : CHARTS) {
            TimeAxis x = new TimeAxis(zone);
            timeAxes.add(x);
            x.setAutoRanging(false);
            x.setMin(0);
            x.setMax(60);
            x.setAnimated(false);
            DefaultNumericAxis y = new AlignedYAxis(spec.yUnit().isEmpty() ? spec.title() : "", spec.yUnit());
            // chartfx's auto-ranging of a flat series (an idle target's zero error rate) re-lays the chart out on every
            // pulse: 60 renders a second of an idle window. The range is set in refresh() instead.
            y.setAutoRanging(false);
            if (spec.logY()) {
                y.setLogAxis(true);
                y.setTickLabelFormatter(new StringConverter<>() {
                    @Override
                    public String toString(Number value) {
                        return plain(value.doubleValue());
                    }

                    @Override
                    public Number fromString(String text) {
                        throw new UnsupportedOperationException("tick labels are not parsed");
                    }
                });
            }
            y.setMin(spec.logY() ? 1 : 0);
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
            chart.setMinHeight(100);
            VBox.setVgrow(chart, Priority.ALWAYS);
            charts.add(chart);
            renderers.add(renderer);
            thresholdLabels.add(new ArrayList<>());
            getChildren().add(chart);
        }
        charts.getFirst().getCanvas().widthProperty().addListener((o, a, b) -> fitLabels());
        timeLabels.addListener((o, before, labels) -> {
            timeAxes.forEach(x -> x.setLabels(labels));
            charts.forEach(XYChart::invalidate);
        });
    }

    /**
     * The row above the charts: what the marker and line styles mean (in the colours the renderer draws them with)
     * and the time labels' choice.
     */
    private HBox header(ZoneId zone) {
        ChoiceBox<TimeAxis.Labels> time = new ChoiceBox<>();
        time.setId("time-labels");
        time.getItems().setAll(TimeAxis.Labels.values());
        time.setConverter(new StringConverter<>() {
            @Override
            public String toString(TimeAxis.Labels labels) {
                return labels == TimeAxis.Labels.WALL_CLOCK
                        ? labels + " (" + zone.getId() + ")"
                        : String.valueOf(labels);
            }

            @Override
            public TimeAxis.Labels fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        time.valueProperty().bindBidirectional(timeLabels);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(
                10,
                legendItem("legend-scale-out", vertical(EnvelopeLineRenderer.SCALE_OUT_LINE, 2), "scale-out"),
                legendItem("legend-scale-in", vertical(EnvelopeLineRenderer.SCALE_IN_LINE, 2), "scale-in"),
                legendItem("legend-phase", dashed(vertical(EnvelopeLineRenderer.PHASE_LINE, 1), 4, 4), "phase start"),
                legendItem(
                        "legend-threshold",
                        dashed(new Line(0, 0, 22, 0), 6, 4),
                        "threshold (labelled with its source)"),
                gap,
                new Label("Time:"),
                time);
        header.getStyleClass().add("charts-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 8, 2, Y_AXIS_WIDTH));
        return header;
    }

    private static Line vertical(Color colour, double width) {
        Line line = new Line(0, 0, 0, 12);
        line.setStroke(colour);
        line.setStrokeWidth(width);
        line.setStrokeLineCap(StrokeLineCap.BUTT);
        return line;
    }

    private static Line dashed(Line line, double on, double off) {
        line.getStrokeDashArray().setAll(on, off);
        line.setStrokeLineCap(StrokeLineCap.BUTT);
        return line;
    }

    private static Label legendItem(String id, Line swatch, String text) {
        swatch.getStyleClass().add("legend-swatch");
        Label item = new Label(text, swatch);
        // The legend is read at a glance: it keeps its width, the gap before the time choice shrinks instead.
        item.setMinWidth(Region.USE_PREF_SIZE);
        item.setId(id);
        item.getStyleClass().add("chart-legend-item");
        return item;
    }

    /**
     * What the time axis labels say: seconds since the run started (the default) or the local wall-clock time. The
     * data and the axis range stay in seconds since the run's origin; only the labels change, on every chart.
     */
    ObjectProperty<TimeAxis.Labels> timeLabelsProperty() {
        return timeLabels;
    }

    /** {@code value} as plain decimals: 0.001, 0.5, 1000. */
    private static String plain(double value) {
        return new BigDecimal(value)
                .round(MathContext.DECIMAL32)
                .stripTrailingZeros()
                .toPlainString();
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

    /** The labels of the threshold lines drawn on the chart {@code id} (its {@link ChartSpec#id()}), bottom to top. */
    List<String> thresholdLabels(String id) {
        for (int i = 0; i < CHARTS.size(); i++) {
            if (CHARTS.get(i).id().equals(id)) {
                return thresholdLabels.get(i).stream()
                        .sorted(java.util.Comparator.comparingDouble(YValueIndicator::getValue))
                        .map(YValueIndicator::getText)
                        .toList();
            }
        }
        throw new IllegalArgumentException("no chart " + id);
    }

    /** Number of markers drawn on each chart. */
    public int markerCount() {
        return markersShown;
    }

    /**
     * The bottom of a log axis whose smallest positive value is {@code least}: the power of ten at or below it, at
     * most 1 (an axis from 1 up when there is no data) and at least {@link #LOG_FLOOR}.
     */
    static double logAxisBottom(double least) {
        if (!(least < 1)) {
            return 1;
        }
        return Math.max(LOG_FLOOR, Math.pow(10, Math.floor(Math.log10(least) + 1e-9)));
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
        if (timeline != shown
                || markersShown != timeline.markers().size()
                || !ChartThresholds.of(timeline).equals(thresholdsShown)
                || wouldChangePixels(timeline)) {
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
            Axis yAxis = chart.getYAxis();
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
                double lastPixel = pixel(yAxis, d.lastY() * scale);
                for (int k = n - 1; k >= 0 && series.x(k) > d.lastX(); k--) {
                    double y = series.y(k) * scale;
                    if (Double.isNaN(y) != Double.isNaN(d.lastY())
                            || Math.abs(pixel(yAxis, y) - lastPixel) >= 1
                            || (yAxis.isLogAxis() && y > 0 && y < yAxis.getMin())) { // the axis would reach down
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Where {@code value} is drawn on {@code y}: a value under a log axis's bottom is drawn on it. */
    private static double pixel(Axis y, double value) {
        return y.getDisplayPosition(y.isLogAxis() ? Math.max(value, y.getMin()) : value);
    }

    /** Copies what changed in {@code timeline} into the charts: one write-locked batch per trace. */
    public void refresh(RunTimeline timeline) {
        if (timeline != shown) {
            shown = timeline;
            timeAxes.forEach(x -> x.setOrigin(timeline.origin()));
            drawn.clear();
            markersShown = 0;
            charts.getFirst().getPlugins().removeAll(labels);
            labels.clear();
            fittedCount = -1;
            renderers.forEach(r -> r.setMarkers(List.of()));
        }
        double maxX = 60;
        // History fetched at connect (an AWS target's last hours) lies before the run's origin: the axis covers it.
        double earliest = 0;
        for (Map.Entry<Trace, DoubleDataSet> e : dataSets.entrySet()) {
            RingSeries series = timeline.trace(e.getKey());
            if (series.size() > 0) {
                maxX = Math.max(maxX, series.x(series.size() - 1));
                earliest = Math.min(earliest, series.x(0));
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
            double bottom = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                if (ys[k] > top) { // NaN (a gap) never compares greater
                    top = ys[k];
                }
                if (ys[k] > 0 && ys[k] < bottom) {
                    bottom = ys[k];
                }
            }
            drawn.put(
                    e.getKey(),
                    new Drawn(
                            series.version(),
                            n == 0 ? Double.NEGATIVE_INFINITY : series.x(n - 1),
                            series.lastY(),
                            top,
                            bottom));
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
        List<ChartThresholds.Threshold> thresholds = ChartThresholds.of(timeline);
        if (!thresholds.equals(thresholdsShown)) {
            showThresholds(thresholds);
        }
        double minX = earliest;
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
                // The thresholds stay in view: how far a trace is from its line is what they are drawn for.
                for (YValueIndicator threshold : thresholdLabels.get(i)) {
                    top = Math.max(top, yAxisTop(threshold.getValue()));
                }
                if (spec.logY()) {
                    double least = Double.POSITIVE_INFINITY;
                    for (Trace trace : spec.traces()) {
                        Drawn d = drawn.get(trace);
                        least = Math.min(least, d == null ? Double.POSITIVE_INFINITY : d.minPositiveY());
                    }
                    // Set the bottom first when it falls, the top first when it rises: chartfx refuses min >= max.
                    double bottom = logAxisBottom(least);
                    if (bottom < chart.getYAxis().getMin()) {
                        chart.getYAxis().setMin(bottom);
                        chart.getYAxis().setMax(top);
                    } else {
                        chart.getYAxis().setMax(top);
                        chart.getYAxis().setMin(bottom);
                    }
                } else {
                    chart.getYAxis().setMax(top);
                }
            }
            placeThresholdLabels(i);
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
     * Puts each threshold label of chart {@code i} on the side of its line with room: above a line in the lower half of
     * the plot, below one in the upper half (above a line near the top it would be cut off); the second and third
     * labels of a chart further left than the first.
     */
    private void placeThresholdLabels(int i) {
        Axis y = charts.get(i).getYAxis();
        int n = 0;
        for (YValueIndicator label : thresholdLabels.get(i)) {
            // Side by side from the right end, so labels of nearby lines do not cover each other.
            label.setLabelPosition(0.975 - 0.3 * (n++ % 3));
            double v = label.getValue();
            double share = y.isLogAxis()
                    ? Math.log(v / y.getMin()) / Math.log(y.getMax() / y.getMin())
                    : (v - y.getMin()) / (y.getMax() - y.getMin());
            label.setLabelVerticalAnchor(share > 0.5 ? VPos.TOP : VPos.BOTTOM);
        }
    }

    /**
     * Draws {@code thresholds} as dashed lines in their trace's colour on the chart of their trace, each labelled at
     * the right end, just above its line (a chartfx value indicator whose own line is hidden), replacing those drawn.
     */
    private void showThresholds(List<ChartThresholds.Threshold> thresholds) {
        thresholdsShown = thresholds;
        for (int i = 0; i < charts.size(); i++) {
            XYChart chart = charts.get(i);
            ChartSpec spec = CHARTS.get(i);
            chart.getPlugins().removeAll(thresholdLabels.get(i));
            thresholdLabels.get(i).clear();
            for (Trace trace : spec.traces()) {
                double[] values = thresholds.stream()
                        .filter(t -> t.trace() == trace)
                        .mapToDouble(t -> t.value() * scales.get(trace))
                        .toArray();
                renderers.get(i).setThresholdLines(dataSets.get(trace), values);
                for (ChartThresholds.Threshold t : thresholds) {
                    if (t.trace() != trace) {
                        continue;
                    }
                    YValueIndicator label =
                            new YValueIndicator(chart.getYAxis(), t.value() * scales.get(trace), t.label());
                    label.setEditable(false);
                    label.getChartChildren().forEach(node -> {
                        if (node instanceof javafx.scene.shape.Line line) {
                            line.setVisible(false);
                        } else if (node instanceof Label text) {
                            // chartfx sizes the label when it lays the indicator out, which for a new indicator is
                            // before the label has a skin (0 high): lay it out again once it has one.
                            text.skinProperty().addListener((o, before, skin) -> label.runPostLayout());
                        }
                    });
                    chart.getPlugins().add(label);
                    thresholdLabels.get(i).add(label);
                }
            }
            chart.invalidate();
        }
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
