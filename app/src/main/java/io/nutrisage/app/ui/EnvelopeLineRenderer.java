package io.nutrisage.app.ui;

import io.fair_acc.chartfx.renderer.spi.AbstractRendererXY;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;

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
    /** Polygon vertices of the band being filled. */
    private double[] px = new double[1024];

    private double[] py = new double[1024];
    private int n;

    /** Per pixel column: the smallest and largest screen y the line reaches (screen y grows downwards). */
    private double[] top = new double[0];

    private double[] bottom = new double[0];
    /** Columns {@code lo..hi} hold the current run; empty when {@code lo > hi}. */
    private int lo;

    private int hi = -1;

    @Override
    protected EnvelopeLineRenderer getThis() {
        return this;
    }

    @Override
    protected void render(GraphicsContext gc, DataSet ds, DataSetNode style) {
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
        boolean open = false; // a run of non-NaN points is being collected
        double x0 = 0, y0 = 0;
        for (int i = from; i < to; i++) {
            double y = ds.get(DataSet.DIM_Y, i);
            if (Double.isNaN(y)) {
                fillRun(gc, half);
                open = false;
                continue;
            }
            double x = xAxis.getDisplayPosition(ds.get(DataSet.DIM_X, i));
            double sy = yAxis.getDisplayPosition(y);
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
     * Fills the current run's band: along the top edge at column centres from left to right, back along the bottom
     * edge, the ends squared off at the run's first and last column edges.
     */
    private void fillRun(GraphicsContext gc, double half) {
        if (lo > hi) {
            return;
        }
        n = 0;
        for (int c = lo + 1; c <= hi; c++) {
            if (top[c] > bottom[c]) { // never reached: only out-of-order x can skip a column; carry the neighbour on
                top[c] = top[c - 1];
                bottom[c] = bottom[c - 1];
            }
        }
        add(lo, top[lo] - half);
        for (int c = lo; c <= hi; c++) {
            add(c + 0.5, top[c] - half);
        }
        add(hi + 1, top[hi] - half);
        add(hi + 1, bottom[hi] + half);
        for (int c = hi; c >= lo; c--) {
            add(c + 0.5, bottom[c] + half);
        }
        add(lo, bottom[lo] + half);
        gc.fillPolygon(px, py, n);
        lo = 0;
        hi = -1;
    }

    private void add(double x, double y) {
        if (n == px.length) {
            px = Arrays.copyOf(px, n * 2);
            py = Arrays.copyOf(py, n * 2);
        }
        px[n] = x;
        py[n] = y;
        n++;
    }
}
