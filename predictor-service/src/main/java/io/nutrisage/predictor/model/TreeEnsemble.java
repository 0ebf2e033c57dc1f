package io.nutrisage.predictor.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-class XGBoost tree ensemble read from XGBoost's JSON model format (2.x) and evaluated in Java with the
 * same float32 arithmetic as XGBoost's CPU predictor: features and split thresholds compared as {@code float}
 * ({@code value < threshold} goes left, a missing value follows the node's default direction), leaf values summed
 * in {@code float} in tree order onto {@code base_score}, then XGBoost's softmax.
 *
 * <p>All trees are flattened into parallel arrays with absolute child indices, so one prediction walks plain arrays
 * and allocates nothing but its result. Immutable and thread-safe.
 */
final class TreeEnsemble {
    private final int numClass;
    private final int numFeature;
    private final float baseScore;
    private final List<String> featureNames;
    private final int[] roots;
    private final int[] treeClass;
    private final int[] splitFeature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;

    private TreeEnsemble(
            int numClass,
            int numFeature,
            float baseScore,
            List<String> featureNames,
            int[] roots,
            int[] treeClass,
            int[] splitFeature,
            float[] threshold,
            int[] left,
            int[] right,
            boolean[] defaultLeft) {
        this.numClass = numClass;
        this.numFeature = numFeature;
        this.baseScore = baseScore;
        this.featureNames = featureNames;
        this.roots = roots;
        this.treeClass = treeClass;
        this.splitFeature = splitFeature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.defaultLeft = defaultLeft;
    }

    /** Parses an XGBoost JSON model ({@code Booster.saveModel("….json")}); only tree boosters are supported. */
    static TreeEnsemble read(InputStream json) throws IOException {
        JsonNode learner = new ObjectMapper().readTree(json).path("learner");
        JsonNode param = learner.path("learner_model_param");
        int numClass = Math.max(1, Integer.parseInt(param.path("num_class").asText("0")));
        int numFeature = Integer.parseInt(param.path("num_feature").asText("0"));
        float baseScore = Float.parseFloat(param.path("base_score").asText("0.5"));
        String booster = learner.path("gradient_booster").path("name").asText();
        if (!"gbtree".equals(booster)) {
            throw new IOException("unsupported XGBoost booster \"" + booster + "\", expected gbtree");
        }
        String objective = learner.path("objective").path("name").asText();
        if (!"multi:softprob".equals(objective)) {
            throw new IOException("unsupported XGBoost objective \"" + objective + "\", expected multi:softprob");
        }
        List<String> names = new ArrayList<>();
        learner.path("feature_names").forEach(n -> names.add(n.asText()));

        JsonNode model = learner.path("gradient_booster").path("model");
        JsonNode trees = model.path("trees");
        JsonNode treeInfo = model.path("tree_info");
        int totalNodes = 0;
        for (JsonNode tree : trees) {
            totalNodes += tree.path("left_children").size();
        }
        int[] roots = new int[trees.size()];
        int[] treeClass = new int[trees.size()];
        int[] splitFeature = new int[totalNodes];
        float[] threshold = new float[totalNodes];
        int[] left = new int[totalNodes];
        int[] right = new int[totalNodes];
        boolean[] defaultLeft = new boolean[totalNodes];
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            JsonNode tree = trees.get(t);
            if (tree.path("categories_nodes").size() > 0) {
                throw new IOException("categorical splits are not supported (tree " + t + ")");
            }
            roots[t] = offset;
            treeClass[t] = treeInfo.get(t).asInt();
            if (treeClass[t] < 0 || treeClass[t] >= numClass) {
                throw new IOException("tree " + t + " belongs to class " + treeClass[t] + " of " + numClass);
            }
            JsonNode l = tree.path("left_children");
            JsonNode r = tree.path("right_children");
            JsonNode f = tree.path("split_indices");
            JsonNode c = tree.path("split_conditions");
            JsonNode d = tree.path("default_left");
            for (int i = 0; i < l.size(); i++) {
                int node = offset + i;
                boolean leaf = l.get(i).asInt() == -1;
                left[node] = leaf ? -1 : offset + l.get(i).asInt();
                right[node] = leaf ? -1 : offset + r.get(i).asInt();
                splitFeature[node] = f.get(i).asInt();
                if (!leaf && (splitFeature[node] < 0 || splitFeature[node] >= numFeature)) {
                    throw new IOException(
                            "tree " + t + " node " + i + " splits on unknown feature " + splitFeature[node]);
                }
                // Leaves keep their value in split_conditions; the JSON holds float32 values printed in full.
                threshold[node] = (float) c.get(i).asDouble();
                JsonNode dl = d.get(i);
                defaultLeft[node] = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
            }
            offset += l.size();
        }
        return new TreeEnsemble(
                numClass,
                numFeature,
                baseScore,
                List.copyOf(names),
                roots,
                treeClass,
                splitFeature,
                threshold,
                left,
                right,
                defaultLeft);
    }

    int numClass() {
        return numClass;
    }

    int numFeature() {
        return numFeature;
    }

    int numTrees() {
        return roots.length;
    }

    /** The feature names stored in the model, or an empty list when it was trained without names. */
    List<String> featureNames() {
        return featureNames;
    }

    /** Raw per-class margins (the sum of leaf values plus base_score) into {@code out}, as XGBoost computes them. */
    void margins(float[] features, float[] out) {
        for (int k = 0; k < numClass; k++) {
            out[k] = baseScore;
        }
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (left[node] != -1) {
                float value = features[splitFeature[node]];
                if (Float.isNaN(value)) {
                    node = defaultLeft[node] ? left[node] : right[node];
                } else {
                    node = value < threshold[node] ? left[node] : right[node];
                }
            }
            out[treeClass[t]] += threshold[node];
        }
    }

    /** Class probabilities into {@code out}, with XGBoost's softmax (float exponentials, double sum). */
    void probabilities(float[] features, float[] out) {
        margins(features, out);
        float max = out[0];
        for (int k = 1; k < numClass; k++) {
            max = Math.max(max, out[k]);
        }
        double sum = 0;
        for (int k = 0; k < numClass; k++) {
            out[k] = (float) Math.exp(out[k] - max);
            sum += out[k];
        }
        float total = (float) sum;
        for (int k = 0; k < numClass; k++) {
            out[k] /= total;
        }
    }
}
