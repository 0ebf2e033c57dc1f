package io.nutrisage.predictor.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * XGBoost tree ensembles read from XGBoost's JSON model format (2.x) and evaluated in Java with the same float32
 * arithmetic as XGBoost's CPU predictor: features and split thresholds compared as {@code float} ({@code value <
 * threshold} goes left, a missing value follows the node's default direction), leaf values summed in {@code float}
 * in tree order onto the base margin, then XGBoost's softmax (one {@code multi:softprob} model, {@link
 * #read(InputStream)}) or its sigmoid per output (several {@code binary:logistic} boosters, {@link
 * #readLogistic(List)}).
 *
 * <p>All trees are flattened into parallel arrays with absolute child indices, so one prediction walks plain arrays
 * and allocates nothing but its result. Immutable and thread-safe.
 */
final class TreeEnsemble {
    private final int numClass;
    private final int numFeature;
    /** Per output, what every margin starts from: base_score for softmax, its logit for a logistic booster. */
    private final float[] baseMargins;

    private final List<String> featureNames;
    private final int[] roots;
    private final int[] treeClass;
    /**
     * Three ints per node, so one cache line holds several nodes of a path: the split feature with the default
     * direction in the sign bit ({@link #LEAF} for a leaf), the float bits of the threshold (of the leaf value for
     * a leaf), and the index of the left child; the right child always follows the left one, as XGBoost allocates
     * them (checked when loading).
     */
    private final int[] nodes;

    private TreeEnsemble(
            int numClass,
            int numFeature,
            float[] baseMargins,
            List<String> featureNames,
            int[] roots,
            int[] treeClass,
            int[] nodes) {
        this.numClass = numClass;
        this.numFeature = numFeature;
        this.baseMargins = baseMargins;
        this.featureNames = featureNames;
        this.roots = roots;
        this.treeClass = treeClass;
        this.nodes = nodes;
    }

    private static final int LEAF = -1;
    private static final int DEFAULT_LEFT = 1 << 31;
    private static final int FEATURE_MASK = ~DEFAULT_LEFT;

    /** Parses an XGBoost JSON model ({@code Booster.saveModel("….json")}); only tree boosters are supported. */
    static TreeEnsemble read(InputStream json) throws IOException {
        return read(new ObjectMapper().readTree(json));
    }

    /** A {@code multi:softprob} model: one output per class, every tree adding to the margin of its class. */
    static TreeEnsemble read(JsonNode root) throws IOException {
        JsonNode learner = root.path("learner");
        JsonNode param = learner.path("learner_model_param");
        int numClass = Math.max(1, Integer.parseInt(param.path("num_class").asText("0")));
        float baseScore = Float.parseFloat(param.path("base_score").asText("0.5"));
        requireObjective(learner, "multi:softprob");
        float[] baseMargins = new float[numClass];
        java.util.Arrays.fill(baseMargins, baseScore);
        var builder = new Builder(numClass, numFeature(learner), featureNames(learner));
        builder.add(learner, -1);
        return builder.build(baseMargins);
    }

    /**
     * Several {@code binary:logistic} boosters evaluated as one ensemble: output k is the margin of booster k. All
     * their trees are flattened into the same arrays, so grading walks them in one loop.
     *
     * <p>XGBoost 2.x stores a logistic booster's base_score as a probability and starts the margin from its logit,
     * −log(1/b − 1), computed in float32; the Java evaluator does the same.
     */
    static TreeEnsemble readLogistic(List<JsonNode> roots) throws IOException {
        if (roots.isEmpty()) {
            throw new IOException("no boosters");
        }
        float[] baseMargins = new float[roots.size()];
        Builder builder = null;
        for (int k = 0; k < roots.size(); k++) {
            JsonNode learner = roots.get(k).path("learner");
            requireObjective(learner, "binary:logistic");
            int numClass = Math.max(
                    1,
                    Integer.parseInt(learner.path("learner_model_param")
                            .path("num_class")
                            .asText("0")));
            if (numClass != 1) {
                throw new IOException("booster " + k + " has " + numClass + " classes, expected 1");
            }
            float baseScore = Float.parseFloat(
                    learner.path("learner_model_param").path("base_score").asText("0.5"));
            baseMargins[k] = (float) -Math.log(1.0f / baseScore - 1.0f);
            if (builder == null) {
                builder = new Builder(roots.size(), numFeature(learner), featureNames(learner));
            } else if (numFeature(learner) != builder.numFeature
                    || !featureNames(learner).equals(builder.featureNames)) {
                throw new IOException("booster " + k + " has other features than booster 0");
            }
            builder.add(learner, k);
        }
        return builder.build(baseMargins);
    }

    private static void requireObjective(JsonNode learner, String expected) throws IOException {
        String booster = learner.path("gradient_booster").path("name").asText();
        if (!"gbtree".equals(booster)) {
            throw new IOException("unsupported XGBoost booster \"" + booster + "\", expected gbtree");
        }
        String objective = learner.path("objective").path("name").asText();
        if (!expected.equals(objective)) {
            throw new IOException("unsupported XGBoost objective \"" + objective + "\", expected " + expected);
        }
    }

