package dev.docent.bench;

import dev.docent.limits.RateLimitRepository;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/docent.sh bench RateLimitCostBench} (section rate-limit): what the shared per-user rate limit adds to
 * each question. Times the one statement that takes a token ({@code rate_limit_buckets}) against a bare
 * {@code SELECT 1} round trip through the same pool: single-threaded, and with four threads taking from one user's
 * bucket at once (the row lock's worst case, a user flooding). {@code bench.ratelimit.calls} (2000) per arm.
 */
@QuarkusTest
@Tag("bench")
class RateLimitCostBench {

    @Inject
    RateLimitRepository buckets;

    @Inject
    Jdbc jdbc;

    @Test
    void theSharedRateLimitsCostPerQuestion() throws Exception {
        int calls = Integer.getInteger("bench.ratelimit.calls", 2000);
        String user = "bench-" + UUID.randomUUID();
        // A budget no bench exhausts: every call takes a token, as an ordinary question does.
        int perMinute = 100_000_000;
        Map<String, Object> machine = Machine.describe(jdbc);
        time(200, () -> buckets.take("CHAT:" + user, perMinute)); // warm-up: JIT, pool, plan cache
        time(200, () -> jdbc.one("SELECT 1", r -> 1));

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("SELECT 1 (round trip)", stats(time(calls, () -> jdbc.one("SELECT 1", r -> 1))));
        results.put("take a token", stats(time(calls, () -> buckets.take("CHAT:" + user, perMinute))));
        results.put(
                "take a token, 4 threads, one user",
                stats(parallel(4, calls / 4, () -> buckets.take("CHAT:" + user, perMinute))));
        results.put(
                "take a token, 4 threads, 4 users",
                stats(parallel(
                        4,
                        calls / 4,
                        () -> buckets.take(
                                "CHAT:" + user + Thread.currentThread().threadId(), perMinute))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", machine);
        data.put("calls", calls);
        data.put("results", results);
        jdbc.update("DELETE FROM rate_limit_buckets WHERE bucket LIKE ?", "CHAT:" + user + "%");
        BenchReport.section(DocumentListBench.OUT, "rate-limit", data, markdown(data));
    }

    private static double[] time(int n, Callable<?> call) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.call();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double[] parallel(int threads, int each, Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> time(each, call)));
            }
            List<Double> all = new ArrayList<>();
            for (Future<double[]> part : parts) {
                Arrays.stream(part.get()).forEach(all::add);
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n", sorted.length);
        s.put("p50Ms", round(sorted[sorted.length / 2]));
        s.put("p95Ms", round(sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]));
        s.put("minMs", round(sorted[0]));
        s.put("maxMs", round(sorted[sorted.length - 1]));
        return s;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Shared per-user rate limit (`RateLimitCostBench`)\n\n")
                .append("Machine: ")
                .append(data.get("machine"))
                .append("\n\n| arm | calls | p50 ms | p95 ms | min ms | max ms |\n|---|---|---|---|---|---|\n");
        ((Map<String, Map<String, Object>>) data.get("results"))
                .forEach((arm, s) -> md.append("| ")
                        .append(arm)
                        .append(" | ")
                        .append(s.get("n"))
                        .append(" | ")
                        .append(s.get("p50Ms"))
                        .append(" | ")
                        .append(s.get("p95Ms"))
                        .append(" | ")
                        .append(s.get("minMs"))
                        .append(" | ")
                        .append(s.get("maxMs"))
                        .append(" |\n"));
        return md.toString();
    }
}
