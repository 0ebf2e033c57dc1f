package io.nutrisage.app.monitoring;

/** CloudWatch alarm states. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
