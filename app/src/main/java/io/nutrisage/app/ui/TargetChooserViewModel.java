package io.nutrisage.app.ui;

import io.nutrisage.app.monitoring.CloudAccount;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FeedStatus;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.session.MonitorUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The top bar: which target the console watches, how the connection is, whom it is signed in as and what the
 * monitoring costs. Switching itself is the parent's ({@link ConsoleViewModel} owns the session); this model keeps
 * the chooser's choices and state. UI thread only.
 */
public final class TargetChooserViewModel {
    /** Starts a switch to {@code choice}: the parent opens the target in the background and installs its session. */
    interface Switcher {
        void switchTo(String choice, Callable<MonitoringTarget> factory, String failurePrefix);
    }

    private final Callable<MonitoringTarget> sandboxFactory;
    private final AwsConnector awsConnector;
    private final TaskExecutor executor;
    private final Consumer<String> status;
    private final Switcher switcher;
    private final BooleanSupplier hasSession;
    private final Map<String, AwsConnectRequest> recentByLabel = new ConcurrentHashMap<>();
    private final ObservableList<String> targetChoices =
            FXCollections.observableArrayList(ConsoleViewModel.SANDBOX_CHOICE, ConsoleViewModel.AWS_CHOICE);
    private final ReadOnlyStringWrapper activeChoice =
            new ReadOnlyStringWrapper(this, "activeChoice", ConsoleViewModel.SANDBOX_CHOICE);
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(this, "switching");
    private final ReadOnlyStringWrapper targetName = new ReadOnlyStringWrapper(this, "targetName", "Local sandbox");
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper connectionDetail = new ReadOnlyStringWrapper(this, "connectionDetail", "");
    private final ReadOnlyStringWrapper freshness = new ReadOnlyStringWrapper(this, "freshness", "no data yet");
    private final ReadOnlyStringWrapper account = new ReadOnlyStringWrapper(this, "account", "");
    private final ReadOnlyStringWrapper apiCost = new ReadOnlyStringWrapper(this, "apiCost", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final UiEvent<String> choiceRefused = new UiEvent<>();
    private final ObservableList<FeedAlert> feedAlerts = FXCollections.observableArrayList();
    private Instant lastDataTime;
    private Optional<CloudAccount> cloud = Optional.empty();

    TargetChooserViewModel(
            Callable<MonitoringTarget> sandboxFactory,
            AwsConnector awsConnector,
            TaskExecutor executor,
            Consumer<String> status,
            Switcher switcher,
            BooleanSupplier hasSession) {
        this.sandboxFactory = sandboxFactory;
        this.awsConnector = awsConnector;
        this.executor = executor;
        this.status = status;
        this.switcher = switcher;
        this.hasSession = hasSession;
    }

    /** Connects to the local sandbox in the background and starts monitoring it every second. */
    public void connect() {
        connection.set(ConnectionState.CONNECTING);
        status.accept("Starting " + ConsoleViewModel.SANDBOX_CHOICE + "…");
        switcher.switchTo(ConsoleViewModel.SANDBOX_CHOICE, sandboxFactory, "Cannot start the target: ");
        refreshRecentTargets();
    }

    /**
     * Switches to a choice of {@link #targetChoices()}: the sandbox or a recent AWS target. {@link
     * ConsoleViewModel#AWS_CHOICE} is the view's business (it asks for a {@link AwsConnectRequest}, then calls {@link
     * #connectAws}).
     */
    public void chooseTarget(String choice) {
        if (choice == null
                || ConsoleViewModel.AWS_CHOICE.equals(choice)
                || (choice.equals(activeChoice.get()) && hasSession.getAsBoolean())) {
            return;
        }
        AwsConnectRequest recent = recentByLabel.get(choice);
        if (recent != null) {
            connectAws(recent);
        } else if (ConsoleViewModel.SANDBOX_CHOICE.equals(choice)) {
            switcher.switchTo(ConsoleViewModel.SANDBOX_CHOICE, sandboxFactory, "Cannot start the target: ");
        }
    }

    /**
     * Connects to an AWS stack in the background. On success the console switches to it (closing the previous
     * target); on failure it says why (with the fix) and stays on the previous target.
     */
    public void connectAws(AwsConnectRequest request) {
        if (request.target() instanceof AwsConnectRequest.Stack stack
                && stack.name().isEmpty()) {
            refuse("Cannot connect: enter the stack or environment name (e.g. nutrisage)");
            return;
        }
        switcher.switchTo(
                request.label(), () -> awsConnector.connect(request), "Cannot connect to " + request.label() + ": ");
    }

    // ---- from the parent -------------------------------------------------------------------------------------

    void switching(boolean on) {
        switching.set(on);
    }

    /** A switch failed or was refused: says why, here and in the status line, and shows the choice still in use. */
    void refuse(String why) {
        status.accept(why);
        problem.set(why);
        choiceRefused.fire(activeChoice.get());
    }

    void failedWithoutTarget() {
        connection.set(ConnectionState.DISCONNECTED);
    }

    void installed(MonitoringTarget target, String choice) {
        problem.set("");
        feedAlerts.clear();
        lastDataTime = null;
        freshness.set("no data yet");
        targetName.set(target.displayName());
        cloud = target.cloudAccount();
        account.set(cloud.map(CloudAccount::identity).orElse(""));
        apiCost.set(cloud.map(c -> costText(c.apiCost())).orElse(""));
        activeChoice.set(choice);
        refreshRecentTargets();
    }

    void showingRecording(String target) {
        targetName.set(target + " (recording)");
    }

    void applyMonitor(MonitorUpdate update) {
        List<FeedAlert> alerts = update.status().feeds().stream()
                .filter(f -> !f.healthy())
                .map(f -> FeedAlert.of(f, update.polledAt()))
                .toList();
        if (!alerts.equals(feedAlerts)) {
            feedAlerts.setAll(alerts);
        }
        connection.set(update.status().state());
        connectionDetail.set(update.status().detail());
        Optional<Instant> newest =
                update.freshness().values().stream().flatMap(Optional::stream).max(Instant::compareTo);
        newest.ifPresent(n -> lastDataTime = n);
        freshness.set(
                lastDataTime == null
                        ? "no data yet"
                        : String.format(
                                Locale.ROOT,
                                "data %.1f s old",
                                Math.max(
                                        0,
                                        Duration.between(lastDataTime, update.polledAt())
                                                        .toMillis()
                                                / 1000.0)));
        cloud.ifPresent(c -> apiCost.set(costText(c.apiCost())));
    }

    void refreshRecentTargets() {
        executor.execute(awsConnector::recent, this::showRecentTargets, e -> {});
    }

    private void showRecentTargets(List<AwsConnectRequest> recent) {
        recentByLabel.clear();
        List<String> choices = new ArrayList<>(List.of(ConsoleViewModel.SANDBOX_CHOICE, ConsoleViewModel.AWS_CHOICE));
        for (AwsConnectRequest r : recent) {
            if (recentByLabel.putIfAbsent(r.label(), r) == null) {
                choices.add(r.label());
            }
        }
        if (!choices.contains(activeChoice.get())) {
            choices.add(activeChoice.get());
        }
        if (!choices.equals(targetChoices)) {
            targetChoices.setAll(choices);
        }
    }

    /** A feed that is not healthy, in one line: the call, its state and since when, the data's age, the fix. */
    public record FeedAlert(ConnectionState state, String text) {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

        static FeedAlert of(FeedStatus feed, Instant now) {
            String since =
                    feed.failingSince().map(t -> " since " + TIME.format(t)).orElse("");
            String age = feed.lastSuccess()
                    .map(t -> String.format(
                            Locale.ROOT,
                            ", data %d s old",
                            Math.max(0, Duration.between(t, now).toSeconds())))
                    .orElse(", no data yet");
            return new FeedAlert(
                    feed.state(),
                    feed.feed() + ": " + feed.state().name().toLowerCase(Locale.ROOT) + since + age + " — "
                            + feed.problem());
        }
    }

    static String costText(CloudAccount.ApiCost cost) {
        return String.format(
                Locale.ROOT,
                "API cost ≈ $%.4f/h planned · %d calls, %d metrics so far ($%.4f)",
                cost.plannedUsdPerHour(),
                cost.calls(),
                cost.metricsRequested(),
                cost.costUsd());
    }

    // ---- properties ------------------------------------------------------------------------------------------

    /** Sandbox, "AWS stack…" and the recent AWS targets. */
    public ObservableList<String> targetChoices() {
        return FXCollections.unmodifiableObservableList(targetChoices);
    }

    /** The choice in use. */
    public ReadOnlyStringProperty activeChoiceProperty() {
        return activeChoice.getReadOnlyProperty();
    }

    /** Raised with the choice still in use after a failed or refused switch. */
    public UiEvent<String> choiceRefused() {
        return choiceRefused;
    }

    /** The target's feeds that are not healthy, as of the last poll (empty for a target without feeds). */
    public ObservableList<FeedAlert> feedAlerts() {
        return FXCollections.unmodifiableObservableList(feedAlerts);
    }

    /** Why the last switch failed or was refused; empty once a target is in use. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetNameProperty() {
        return targetName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionDetailProperty() {
        return connectionDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty freshnessProperty() {
        return freshness.getReadOnlyProperty();
    }

    /** Account, caller ARN and region of a cloud target; empty for the sandbox. */
    public ReadOnlyStringProperty accountProperty() {
        return account.getReadOnlyProperty();
    }

    /** The cloud API cost estimate (planned per hour, calls so far); empty for the sandbox. */
    public ReadOnlyStringProperty apiCostProperty() {
        return apiCost.getReadOnlyProperty();
    }
}
