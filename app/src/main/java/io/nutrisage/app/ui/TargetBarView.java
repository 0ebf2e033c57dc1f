package io.nutrisage.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.icons.AppIcon;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** The top bar (TargetBar.fxml): the target chooser and its state, theme, recordings and export. */
public final class TargetBarView {
    /** What the bar's buttons ask of the window. */
    interface Actions {
        void openRecording();

        void export();
    }

    private final TargetChooserViewModel viewModel;
    private final RunPanelsViewModel run;
    private final Actions actions;
    private boolean showingActiveChoice;
    private ObservableList<String> choicesShown;
    private AwsConnectDialog openDialog;

    @FXML
    private ImageView logo;

    @FXML
    private ComboBox<String> targetChoice;

    @FXML
    private Label targetProblem;

    @FXML
    private Label connectionBadge;

    @FXML
    private Label identityLabel;

    @FXML
    private Label freshnessLabel;

    @FXML
    private Label tasksLabel;

    @FXML
    private Label costLabel;

    @FXML
    private ToggleButton darkToggle;

    @FXML
    private Label detailsTarget;

    @FXML
    private Label detailsConnection;

    @FXML
    private Label detailsAccount;

    @FXML
    private Label detailsCost;

    @FXML
    private VBox detailsFeeds;

    @FXML
    private VBox feedBanner;

    /** Held: the view-model's unmodifiable wrapper listens to its list weakly. */
    private ObservableList<TargetChooserViewModel.FeedAlert> alertsShown;

    TargetBarView(TargetChooserViewModel viewModel, RunPanelsViewModel run, Actions actions) {
        this.viewModel = viewModel;
        this.run = run;
        this.actions = actions;
    }

    @FXML
    private void initialize() {
        logo.setImage(new Image(AppIcon.png(64).toExternalForm()));
        targetChoice.setItems(viewModel.targetChoices());
        targetChoice.setValue(viewModel.activeChoiceProperty().get());
        targetChoice.setOnAction(e -> onTargetChosen(targetChoice.getValue()));
        targetChoice.disableProperty().bind(viewModel.switchingProperty());
        viewModel.activeChoiceProperty().addListener((o, a, choice) -> showActiveChoice());
        viewModel.choiceRefused().subscribe(choice -> showActiveChoice());
        // The view-model hands out an unmodifiable wrapper that listens to its list weakly: keep this one (registered
        // after the chooser's, so it runs after the chooser cleared its value on a change) or it is collected and the
        // chooser may stay blank after the recent targets change.
        choicesShown = viewModel.targetChoices();
        choicesShown.addListener((ListChangeListener<String>) c -> showActiveChoice());
        // Where the user chose: a failed or refused switch says why beside the chooser, not only in the status line.
        targetProblem.textProperty().bind(viewModel.problemProperty());
        targetProblem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        targetProblem.managedProperty().bind(targetProblem.visibleProperty());
        viewModel.problemProperty().subscribe(p -> targetProblem.setTooltip(p.isEmpty() ? null : new Tooltip(p)));
        identityLabel.textProperty().bind(viewModel.accountProperty());
        costLabel.textProperty().bind(viewModel.apiCostProperty());
        // The labels that may shrink in the bar are shown in full in the Details popover.
        detailsTarget.textProperty().bind(viewModel.targetNameProperty());
        detailsConnection.textProperty().bind(viewModel.connectionDetailProperty());
        detailsAccount.textProperty().bind(viewModel.accountProperty());
        detailsCost.textProperty().bind(viewModel.apiCostProperty());
        alertsShown = viewModel.feedAlerts();
        alertsShown.subscribe(this::showFeedAlerts);
        viewModel.connectionProperty().subscribe(this::showConnection);
        freshnessLabel.textProperty().bind(viewModel.freshnessProperty());
        tasksLabel
                .textProperty()
                .bind(run.runningTasksProperty()
                        .asString("Tasks %d running")
                        .concat(run.desiredTasksProperty().asString(" / %d desired")));
    }

    private void onTargetChosen(String choice) {
        if (showingActiveChoice || choice == null) {
            return;
        }
        if (ConsoleViewModel.AWS_CHOICE.equals(choice)) {
            openDialog = new AwsConnectDialog(targetChoice.getScene().getWindow());
            openDialog.show(request -> {
                openDialog = null;
                if (request.isPresent()) {
                    viewModel.connectAws(request.get());
                } else {
                    showActiveChoice();
                }
            });
        } else {
            viewModel.chooseTarget(choice);
        }
    }

    /** Shows the target in use in the chooser (again, after a cancelled, failed or refused switch). */
    private void showActiveChoice() {
        showingActiveChoice = true;
        try {
            targetChoice.setValue(viewModel.activeChoiceProperty().get());
        } finally {
            showingActiveChoice = false;
        }
    }

    Optional<AwsConnectDialog> connectDialog() {
        return Optional.ofNullable(openDialog);
    }

    /** One line per unhealthy feed under the bar, and the same lines in the Details popover. */
    private void showFeedAlerts() {
        feedBanner
                .getChildren()
                .setAll(alertsShown.stream().map(TargetBarView::alertLabel).toList());
        detailsFeeds
                .getChildren()
                .setAll(alertsShown.stream().map(TargetBarView::alertLabel).toList());
        feedBanner.setVisible(!alertsShown.isEmpty());
        feedBanner.setManaged(!alertsShown.isEmpty());
    }

    private static Label alertLabel(TargetChooserViewModel.FeedAlert alert) {
        Label label = new Label(alert.text());
        label.setWrapText(true);
        label.getStyleClass().addAll("feed-alert", alert.state().name().toLowerCase(Locale.ROOT));
        return label;
    }

    private void showConnection(ConnectionState state) {
        connectionBadge.setText(badgeText(state));
        connectionBadge.getStyleClass().removeAll("connected", "connecting", "degraded", "disconnected");
        if (state != null) {
            connectionBadge.getStyleClass().add(state.name().toLowerCase(Locale.ROOT));
        }
    }

    /** The state in words, not only as a colour. */
    static String badgeText(ConnectionState state) {
        if (state == null) {
            return "";
        }
        return switch (state) {
            case CONNECTED -> "Connected";
            case CONNECTING -> "Connecting…";
            case DEGRADED -> "Degraded: data may be stale";
            case DISCONNECTED -> "Disconnected";
        };
    }

    @FXML
    private void toggleTheme() {
        Application.setUserAgentStylesheet(
                darkToggle.isSelected()
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
    }

    @FXML
    private void openRecording() {
        actions.openRecording();
    }

    @FXML
    private void export() {
        actions.export();
    }
}
