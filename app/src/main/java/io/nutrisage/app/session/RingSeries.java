package io.nutrisage.app.session;

/**
 * A bounded x/y series kept in x order: the newest {@code capacity} points. Points normally arrive in order and are
 * appended; a late point (x before the last one) is inserted in place, and a point at an x already held replaces that
 * point's y (a revised value). When full, the oldest point makes room, and a point older than everything held is
 * dropped. Not thread-safe; the owner of the timeline confines it to one thread.
 */
public final class RingSeries {
    private final double[] x;
    private final double[] y;
    private int start;
    private int size;
    private long version;

    RingSeries(int capacity) {
        x = new double[capacity];
        y = new double[capacity];
    }

    void add(double px, double py) {
        if (size == 0 || px > x(size - 1)) {
            append(px, py);
            return;
        }
        int at = indexOf(px);
        if (at >= 0) {
            if (Double.compare(y(at), py) != 0) {
                y[slot(at)] = py;
                version++;
            }
            return;
        }
        int insertion = -at - 1;
        if (size == x.length) {
            if (insertion == 0) {
                return; // older than the whole window kept: it would be evicted at once
            }
            start = (start + 1) % x.length;
            size--;
            insertion--;
        }
        // Late points land near the end: shift the few newer points one slot to the right.
        for (int i = size; i > insertion; i--) {
            x[slot(i)] = x(i - 1);
            y[slot(i)] = y(i - 1);
        }
        x[slot(insertion)] = px;
        y[slot(insertion)] = py;
        size++;
        version++;
    }

    private void append(double px, double py) {
        int index = slot(size);
        if (size == x.length) {
            start = (start + 1) % x.length;
        } else {
            size++;
        }
        x[index] = px;
        y[index] = py;
        version++;
    }

    /** Logical index of {@code px}, or {@code -(insertion point) - 1} (as {@link java.util.Arrays#binarySearch}). */
    private int indexOf(double px) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double v = x(mid);
            if (v < px) {
                lo = mid + 1;
            } else if (v > px) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private int slot(int i) {
        return (start + i) % x.length;
    }

    public int size() {
        return size;
    }

    /** Incremented on every change (append, insertion, revised value), so a view can skip redrawing an unchanged series. */
    public long version() {
        return version;
    }

    public double x(int i) {
        return x[(start + i) % x.length];
    }

    public double y(int i) {
        return y[(start + i) % y.length];
    }

    /** Copies the points into {@code xs}/{@code ys} (each at least {@link #size()} long), oldest first. */
    public void copyTo(double[] xs, double[] ys) {
        for (int i = 0; i < size; i++) {
            xs[i] = x(i);
            ys[i] = y(i);
        }
    }

    public double maxY() {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, y(i));
        }
        return max;
    }

    public double lastY() {
        return size == 0 ? Double.NaN : y(size - 1);
    }
}
