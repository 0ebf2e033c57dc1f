package io.nutrisage.app.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A thread-safe list of the newest {@code capacity} items, read newest first. */
final class Bounded<T> {
    private final int capacity;
    private final Deque<T> items = new ArrayDeque<>();

    Bounded(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T item) {
        items.addFirst(item);
        if (items.size() > capacity) {
            items.removeLast();
        }
    }

    synchronized List<T> newestFirst() {
        return List.copyOf(items);
    }

    synchronized List<T> oldestFirst() {
        List<T> list = new ArrayList<>(items);
        java.util.Collections.reverse(list);
        return list;
    }
}
