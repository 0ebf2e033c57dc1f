package io.nutrisage.app.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The console window (ConsoleView.fxml): composes one FXML view per panel, each with its own controller bound to its
 * own view-model ({@link TargetBarView}, {@link LoadPanelView}, {@link SidePanelView}, {@link ChecklistPanelView}),
 * around the charts and the status line.
 */
public final class ConsoleView {
    private final ConsoleViewModel viewModel;
    private final Exporter exporter;
    private final ChartsPane charts = new ChartsPane();
    private TargetBarView targetBar;

    @FXML
    private BorderPane root;

    @FXML
    private StackPane chartsHost;

    @FXML
    private Label statusLabel;

    @FXML
    private Label recordingLabel;

    public ConsoleView(ConsoleViewModel viewModel, Exporter exporter) {
        this.viewModel = viewModel;
        this.exporter = exporter;
    }

    /** Loads the FXML, this instance and the panels' controllers wired to their view-models, and returns the root. */
    public Parent load() {
        FXMLLoader loader = new FXMLLoader(ConsoleView.class.getResource("ConsoleView.fxml"));
        loader.setControllerFactory(this::controller);
        try {
            Parent parent = loader.load();
            parent.getStylesheets()
                    .add(ConsoleView.class.getResource("console.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ConsoleView.fxml", e);
        }
    }

    private Object controller(Class<?> type) {
        if (type == ConsoleView.class) {
            return this;
        }
        if (type == TargetBarView.class) {
            targetBar =
                    new TargetBarView(viewModel.targetChooser(), viewModel.runPanels(), new TargetBarView.Actions() {
                        @Override
                        public void openRecording() {
                            chooseRecording();
                        }

                        @Override
                        public void export() {
                            chooseExportDirectory();
                        }
                    });
            return targetBar;
        }
        if (type == LoadPanelView.class) {
            return new LoadPanelView(viewModel.loadControl());
        }
        if (type == SidePanelView.class) {
            return new SidePanelView(viewModel.runPanels());
        }
        if (type == ChecklistPanelView.class) {
            return new ChecklistPanelView(viewModel.checklist());
        }
        throw new IllegalArgumentException("no controller for " + type.getName());
    }

    /** The AWS connect dialog while it is open (for tests). */
    public Optional<AwsConnectDialog> connectDialog() {
        return targetBar.connectDialog();
    }

    public ChartsPane charts() {
        return charts;
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void initialize() {
        chartsHost.getChildren().add(charts);
        viewModel.runPanels().timelineChanged().subscribe(charts::follow);
        statusLabel.textProperty().bind(viewModel.statusProperty());
        recordingLabel.textProperty().bind(viewModel.runPanels().recordingPathProperty());
    }

    private void chooseRecording() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open run recording");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Run recordings", "*.jsonl"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.openRecording(file.toPath());
        }
    }

    private void chooseExportDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export run artefacts to");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /** Exports the dashboard, each chart, the scaling timeline and the run summary into {@code dir}. */
    public void exportTo(Path dir) {
        exporter.export(root, charts, viewModel, dir);
    }
}
