package io.nutrisage.app.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.util.Subscription;

/**
 * Something that happened, raised by a view-model on the UI thread: the timeline got new points, a target choice was
 * refused. It stands where version counters used to: a listener learns what happened, not that a number moved.
 */
public final class UiEvent<T> {
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<? super T> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void fire(T value) {
        listeners.forEach(l -> l.accept(value));
    }
}
