package io.nutrisage.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.util.Callback;

/** Cell factories and list wiring the panel views share. */
final class Cells {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Deployments can be weeks old: their times carry the date. */
    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Cells() {}

    static <T> void column(TableColumn<T, String> column, Function<T, String> text) {
        column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    /**
     * A column whose text wraps to the column's width, with the whole text as a tooltip: a scaling activity's
     * description and cause are sentences, which a one-line cell cut to "Setting desired c…".
     */
    static <T> void wrappingColumn(TableColumn<T, String> column, Function<T, String> text) {
        column(column, text);
        column.setCellFactory(c -> new TableCell<>() {
            private final Text shown = new Text();

            {
                shown.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                shown.getStyleClass().add("wrapped-cell-text");
                setGraphic(shown);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                shown.setText(empty || item == null ? "" : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
    }

    /**
     * Gives a list or table its items only while it is shown. The content of a hidden tab was still laid out on every
     * poll, cells and all: the log list alone was about a fifth of the idle console's FX thread time
     * (docs/benchmarks.md: the idle benchmark lists what needs a layout at each pulse).
     */
    static <T> void itemsWhileShown(
            ObservableBooleanValue shown, ObjectProperty<ObservableList<T>> items, ObservableList<T> source) {
        shown.subscribe(on -> items.set(on ? source : FXCollections.emptyObservableList()));
    }

    static <T> Callback<ListView<T>, ListCell<T>> cells(Function<T, String> text, Function<T, String> styleClass) {
        return list -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("error-line", "check-pass", "check-fail");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(text.apply(item));
                String style = styleClass.apply(item);
                if (style != null) {
                    getStyleClass().add(style);
                }
            }
        };
    }
}
