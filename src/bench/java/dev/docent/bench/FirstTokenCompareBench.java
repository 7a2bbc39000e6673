package dev.docent.bench;

import dev.docent.testing.DocentProcess;
import dev.docent.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/docent.sh bench ttft-compare}: one change to the answering path, measured side by side. Two packaged
 * Docents ("a", the build before the change; "b", after) run at once on the test database and the same zero-latency
 * stub model; one user's answers alternate between them (a then b, then b then a), so a change of machine load falls
 * on both arms of every pair. Each arm's time to first token (client: request sent to first {@code delta}) and the
 * stages Docent recorded for it are reported per arm, with the paired difference and a bootstrap interval. Only
 * questions whose answer reaches the model are asked.
 *
 * <p>System properties: {@code bench.ttft.a-jar}, {@code bench.ttft.b-jar} (the two builds' {@code quarkus-run.jar}),
 * {@code bench.ttft.pairs} (300), {@code bench.ttft.label} (what b changes, for the report).
 */
@Tag("bench")
class FirstTokenCompareBench {

    static final int WARMUP_PAIRS = 40;

    @Test
    void timeToFirstTokenBeforeAndAfter() throws Exception {
        int pairs = Integer.getInteger("bench.ttft.pairs", 300);
        StubLlmServer stub = new StubLlmServer(0);
        Map<String, String> env = Map.of(
                "DOCENT_LLM_LOCAL_BASE_URL", stub.baseUrl(),
                "DOCENT_LLM_LOCAL_MODEL", "stub",
                "DOCENT_LIMITS_CHAT_PER_MINUTE", "0",
                "DOCENT_LIMITS_UPLOADS_PER_MINUTE", "0");
        DocentProcess before = new DocentProcess("ttft-a", jar("bench.ttft.a-jar"), env);
        DocentProcess after = new DocentProcess("ttft-b", jar("bench.ttft.b-jar"), env);
        try (Connection db = TestDatabase.connect()) {
            before.start();
            after.start();
            BenchInstance a = new BenchInstance("a", before);
            BenchInstance b = new BenchInstance("b", after);
            a.uploadGuide();
            FirstTokenBreakdown.Records records = FirstTokenBreakdown.Records.of(db);
            List<String> questions = FirstTokenBreakdown.reachingTheModel(
                    records, a.chat, RealTexts.guide(1000, 200).queries(), 40, 200);
            b.awaitModelAnswers(questions);
            for (int i = 0; i < WARMUP_PAIRS; i++) {
                a.chat.ask(questions.get(i % questions.size()));
                b.chat.ask(questions.get(i % questions.size()));
            }
            List<ChatLoad.Sample> xs = new ArrayList<>();
            List<ChatLoad.Sample> ys = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String question = questions.get(i % questions.size());
                if (i % 2 == 0) {
                    xs.add(a.chat.ask(question));
                    ys.add(b.chat.ask(question));
                } else {
                    ys.add(b.chat.ask(question));
                    xs.add(a.chat.ask(question));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("label", System.getProperty("bench.ttft.label", "b"));
            out.put("questionsReachingTheModel", questions.size());
            out.put("pairs", pairs);
            out.put("loadAverage", Machine.loadAverage());
            out.put("a", FirstTokenBreakdown.summary(records, xs));
            out.put("b", FirstTokenBreakdown.summary(records, ys));
            out.put("pairedTtft", paired(records, xs, ys));
            write(out);
        } finally {
            if (before.isAlive()) {
                before.stop();
            }
            if (after.isAlive()) {
                after.stop();
            }
            stub.close();
        }
    }

    /**
     * b ÷ a of the median client time to first token, over pairs where both answers reached the model, with a
     * bootstrap 95 % interval (pairs resampled), and the median of the per-pair differences.
     */
    private static Map<String, Object> paired(
            FirstTokenBreakdown.Records records, List<ChatLoad.Sample> xs, List<ChatLoad.Sample> ys) {
        List<ChatLoad.Sample> all = new ArrayList<>(xs);
        all.addAll(ys);
        var recorded = FirstTokenBreakdown.recorded(records, all);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            var x = recorded.get(xs.get(i).messageId());
            var y = recorded.get(ys.get(i).messageId());
            if (x != null && y != null && x.reachedTheModel() && y.reachedTheModel()) {
                kept.add(new double[] {xs.get(i).ttftMs(), ys.get(i).ttftMs()});
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", kept.size());
        m.put("p50Ratio", Stats.round(ratio(kept, 50)));
        m.put("p95Ratio", Stats.round(ratio(kept, 95)));
        var random = new java.util.Random(7);
        double[] boot = new double[2000];
        double[] boot95 = new double[2000];
        for (int r = 0; r < boot.length; r++) {
            List<double[]> sample = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                sample.add(kept.get(random.nextInt(kept.size())));
            }
            boot[r] = ratio(sample, 50);
            boot95[r] = ratio(sample, 95);
        }
        java.util.Arrays.sort(boot);
        java.util.Arrays.sort(boot95);
        m.put("p50RatioCi95", List.of(Stats.round(boot[50]), Stats.round(boot[1949])));
        m.put("p95RatioCi95", List.of(Stats.round(boot95[50]), Stats.round(boot95[1949])));
        double[] differences = kept.stream().mapToDouble(p -> p[1] - p[0]).toArray();
        m.put("medianDifferenceMs", Stats.round(Stats.of(differences).median()));
        double[] bootDiff = new double[2000];
        for (int r = 0; r < bootDiff.length; r++) {
            double[] sample = new double[differences.length];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = differences[random.nextInt(differences.length)];
            }
            bootDiff[r] = Stats.of(sample).median();
        }
        java.util.Arrays.sort(bootDiff);
        // b - a per pair: both answers of a pair ran within a few hundred milliseconds of each other.
        m.put("medianDifferenceMsCi95", List.of(Stats.round(bootDiff[50]), Stats.round(bootDiff[1949])));
        return m;
    }

    private static double ratio(List<double[]> pairs, double p) {
        double[] a = pairs.stream().mapToDouble(x -> x[0]).sorted().toArray();
        double[] b = pairs.stream().mapToDouble(x -> x[1]).sorted().toArray();
        return Stats.percentile(b, p) / Stats.percentile(a, p);
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> out) throws Exception {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        String name = "ttft-compare-" + String.valueOf(out.get("label")).replaceAll("[^A-Za-z0-9-]", "-");
        Files.writeString(
                dir.resolve(name + ".json"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(out));
        StringBuilder md =
                new StringBuilder("## Time to first token, a (before) against b (" + out.get("label") + ")\n\n");
        md.append("Load average at the end: ").append(out.get("loadAverage")).append("; ");
        md.append("paired: ").append(out.get("pairedTtft")).append("\n\n### a\n\n");
        md.append(FirstTokenBreakdown.markdown((Map<String, Object>) out.get("a")));
        md.append("### b\n\n").append(FirstTokenBreakdown.markdown((Map<String, Object>) out.get("b")));
        Files.writeString(dir.resolve(name + ".md"), md.toString());
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("System property " + property
                    + " is missing: run `scripts/docent.sh bench ttft-compare` with both builds' jars");
        }
        return Path.of(path);
    }
}
