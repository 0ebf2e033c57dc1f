package io.nutrisage.predictor.model;

/** Nutri-Score grades, best first; the ordinal is the model's class index. */
public enum Grade {
    A,
    B,
    C,
    D,
    E
}
