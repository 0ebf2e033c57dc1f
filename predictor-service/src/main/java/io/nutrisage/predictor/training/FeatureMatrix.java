package io.nutrisage.predictor.training;

import io.nutrisage.predictor.features.FeatureExtractor;
import java.util.List;

/** Row-major float32 features and class labels of a list of products, as XGBoost's dense DMatrix takes them. */
record FeatureMatrix(float[] values, float[] labels, int rows) {
    static FeatureMatrix of(List<LabelledProduct> products) {
        int n = products.size();
        float[] values = new float[n * FeatureExtractor.SIZE];
        float[] labels = new float[n];
        float[] row = new float[FeatureExtractor.SIZE];
        for (int i = 0; i < n; i++) {
            FeatureExtractor.extract(products.get(i).record(), row);
            System.arraycopy(row, 0, values, i * FeatureExtractor.SIZE, row.length);
            labels[i] = products.get(i).grade().ordinal();
        }
        return new FeatureMatrix(values, labels, n);
    }

    float[] row(int i) {
        float[] row = new float[FeatureExtractor.SIZE];
        System.arraycopy(values, i * FeatureExtractor.SIZE, row, 0, row.length);
        return row;
    }

    FeatureMatrix subset(int[] indices) {
        int width = FeatureExtractor.SIZE;
        float[] v = new float[indices.length * width];
        float[] l = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, v, i * width, width);
            l[i] = labels[indices[i]];
        }
        return new FeatureMatrix(v, l, indices.length);
    }
}
