package io.nutrisage.app.ui;

import io.nutrisage.app.load.ProfileFiles;
import java.io.File;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.stage.FileChooser;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.NumberStringConverter;

/** The load panel (LoadPanel.fxml): profile, phases, settings, live controls and progress. */
public final class LoadPanelView {
    private final LoadControlViewModel viewModel;

    @FXML
    private ComboBox<String> profileChoice;

    @FXML
    private TableView<PhaseRow> phaseTable;

    @FXML
    private TableColumn<PhaseRow, Double> secondsColumn;

    @FXML
    private TableColumn<PhaseRow, Double> fromColumn;

    @FXML
    private TableColumn<PhaseRow, Double> toColumn;

    @FXML
    private TextField timeScaleField;

    @FXML
    private TextField recordSourceField;

    @FXML
    private TextField inFlightField;

    @FXML
    private TextField rateField;

    @FXML
    private Label loadProblem;

    @FXML
    private Label phaseLabel;

    @FXML
    private ProgressBar phaseProgress;

    @FXML
    private Label remainingLabel;

    @FXML
    private Label rateLabel;

    @FXML
    private Label stateLabel;

    LoadPanelView(LoadControlViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        profileChoice.setItems(viewModel.profileNames());
        profileChoice.valueProperty().bindBidirectional(viewModel.selectedProfileProperty());
        phaseTable.setItems(viewModel.phases());
        editable(secondsColumn, PhaseRow::secondsProperty);
        editable(fromColumn, PhaseRow::fromRateProperty);
        editable(toColumn, PhaseRow::toRateProperty);
        timeScaleField
                .textProperty()
                .bindBidirectional(viewModel.timeScaleProperty(), new NumberStringConverter(Locale.ROOT, "0.###"));
        recordSourceField.textProperty().bindBidirectional(viewModel.recordSourceProperty());
        inFlightField
                .textProperty()
                .bindBidirectional(viewModel.inFlightCapProperty(), new NumberStringConverter(Locale.ROOT, "0"));
        rateField
                .textProperty()
                .bindBidirectional(viewModel.rateOverrideProperty(), new NumberStringConverter(Locale.ROOT, "0.#"));
        loadProblem.textProperty().bind(viewModel.problemProperty());
        loadProblem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        loadProblem.managedProperty().bind(loadProblem.visibleProperty());
        phaseLabel.textProperty().bind(viewModel.phaseTextProperty());
        phaseProgress.progressProperty().bind(viewModel.phaseProgressProperty());
        remainingLabel.textProperty().bind(viewModel.remainingTextProperty());
        rateLabel.textProperty().bind(viewModel.rateTextProperty());
        stateLabel.textProperty().bind(viewModel.loadStateProperty().asString("Load: %s"));
    }

    private static void editable(TableColumn<PhaseRow, Double> column, Function<PhaseRow, DoubleProperty> property) {
        column.setCellValueFactory(c -> property.apply(c.getValue()).asObject());
        column.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        column.setOnEditCommit(e -> {
            if (e.getNewValue() != null) {
                property.apply(e.getRowValue()).set(e.getNewValue());
            }
        });
    }

    // ---- handlers: one line each ----------------------------------------------------------------------------

    @FXML
    private void start() {
        viewModel.start();
    }

    @FXML
    private void pauseOrResume() {
        viewModel.pauseOrResume();
    }

    @FXML
    private void stop() {
        viewModel.stop();
    }

    @FXML
    private void nextPhase() {
        viewModel.nextPhase();
    }

    @FXML
    private void holdRate() {
        viewModel.holdRate();
    }

    @FXML
    private void applyCap() {
        viewModel.applyInFlightCap();
    }

    @FXML
    private void addPhase() {
        viewModel.phases().add(new PhaseRow(60, 10, 10));
    }

    @FXML
    private void removePhase() {
        PhaseRow selected = phaseTable.getSelectionModel().getSelectedItem();
        viewModel
                .phases()
                .remove(
                        selected != null
                                ? selected
                                : viewModel.phases().isEmpty()
                                        ? null
                                        : viewModel.phases().getLast());
    }

    @FXML
    private void addProfileFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Rate profile (YAML or JSON)");
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Rate profiles (YAML, JSON)", ProfileFiles.EXTENSIONS));
        File file = chooser.showOpenDialog(phaseTable.getScene().getWindow());
        if (file != null) {
            viewModel.addProfileFile(file.toPath());
        }
    }
}
