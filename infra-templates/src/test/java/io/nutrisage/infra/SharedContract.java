package io.nutrisage.infra;

/**
 * The names shared across modules, as /work/shared/docs/architecture-sketch.md ("Shared names") states them.
 * predictor-service and loadgen-core are built on other branches; once merged, PredictorServiceContractTest
 * and LoadGeneratorContractTest should take these values from those modules' own constants instead.
 */
final class SharedContract {
    static final String METRIC_NAMESPACE = "NutriSage/Inference";
    static final String LATENCY_METRIC = "ModelLatencyMs";
    static final String CONFIDENCE_METRIC = "Confidence";
    static final int SERVICE_PORT = 8000;
    static final String HEALTH_PATH = "/health";
    static final String ENV_TARGET_URL = "TARGET_URL";
    static final String ENV_INPUT_PREFIX = "INPUT_PREFIX";
    static final String ENV_WORKERS = "WORKERS";
    static final int MIN_TASKS = 1;
    static final int MAX_TASKS = 5;
    static final int ALB_REQUESTS_PER_TARGET = 30;
    static final int CPU_TARGET_PERCENT = 40;

    private SharedContract() {}
}
