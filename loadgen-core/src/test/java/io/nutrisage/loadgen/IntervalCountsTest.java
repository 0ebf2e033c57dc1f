package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalCountsTest {
    private static final IntervalCounts FIRST = new IntervalCounts(
            10, 9, 8, 2, 1, 1.5, 3, 4, 3.0, 1, new Outcomes(7, 0, 1, 0, 0, 0, 0, 0), Map.of("a", 3L, "b", 1L));
    private static final IntervalCounts SECOND = new IntervalCounts(
            5, 5, 6, 0, 0, 0.25, 1, 2, 0.5, 0, new Outcomes(5, 0, 0, 0, 1, 0, 0, 0), Map.of("b", 2L, "e", 2L));

    @Test
    void plusAddsEveryCountAndMergesTheGrades() {
        assertThat(FIRST.plus(SECOND))
                .isEqualTo(new IntervalCounts(
                        15,
                        14,
                        14,
                        2,
                        1,
                        1.75,
                        4,
                        6,
                        3.5,
                        1,
                        new Outcomes(12, 0, 1, 0, 1, 0, 0, 0),
                        Map.of("a", 3L, "b", 3L, "e", 2L)));
    }

    @Test
    void noneAddsNothing() {
        assertThat(IntervalCounts.NONE.plus(FIRST)).isEqualTo(FIRST);
    }

    @Test
    void averageConfidenceIsTheMeanOfTheConfidencesReadOrNaNWithoutAny() {
        assertThat(FIRST.averageConfidence()).isEqualTo(0.75);
        assertThat(IntervalCounts.NONE.averageConfidence()).isNaN();
    }
}
