package io.nutrisage.app.monitoring;

/** One post-run check of the seed: its name, whether it passed, and the evidence it was judged on. */
public record RunCheck(String name, boolean passed, String evidence) {}
