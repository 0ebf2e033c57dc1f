package io.nutrisage.app.ui;

import static io.nutrisage.app.ui.Cells.cells;
import static io.nutrisage.app.ui.Cells.itemsWhileShown;

import io.nutrisage.app.monitoring.RunCheck;
import java.util.Locale;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;

/**
 * The checklist (ChecklistPanel.fxml), under the side panel's tabs: it opens by itself when the checks are computed
 * at the end of a run, and its title says how many passed, so nobody has to look for it.
 */
public final class ChecklistPanelView {
    private final ChecklistViewModel viewModel;
    private boolean openedForThisRun;
    /** Held: the view-model's unmodifiable wrapper listens to its list weakly. */
    private ObservableList<RunCheck> checksShown;

    @FXML
    private TitledPane checklistPane;

    @FXML
    private Label checklistSummary;

    @FXML
    private ListView<RunCheck> checkList;

    ChecklistPanelView(ChecklistViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        itemsWhileShown(checklistPane.expandedProperty(), checkList.itemsProperty(), viewModel.checks());
        checkList.setCellFactory(cells(
                c -> (c.passed() ? "PASS  " : "FAIL  ") + c.name() + "\n      " + c.evidence(),
                c -> c.passed() ? "check-pass" : "check-fail"));
        viewModel.computed().subscribe(checks -> {
            long passed = checks.stream().filter(RunCheck::passed).count();
            String summary = String.format(Locale.ROOT, "%d of %d checks passed", passed, checks.size());
            checklistPane.setText("Checklist — " + summary);
            checklistSummary.setText(summary);
            if (!openedForThisRun && !checks.isEmpty()) {
                openedForThisRun = true;
                checklistPane.setExpanded(true);
            }
        });
        checksShown = viewModel.checks();
        checksShown.subscribe(() -> {
            if (checksShown.isEmpty()) {
                openedForThisRun = false;
                checklistPane.setText("Checklist");
                checklistSummary.setText("computed when the load ends");
            }
        });
        checklistSummary.setText("computed when the load ends");
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }
}
