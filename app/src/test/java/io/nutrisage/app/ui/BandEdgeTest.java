package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simplification of a band's edge in {@link EnvelopeLineRenderer}: fewer vertices, never a visible change. */
class BandEdgeTest {

    @Test
    void aStraightEdgeKeepsOnlyItsEnds() {
        double[] values = new double[500];
        for (int c = 0; c < values.length; c++) {
            values[c] = 10 + 0.3 * c;
        }
        EnvelopeLineRenderer.Edge edge = new EnvelopeLineRenderer.Edge();
        edge.edge(values, 0, 0, values.length - 1);

        // The squared-off ends are flat for half a column, so the corners next to them stay too.
        assertThat(edge.n).isLessThanOrEqualTo(4);
        assertThat(edge.x[0]).isZero();
        assertThat(edge.x[edge.n - 1]).isEqualTo(values.length);
    }

    @Test
    void everyDroppedVertexLiesWithinTheToleranceOfTheSimplifiedEdge() {
        double[] values = new double[1_100];
        for (int c = 0; c < values.length; c++) {
            values[c] = 60 + 40 * Math.sin(c / 90.0) + (c % 250 == 0 ? -30 : 0); // a smooth curve with spikes
        }
        EnvelopeLineRenderer.Edge edge = new EnvelopeLineRenderer.Edge();
        edge.edge(values, -0.75, 0, values.length - 1);

        assertThat(edge.n).as("vertices kept of %d", values.length + 2).isLessThan(values.length / 3);
        for (int c = 0; c < values.length; c++) {
            double x = c + 0.5;
            int k = 1;
            while (edge.x[k] < x) {
                k++;
            }
            double t = (x - edge.x[k - 1]) / (edge.x[k] - edge.x[k - 1]);
            double drawn = edge.y[k - 1] + t * (edge.y[k] - edge.y[k - 1]);
            assertThat(drawn)
                    .as("column %d", c)
                    .isCloseTo(
                            values[c] - 0.75,
                            org.assertj.core.data.Offset.offset(EnvelopeLineRenderer.TOLERANCE + 1e-9));
        }
    }
}
