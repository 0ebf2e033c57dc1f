package io.nutrisage.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.nutrisage.app.load.ProfileFiles;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.icons.AppIcon;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.converter.DoubleStringConverter;
import javafx.util.converter.NumberStringConverter;

/**
 * The console window (ConsoleView.fxml): binds controls to {@link ConsoleViewModel} in {@link #initialize()}; its
 * handlers are one-line calls into the view-model or the exporter.
 */
public final class ConsoleView {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Deployments can be weeks old: their times carry the date. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ConsoleViewModel viewModel;
    private final Exporter exporter;
    private final ChartsPane charts = new ChartsPane();

    @FXML
    private BorderPane root;

    @FXML
    private ImageView logo;

    @FXML
    private ComboBox<String> targetChoice;

    @FXML
    private Label connectionBadge;

    @FXML
    private Label freshnessLabel;

    @FXML
    private Label identityLabel;

    @FXML
    private Label costLabel;

    private boolean showingActiveChoice;
    private javafx.collections.ObservableList<String> choicesShown;
    private AwsConnectDialog openDialog;

    @FXML
    private Label tasksLabel;

    @FXML
    private ToggleButton darkToggle;

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
    private Label phaseLabel;

    @FXML
    private ProgressBar phaseProgress;

    @FXML
    private Label remainingLabel;

    @FXML
    private Label rateLabel;

    @FXML
    private Label stateLabel;

    @FXML
    private StackPane chartsHost;

    @FXML
    private TabPane sideTabs;

    @FXML
    private TableView<ScalingActivity> activityTable;

    @FXML
    private TableColumn<ScalingActivity, String> activityTime;

    @FXML
    private TableColumn<ScalingActivity, String> activityDescription;

    @FXML
    private TableColumn<ScalingActivity, String> activityCause;

    @FXML
    private TableColumn<ScalingActivity, String> activityStatus;

    @FXML
    private TableView<Alarm> alarmTable;

    @FXML
    private TableColumn<Alarm, String> alarmName;

    @FXML
    private TableColumn<Alarm, String> alarmState;

    @FXML
    private TableColumn<Alarm, String> alarmUpdated;

    @FXML
    private ListView<AlarmTransition> transitionList;

    @FXML
    private ListView<ServiceEvent> eventList;

    @FXML
    private TableView<FleetStatus.Deployment> deploymentTable;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentId;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentStatus;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentRollout;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentDesired;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentRunning;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentPending;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentCreated;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentUpdated;

    @FXML
    private TableColumn<FleetStatus.Deployment, String> deploymentTaskDefinition;

    @FXML
    private TextField logFilterField;

    @FXML
    private Tab logsTab;

    @FXML
    private Tab deploymentsTab;

    @FXML
    private Tab alarmsTab;

    @FXML
    private Tab scalingTab;

    @FXML
    private Tab eventsTab;

    @FXML
    private Tab checklistTab;

    @FXML
    private ListView<LogLine> logList;

    @FXML
    private ListView<RunCheck> checkList;

    @FXML
    private Label statusLabel;

    @FXML
    private Label recordingLabel;

    public ConsoleView(ConsoleViewModel viewModel, Exporter exporter) {
        this.viewModel = viewModel;
        this.exporter = exporter;
    }

