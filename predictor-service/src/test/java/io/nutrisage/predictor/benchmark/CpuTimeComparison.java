package io.nutrisage.predictor.benchmark;

import io.nutrisage.predictor.features.FeatureExtractor;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.training.DatasetReader;
import io.nutrisage.predictor.training.LabelledProduct;
import io.nutrisage.predictor.training.TestData;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * A companion to {@link ModelPathBenchmark} for a shared machine: measures the calling thread's CPU time per
 * record (not wall time), so other processes competing for the cores inflate the figures far less. Each path
 * runs over all test.csv rows per round; the median of the rounds is reported. xgboost4j is limited to one
 * thread (nthread=1) so its CPU time is all on the calling thread.
 *
 * <pre>java -cp … io.nutrisage.predictor.benchmark.CpuTimeComparison [rounds]</pre>
 */
public final class CpuTimeComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCH = 256;

    private CpuTimeComparison() {}

    interface Path {
        Object run(ProductRecord[] records) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ProductRecord[] records = DatasetReader.read(TestData.testCsv()).products().stream()
                .map(LabelledProduct::record)
                .toArray(ProductRecord[]::new);
        GradePredictor predictor = GradePredictors.loadBundled();
        Booster booster;
        try (InputStream in =
                new GZIPInputStream(GradePredictors.class.getResourceAsStream(GradePredictors.BUNDLED_MODEL))) {
            booster = XGBoost.loadModel(in.readAllBytes());
        }
        booster.setParam("nthread", 1);
        Object[] sink = new Object[1];
        var paths = new java.util.LinkedHashMap<String, Path>();
        paths.put("features only", rs -> {
            for (ProductRecord r : rs) {
                sink[0] = FeatureExtractor.extract(r);
            }
            return sink[0];
        });
        paths.put("java trees, features + predict, single row", rs -> {
            for (ProductRecord r : rs) {
                sink[0] = predictor.predict(r);
            }
            return sink[0];
        });
        paths.put("xgboost4j single row (DMatrix + predict)", rs -> {
            for (ProductRecord r : rs) {
                DMatrix m = new DMatrix(FeatureExtractor.extract(r), 1, FeatureExtractor.SIZE, Float.NaN);
                sink[0] = booster.predict(m);
                m.dispose();
            }
            return sink[0];
        });
        paths.put("xgboost4j single row (inplace_predict)", rs -> {
            for (ProductRecord r : rs) {
                sink[0] = booster.inplace_predict(FeatureExtractor.extract(r), 1, FeatureExtractor.SIZE, Float.NaN);
            }
            return sink[0];
        });
        paths.put("xgboost4j batches of " + BATCH, rs -> {
            for (int start = 0; start + BATCH <= rs.length; start += BATCH) {
                float[] matrix = new float[BATCH * FeatureExtractor.SIZE];
                for (int i = 0; i < BATCH; i++) {
                    System.arraycopy(
                            FeatureExtractor.extract(rs[start + i]),
                            0,
                            matrix,
                            i * FeatureExtractor.SIZE,
                            FeatureExtractor.SIZE);
                }
                DMatrix m = new DMatrix(matrix, BATCH, FeatureExtractor.SIZE, Float.NaN);
                sink[0] = booster.predict(m);
                m.dispose();
            }
            return sink[0];
        });
        System.out.printf(Locale.ROOT, "%-46s %12s %12s %12s%n", "path", "median µs", "min µs", "max µs");
        for (var entry : paths.entrySet()) {
            boolean batched = entry.getKey().startsWith("xgboost4j batches");
            int perRound = batched ? records.length / BATCH * BATCH : records.length;
            boolean slow = entry.getKey().startsWith("xgboost4j single");
            ProductRecord[] input = slow ? Arrays.copyOf(records, 500) : records;
            if (slow) {
                perRound = input.length;
            }
            double[] perRecord = new double[rounds];
            for (int warm = 0; warm < 3; warm++) {
                entry.getValue().run(input);
            }
            for (int round = 0; round < rounds; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                entry.getValue().run(input);
                perRecord[round] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / perRound;
            }
            Arrays.sort(perRecord);
            System.out.printf(
                    Locale.ROOT,
                    "%-46s %12.2f %12.2f %12.2f%n",
                    entry.getKey(),
                    perRecord[rounds / 2],
                    perRecord[0],
                    perRecord[rounds - 1]);
        }
        booster.dispose();
    }
}
