package io.nutrisage.loadgen.records;

import io.nutrisage.loadgen.records.RecordSource.RecordStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Chains the objects of a source; an object that fails to open or breaks mid-way is reported and skipped. */
final class MultiObjectStream implements RecordStream {

    /** Opens one object; the name is used in skip reports. */
    interface ObjectOpener {
        String name();

        RecordStream open(Consumer<SkippedRecord> skipped) throws IOException;

        static ObjectOpener named(String name, Opening opening) {
            return new ObjectOpener() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public RecordStream open(Consumer<SkippedRecord> skipped) throws IOException {
                    return opening.open(skipped);
                }
            };
        }
    }

    @FunctionalInterface
    interface Opening {
        RecordStream open(Consumer<SkippedRecord> skipped) throws IOException;
    }

    private final Iterator<ObjectOpener> objects;
    private final Consumer<SkippedRecord> skipped;
    private ObjectOpener currentObject;
    private RecordStream current;
    private long lastLine;

    MultiObjectStream(List<ObjectOpener> objects, Consumer<SkippedRecord> skipped) {
        this.objects = objects.iterator();
        this.skipped = skipped;
    }

    @Override
    public LoadRecord next() {
        while (true) {
            if (current == null) {
                if (!objects.hasNext()) {
                    return null;
                }
                currentObject = objects.next();
                lastLine = 0;
                try {
                    current = currentObject.open(skipped);
                } catch (IOException | RuntimeException e) {
                    skipped.accept(new SkippedRecord(
                            currentObject.name(), 0, "unreadable object: " + ObjectReaders.message(e)));
                    continue;
                }
            }
            try {
                LoadRecord record = current.next();
                if (record != null) {
                    lastLine = record.line();
                    return record;
                }
            } catch (IOException | RuntimeException e) {
                skipped.accept(new SkippedRecord(
                        currentObject.name(),
                        lastLine + 1,
                        "unreadable from here on, rest of object skipped: " + ObjectReaders.message(e)));
            }
            closeCurrent();
        }
    }

    private void closeCurrent() {
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            // Nothing was lost: every record was already handed out.
        }
        current = null;
    }

    @Override
    public void close() {
        if (current != null) {
            closeCurrent();
        }
    }
}
