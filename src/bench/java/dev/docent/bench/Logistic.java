package dev.docent.bench;

import java.util.List;

/**
 * A weighted logistic regression fitted by gradient descent on standardized inputs (small L2 penalty), returned on
 * the raw inputs' scale so its coefficients can be copied into code as they are.
 *
 * @param intercept the constant term
 * @param weights one per input
 */
record Logistic(double intercept, double[] weights) {

    static final double L2 = 1e-3;
    static final int ITERATIONS = 4000;
    static final double RATE = 0.5;

    double probability(double[] x) {
        double z = intercept;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Fits {@code y} (1 or 0) on rows {@code x}, each row counting {@code w}. */
    static Logistic fit(List<double[]> x, List<Integer> y, List<Double> w) {
        int n = x.size();
        int d = x.getFirst().length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        double total = w.stream().mapToDouble(Double::doubleValue).sum();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += w.get(i) * x.get(i)[j] / total;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dev = x.get(i)[j] - mean[j];
                sd[j] += w.get(i) * dev * dev / total;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]) < 1e-9 ? 1 : Math.sqrt(sd[j]);
        }
        double b = 0;
        double[] beta = new double[d];
        for (int it = 0; it < ITERATIONS; it++) {
            double gb = 0;
            double[] g = new double[d];
            for (int i = 0; i < n; i++) {
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += beta[j] * (x.get(i)[j] - mean[j]) / sd[j];
                }
                double err = (1 / (1 + Math.exp(-z)) - y.get(i)) * w.get(i);
                gb += err;
                for (int j = 0; j < d; j++) {
                    g[j] += err * (x.get(i)[j] - mean[j]) / sd[j];
                }
            }
            b -= RATE * gb / total;
            for (int j = 0; j < d; j++) {
                beta[j] -= RATE * (g[j] / total + L2 * beta[j]);
            }
        }
        double[] raw = new double[d];
        double intercept = b;
        for (int j = 0; j < d; j++) {
            raw[j] = beta[j] / sd[j];
            intercept -= beta[j] * mean[j] / sd[j];
        }
        return new Logistic(intercept, raw);
    }
}
