package io.nutrisage.app.ui;

import io.fair_acc.chartfx.renderer.spi.AbstractRendererXY;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;

/**
 * Draws each data set as one polyline reduced to at most two points per pixel column: the lowest and the highest, in
 * the order they occurred, or one when they lie within a pixel of each other (min/max reduction: every spike stays
 * visible; a segment between columns may start less than a pixel from where the full series would). NaN values are
 * gaps.
 *
 * <p>chartfx's {@code ReducingLineRenderer} strokes every segment as its own shape, and in the software pipeline
 * each stroke pays the rasteriser's set-up: a dashboard of 11 traces x 7,200 points spent most of a frame there
 * (decision 0070, docs/benchmarks.md). FX thread only, like every chartfx renderer.
 */
final class EnvelopeLineRenderer extends AbstractRendererXY<EnvelopeLineRenderer> {
    private double[] px = new double[1024];
    private double[] py = new double[1024];
    private int n;

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
        int from = Math.max(0, ds.getIndex(DataSet.DIM_X, xMin) - 1);
        int to = Math.min(count, ds.getIndex(DataSet.DIM_X, xMax) + 2);
        n = 0;
        boolean open = false; // a column is being collected
        long column = 0;
        double minY = 0, maxY = 0, colX = 0;
        int minAt = 0, maxAt = 0;
        for (int i = from; i < to; i++) {
            double y = ds.get(DataSet.DIM_Y, i);
            if (Double.isNaN(y)) {
                if (open) {
                    emitColumn(colX, minY, minAt, maxY, maxAt);
                    open = false;
                }
                flush(gc);
                continue;
            }
            double x = xAxis.getDisplayPosition(ds.get(DataSet.DIM_X, i));
            double sy = yAxis.getDisplayPosition(y);
            long c = (long) Math.floor(x);
            if (open && c == column) {
                if (sy < minY) {
                    minY = sy;
                    minAt = i;
                }
                if (sy > maxY) {
                    maxY = sy;
                    maxAt = i;
                }
                continue;
            }
            if (open) {
                emitColumn(colX, minY, minAt, maxY, maxAt);
            }
            open = true;
            column = c;
            colX = x;
            minY = maxY = sy;
            minAt = maxAt = i;
        }
        if (open) {
            emitColumn(colX, minY, minAt, maxY, maxAt);
        }
        flush(gc);
        gc.restore();
    }

    /** Adds a column's extremes in the order they occurred, or one point when they are within a pixel. */
    private void emitColumn(double x, double min, int minAt, double max, int maxAt) {
        if (max - min < 1) {
            add(x, (min + max) / 2);
        } else if (minAt <= maxAt) {
            add(x, min);
            add(x, max);
        } else {
            add(x, max);
            add(x, min);
        }
    }

    private void add(double x, double y) {
        if (n > 0 && px[n - 1] == x && py[n - 1] == y) {
            return;
        }
        if (n == px.length) {
            px = Arrays.copyOf(px, n * 2);
            py = Arrays.copyOf(py, n * 2);
        }
        px[n] = x;
        py[n] = y;
        n++;
    }

    private void flush(GraphicsContext gc) {
        if (n >= 2) {
            gc.strokePolyline(px, py, n);
        }
        n = 0;
    }
}
