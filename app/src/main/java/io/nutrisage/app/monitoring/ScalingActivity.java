package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * An Application Auto Scaling activity in AWS's wording: description {@code Setting desired count to 4.}, cause
 * {@code monitor alarm TargetTracking-… in state ALARM triggered policy cpu40}, status {@code Successful}.
 */
public record ScalingActivity(
        String id,
        Instant startTime,
        String description,
        String cause,
        String statusCode,
        int fromCapacity,
        int toCapacity) {
    public ScalingActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(statusCode, "statusCode");
    }

    public boolean isScaleOut() {
        return toCapacity > fromCapacity;
    }
}
