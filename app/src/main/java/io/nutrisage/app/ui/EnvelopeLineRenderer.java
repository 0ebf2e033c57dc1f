package io.nutrisage.app.ui;

import io.fair_acc.chartfx.renderer.spi.AbstractRendererXY;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import io.nutrisage.app.session.RunTimeline;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Draws each data set as the band its line covers, one pixel column at a time: for every column, the lowest and
 * highest value the straight line through the points reaches inside it (the points in it and where the segments to
 * its neighbours cross its edges), widened by the line width and filled as one polygon per unbroken run. Every spike
 * stays visible however many points share a column; a sparse series looks like its polyline. NaN values are gaps.
 *
 * <p>Why a filled band and not a stroke: in the software pipeline a stroked polyline goes through the rasteriser's
 * stroker (offset curves and joins for every vertex), a filled polygon of the same columns does not, and chartfx's
 * {@code ReducingLineRenderer} pays the stroke's set-up once per segment. docs/benchmarks.md and decisions 0070/0073
 * have the measurements. FX thread only, like every chartfx renderer.
 */
final class EnvelopeLineRenderer extends AbstractRendererXY<EnvelopeLineRenderer> {
    /** Per pixel column: the smallest and largest screen y the line reaches (screen y grows downwards). */
    private double[] top = new double[0];

    private double[] bottom = new double[0];
    /** Columns {@code lo..hi} hold the current run; empty when {@code lo > hi}. */
    private int lo;

    private int hi = -1;

    /** Phase and scaling markers drawn over the traces: vertical lines the full height of the plot. */
    private List<RunTimeline.Marker> markers = List.of();

    /** Per data set: horizontal lines drawn dashed in its colour (the ends of its drift band), in axis units. */
    private final Map<DataSet, double[]> bandLines = new IdentityHashMap<>();
    /** Per data set: the thresholds it is judged by, drawn like its band lines; these change with the target. */
    private final Map<DataSet, double[]> thresholdLines = new IdentityHashMap<>();
    /** A solid grey horizontal line under the traces (a baseline), or NaN for none. */
    private double referenceLine = Double.NaN;

    /** The marker colours; the charts' legend shows these. */
    static final Color PHASE_LINE = Color.web("#64748b");

    static final Color REFERENCE_LINE = Color.web("#94a3b8");
    static final Color SCALE_OUT_LINE = Color.web("#dc2626");
    static final Color SCALE_IN_LINE = Color.web("#2563eb");

    @Override
    protected EnvelopeLineRenderer getThis() {
        return this;
    }

    /**
     * The markers to draw from the next frame on. Drawn into the plot canvas as filled rectangles rather than as
     * scene nodes: one node per marker and chart was laid out and painted on every frame, and a 2-hour run collects
     * dozens of scaling activities.
     */
    void setMarkers(List<RunTimeline.Marker> markers) {
        this.markers = List.copyOf(markers);
    }

    /**
     * Dashed horizontal lines at {@code ys} (axis units) in the colour of {@code dataSet}, drawn with it whether or
     * not it holds data: thresholds a trace is read against. Drawn into the canvas like the markers, no nodes.
     */
    void setBandLines(DataSet dataSet, double... ys) {
        bandLines.put(dataSet, ys.clone());
    }

    /**
     * The thresholds {@code dataSet} is judged by (axis units), dashed in its colour like band lines; replaces those
     * set before. None: an empty array.
     */
    void setThresholdLines(DataSet dataSet, double... ys) {
        if (ys.length == 0) {
            thresholdLines.remove(dataSet);
        } else {
            thresholdLines.put(dataSet, ys.clone());
        }
    }

    /** A solid grey horizontal line at {@code y} (axis units), under the traces. */
    void setReferenceLine(double y) {
        referenceLine = y;
    }

