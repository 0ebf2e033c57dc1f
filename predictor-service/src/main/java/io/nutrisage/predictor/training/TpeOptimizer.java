package io.nutrisage.predictor.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A small, seeded Tree-structured Parzen Estimator (Bergstra et al., 2011), the algorithm behind Hyperopt's and
 * Optuna's default samplers. Minimises a loss over a {@link SearchSpace}.
 *
 * <p>After {@code startupTrials} uniform random trials, the observations are split at the {@code gamma} quantile
 * of the loss into "good" and "bad" sets; each is modelled per dimension by a Gaussian Parzen window (plus a
 * uniform prior component) on the unit interval, and the next trial is the candidate, among {@code candidates}
 * drawn from the good model, with the largest density ratio good/bad. Dimensions are treated independently, as in
 * Hyperopt. The same seed and the same loss give the same trials (see docs/decisions/0012).
 */
final class TpeOptimizer {
    /** One evaluated point. */
    record Trial(int number, Map<String, Double> parameters, double loss) {}

    private final SearchSpace space;
    private final long seed;
    private final int startupTrials;
    private final int candidates;
    private final double gamma;

    TpeOptimizer(SearchSpace space, long seed, int startupTrials, int candidates, double gamma) {
        if (startupTrials < 2 || candidates < 1 || !(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("startupTrials >= 2, candidates >= 1, 0 < gamma < 1");
        }
        this.space = space;
        this.seed = seed;
        this.startupTrials = startupTrials;
        this.candidates = candidates;
        this.gamma = gamma;
    }

    /** Runs {@code budget} trials and returns them in order; the best is the one with the smallest loss. */
    List<Trial> minimise(int budget, ToDoubleFunction<Map<String, Double>> loss) {
        var random = new SplittableRandom(seed);
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        for (int n = 0; n < budget; n++) {
            double[] unit = n < startupTrials ? uniform(random) : suggest(points, losses, random);
            Map<String, Double> parameters = space.fromUnit(unit);
            double value = loss.applyAsDouble(parameters);
            if (Double.isNaN(value)) {
                value = Double.POSITIVE_INFINITY;
            }
            points.add(unit);
            losses.add(value);
            trials.add(new Trial(n, parameters, value));
        }
        return List.copyOf(trials);
    }

    static Trial best(List<Trial> trials) {
        return trials.stream().min(Comparator.comparingDouble(Trial::loss)).orElseThrow();
    }

    private double[] uniform(SplittableRandom random) {
        double[] u = new double[space.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextDouble();
        }
        return u;
    }

    private double[] suggest(List<double[]> points, List<Double> losses, SplittableRandom random) {
        Integer[] order = new Integer[points.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(losses::get));
        int goodCount = Math.max(1, (int) Math.ceil(gamma * points.size()));
        int d = space.size();
        double[][] good = new double[d][goodCount];
        double[][] bad = new double[d][points.size() - goodCount];
        for (int rank = 0; rank < order.length; rank++) {
            double[] p = points.get(order[rank]);
            for (int j = 0; j < d; j++) {
                if (rank < goodCount) {
                    good[j][rank] = p[j];
                } else {
                    bad[j][rank - goodCount] = p[j];
                }
            }
        }
        Parzen[] goodModel = new Parzen[d];
        Parzen[] badModel = new Parzen[d];
        for (int j = 0; j < d; j++) {
            goodModel[j] = new Parzen(good[j]);
            badModel[j] = new Parzen(bad[j]);
        }
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double[] x = new double[d];
            double score = 0;
            for (int j = 0; j < d; j++) {
                x[j] = goodModel[j].sample(random);
                score += Math.log(goodModel[j].density(x[j])) - Math.log(badModel[j].density(x[j]));
            }
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    /**
     * Gaussian kernels on [0, 1] at the observed points, each with the distance to its farther sorted neighbour as
     * bandwidth (Hyperopt's rule), clipped to [0.02, 1], mixed with one uniform prior component of equal weight.
     */
    private static final class Parzen {
        private static final double MIN_BANDWIDTH = 0.02;
        private final double[] mu;
        private final double[] sigma;

        Parzen(double[] observed) {
            mu = observed.clone();
            Arrays.sort(mu);
            sigma = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                double lower = i == 0 ? mu[i] : mu[i] - mu[i - 1];
                double upper = i == mu.length - 1 ? 1 - mu[i] : mu[i + 1] - mu[i];
                sigma[i] = Math.min(1, Math.max(MIN_BANDWIDTH, Math.max(lower, upper)));
            }
        }

        double sample(SplittableRandom random) {
            int k = random.nextInt(mu.length + 1);
            if (k == mu.length) {
                return random.nextDouble();
            }
            // Truncated normal on [0, 1] by rejection; the fallback keeps a pathological draw bounded.
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = mu[k] + sigma[k] * random.nextGaussian();
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.min(1, Math.max(0, mu[k]));
        }

        double density(double x) {
            double sum = 1.0; // the uniform prior on [0, 1]
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                double mass = phi((1 - mu[i]) / sigma[i]) - phi(-mu[i] / sigma[i]);
                sum += Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return sum / (mu.length + 1);
        }

        /** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to ~1e-7: enough for a weight. */
        private static double phi(double z) {
            double x = Math.abs(z) / Math.sqrt(2);
            double t = 1 / (1 + 0.3275911 * x);
            double erf = 1
                    - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                            * t
                            * Math.exp(-x * x);
            return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
        }
    }
}
