package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/** One state change of an alarm, like a DescribeAlarmHistory StateUpdate item. */
public record AlarmTransition(
        String id, String alarmName, Instant time, AlarmState from, AlarmState to, String reason) {
    public AlarmTransition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }

    /** CloudWatch's history summary wording. */
    public String summary() {
        return "Alarm updated from " + from + " to " + to;
    }
}
