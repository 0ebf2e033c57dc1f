package io.nutrisage.infra.cfn;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put the npm-fetched validation tools ({@code build/fetch-validation-tools.sh}): the
 * surefire configuration passes the directory as the system property {@code nutrisage.infra.tools}.
 */
public final class ValidationTools {
    private static final String PROPERTY = "nutrisage.infra.tools";

    private ValidationTools() {}

    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(
                    "system property " + PROPERTY
                            + " is not set: run the tests through Maven (./mvnw -pl infra-templates verify), which fetches the tools");
        }
        Path directory = Path.of(configured);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " does not exist: the generate-test-resources phase"
                    + " (build/fetch-validation-tools.sh) did not run");
        }
        return directory;
    }

    /** {@code db.json.gz} of {@code @aws-cdk/aws-service-spec}. */
    public static Path resourceSpecification() {
        return directory().resolve("aws-service-spec/db.json.gz");
    }

    /** The cfn-guard binary for this machine from {@code @cdklabs/cdk-validator-cfnguard}. */
    public static Path cfnGuard() {
        return directory().resolve("cfn-guard");
    }

    /** The AWS Control Tower rules directory ({@code <service>/<rule>.guard}). */
    public static Path controlTowerRules() {
        return directory().resolve("cdk-validator-cfnguard/rules/control-tower/cfn-guard");
    }
}
