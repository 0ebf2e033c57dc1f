package io.nutrisage.app.ui;

import static io.nutrisage.app.ui.Cells.DATE_TIME;
import static io.nutrisage.app.ui.Cells.TIME;
import static io.nutrisage.app.ui.Cells.cells;
import static io.nutrisage.app.ui.Cells.column;
import static io.nutrisage.app.ui.Cells.itemsWhileShown;
import static io.nutrisage.app.ui.Cells.wrappingColumn;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The side panel's run tabs (SidePanel.fxml): scaling activities, alarms, events, deployments and logs. */
public final class SidePanelView {
    private final RunPanelsViewModel viewModel;

    @FXML
    private Tab scalingTab;

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
    private Tab alarmsTab;

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
    private Tab eventsTab;

    @FXML
    private ListView<ServiceEvent> eventList;

    @FXML
    private Tab deploymentsTab;

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
    private Tab logsTab;

    @FXML
    private TextField logFilterField;

    @FXML
    private ListView<LogLine> logList;

    SidePanelView(RunPanelsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        itemsWhileShown(scalingTab.selectedProperty(), activityTable.itemsProperty(), viewModel.activities());
        activityTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(activityTime, a -> TIME.format(a.startTime()));
        wrappingColumn(activityDescription, ScalingActivity::description);
        wrappingColumn(activityCause, ScalingActivity::cause);
        column(activityStatus, ScalingActivity::statusCode);
        itemsWhileShown(alarmsTab.selectedProperty(), alarmTable.itemsProperty(), viewModel.alarms());
        column(alarmName, Alarm::name);
        column(alarmState, a -> a.state().name());
        column(alarmUpdated, a -> TIME.format(a.stateUpdated()));
        alarmTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Alarm alarm, boolean empty) {
                super.updateItem(alarm, empty);
                getStyleClass().remove("alarm-on");
                setTooltip(empty || alarm == null ? null : new Tooltip(alarm.name()));
                if (!empty && alarm != null && alarm.state() == AlarmState.ALARM) {
                    getStyleClass().add("alarm-on");
                }
            }
        });
        itemsWhileShown(alarmsTab.selectedProperty(), transitionList.itemsProperty(), viewModel.transitions());
        transitionList.setCellFactory(cells(
                t -> TIME.format(t.time()) + "  " + shortName(t.alarmName()) + ": " + t.summary() + "\n" + t.reason(),
                t -> t.to() == AlarmState.ALARM ? "check-fail" : null));
        itemsWhileShown(eventsTab.selectedProperty(), eventList.itemsProperty(), viewModel.events());
        eventList.setCellFactory(cells(e -> TIME.format(e.time()) + "  " + e.message(), e -> null));
        itemsWhileShown(deploymentsTab.selectedProperty(), deploymentTable.itemsProperty(), viewModel.deployments());
        column(deploymentId, FleetStatus.Deployment::id);
        column(deploymentStatus, FleetStatus.Deployment::status);
        column(deploymentRollout, d -> d.rolloutState().isEmpty() ? "–" : d.rolloutState());
        column(deploymentDesired, d -> Integer.toString(d.desired()));
        column(deploymentRunning, d -> Integer.toString(d.running()));
        column(deploymentPending, d -> Integer.toString(d.pending()));
        column(deploymentCreated, d -> DATE_TIME.format(d.createdAt()));
        column(deploymentUpdated, d -> DATE_TIME.format(d.updatedAt()));
        column(deploymentTaskDefinition, FleetStatus.Deployment::taskDefinition);
        deploymentTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FleetStatus.Deployment deployment, boolean empty) {
                super.updateItem(deployment, empty);
                // The rollout reason (e.g. why a rollout FAILED) does not fit a column.
                setTooltip(
                        empty
                                        || deployment == null
                                        || deployment.rolloutStateReason().isEmpty()
                                ? null
                                : new Tooltip(deployment.rolloutStateReason()));
            }
        });
        logFilterField.textProperty().bindBidirectional(viewModel.logFilterProperty());
        itemsWhileShown(logsTab.selectedProperty(), logList.itemsProperty(), viewModel.logs());
        logList.setCellFactory(cells(
                l -> TIME.format(l.time()) + " [" + l.stream() + "] " + l.message(),
                l -> l.isError() ? "error-line" : null));
    }

    private static String shortName(String alarm) {
        return alarm.length() > 60 ? alarm.substring(0, 57) + "…" : alarm;
    }
}
