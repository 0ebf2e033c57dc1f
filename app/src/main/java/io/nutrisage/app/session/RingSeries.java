package io.nutrisage.app.session;

/**
 * A bounded x/y series: the newest {@code capacity} points in insertion order. Not thread-safe; the owner of the
 * timeline confines it to one thread.
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
        int index = (start + size) % x.length;
        if (size == x.length) {
            start = (start + 1) % x.length;
        } else {
            size++;
        }
        x[index] = px;
        y[index] = py;
        version++;
    }

    public int size() {
        return size;
    }

    /** Incremented on every change, so a view can skip redrawing an unchanged series. */
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
