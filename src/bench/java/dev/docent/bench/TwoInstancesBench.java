package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.DocentProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-instances}: throughput of two Docent instances on one database against one, in one run. Two
 * packaged Docents of the same build share the test database and a zero-latency stub model; "one instance" pauses the
 * second with {@code SIGSTOP} (it takes no ingestion jobs and answers nothing), "two instances" resumes it and splits
 * the users between them, as a load balancer would. Rounds alternate one and two, so a change of machine load falls on
 * both.
 *
 * <p>Answers per second: {@code bench.instances.users} users (16) asking {@code bench.instances.answers} questions
 * (240) in all, only questions that reach the model. Ingestion: {@code bench.instances.documents} generated documents
 * (24) uploaded through the first instance; the queue is shared, so with two instances both take jobs. System property
 * {@code bench.instances.jar}: the packaged {@code quarkus-run.jar} ({@code scripts/docent.sh bench instances}
 * packages it).
 */
@Tag("bench")
class TwoInstancesBench {

    @Test
    void answersAndIngestionWithOneAndTwoInstances() throws Exception {
        int users = Integer.getInteger("bench.instances.users", 16);
        int answers = Integer.getInteger("bench.instances.answers", 240);
        int documents = Integer.getInteger("bench.instances.documents", 24);
        int rounds = Integer.getInteger("bench.instances.rounds", 3);
        String jarPath = System.getProperty("bench.instances.jar");
        if (jarPath == null) {
            throw new IllegalStateException(
                    "System property bench.instances.jar is missing: run `make bench-instances`, which packages Docent");
        }
        Path jar = Path.of(jarPath);
        StubLlmServer stub = new StubLlmServer(0);
        Map<String, String> env = Map.of(
                "DOCENT_LLM_LOCAL_BASE_URL", stub.baseUrl(),
                "DOCENT_LLM_LOCAL_MODEL", "stub",
                "DOCENT_LIMITS_CHAT_PER_MINUTE", "0",
                "DOCENT_LIMITS_UPLOADS_PER_MINUTE", "0",
                "DOCENT_LIMITS_ANSWER_SLOTS", "256");
        DocentProcess first = new DocentProcess("instances-a", jar, env);
        DocentProcess second = new DocentProcess("instances-b", jar, env);
        try {
            first.start();
            second.start();
            BenchInstance a = new BenchInstance("a", first);
            BenchInstance b = new BenchInstance("b", second);
            a.uploadGuide();
            List<String> questions = a.answerable(RealTexts.guide(1000, 200).queries());
            b.awaitModelAnswers(questions);
            // Warm both up under the load they will see.
            throughput(List.of(a, b), users, users * 4, questions);

            List<double[]> answerRate = new ArrayList<>();
            List<double[]> ingestRate = new ArrayList<>();
            List<Integer> errors = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double[] aps = new double[2];
                double[] dps = new double[2];
                for (int k = 0; k < 2; k++) {
                    int arm = (r + k) % 2; // 0: one instance, 1: two; the order alternates by round
                    if (arm == 0) {
                        b.awaitIdle();
                        BenchInstance.signal("STOP", second);
                    } else {
                        BenchInstance.signal("CONT", second);
                    }
                    List<BenchInstance> serving = arm == 0 ? List.of(a) : List.of(a, b);
                    Throughput t = throughput(serving, users, answers, questions);
                    aps[arm] = t.perSecond();
                    errors.add(t.errors());
                    dps[arm] = a.ingest(documents, new Random(7 + r));
                }
                BenchInstance.signal("CONT", second);
                answerRate.add(aps);
                ingestRate.add(dps);
            }
            int failed = errors.stream().mapToInt(Integer::intValue).sum();
            assertTrue(failed * 50 < answers * rounds * 2, failed + " answers failed");
            TwoInstancesReport.write(
                    Path.of("target", "bench"),
                    new TwoInstancesReport.Result(
                            answerRate,
                            ingestRate,
                            users,
                            answers,
                            documents,
                            failed,
                            Machine.loadAverage(),
                            BenchInstance.machine()));
        } finally {
            if (second.isAlive()) {
                BenchInstance.signal("CONT", second);
                second.stop();
            }
            if (first.isAlive()) {
                first.stop();
            }
            stub.close();
        }
    }

    record Throughput(double perSecond, int errors) {}

    /** {@code users} users split evenly over {@code serving}, {@code total} answers in all; answers per second. */
    private static Throughput throughput(List<BenchInstance> serving, int users, int total, List<String> questions) {
        int per = users / serving.size();
        int each = total / users;
        Instant start = Instant.now();
        List<CompletableFuture<ChatLoad.Result>> runs = new ArrayList<>();
        for (BenchInstance instance : serving) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return instance.chat.run(per, each, questions);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        int ok = 0;
        int errors = 0;
        for (var run : runs) {
            ChatLoad.Result result = run.join();
            ok += result.ok().size();
            errors += result.samples().size() - result.ok().size();
        }
        return new Throughput(ok / (Duration.between(start, Instant.now()).toNanos() / 1e9), errors);
    }

    /** The report section {@code two-instances}. */
    static final class TwoInstancesReport {

        record Result(
                List<double[]> answers,
                List<double[]> ingestion,
                int users,
                int answersPerRound,
                int documents,
                int failedAnswers,
                String loadAtEnd,
                Map<String, Object> machine) {}

        static void write(Path out, Result r) {
            double[] answerRatio =
                    r.answers().stream().mapToDouble(x -> x[1] / x[0]).toArray();
            double[] ingestRatio =
                    r.ingestion().stream().mapToDouble(x -> x[1] / x[0]).toArray();
            StringBuilder rows = new StringBuilder();
            List<Map<String, Object>> rounds = new ArrayList<>();
            for (int i = 0; i < r.answers().size(); i++) {
                double[] x = r.answers().get(i);
                double[] y = r.ingestion().get(i);
                Map<String, Object> round = new LinkedHashMap<>();
                round.put("round", i + 1);
                round.put("answersPerSecondOne", Stats.round(x[0]));
                round.put("answersPerSecondTwo", Stats.round(x[1]));
                round.put("documentsPerSecondOne", Stats.round(y[0]));
                round.put("documentsPerSecondTwo", Stats.round(y[1]));
                rounds.add(round);
                rows.append("| %d | %s / %s | %s | %s / %s | %s |\n"
                        .formatted(
                                i + 1,
                                Stats.fmt(x[0]),
                                Stats.fmt(x[1]),
                                Stats.fmt(answerRatio[i]),
                                Stats.fmt(y[0]),
                                Stats.fmt(y[1]),
                                Stats.fmt(ingestRatio[i])));
            }
            double answerMedian = MonitoringOverheadReport.median(answerRatio);
            double ingestMedian = MonitoringOverheadReport.median(ingestRatio);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("rounds", rounds);
            data.put("answersTwoOverOneMedian", Stats.round(answerMedian));
            data.put("ingestionTwoOverOneMedian", Stats.round(ingestMedian));
            data.put("users", r.users());
            data.put("answersPerRound", r.answersPerRound());
            data.put("documentsPerRound", r.documents());
            data.put("failedAnswers", r.failedAnswers());
            data.put("loadAtEnd", r.loadAtEnd());
            data.put("machine", r.machine());
            String md = "## Two instances against one (one database, zero-latency stub model)\n\n"
                    + "Two packaged Docents of one build on the same database; \"one\" pauses the second with SIGSTOP, "
                    + "\"two\" splits " + r.users() + " users between them. " + r.answersPerRound()
                    + " answers (questions that reach the model) and " + r.documents()
                    + " generated documents (uploaded through the first; the queue is shared) per arm and round, the "
                    + "order alternating by round.\n\n"
                    + "| round | answers/s one / two | two ÷ one | documents/s one / two | two ÷ one |\n"
                    + "|---|---|---|---|---|\n"
                    + rows
                    + "\nMedian of the rounds, two ÷ one: answers " + Stats.fmt(answerMedian) + "x, ingestion "
                    + Stats.fmt(ingestMedian) + "x. " + r.failedAnswers() + " answers failed. Load average at the end "
                    + r.loadAtEnd() + ". " + Machine.markdown(r.machine()) + "\n";
            BenchReport.section(out, "two-instances", data, md);
        }
    }
}