    @Override
    public void render() {
        if (!Double.isNaN(referenceLine) && yAxis != null) {
            GraphicsContext gc = getChart().getCanvas().getGraphicsContext2D();
            double y = Math.floor(yAxis.getDisplayPosition(referenceLine));
            if (y >= 0 && y < getChart().getCanvas().getHeight()) {
                gc.save();
                gc.setFill(REFERENCE_LINE);
                gc.fillRect(0, y, getChart().getCanvas().getWidth(), 1);
                gc.restore();
            }
        }
        super.render();
        if (markers.isEmpty() || xAxis == null) {
            return;
        }
        GraphicsContext gc = getChart().getCanvas().getGraphicsContext2D();
        double height = getChart().getCanvas().getHeight();
        double width = getChart().getCanvas().getWidth();
        gc.save();
        for (RunTimeline.Marker m : markers) {
            double x = Math.floor(xAxis.getDisplayPosition(m.seconds()));
            if (x < 0 || x >= width) {
                continue;
            }
            switch (m.kind()) {
                case PHASE -> {
                    gc.setFill(PHASE_LINE);
                    for (double y = 0; y < height; y += 8) { // dashed: 4 px on, 4 px off
                        gc.fillRect(x, y, 1, Math.min(4, height - y));
                    }
                }
                case SCALE_OUT -> {
                    gc.setFill(SCALE_OUT_LINE);
                    gc.fillRect(x, 0, 2, height);
                }
                case SCALE_IN -> {
                    gc.setFill(SCALE_IN_LINE);
                    gc.fillRect(x, 0, 2, height);
                }
            }
        }
        gc.restore();
    }

    @Override
    protected void render(GraphicsContext gc, DataSet ds, DataSetNode style) {
        dashedLines(gc, style, bandLines.get(ds));
        dashedLines(gc, style, thresholdLines.get(ds));
        int count = ds.getDataCount();
        if (count == 0) {
            return;
        }
        gc.save();
        style.applyLineStrokeStyle(gc);
        gc.setFill(gc.getStroke());
        double half = gc.getLineWidth() / 2;
        int width = (int) Math.ceil(xAxis.getLength()) + 2;
        if (top.length < width) {
            top = new double[width];
            bottom = new double[width];
        }
        int from = Math.max(0, ds.getIndex(DataSet.DIM_X, xMin) - 1);
        int to = Math.min(count, ds.getIndex(DataSet.DIM_X, xMax) + 2);
        // The backing arrays of a DoubleDataSet (read-locked by chartfx while it renders) and, for linear axes, one
        // scale and offset per axis: no virtual calls per point.
        double[] xs = ds.getValues(DataSet.DIM_X);
        double[] ys = ds.getValues(DataSet.DIM_Y);
        // A log y axis maps log10(y) linearly: one offset and one scale per decade. A value at or under its bottom
        // (zero latency) is drawn on the bottom edge.
        boolean linearX = !xAxis.isLogAxis();
        boolean logY = yAxis.isLogAxis();
        double x0Screen = xAxis.getDisplayPosition(0);
        double xScale = xAxis.getDisplayPosition(1) - x0Screen;
        double y0Screen = yAxis.getDisplayPosition(logY ? 1 : 0);
        double yScale = yAxis.getDisplayPosition(logY ? 10 : 1) - y0Screen;
        double yFloor = logY ? yAxis.getMin() : Double.NEGATIVE_INFINITY;
        boolean open = false; // a run of non-NaN points is being collected
        double x0 = 0, y0 = 0;
        for (int i = from; i < to; i++) {
            double y = ys[i];
            if (Double.isNaN(y)) {
                fillRun(gc, half);
                open = false;
                continue;
            }
            double x = linearX ? x0Screen + xScale * xs[i] : xAxis.getDisplayPosition(xs[i]);
            double sy = logY ? y0Screen + yScale * Math.log10(Math.max(y, yFloor)) : y0Screen + yScale * y;
            if (open) {
                // Where the segment from the previous point crosses column edges, both columns reach that height.
                int last = Math.min((int) Math.floor(x), width - 1);
                for (int c = Math.max((int) Math.floor(x0), -1); c < last; c++) {
                    double edge = y0 + (sy - y0) * (c + 1 - x0) / (x - x0);
                    reach(c, edge, width);
                    reach(c + 1, edge, width);
                }
            }
            reach((int) Math.floor(x), sy, width);
            open = true;
            x0 = x;
            y0 = sy;
        }
        fillRun(gc, half);
        gc.restore();
    }

    /** Dashed horizontal lines at {@code lines} (axis units, none if null) in the data set's colour. */
    private void dashedLines(GraphicsContext gc, DataSetNode style, double[] lines) {
        if (lines == null) {
            return;
        }
        gc.save();
        style.applyLineStrokeStyle(gc);
        gc.setFill(gc.getStroke());
        double width = getChart().getCanvas().getWidth();
        double height = getChart().getCanvas().getHeight();
        for (double line : lines) {
            double y = Math.floor(yAxis.getDisplayPosition(line));
            if (!(y >= 0 && y < height)) {
                continue;
            }
            for (double x = 0; x < width; x += 10) { // dashed: 6 px on, 4 px off
                gc.fillRect(x, y, Math.min(6, width - x), 1);
            }
        }
        gc.restore();
    }