    /** Loads the FXML with this instance as controller and returns the root. */
    public Parent load() {
        FXMLLoader loader = new FXMLLoader(ConsoleView.class.getResource("ConsoleView.fxml"));
        loader.setControllerFactory(type -> this);
        try {
            Parent parent = loader.load();
            parent.getStylesheets()
                    .add(ConsoleView.class.getResource("console.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ConsoleView.fxml", e);
        }
    }

    private void onTargetChosen(String choice) {
        if (showingActiveChoice || choice == null) {
            return;
        }
        if (ConsoleViewModel.AWS_CHOICE.equals(choice)) {
            openDialog = new AwsConnectDialog(root.getScene().getWindow());
            openDialog.show(request -> {
                openDialog = null;
                if (request.isPresent()) {
                    viewModel.targetChooser().connectAws(request.get());
                } else {
                    showActiveChoice();
                }
            });
        } else {
            viewModel.targetChooser().chooseTarget(choice);
        }
    }

    /** Shows the target in use in the chooser (again, after a cancelled, failed or refused switch). */
    private void showActiveChoice() {
        showingActiveChoice = true;
        try {
            targetChoice.setValue(
                    viewModel.targetChooser().activeChoiceProperty().get());
        } finally {
            showingActiveChoice = false;
        }
    }

    /** The AWS connect dialog while it is open (for tests). */
    public java.util.Optional<AwsConnectDialog> connectDialog() {
        return java.util.Optional.ofNullable(openDialog);
    }

    public ChartsPane charts() {
        return charts;
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void initialize() {
        logo.setImage(new Image(AppIcon.png(64).toExternalForm()));
        targetChoice.setItems(viewModel.targetChooser().targetChoices());
        targetChoice.setValue(viewModel.targetChooser().activeChoiceProperty().get());
        targetChoice.setOnAction(e -> onTargetChosen(targetChoice.getValue()));
        targetChoice.disableProperty().bind(viewModel.targetChooser().switchingProperty());
        viewModel.targetChooser().activeChoiceProperty().addListener((o, a, choice) -> showActiveChoice());
        viewModel.targetChooser().choiceRefused().subscribe(choice -> showActiveChoice());
        // The view-model hands out an unmodifiable wrapper that listens to its list weakly: keep this one (registered
        // after the chooser's, so it runs after the chooser cleared its value on a change) or it is collected and the
        // chooser may stay blank after the recent targets change.
        choicesShown = viewModel.targetChooser().targetChoices();
        choicesShown.addListener((javafx.collections.ListChangeListener<String>) c -> showActiveChoice());
        identityLabel.textProperty().bind(viewModel.targetChooser().accountProperty());
        costLabel.textProperty().bind(viewModel.targetChooser().apiCostProperty());

        viewModel.targetChooser().connectionProperty().addListener((o, a, state) -> showConnection(state));
        showConnection(viewModel.targetChooser().connectionProperty().get());
        freshnessLabel.textProperty().bind(viewModel.targetChooser().freshnessProperty());
        tasksLabel
                .textProperty()
                .bind(viewModel
                        .runPanels()
                        .runningTasksProperty()
                        .asString("Tasks %d running")
                        .concat(viewModel.runPanels().desiredTasksProperty().asString(" / %d desired")));

        profileChoice.setItems(viewModel.loadControl().profileNames());
        profileChoice.valueProperty().bindBidirectional(viewModel.loadControl().selectedProfileProperty());
        phaseTable.setItems(viewModel.loadControl().phases());
        editable(secondsColumn, PhaseRow::secondsProperty);
        editable(fromColumn, PhaseRow::fromRateProperty);
        editable(toColumn, PhaseRow::toRateProperty);
        timeScaleField
                .textProperty()
                .bindBidirectional(
                        viewModel.loadControl().timeScaleProperty(), new NumberStringConverter(Locale.ROOT, "0.###"));
        recordSourceField
                .textProperty()
                .bindBidirectional(viewModel.loadControl().recordSourceProperty());
        inFlightField
                .textProperty()
                .bindBidirectional(
                        viewModel.loadControl().inFlightCapProperty(), new NumberStringConverter(Locale.ROOT, "0"));
        rateField
                .textProperty()
                .bindBidirectional(
                        viewModel.loadControl().rateOverrideProperty(), new NumberStringConverter(Locale.ROOT, "0.#"));
        phaseLabel.textProperty().bind(viewModel.loadControl().phaseTextProperty());
        phaseProgress.progressProperty().bind(viewModel.loadControl().phaseProgressProperty());
        remainingLabel.textProperty().bind(viewModel.loadControl().remainingTextProperty());
        rateLabel.textProperty().bind(viewModel.loadControl().rateTextProperty());
        stateLabel
                .textProperty()
                .bind(viewModel.loadControl().loadStateProperty().asString("Load: %s"));

        chartsHost.getChildren().add(charts);
        viewModel.runPanels().timelineChanged().subscribe(charts::follow);

        itemsWhileShown(
                scalingTab, activityTable.itemsProperty(), viewModel.runPanels().activities());
        column(activityTime, a -> TIME.format(a.startTime()));
        column(activityDescription, ScalingActivity::description);
        column(activityCause, ScalingActivity::cause);
        column(activityStatus, ScalingActivity::statusCode);
        itemsWhileShown(
                alarmsTab, alarmTable.itemsProperty(), viewModel.runPanels().alarms());
        column(alarmName, Alarm::name);
        column(alarmState, a -> a.state().name());
        column(alarmUpdated, a -> TIME.format(a.stateUpdated()));
        alarmTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(Alarm alarm, boolean empty) {
                super.updateItem(alarm, empty);
                getStyleClass().remove("alarm-on");
                if (!empty && alarm != null && alarm.state() == AlarmState.ALARM) {
                    getStyleClass().add("alarm-on");
                }
            }
        });
        itemsWhileShown(
                alarmsTab, transitionList.itemsProperty(), viewModel.runPanels().transitions());
        transitionList.setCellFactory(cells(
                t -> TIME.format(t.time()) + "  " + shortName(t.alarmName()) + ": " + t.summary() + "\n" + t.reason(),
                t -> t.to() == AlarmState.ALARM ? "check-fail" : null));
        itemsWhileShown(
                eventsTab, eventList.itemsProperty(), viewModel.runPanels().events());
        eventList.setCellFactory(cells(e -> TIME.format(e.time()) + "  " + e.message(), e -> null));
        itemsWhileShown(
                deploymentsTab,
                deploymentTable.itemsProperty(),
                viewModel.runPanels().deployments());
        column(deploymentId, FleetStatus.Deployment::id);
        column(deploymentStatus, FleetStatus.Deployment::status);
        column(deploymentRollout, d -> d.rolloutState().isEmpty() ? "–" : d.rolloutState());
        column(deploymentDesired, d -> Integer.toString(d.desired()));
        column(deploymentRunning, d -> Integer.toString(d.running()));
        column(deploymentPending, d -> Integer.toString(d.pending()));
        column(deploymentCreated, d -> DATE_TIME.format(d.createdAt()));
        column(deploymentUpdated, d -> DATE_TIME.format(d.updatedAt()));
        column(deploymentTaskDefinition, FleetStatus.Deployment::taskDefinition);
        deploymentTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(FleetStatus.Deployment deployment, boolean empty) {
                super.updateItem(deployment, empty);
                // The rollout reason (e.g. why a rollout FAILED) does not fit a column.
                setTooltip(
                        empty
                                        || deployment == null
                                        || deployment.rolloutStateReason().isEmpty()
                                ? null
                                : new javafx.scene.control.Tooltip(deployment.rolloutStateReason()));
            }
        });
        logFilterField.textProperty().bindBidirectional(viewModel.runPanels().logFilterProperty());
        itemsWhileShown(logsTab, logList.itemsProperty(), viewModel.runPanels().logs());
        logList.setCellFactory(cells(
                l -> TIME.format(l.time()) + " [" + l.stream() + "] " + l.message(),
                l -> l.isError() ? "error-line" : null));
        itemsWhileShown(
                checklistTab, checkList.itemsProperty(), viewModel.checklist().checks());
        checkList.setCellFactory(cells(
                c -> (c.passed() ? "PASS  " : "FAIL  ") + c.name() + "\n      " + c.evidence(),
                c -> c.passed() ? "check-pass" : "check-fail"));
        statusLabel.textProperty().bind(viewModel.statusProperty());
        recordingLabel.textProperty().bind(viewModel.runPanels().recordingPathProperty());
    }

    private static String shortName(String alarm) {
        return alarm.length() > 60 ? alarm.substring(0, 57) + "…" : alarm;
    }

    private void showConnection(ConnectionState state) {
        connectionBadge.setText(
                state == null ? "" : state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        connectionBadge.getStyleClass().removeAll("connected", "connecting", "degraded", "disconnected");
        if (state != null) {
            connectionBadge.getStyleClass().add(state.name().toLowerCase(Locale.ROOT));
        }
    }

    private static void editable(
            TableColumn<PhaseRow, Double> column, Function<PhaseRow, javafx.beans.property.DoubleProperty> property) {
        column.setCellValueFactory(c -> property.apply(c.getValue()).asObject());
        column.setCellFactory(TextFieldTableCell.forTableColumn(new DoubleStringConverter()));
        column.setOnEditCommit(e -> {
            if (e.getNewValue() != null) {
                property.apply(e.getRowValue()).set(e.getNewValue());
            }
        });
    }

    private static <T> void column(TableColumn<T, String> column, Function<T, String> text) {
        column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    /**
     * Gives a list or table on a side tab its items only while the tab is shown. The content of a hidden tab was still
     * laid out on every poll, cells and all: the log list alone was about a fifth of the idle console's FX thread time
     * (docs/benchmarks.md: the idle benchmark lists what needs a layout at each pulse).
     */
    private static <T> void itemsWhileShown(
            Tab tab, javafx.beans.property.ObjectProperty<ObservableList<T>> items, ObservableList<T> source) {
        tab.selectedProperty().subscribe(shown -> items.set(shown ? source : FXCollections.emptyObservableList()));
    }

    private static <T> javafx.util.Callback<ListView<T>, ListCell<T>> cells(
            Function<T, String> text, Function<T, String> styleClass) {
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

    // ---- handlers: one line each ----------------------------------------------------------------------------

    @FXML
    private void start() {
        viewModel.loadControl().start();
    }

    @FXML
    private void pauseOrResume() {
        viewModel.loadControl().pauseOrResume();
    }

    @FXML
    private void stop() {
        viewModel.loadControl().stop();
    }

    @FXML
    private void nextPhase() {
        viewModel.loadControl().nextPhase();
    }

    @FXML
    private void holdRate() {
        viewModel.loadControl().holdRate();
    }

    @FXML
    private void applyCap() {
        viewModel.loadControl().applyInFlightCap();
    }

    @FXML
    private void addPhase() {
        viewModel.loadControl().phases().add(new PhaseRow(60, 10, 10));
    }

    @FXML
    private void removePhase() {
        PhaseRow selected = phaseTable.getSelectionModel().getSelectedItem();
        viewModel
                .loadControl()
                .phases()
                .remove(
                        selected != null
                                ? selected
                                : viewModel.loadControl().phases().isEmpty()
                                        ? null
                                        : viewModel.loadControl().phases().getLast());
    }

    @FXML
    private void refreshChecklist() {
        viewModel.checklist().refresh();
    }

    @FXML
    private void toggleTheme() {
        Application.setUserAgentStylesheet(
                darkToggle.isSelected()
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
    }

    @FXML
    private void addProfileFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Rate profile (YAML or JSON)");
        chooser.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Rate profiles (YAML, JSON)", ProfileFiles.EXTENSIONS));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.loadControl().addProfileFile(file.toPath());
        }
    }

    @FXML
    private void openRecording() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open run recording");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Run recordings", "*.jsonl"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.openRecording(file.toPath());
        }
    }

    @FXML
    private void export() {
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
