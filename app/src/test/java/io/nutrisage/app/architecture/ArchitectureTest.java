package io.nutrisage.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Layering of the console and its neighbours, checked on the compiled classes. */
@AnalyzeClasses(packages = "io.nutrisage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule predictorServiceNeverImportsJavaFx = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.predictor..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule loadgenNeverImportsJavaFx = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.loadgen..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule viewsNeverImportTheAwsSdk = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.app.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule coreOfTheConsoleIsFreeOfJavaFx = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.nutrisage.app.monitoring..",
                    "io.nutrisage.app.sandbox..",
                    "io.nutrisage.app.session..",
                    "io.nutrisage.app.load..",
                    "io.nutrisage.app.recording..",
                    "io.nutrisage.app.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "io.fair_acc..", "atlantafx..");

    @ArchTest
    static final ArchRule viewsSeeTargetsOnlyThroughTheMonitoringPorts = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.app.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.nutrisage.app.sandbox..");

    /**
     * The AWS backend reaches the views only through the monitoring ports (its account, cost and run checks through
     * {@code MonitoringTarget.cloudAccount()}); the connect dialog, which builds an {@code AwsTargetSpec} from what the
     * user typed, and the request it returns are the only exceptions.
     */
    @ArchTest
    static final ArchRule onlyTheConnectDialogSeesTheAwsBackend = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.app.ui..")
            .and()
            .haveNameNotMatching("io\\.nutrisage\\.app\\.ui\\.AwsConnect(Dialog|Request)(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.nutrisage.app.aws..");

    @ArchTest
    static final ArchRule monitoringPortsDependOnNoBackend = noClasses()
            .that()
            .resideInAPackage("io.nutrisage.app.monitoring..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.nutrisage.app.sandbox..", "io.nutrisage.app.ui..", "software.amazon.awssdk..");
}
