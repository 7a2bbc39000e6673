package dev.docent.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summary of repeated measurements: median and percentiles with min and max, as the reports quote them. */
record Stats(int n, double median, double p95, double p99, double min, double max, double mean) {

    static Stats of(Collection<Double> samples) {
        return of(samples.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Stats of(double[] samples) {
        if (samples.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Stats(
                s.length,
                percentile(s, 50),
                percentile(s, 95),
                percentile(s, 99),
                s[0],
                s[s.length - 1],
                Arrays.stream(s).average().orElseThrow());
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("median", round(median));
        m.put("p95", round(p95));
        m.put("p99", round(p99));
        m.put("min", round(min));
        m.put("max", round(max));
        m.put("mean", round(mean));
        return m;
    }

    /** "p50 1.2 · p95 3.4 (min 0.9, max 7.0, n 500)" with the given unit. */
    String describe(String unit) {
        return "p50 %s · p95 %s %s (min %s, max %s, n %d)"
                .formatted(fmt(median), fmt(p95), unit, fmt(min), fmt(max), n);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? "%.0f".formatted(v) : Math.abs(v) >= 10 ? "%.1f".formatted(v) : "%.2f".formatted(v);
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
