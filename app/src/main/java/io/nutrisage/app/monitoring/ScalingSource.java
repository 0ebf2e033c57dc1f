package io.nutrisage.app.monitoring;

import java.util.List;

/** Scaling activities and policies of the service's scalable target. Thread-safe; calls may block on I/O. */
public interface ScalingSource {
    /** The most recent activities, newest first (including ones that did not scale, when the backend reports them). */
    List<ScalingActivity> recentActivities();

    List<ScalingPolicy> policies();

    /** The scalable target's minimum and maximum capacity. */
    CapacityRange capacityRange();

    record CapacityRange(int min, int max) {
        public CapacityRange {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException(
                        "capacity range needs 0 <= min <= max, got [" + min + ", " + max + "]");
            }
        }

        public int clamp(int capacity) {
            return Math.max(min, Math.min(max, capacity));
        }
    }
}
