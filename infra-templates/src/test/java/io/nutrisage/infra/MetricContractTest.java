package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.infra.contract.DeployedStacks;
import io.nutrisage.infra.contract.MetricIdentity;
import io.nutrisage.infra.contract.MetricReference;
import io.nutrisage.infra.contract.MetricReferences;
import io.nutrisage.infra.contract.StackContract;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric the stacks read exists: the dashboard's widgets (metric rows, SEARCH schemas, metric math) and every
 * alarm resolve against the metrics predictor-service really emits (run with its task definition's environment,
 * its EMF lines read by the EMF specification) and those AWS documents for the stack's resources. The stacks are
 * evaluated for a non-default environment, so a name that matches only by a coincidence of defaults fails.
 */
class MetricContractTest {
    private static StackContract stack;

    @BeforeAll
    static void runThePredictorAndEvaluateTheStacks() {
        stack = StackContract.forModule(Stacks.MODULE);
    }

    @Test
    void thePredictorEmitsEveryMetricWithTheServiceNameItsTaskDefinitionGivesIt() {
        Map<String, String> dimension = Map.of("ServiceName", StackContract.ENVIRONMENT + "-predictor");

        assertThat(stack.emitted())
                .contains(
                        new MetricIdentity("NutriSage/Inference", "ModelLatencyMs", dimension, "Milliseconds"),
                        new MetricIdentity("NutriSage/Inference", "Confidence", dimension, "None"),
                        new MetricIdentity("NutriSage/Inference", "Predictions", dimension, "Count"),
                        new MetricIdentity("NutriSage/Inference", "InvalidRecords", dimension, "Count"),
                        new MetricIdentity("NutriSage/Inference", "GradeA", dimension, "Count"),
                        new MetricIdentity("NutriSage/Inference", "InputSugarsMean", dimension, "None"),
                        new MetricIdentity("NutriSage/Inference", "InputSodiumMean", dimension, "None"));
        assertThat(stack.emitted())
                .allSatisfy(metric -> assertThat(metric.dimensions()).isEqualTo(dimension));
    }

    @Test
    void everyDashboardWidgetAndEveryAlarmReadsMetricsThatExist() {
        List<MetricReference> references = stack.stackReferences();

        assertThat(stack.contract().problems(references)).isEmpty();
        assertThat(references.stream().map(MetricReference::where).distinct())
                .contains(
                        "dashboard blue-env-ECS widget 'Model latency p90 (ms) and average confidence'",
                        "alarm blue-env-HighLatencyP90",
                        "alarm blue-env-LoadBalancer5xx",
                        "alarm blue-env-InputSugarsDrift query sugars",
                        "alarm blue-env-InputSodiumDrift");
    }

    @Test
    void everyMetricThePredictorEmitsIsReadByTheDashboard() {
        Set<String> read = stack.stackReferences().stream()
                .filter(r -> r.where().startsWith("dashboard "))
                .flatMap(r -> stack.contract().selected(r).stream())
                .map(MetricIdentity::name)
                .collect(Collectors.toSet());

        assertThat(read)
                .containsAll(stack.emitted().stream().map(MetricIdentity::name).toList());
    }

    /** The drift alarms' band is the training baseline bundled with the model, not a number typed twice. */
    @Test
    void theDriftAlarmsAndTheDashboardBandAreTheModelsTrainingBaseline() {
        DeployedStacks.Stack monitoring = stack.stacks().stack("monitoring");
        DriftBaseline baseline = DriftBaseline.loadBundled();

        for (DriftBand band : baseline.bands()) {
            String nutrient = band.metricName().replace("Input", "").replace("Mean", "");
            assertThat(Double.parseDouble(
                            String.valueOf(monitoring.parameters().get("Input" + nutrient + "MeanLower"))))
                    .as(band.metricName() + " lower")
                    .isEqualTo(band.lower());
            assertThat(Double.parseDouble(
                            String.valueOf(monitoring.parameters().get("Input" + nutrient + "MeanUpper"))))
                    .as(band.metricName() + " upper")
                    .isEqualTo(band.upper());
            Map<String, Object> alarm = monitoring.properties("Input" + nutrient + "DriftAlarm");
            List<?> queries = (List<?>) alarm.get("Metrics");
            String expression = String.valueOf(((Map<?, ?>) queries.get(1)).get("Expression"));
            assertThat(expression)
                    .as(band.metricName() + " alarm")
                    .contains("< " + monitoring.parameters().get("Input" + nutrient + "MeanLower"))
                    .contains("> " + monitoring.parameters().get("Input" + nutrient + "MeanUpper"));
            assertThat(Paths.at(queries.get(0), "MetricStat", "Metric", "MetricName"))
                    .isEqualTo(band.metricName());
        }
    }

    @Test
    void aNamespaceOnlySearchSchemaSelectsNothingAndTheWidgetIsNamed() throws Exception {
        // The dashboard's old latency widget: {NutriSage/Inference} selects metrics without dimensions only.
        String body = """
                {"widgets": [{"type": "metric", "properties": {"title": "Model latency", "metrics": [
                  [{"expression": "SEARCH('{NutriSage/Inference} MetricName=\\"ModelLatencyMs\\"', 'p90', 60)",
                    "id": "latency"}]]}}]}
                """;
        List<MetricReference> references = MetricReferences.inDashboard("old", new ObjectMapper().readTree(body));

        assertThat(stack.contract().problems(references))
                .singleElement()
                .asString()
                .startsWith("dashboard old widget 'Model latency': SEARCH('{NutriSage/Inference}")
                .contains("selects no metric");
    }

    @Test
    void anAlarmOnTheDefaultServiceNameIsReportedInAnotherEnvironment() {
        DeployedStacks.Stack monitoring = stack.stacks().stack("monitoring");
        Map<String, Object> alarm = new LinkedHashMap<>(monitoring.properties("LatencyP90Alarm"));
        alarm.put("Dimensions", List.of(Map.of("Name", "ServiceName", "Value", "nutrisage-predictor")));

        assertThat(stack.contract().problems(MetricReferences.inAlarm("broken", alarm)))
                .singleElement()
                .asString()
                .startsWith(
                        "alarm broken: no metric NutriSage/Inference ModelLatencyMs {ServiceName=nutrisage-predictor}");
    }

    @Test
    void aMisspeltAwsMetricAndAMathIdThatIsNotDefinedAreReported() throws Exception {
        String body = """
                {"widgets": [{"type": "metric", "properties": {"title": "ALB", "metrics": [
                  ["AWS/ApplicationELB", "HTTPCode_Target_5xx_Count", "LoadBalancer", "app/x/1", {"id": "t5"}],
                  [{"expression": "100 * t5 / requests", "id": "rate"}]]}}]}
                """;
        List<String> problems =
                stack.contract().problems(MetricReferences.inDashboard("d", new ObjectMapper().readTree(body)));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
                .startsWith("dashboard d widget 'ALB': no metric AWS/ApplicationELB HTTPCode_Target_5xx_Count");
        assertThat(problems.get(1)).contains("uses [requests], which are not ids there");
    }
}
