package io.nutrisage.app.ui;

import io.nutrisage.app.aws.AwsTargetSpec;
import io.nutrisage.app.aws.HandEnteredNames;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for an AWS profile, region and either a stack or environment name (its CloudFormation outputs give the names)
 * or the names typed by hand, for stacks not deployed from infra-templates. Hand-typed names are checked as they are
 * typed ({@link HandEnteredNames}): Connect stays disabled and a line says what to fix. No secret fields: credentials
 * come from the SDK's default chain (environment, shared files, SSO, container and instance roles). Non-blocking: the
 * answer goes to a callback, so the FX thread never waits in a nested loop.
 */
public final class AwsConnectDialog {
    private static final double LABEL_WIDTH = 170;
    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<AwsConnectRequest> dialog = new Dialog<>();
    private final TextField profile = field("awsProfile", "default chain");
    private final TextField region = field("awsRegion", "profile's region / AWS_REGION");
    private final RadioButton byStack = new RadioButton("Stack or environment name");
    private final RadioButton byHand = new RadioButton("Names by hand");
    private final TextField stack = field("awsStack", "nutrisage");
    private final TextField cluster = field("awsCluster", "ECS cluster, e.g. nutrisage");
    private final TextField service = field("awsService", "ECS service, e.g. nutrisage-predictor");
    private final TextField url = field("awsUrl", "http://<load balancer DNS name>");
    private final TextField loadBalancer = field("awsLoadBalancer", "app/<name>/<id> — blank: no ALB series");
    private final TextField targetGroup = field("awsTargetGroup", "targetgroup/<name>/<id> — blank: none");
    private final TextField logGroup = field("awsLogGroup", "/ecs/nutrisage-predictor — blank: no log tail");
    private final TextField namespace = field("awsNamespace", AwsTargetSpec.DEFAULT_NAMESPACE);
    private final TextField inferenceService =
            field("awsInferenceService", "ServiceName dimension of the metrics — blank: the service name");
    private final TextField alarms = field("awsAlarms", "alarm names, comma separated — blank: target tracking's");
    private final Label problem = new Label();
    private final ReadOnlyStringWrapper handProblem = new ReadOnlyStringWrapper("");

    AwsConnectDialog(Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Connect to an AWS stack");
        dialog.setHeaderText("Credentials come from the AWS CLI's login (e.g. aws sso login --profile …).");
        ToggleGroup mode = new ToggleGroup();
        byStack.setToggleGroup(mode);
        byHand.setToggleGroup(mode);
        byStack.setId("awsModeStack");
        byHand.setId("awsModeByHand");
        byStack.setSelected(true);

        GridPane common = grid();
        common.addRow(0, label("Profile"), profile);
        common.addRow(1, label("Region"), region);
        GridPane stackGrid = grid();
        stackGrid.addRow(0, label("Stack or environment"), stack);
        GridPane handGrid = grid();
        handGrid.setId("awsHandFields");
        int row = 0;
        handGrid.addRow(row++, label("ECS cluster *"), cluster);
        handGrid.addRow(row++, label("ECS service *"), service);
        handGrid.addRow(row++, label("Service URL *"), url);
        handGrid.addRow(row++, label("Load balancer full name"), loadBalancer);
        handGrid.addRow(row++, label("Target group full name"), targetGroup);
        handGrid.addRow(row++, label("Log group"), logGroup);
        handGrid.addRow(row++, label("Metric namespace"), namespace);
        handGrid.addRow(row++, label("Inference ServiceName"), inferenceService);
        handGrid.addRow(row, label("Alarms"), alarms);
        problem.setId("awsProblem");
        // The dialog has its own scene without the console's stylesheet.
        problem.setStyle("-fx-text-fill: #b91c1c;");
        problem.setWrapText(true);
        problem.setPrefWidth(LABEL_WIDTH + 300);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(handProblem.getReadOnlyProperty());

        showOnly(stackGrid, handGrid);
        byHand.selectedProperty().addListener((obs, was, hand) -> {
            if (hand) {
                showOnly(handGrid, stackGrid);
            } else {
                showOnly(stackGrid, handGrid);
            }
            problem.setVisible(hand);
            problem.setManaged(hand);
            fitWindow();
        });
        // A longer message wraps onto more lines: grow (or shrink) the window so the buttons stay in view.
        handProblem.addListener((obs, was, now) -> fitWindow());
        problem.setVisible(false);
        problem.setManaged(false);
        for (TextField f : new TextField[] {
            cluster, service, url, loadBalancer, targetGroup, logGroup, namespace, inferenceService, alarms
        }) {
            f.textProperty().addListener((obs, was, now) -> validate());
        }
        validate();

        VBox content = new VBox(10, common, new HBox(16, byStack, byHand), stackGrid, handGrid, problem);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
        dialog.getDialogPane()
                .lookupButton(CONNECT)
                .disableProperty()
                .bind(Bindings.when(byHand.selectedProperty())
                        .then(handProblem.isNotEmpty())
                        .otherwise(stack.textProperty().isEmpty()));
        dialog.getDialogPane().lookupButton(CONNECT).setId("awsConnectButton");
        dialog.setResultConverter(button -> button == CONNECT ? request().orElse(null) : null);
    }

    /** Shows the dialog; {@code onClose} gets the request, or empty when cancelled. */
    void show(Consumer<Optional<AwsConnectRequest>> onClose) {
        dialog.setOnHidden(e -> onClose.accept(Optional.ofNullable(dialog.getResult())));
        dialog.show();
        stack.requestFocus();
    }

    /** Fills the fields and presses Connect, as a user would (tests). */
    public void submit(String profileName, String regionName, String stackName) {
        profile.setText(profileName);
        region.setText(regionName);
        byStack.setSelected(true);
        stack.setText(stackName);
        dialog.setResult(new AwsConnectRequest(profileName, regionName, stackName));
        dialog.close();
    }

    /** What the hand-typed names lack, or blank when they make a target (tests, and the line under the fields). */
    public String handProblem() {
        return handProblem.get();
    }

    private Optional<AwsConnectRequest> request() {
        if (!byHand.isSelected()) {
            return Optional.of(new AwsConnectRequest(profile.getText(), region.getText(), stack.getText()));
        }
        try {
            return Optional.of(AwsConnectRequest.byHand(profile.getText(), region.getText(), names().toSpec()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Connect is disabled while the names are wrong
        }
    }

    private void validate() {
        try {
            names().toSpec();
            handProblem.set("");
        } catch (IllegalArgumentException e) {
            handProblem.set(e.getMessage());
        }
    }

    private HandEnteredNames names() {
        return new HandEnteredNames(
                cluster.getText(),
                service.getText(),
                url.getText(),
                loadBalancer.getText(),
                targetGroup.getText(),
                logGroup.getText(),
                namespace.getText(),
                inferenceService.getText(),
                alarms.getText());
    }

    private void fitWindow() {
        if (dialog.getDialogPane().getScene() != null
                && dialog.getDialogPane().getScene().getWindow() != null) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private static void showOnly(GridPane shown, GridPane hidden) {
        shown.setVisible(true);
        shown.setManaged(true);
        hidden.setVisible(false);
        hidden.setManaged(false);
    }

    /** One width for every label, so the rows of the separate grids line up. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(LABEL_WIDTH);
        return l;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        return grid;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(28);
        return f;
    }
}
