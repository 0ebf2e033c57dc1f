package io.nutrisage.predictor.training;

import io.nutrisage.predictor.features.Feature;
import io.nutrisage.predictor.model.DriftBaseline;
import io.nutrisage.predictor.model.Grade;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the training command reports about a model, rendered as JSON (bundled with the model) and Markdown. The input
 * drift baseline appears only in the Markdown: its machine-readable form is its own bundled file.
 */
record ModelCard(
        String modelVersion,
        String createdAt,
        List<DataFile> data,
        String attribution,
        Map<String, Object> parameters,
        int rounds,
        TrainCommand.Options options,
        List<TpeOptimizer.Trial> trials,
        XgboostTrainer.CvResult bestCv,
        Evaluation evaluation,
        Map<MonotonicityCheck.Probe, MonotonicityCheck.Result> monotonicity,
        Map<String, Double> importance,
        double javaVsXgboost4jMaxDifference,
        double trainingSeconds,
        double trainingCpuSeconds,
        double loadAverage,
        DriftBaseline driftBaseline) {

    record DataFile(String file, String sha256, String role, int rowsRead, int rowsUsed, Map<String, Integer> dropped) {
        static DataFile of(Path path, Dataset dataset, String role) throws IOException {
            return new DataFile(
                    path.getFileName().toString(),
                    TrainCommand.sha256(path),
                    role,
                    dataset.rowsRead(),
                    dataset.products().size(),
                    dataset.droppedByField());
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_version", modelVersion);
        json.put("created_at", createdAt);
        json.put("task", "Nutri-Score 2017 grade (A-E) from per-100 g nutrients and category text");
        json.put(
                "model",
                Map.of(
                        "library", "xgboost4j 2.1.4",
                        "format", "XGBoost JSON (nutriscore-xgb.json.gz)",
                        "objective", "multi:softprob",
                        "classes", List.of("A", "B", "C", "D", "E"),
                        "serving", "pure-Java tree evaluation (io.nutrisage.predictor.model), no JNI"));
        json.put(
                "data",
                data.stream()
                        .map(d -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("file", d.file());
                            m.put("sha256", d.sha256());
                            m.put("role", d.role());
                            m.put("rows_read", d.rowsRead());
                            m.put("rows_used", d.rowsUsed());
                            m.put("rows_dropped_by_field", d.dropped());
                            return m;
                        })
                        .toList());
        json.put("data_source", "Open Food Facts extracts, see shared/data/off-nutrition/README.md");
        json.put("attribution", attribution);
        json.put(
                "features",
                List.of(Feature.values()).stream()
                        .map(f -> Map.of("name", f.columnName(), "monotone_constraint", f.monotoneDirection()))
                        .toList());
        json.put("hyperparameters", parameters);
        json.put("boosting_rounds", rounds);
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("method", "TPE (seeded, in-house, docs/decisions/0012)");
        search.put("seed", options.seed());
        search.put("budget", options.budget());
        search.put("startup_random_trials", options.startupTrials());
        search.put("cv_folds", options.folds());
        search.put("max_rounds", options.maxRounds());
        search.put("early_stopping_patience", options.patience());
        search.put("best_cv_mlogloss", bestCv.logLoss());
        search.put("objective", "cv mlogloss + " + TrainCommand.LOG_LOSS_PER_TREE + " x final trees");
        search.put(
                "trials",
                trials.stream()
                        .map(t -> Map.of("number", t.number(), "cv_mlogloss", t.loss(), "parameters", t.parameters()))
                        .toList());
        json.put("hyperparameter_search", search);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test_rows", evaluation.rows());
        metrics.put("accuracy", evaluation.accuracy());
        metrics.put("macro_f1", evaluation.macroF1());
        metrics.put("f1_by_grade", evaluation.f1ByGrade());
        metrics.put(
                "confusion_matrix",
                Map.of("rows", "true grade A..E", "columns", "predicted grade A..E", "counts", evaluation.confusion()));
        metrics.put("accuracy_by_source", evaluation.bySource());
        metrics.put("expected_calibration_error", evaluation.expectedCalibrationError());
        metrics.put("calibration_bins", Evaluation.CALIBRATION_BINS);
        metrics.put(
                "quality_bar",
                Map.of(
                        "accuracy", TrainCommand.QUALITY_BAR,
                        "macro_f1", TrainCommand.QUALITY_BAR,
                        "met",
                                evaluation.accuracy() >= TrainCommand.QUALITY_BAR
                                        && evaluation.macroF1() >= TrainCommand.QUALITY_BAR));
        json.put("test_metrics", metrics);
        Map<String, Object> mono = new LinkedHashMap<>();
        monotonicity.forEach((probe, r) -> mono.put(
                probe.name().toLowerCase(Locale.ROOT),
                Map.of(
                        "rows_checked", r.checked(),
                        "grade_violation_rate", r.gradeViolationRate(),
                        "expected_grade_violation_rate", r.expectedGradeViolationRate())));
        json.put("monotonicity_check", mono);
        json.put("feature_importance_total_gain", importance);
        json.put("java_vs_xgboost4j_max_abs_probability_difference", javaVsXgboost4jMaxDifference);
        json.put("training_seconds", trainingSeconds);
        json.put("training_cpu_seconds", trainingCpuSeconds);
        json.put("system_load_average_at_end", loadAverage);
        json.put("training_command", "./mvnw -q -pl predictor-service -am compile exec:exec@train");
        return json;
    }

    String toMarkdown() {
        var md = new StringBuilder();
        md.append("# Model card — ").append(modelVersion).append("\n\n");
        md.append(
                        "Generated by the training command (`./mvnw -q -pl predictor-service -am compile exec:exec@train`) on ")
                .append(createdAt)
                .append(". Do not edit by hand: retrain instead.\n\n");
        md.append("## Task and model\n\n");
        md.append("Predicts the 2017 Nutri-Score grade (A–E) of a food product from its per-100 g nutrients and its")
                .append(" category text. XGBoost 2.1.4 (xgboost4j), `multi:softprob`, 5 classes, `hist` trees, ")
                .append(rounds)
                .append(" boosting rounds (")
                .append(rounds * Grade.values().length)
                .append(" trees). The service evaluates the saved JSON trees in pure Java (no JNI); on every test row")
                .append(" its probabilities differ from xgboost4j's by at most ")
                .append(String.format(Locale.ROOT, "%.2e", javaVsXgboost4jMaxDifference))
                .append(".\n\n");
        md.append("## Data and attribution\n\n");
        md.append(attribution)
                .append(
                        " The rows merge ten public OFF extracts (2014–2024); see `shared/data/off-nutrition/README.md`")
                .append(" for provenance. A model trained on this data is a Produced Work under the ODbL and carries")
                .append(" this attribution.\n\n");
        md.append("| file | role | rows read | rows used | dropped (by field) | sha256 |\n|---|---|---|---|---|---|\n");
        for (DataFile d : data) {
            md.append("| ")
                    .append(d.file())
                    .append(" | ")
                    .append(d.role())
                    .append(" | ")
                    .append(d.rowsRead())
                    .append(" | ")
                    .append(d.rowsUsed())
                    .append(" | ")
                    .append(d.dropped().isEmpty() ? "none" : d.dropped())
                    .append(" | `")
                    .append(d.sha256(), 0, 12)
                    .append("…` |\n");
        }
        md.append("\nImpossible values (negative, above 100 g per 100 g, energy above 3,800 kJ) drop the row and are")
                .append(" counted by field. `nutrition_score_fr_100g` (OFF's own score, of which the grade is a")
                .append(" threshold) is removed when a file is read and never used.\n\n");
        md.append("## Quality on test.csv\n\n");
        md.append(String.format(
                Locale.ROOT,
                "| metric | value | bar |\n|---|---|---|\n| accuracy | %.4f | >= %.2f |\n| macro-F1 | %.4f | >= %.2f |\n"
                        + "| expected calibration error (%d bins) | %.4f | |\n\n",
                evaluation.accuracy(),
                TrainCommand.QUALITY_BAR,
                evaluation.macroF1(),
                TrainCommand.QUALITY_BAR,
                Evaluation.CALIBRATION_BINS,
                evaluation.expectedCalibrationError()));
        md.append("F1 by grade: ");
        evaluation.f1ByGrade().forEach((g, f) -> md.append(g).append(String.format(Locale.ROOT, " %.3f  ", f)));
        md.append(
                "\n\nConfusion matrix (rows: true grade, columns: predicted):\n\n| | A | B | C | D | E |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < evaluation.confusion().length; i++) {
            md.append("| **").append(Grade.values()[i]).append("** |");
            for (int c : evaluation.confusion()[i]) {
                md.append(' ').append(c).append(" |");
            }
            md.append('\n');
        }
        md.append("\nAccuracy by source extract:\n\n| source | rows | accuracy |\n|---|---|---|\n");
        evaluation
                .bySource()
                .forEach((s, a) ->
                        md.append(String.format(Locale.ROOT, "| %s | %d | %.4f |\n", s, a.rows(), a.accuracy())));
        md.append("\n## Features\n\n");
        md.append(Feature.values().length)
                .append(" float32 features (missing values stay NaN, XGBoost's native handling): the raw nutrients,")
                .append(" category signals read from the free-text categories (fr/en/it/de/es), PNNS groups and name")
                .append(" (beverage, water, cheese, added fat, fruit/vegetable product, juice, nuts, milk, sweetener),")
                .append(" a fruit/vegetable estimate when the declared value is absent, and the 2017 Nutri-Score point")
                .append(" tables as derived features (points per nutrient, N, P, and the food, cheese, added-fat and")
                .append(" beverage scores with the protein rule). Monotone constraint per feature:\n\n");
        md.append("| feature | constraint | share of gain |\n|---|---|---|\n");
        double totalGain =
                importance.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Feature f : Feature.values()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f %% |\n",
                    f.columnName(),
                    f.monotoneDirection() == 0
                            ? ""
                            : f.monotoneDirection() > 0 ? "+1 (never improves)" : "−1 (never worsens)",
                    100 * importance.getOrDefault(f.columnName(), 0.0) / totalGain));
        }
        md.append("\n![feature importance](../docs/figures/predictor-feature-importance.png)\n\n");
        md.append("## Monotonicity\n\n");
        md.append("XGBoost applies one monotone-constraint vector to the margin of every class under `multi:softprob`;")
                .append(" that alone does not make the *grade* monotone (the softmax compares margins). So the card")
                .append(" measures it: each test row's nutrient is moved the way the Nutri-Score fixes (x1.25 plus a")
                .append(" step; fruit/vegetables +30 points) through the whole pipeline, and a violation is a better")
                .append(" top grade after more energy/sugars/saturated fat/salt, or a worse one after more")
                .append(" fibre/protein/fruit-vegetables. `expected grade` counts moves of sum(k p_k) of more than ")
                .append(MonotonicityCheck.EXPECTED_GRADE_TOLERANCE)
                .append(
                        " the wrong way.\n\n| nutrient | rows checked | top-grade violations | expected-grade violations |\n|---|---|---|---|\n");
        monotonicity.forEach((p, r) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.2f %% | %.2f %% |\n",
                p.name().toLowerCase(Locale.ROOT),
                r.checked(),
                100 * r.gradeViolationRate(),
                100 * r.expectedGradeViolationRate())));
        md.append("\n## Hyperparameters\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Seeded TPE (seed %d): %d trials (%d random start-up), each a %d-fold stratified CV on train.csv"
                        + " with early stopping (patience %d, at most %d rounds); best CV log-loss %.5f at %.0f"
                        + " rounds, scaled by k/(k-1) for the final fit on all of train.csv. The search minimises CV"
                        + " log-loss plus %.0e per tree of the final model, so near-equal models resolve to the"
                        + " cheaper one to serve. Training took %.0f s wall clock, %.0f s of CPU, with %d concurrent"
                        + " folds (system load average %.1f at the end: the machine was shared).\n\n",
                options.seed(),
                options.budget(),
                options.startupTrials(),
                options.folds(),
                options.patience(),
                options.maxRounds(),
                bestCv.logLoss(),
                bestCv.meanBestRounds(),
                TrainCommand.LOG_LOSS_PER_TREE,
                trainingSeconds,
                trainingCpuSeconds,
                options.threads(),
                loadAverage));
        md.append("| parameter | value |\n|---|---|\n");
        parameters.forEach((k, v) -> md.append("| ")
                .append(k)
                .append(" | `")
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v)
                .append("` |\n"));
        md.append('\n').append(DriftBaselineStep.markdown(driftBaseline));
        md.append("## Limits\n\n")
                .append(
                        "- Labels are OFF's 2017-algorithm grades; products graded with the 2023 algorithm will differ.\n")
                .append("- Category signals come from keyword lists in five languages (fr/en/it/de/es); for other")
                .append(" languages only the nutrients and PNNS groups inform the model (the data README puts a plain")
                .append(" nutrient-only XGBoost at about 0.88 accuracy; not measured for this model).\n")
                .append("- Grade monotonicity is measured, not guaranteed (see above).\n");
        return md.toString();
    }
}
