package io.nutrisage.app.ui;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks for an AWS profile, region and stack or environment name. No secret fields: credentials come from the SDK's
 * default chain (environment, shared files, SSO, container and instance roles). Non-blocking: the answer goes to a
 * callback, so the FX thread never waits in a nested loop.
 */
public final class AwsConnectDialog {
    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<AwsConnectRequest> dialog = new Dialog<>();
    private final TextField profile = field("awsProfile", "default chain");
    private final TextField region = field("awsRegion", "profile's region / AWS_REGION");
    private final TextField stack = field("awsStack", "nutrisage");

    AwsConnectDialog(Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Connect to an AWS stack");
        dialog.setHeaderText("Credentials come from the AWS CLI's login (e.g. aws sso login --profile …).");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Profile"), profile);
        grid.addRow(1, new Label("Region"), region);
        grid.addRow(2, new Label("Stack or environment"), stack);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
        dialog.getDialogPane()
                .lookupButton(CONNECT)
                .disableProperty()
                .bind(stack.textProperty().isEmpty());
        dialog.getDialogPane().lookupButton(CONNECT).setId("awsConnectButton");
        dialog.setResultConverter(button ->
                button == CONNECT ? new AwsConnectRequest(profile.getText(), region.getText(), stack.getText()) : null);
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
        stack.setText(stackName);
        dialog.setResult(new AwsConnectRequest(profileName, regionName, stackName));
        dialog.close();
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(22);
        return f;
    }
}
