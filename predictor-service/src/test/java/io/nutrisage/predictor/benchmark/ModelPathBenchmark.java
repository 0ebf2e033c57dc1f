package io.nutrisage.predictor.benchmark;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.training.DatasetReader;
import io.nutrisage.predictor.training.LabelledProduct;
import io.nutrisage.predictor.training.TestData;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The model path per record — feature extraction plus tree evaluation — in pure Java against xgboost4j, single row
 * and in batches of {@value #BATCH}. Rows cycle through test.csv so no result is cached. Every method returns its
 * result so the JIT cannot drop the work.
 *
 * <pre>./mvnw -q -pl predictor-service -am test-compile exec:exec@jmh</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class ModelPathBenchmark {
    static final int BATCH = 256;

    private ProductRecord[] records;
    private GradePredictor predictor;
    private Booster booster;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<LabelledProduct> test = DatasetReader.read(TestData.testCsv()).products();
        records = test.stream().map(LabelledProduct::record).toArray(ProductRecord[]::new);
        predictor = GradePredictors.loadBundled();
        try (InputStream in =
                new GZIPInputStream(GradePredictors.class.getResourceAsStream(GradePredictors.BUNDLED_MODEL))) {
            booster = XGBoost.loadModel(in.readAllBytes());
        }
        // One OpenMP thread: a single-row call cannot use more, and on a shared machine OpenMP's barriers wait for
        // descheduled threads (15-35 ms per call were measured with the default thread count).
        booster.setParam("nthread", 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        booster.dispose();
    }

    private ProductRecord nextRecord() {
        ProductRecord r = records[next];
        next = next + 1 == records.length ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public float[] featuresOnly() {
        return FeatureExtractor.extract(nextRecord());
    }

    @Benchmark
    public Prediction javaTreesSingleRow() {
        return predictor.predict(nextRecord());
    }

    @Benchmark
    public float[][] xgboost4jSingleRowDMatrix() throws Exception {
        DMatrix m = new DMatrix(FeatureExtractor.extract(nextRecord()), 1, FeatureExtractor.SIZE, Float.NaN);
        try {
            return booster.predict(m);
        } finally {
            m.dispose();
        }
    }

    @Benchmark
    public float[][] xgboost4jSingleRowInplace() throws Exception {
        return booster.inplace_predict(FeatureExtractor.extract(nextRecord()), 1, FeatureExtractor.SIZE, Float.NaN);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Prediction[] javaTreesBatch() {
        Prediction[] out = new Prediction[BATCH];
        for (int i = 0; i < BATCH; i++) {
            out[i] = predictor.predict(nextRecord());
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] xgboost4jBatch() throws Exception {
        float[] matrix = new float[BATCH * FeatureExtractor.SIZE];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(
                    FeatureExtractor.extract(nextRecord()),
                    0,
                    matrix,
                    i * FeatureExtractor.SIZE,
                    FeatureExtractor.SIZE);
        }
        DMatrix m = new DMatrix(matrix, BATCH, FeatureExtractor.SIZE, Float.NaN);
        try {
            return booster.predict(m);
        } finally {
            m.dispose();
        }
    }
}
