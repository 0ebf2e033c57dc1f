package io.nutrisage.predictor.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nutrisage.predictor.features.Feature;
import io.nutrisage.predictor.model.DriftBaseline;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.GradePredictors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import ml.dmlc.xgboost4j.java.Booster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training command: reads {@code train.csv} (training and cross-validation only) and {@code test.csv}
 * (reporting only), tunes XGBoost with a seeded TPE over stratified CV folds, fits the final model and writes the
 * model, its model card (JSON + Markdown), the input drift baseline ({@link DriftBaselineStep}) and the
 * feature-importance figure. With {@code --bundle} (the default) the model, card and baseline are also copied into the
 * module's resources, so the service ships them.
 *
 * <pre>./mvnw -q -pl predictor-service -am compile exec:exec@train</pre>
 */
public final class TrainCommand {
    private static final Logger log = LoggerFactory.getLogger(TrainCommand.class);

    static final String ATTRIBUTION = "Contains data from Open Food Facts (https://world.openfoodfacts.org), made"
            + " available under the Open Database License (ODbL) v1.0. Individual contents are under the Database"
            + " Contents License (DbCL) v1.0.";
    static final double QUALITY_BAR = 0.93;

    record Options(
            Path data,
            Path out,
            Path bundle,
            Path figures,
            Path modelMarkdown,
            int budget,
            int startupTrials,
            int folds,
            int maxRounds,
            int patience,
            int threads,
            long seed) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            // exec:exec passes -Dtrain.args="--a=1 --b=2" as one argument: split it.
            for (String arg : String.join(" ", args).strip().split("\\s+")) {
                if (arg.isBlank()) {
                    continue;
                }
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            var options = new Options(
                    Path.of(given.getOrDefault("data", "../../shared/data/off-nutrition")),
                    Path.of(given.getOrDefault("out", "target/model")),
                    given.getOrDefault("bundle", "true").equals("false")
                            ? null
                            : Path.of("src/main/resources/io/nutrisage/predictor/model"),
                    Path.of(given.getOrDefault("figures", "../docs/figures")),
                    Path.of(given.getOrDefault("model-md", "MODEL.md")),
                    Integer.parseInt(given.getOrDefault("budget", "12")),
                    Integer.parseInt(given.getOrDefault("startup", "5")),
                    Integer.parseInt(given.getOrDefault("folds", "3")),
                    Integer.parseInt(given.getOrDefault("max-rounds", "250")),
                    Integer.parseInt(given.getOrDefault("patience", "15")),
                    Integer.parseInt(given.getOrDefault("threads", "2")),
                    Long.parseLong(given.getOrDefault("seed", "20171031")));
            given.keySet()
                    .removeAll(List.of(
                            "data",
                            "out",
                            "bundle",
                            "figures",
                            "model-md",
                            "budget",
                            "startup",
                            "folds",
                            "max-rounds",
                            "patience",
                            "threads",
                            "seed"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet());
            }
            return options;
        }
    }

    private TrainCommand() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.err.println("options: --data=DIR --out=DIR --bundle=true|false --figures=DIR --budget=N --startup=N"
                    + " --folds=N --max-rounds=N --patience=N --threads=N --seed=N");
            System.exit(2);
            return;
        }
        Path trainFile = options.data().resolve("train.csv");
        Path testFile = options.data().resolve("test.csv");
        if (!Files.isReadable(trainFile) || !Files.isReadable(testFile)) {
            System.err.println(
                    "train: no train.csv/test.csv in " + options.data().toAbsolutePath() + " (pass --data=DIR)");
            System.exit(2);
            return;
        }
        run(options, trainFile, testFile);
    }

    static void run(Options options, Path trainFile, Path testFile) throws Exception {
        long started = System.nanoTime();
        Dataset train = DatasetReader.read(trainFile);
        Dataset test = DatasetReader.read(testFile);
        log.info(
                "train.csv: {} rows, {} used, dropped {}",
                train.rowsRead(),
                train.products().size(),
                train.droppedByField());
        log.info(
                "test.csv: {} rows, {} used, dropped {}",
                test.rowsRead(),
                test.products().size(),
                test.droppedByField());

        // Independent of the model: from the same validated records, before the minutes of tuning.
        DriftBaseline driftBaseline = DriftBaselineStep.compute(trainFile, train);
        Path driftBaselineFile = DriftBaselineStep.write(driftBaseline, options.out());
        log.info(
                "drift baseline: sugars {}..{}, sodium {}..{} (n = {})",
                driftBaseline.sugars().lower(),
                driftBaseline.sugars().upper(),
                driftBaseline.sodium().lower(),
                driftBaseline.sodium().upper(),
                driftBaseline.bootstrap().sampleSize());

        FeatureMatrix trainMatrix = FeatureMatrix.of(train.products());
        FeatureMatrix testMatrix = FeatureMatrix.of(test.products());
        var trainer = new XgboostTrainer(options.threads(), options.seed());
        int[] folds = XgboostTrainer.stratifiedFolds(trainMatrix.labels(), options.folds(), options.seed());

        var space = searchSpace();
        Map<List<Double>, XgboostTrainer.CvResult> cv = new LinkedHashMap<>();
        var optimizer = new TpeOptimizer(space, options.seed(), options.startupTrials(), 24, 0.25);
        List<TpeOptimizer.Trial> trials = optimizer.minimise(options.budget(), parameters -> {
            try {
                long t0 = System.nanoTime();
                var result = trainer.crossValidate(
                        trainMatrix,
                        folds,
                        options.folds(),
                        withParameters(trainer.baseParameters(), parameters),
                        options.maxRounds(),
                        options.patience());
                cv.put(List.copyOf(parameters.values()), result);
                log.info(
                        "trial {}: cv mlogloss {} rounds {} ({} s) {}",
                        cv.size(),
                        String.format("%.5f", result.logLoss()),
                        String.format("%.0f", result.meanBestRounds()),
                        (System.nanoTime() - t0) / 1_000_000_000,
                        parameters);
                return objective(result, options.folds());
            } catch (Exception e) {
                throw new IllegalStateException("cross-validation failed: " + e.getMessage(), e);
            }
        });
        TpeOptimizer.Trial best = TpeOptimizer.best(trials);
        XgboostTrainer.CvResult bestCv = cv.get(List.copyOf(best.parameters().values()));
        int rounds = finalRounds(bestCv, options.folds());
        Map<String, Object> finalParameters = withParameters(trainer.baseParameters(), best.parameters());
        log.info("best trial {}: {} -> final model with {} rounds", best.number() + 1, best.parameters(), rounds);

        Booster booster = trainer.fit(trainMatrix, finalParameters, rounds);
        booster.setFeatureNames(XgboostTrainer.featureNames());
        Files.createDirectories(options.out());
        Path modelJson = options.out().resolve("nutriscore-xgb.json");
        booster.saveModel(modelJson.toString());
        String version = "nutrisage-xgb-" + LocalDate.now(ZoneOffset.UTC) + "-"
                + sha256(modelJson).substring(0, 7);

        GradePredictor predictor = GradePredictors.load(modelJson, version);
        float[][] javaProbabilities = new float[test.products().size()][];
        for (int i = 0; i < javaProbabilities.length; i++) {
            double[] p = predictor.predict(test.products().get(i).record()).probabilities();
            javaProbabilities[i] = new float[p.length];
            for (int k = 0; k < p.length; k++) {
                javaProbabilities[i][k] = (float) p[k];
            }
        }
        float[][] nativeProbabilities = XgboostTrainer.predict(booster, testMatrix);
        double maxDifference = 0;
        for (int i = 0; i < javaProbabilities.length; i++) {
            for (int k = 0; k < javaProbabilities[i].length; k++) {
                maxDifference = Math.max(maxDifference, Math.abs(javaProbabilities[i][k] - nativeProbabilities[i][k]));
            }
        }
        Evaluation evaluation = Evaluation.of(test.products(), javaProbabilities);
        Map<MonotonicityCheck.Probe, MonotonicityCheck.Result> monotonicity =
                MonotonicityCheck.run(predictor, test.products());
        Map<String, Double> importance = booster.getScore(XgboostTrainer.featureNames(), "total_gain");
        booster.dispose();
        double seconds = (System.nanoTime() - started) / 1e9;
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double cpuSeconds =
                os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        double loadAverage = os.getSystemLoadAverage();
        log.info(
                "test.csv accuracy {} macro-F1 {} ECE {}; Java vs xgboost4j max |dp| {}; {} s",
                String.format("%.4f", evaluation.accuracy()),
                String.format("%.4f", evaluation.macroF1()),
                String.format("%.4f", evaluation.expectedCalibrationError()),
                maxDifference,
                String.format("%.1f", seconds));

        var card = new ModelCard(
                version,
                Instant.now().toString(),
                List.of(
                        ModelCard.DataFile.of(trainFile, train, "training and cross-validation"),
                        ModelCard.DataFile.of(testFile, test, "reporting only (never tuned on)")),
                ATTRIBUTION,
                finalParameters,
                rounds,
                options,
                trials,
                bestCv,
                evaluation,
                monotonicity,
                importance,
                maxDifference,
                seconds,
                cpuSeconds,
                loadAverage,
                driftBaseline);
        Path cardJson = options.out().resolve("model-card.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cardJson.toFile(), card.toJson());
        Path cardMd = options.out().resolve("MODEL.md");
        Files.writeString(cardMd, card.toMarkdown());
        Path figure = options.figures().resolve("predictor-feature-importance.png");
        ImportanceChart.write(importance, "Feature importance (total gain) — " + version, 25, figure);

        if (options.bundle() != null) {
            Files.createDirectories(options.bundle());
            try (InputStream in = Files.newInputStream(modelJson);
                    OutputStream out = new GZIPOutputStream(
                            Files.newOutputStream(options.bundle().resolve("nutriscore-xgb.json.gz")))) {
                in.transferTo(out);
            }
            Files.copy(
                    cardJson,
                    options.bundle().resolve("model-card.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(cardMd, options.modelMarkdown(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    driftBaselineFile,
                    options.bundle().resolve(DriftBaselineStep.FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            log.info(
                    "bundled model, card and drift baseline into {} and {}", options.bundle(), options.modelMarkdown());
        }
        if (evaluation.accuracy() < QUALITY_BAR || evaluation.macroF1() < QUALITY_BAR) {
            log.warn("quality bar NOT met (accuracy and macro-F1 must both be >= {})", QUALITY_BAR);
        }
    }

    /**
     * Serving cost per tree, in log-loss units: 0.002 per 500 trees. Every tree costs about the same in the Java
     * evaluator, and CV log-loss differences below that are noise on this data, so among near-equal models the
     * search prefers the smaller one (docs/decisions/0012).
     */
    static final double LOG_LOSS_PER_TREE = 4e-6;

    static double objective(XgboostTrainer.CvResult result, int folds) {
        return result.logLoss() + LOG_LOSS_PER_TREE * finalTrees(result, folds);
    }

    static int finalRounds(XgboostTrainer.CvResult result, int folds) {
        // The final model sees all folds, (k/(k-1)) times the data of a CV model: scale the rounds accordingly.
        return (int) Math.ceil(result.meanBestRounds() * folds / (folds - 1.0));
    }

    static int finalTrees(XgboostTrainer.CvResult result, int folds) {
        return finalRounds(result, folds) * io.nutrisage.predictor.model.Grade.values().length;
    }

    static Map<String, Object> withParameters(Map<String, Object> base, Map<String, Double> tuned) {
        Map<String, Object> p = new LinkedHashMap<>(base);
        tuned.forEach((name, value) -> p.put(name, name.equals("max_depth") ? (Object) value.intValue() : value));
        return p;
    }

    static String sha256(Path file) throws IOException {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> featureColumns() {
        List<String> names = new ArrayList<>();
        for (Feature f : Feature.values()) {
            names.add(f.columnName());
        }
        return names;
    }

    /** The hyper-parameters the TPE search tunes, and their ranges (decision 0012); the ordinal search uses the same. */
    static SearchSpace searchSpace() {
        return new SearchSpace(List.of(
                new SearchSpace.Dimension("eta", 0.08, 0.3, true, false),
                new SearchSpace.Dimension("max_depth", 4, 8, false, true),
                new SearchSpace.Dimension("min_child_weight", 0.5, 8, true, false),
                new SearchSpace.Dimension("subsample", 0.6, 1.0, false, false),
                new SearchSpace.Dimension("colsample_bytree", 0.5, 1.0, false, false),
                new SearchSpace.Dimension("lambda", 0.1, 10, true, false),
                new SearchSpace.Dimension("gamma", 0.001, 1.0, true, false)));
    }
}