    /** Widens column {@code c}'s range to {@code y}; columns outside the canvas are ignored. */
    private void reach(int c, double y, int width) {
        if (c < 0 || c >= width) {
            return;
        }
        if (lo > hi) {
            lo = hi = c;
            top[c] = bottom[c] = y;
            return;
        }
        // A run only grows by neighbouring columns (points come in x order), so these loops add one column each.
        while (c < lo) {
            lo--;
            top[lo] = Double.POSITIVE_INFINITY;
            bottom[lo] = Double.NEGATIVE_INFINITY;
        }
        while (c > hi) {
            hi++;
            top[hi] = Double.POSITIVE_INFINITY;
            bottom[hi] = Double.NEGATIVE_INFINITY;
        }
        if (y < top[c]) {
            top[c] = y;
        }
        if (y > bottom[c]) {
            bottom[c] = y;
        }
    }

    /**
     * Fills the current run's band: its top edge through the column centres from left to right, back along its bottom
     * edge, the ends squared off at the run's first and last column edges. Each edge is simplified first: a vertex
     * within {@link #TOLERANCE} of the straight line past it is dropped (the rasteriser's cost grows with edges, and
     * a smooth curve needs few).
     */
    private void fillRun(GraphicsContext gc, double half) {
        if (lo > hi) {
            return;
        }
        for (int c = lo + 1; c <= hi; c++) {
            if (top[c] > bottom[c]) { // never reached: only out-of-order x can skip a column; carry the neighbour on
                top[c] = top[c - 1];
                bottom[c] = bottom[c - 1];
            }
        }
        upper.edge(top, -half, lo, hi);
        lower.edge(bottom, half, lo, hi);
        // The polygon: the top edge left to right, then the bottom edge appended right to left.
        for (int i = lower.n - 1; i >= 0; i--) {
            upper.keep(lower.x[i], lower.y[i]);
        }
        gc.fillPolygon(upper.x, upper.y, upper.n);
        lo = 0;
        hi = -1;
    }

    /** Vertices further than this (in pixels) from the simplified edge are kept. */
    static final double TOLERANCE = 0.2;

    private final Edge upper = new Edge();
    private final Edge lower = new Edge();

    /**
     * One edge of a band, simplified as it is built (cone intersection: a vertex is dropped while one straight line
     * from the last kept vertex passes within the tolerance of every vertex dropped since). x strictly increases.
     */
    static final class Edge {
        double[] x = new double[256];
        double[] y = new double[256];
        int n;
        private double candidateX, candidateY, slopeLow, slopeHigh;
        private boolean hasCandidate;

        /** The edge through {@code values[lo..hi]} offset by {@code offset}, at column centres, ends squared off. */
        void edge(double[] values, double offset, int lo, int hi) {
            n = 0;
            hasCandidate = false;
            point(lo, values[lo] + offset);
            for (int c = lo; c <= hi; c++) {
                point(c + 0.5, values[c] + offset);
            }
            point(hi + 1, values[hi] + offset);
            if (hasCandidate) {
                keep(candidateX, candidateY);
            }
        }

        void point(double px, double py) {
            if (n == 0) {
                keep(px, py);
                return;
            }
            double ax = x[n - 1], ay = y[n - 1];
            double dx = px - ax;
            double slope = (py - ay) / dx;
            if (hasCandidate && (slope < slopeLow || slope > slopeHigh)) {
                keep(candidateX, candidateY);
                ax = candidateX;
                ay = candidateY;
                dx = px - ax;
                hasCandidate = false;
            }
            double low = (py - TOLERANCE - ay) / dx;
            double high = (py + TOLERANCE - ay) / dx;
            if (hasCandidate) {
                slopeLow = Math.max(slopeLow, low);
                slopeHigh = Math.min(slopeHigh, high);
            } else {
                slopeLow = low;
                slopeHigh = high;
                hasCandidate = true;
            }
            candidateX = px;
            candidateY = py;
        }

        /** Appends a vertex as it is (fillRun also appends the reversed bottom edge to close the polygon). */
        private void keep(double px, double py) {
            if (n == x.length) {
                x = Arrays.copyOf(x, n * 2);
                y = Arrays.copyOf(y, n * 2);
            }
            x[n] = px;
            y[n] = py;
            n++;
        }
    }
}
