package io.nutrisage.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RingSeriesTest {

    private static double[][] points(RingSeries s) {
        double[] xs = new double[s.size()];
        double[] ys = new double[s.size()];
        s.copyTo(xs, ys);
        return new double[][] {xs, ys};
    }

    @Test
    void inOrderPointsAreAppendedAndEachChangesTheVersion() {
        RingSeries s = new RingSeries(5);
        s.add(60, 1);
        s.add(120, 2);
        s.add(180, 3);

        assertThat(points(s)[0]).containsExactly(60, 120, 180);
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.lastY()).isEqualTo(3);
    }

    @Test
    void aLatePointIsInsertedInTimeOrder() {
        RingSeries s = new RingSeries(5);
        s.add(60, 1);
        s.add(180, 3);
        s.add(240, 4);
        long before = s.version();

        s.add(120, 2);

        assertThat(points(s)[0]).containsExactly(60, 120, 180, 240);
        assertThat(points(s)[1]).containsExactly(1, 2, 3, 4);
        assertThat(s.version()).isGreaterThan(before);
        assertThat(s.lastY()).isEqualTo(4);
    }

    @Test
    void aPointAtAHeldTimeReplacesItsValueAndAnUnchangedValueKeepsTheVersion() {
        RingSeries s = new RingSeries(5);
        s.add(60, 1);
        s.add(120, 2);
        s.add(180, 3);
        long before = s.version();

        s.add(120, 20);
        assertThat(points(s)[0]).containsExactly(60, 120, 180);
        assertThat(points(s)[1]).containsExactly(1, 20, 3);
        assertThat(s.version()).isEqualTo(before + 1);

        s.add(180, 3);
        assertThat(s.version()).isEqualTo(before + 1);
        assertThat(s.size()).isEqualTo(3);
    }

    @Test
    void whenFullALatePointEvictsTheOldestAndOneOlderThanEverythingIsDropped() {
        RingSeries s = new RingSeries(4);
        // Wrap the ring so the insertion crosses the physical end of the arrays.
        for (int i = 1; i <= 6; i++) {
            if (i != 5) {
                s.add(i * 10, i);
            }
        }
        assertThat(points(s)[0]).containsExactly(20, 30, 40, 60);

        s.add(50, 5);
        assertThat(points(s)[0]).containsExactly(30, 40, 50, 60);
        assertThat(points(s)[1]).containsExactly(3, 4, 5, 6);

        long before = s.version();
        s.add(10, 1);
        assertThat(points(s)[0]).containsExactly(30, 40, 50, 60);
        assertThat(s.version()).isEqualTo(before);

        s.add(35, 3.5);
        assertThat(points(s)[0]).containsExactly(35, 40, 50, 60);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.maxY()).isEqualTo(6);
    }
}
