package io.nutrisage.predictor.benchmark;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.training.DatasetReader;
import io.nutrisage.predictor.training.LabelledProduct;
import io.nutrisage.predictor.training.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bundled {@code multi:softprob} model against the ordinal model of decision 0079, side by side in one JMH run
 * (the same records, the same JVM flags, one after the other): features plus trees per record. The ordinal model
 * is the one {@code exec:exec@train-ordinal -Dtrain.args=--budget=0} writes; train it first.
 *
 * <pre>./mvnw -q -pl predictor-service -am test-compile exec:exec@jmh -Djmh.args="OrdinalModelBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class OrdinalModelBenchmark {
    static final Path ORDINAL = Path.of("target/model/ordinal/nutriscore-ordinal.json.gz");

    @Param({"softprob", "ordinal"})
    public String model;

    private ProductRecord[] records;
    private GradePredictor predictor;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<LabelledProduct> test = DatasetReader.read(TestData.testCsv()).products();
        records = test.stream().map(LabelledProduct::record).toArray(ProductRecord[]::new);
        if (model.equals("softprob")) {
            predictor = GradePredictors.loadBundled();
        } else {
            if (!Files.isReadable(ORDINAL)) {
                throw new IllegalStateException(ORDINAL.toAbsolutePath() + " missing: run exec:exec@train-ordinal");
            }
            predictor = GradePredictors.load(ORDINAL, "ordinal");
        }
    }

    private ProductRecord nextRecord() {
        ProductRecord r = records[next];
        next = next + 1 == records.length ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public Prediction singleRow() {
        return predictor.predict(nextRecord());
    }

    @Benchmark
    @OperationsPerInvocation(ModelPathBenchmark.BATCH)
    public Prediction[] batch() {
        Prediction[] out = new Prediction[ModelPathBenchmark.BATCH];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictor.predict(nextRecord());
        }
        return out;
    }
}