    private static int numFeature(JsonNode learner) {
        return Integer.parseInt(
                learner.path("learner_model_param").path("num_feature").asText("0"));
    }

    private static List<String> featureNames(JsonNode learner) {
        List<String> names = new ArrayList<>();
        learner.path("feature_names").forEach(n -> names.add(n.asText()));
        return List.copyOf(names);
    }

    /** Flattens the trees of one or more learners into the node layout described at {@link #nodes}. */
    private static final class Builder {
        final int numClass;
        final int numFeature;
        final List<String> featureNames;
        final List<Integer> roots = new ArrayList<>();
        final List<Integer> treeClass = new ArrayList<>();
        int[] nodes = new int[3 * 1024];
        int offset;

        Builder(int numClass, int numFeature, List<String> featureNames) {
            this.numClass = numClass;
            this.numFeature = numFeature;
            this.featureNames = featureNames;
        }

        /** Adds a learner's trees; {@code output} ≥ 0 sends them all to that output, −1 follows tree_info. */
        void add(JsonNode learner, int output) throws IOException {
            JsonNode model = learner.path("gradient_booster").path("model");
            JsonNode trees = model.path("trees");
            JsonNode treeInfo = model.path("tree_info");
            for (int t = 0; t < trees.size(); t++) {
                JsonNode tree = trees.get(t);
                if (tree.path("categories_nodes").size() > 0) {
                    throw new IOException("categorical splits are not supported (tree " + t + ")");
                }
                int cls = output >= 0 ? output : treeInfo.get(t).asInt();
                if (output >= 0 && treeInfo.get(t).asInt() != 0) {
                    throw new IOException("tree " + t + " of a logistic booster belongs to class " + treeInfo.get(t));
                }
                if (cls < 0 || cls >= numClass) {
                    throw new IOException("tree " + t + " belongs to class " + cls + " of " + numClass);
                }
                roots.add(3 * offset);
                treeClass.add(cls);
                JsonNode l = tree.path("left_children");
                JsonNode r = tree.path("right_children");
                JsonNode f = tree.path("split_indices");
                JsonNode c = tree.path("split_conditions");
                JsonNode d = tree.path("default_left");
                if (nodes.length < 3 * (offset + l.size())) {
                    nodes = java.util.Arrays.copyOf(nodes, Math.max(2 * nodes.length, 3 * (offset + l.size())));
                }
                for (int i = 0; i < l.size(); i++) {
                    int node = 3 * (offset + i);
                    int leftChild = l.get(i).asInt();
                    // Leaves keep their value in split_conditions; the JSON holds float32 values printed in full.
                    nodes[node + 1] = Float.floatToRawIntBits((float) c.get(i).asDouble());
                    if (leftChild == -1) {
                        nodes[node] = LEAF;
                        continue;
                    }
                    int feature = f.get(i).asInt();
                    if (feature < 0 || feature >= numFeature) {
                        throw new IOException("tree " + t + " node " + i + " splits on unknown feature " + feature);
                    }
                    if (r.get(i).asInt() != leftChild + 1 || leftChild + 1 >= l.size()) {
                        throw new IOException(
                                "tree " + t + " node " + i + ": right child does not follow the left one");
                    }
                    JsonNode dl = d.get(i);
                    boolean defaultLeft = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
                    nodes[node] = feature | (defaultLeft ? DEFAULT_LEFT : 0);
                    nodes[node + 2] = 3 * (offset + leftChild);
                }
                offset += l.size();
            }
        }

        TreeEnsemble build(float[] baseMargins) {
            return new TreeEnsemble(
                    numClass,
                    numFeature,
                    baseMargins,
                    featureNames,
                    roots.stream().mapToInt(Integer::intValue).toArray(),
                    treeClass.stream().mapToInt(Integer::intValue).toArray(),
                    java.util.Arrays.copyOf(nodes, 3 * offset));
        }
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

    /** Raw per-output margins (the sum of leaf values onto the base margin) into {@code out}, as XGBoost computes them. */
    void margins(float[] features, float[] out) {
        System.arraycopy(baseMargins, 0, out, 0, numClass);
        int[] nodes = this.nodes;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            int split;
            while ((split = nodes[node]) != LEAF) {
                float value = features[split & FEATURE_MASK];
                // Written to compile to a conditional move: the comparison is a coin flip for the branch predictor.
                int step = value < Float.intBitsToFloat(nodes[node + 1]) ? 0 : 3;
                if (value != value) { // NaN: the node's default direction
                    step = split < 0 ? 0 : 3;
                }
                node = nodes[node + 2] + step;
            }
            out[treeClass[t]] += Float.intBitsToFloat(nodes[node + 1]);
        }
    }

    /** Per output, XGBoost's sigmoid of the margin, 1 / (1 + e^−m) in float32: what a logistic booster predicts. */
    void logistic(float[] features, float[] out) {
        margins(features, out);
        for (int k = 0; k < numClass; k++) {
            out[k] = 1.0f / (1.0f + (float) Math.exp(-out[k]));
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
