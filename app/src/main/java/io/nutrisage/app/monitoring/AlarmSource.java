package io.nutrisage.app.monitoring;

import java.util.List;

/** Alarm states and their history. Thread-safe; calls may block on I/O. */
public interface AlarmSource {
    List<Alarm> alarms();

    /** The most recent transitions of all alarms, newest first. */
    List<AlarmTransition> recentTransitions();
}
