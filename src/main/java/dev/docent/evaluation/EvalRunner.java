package dev.docent.evaluation;

import dev.docent.answering.AnswerConfig;
import dev.docent.answering.AnswerPipeline;
import dev.docent.answering.AnswerRecorder;
import dev.docent.answering.AnswerSink;
import dev.docent.answering.AnswerVariant;
import dev.docent.answering.Asker;
import dev.docent.answering.Confidence;
import dev.docent.answering.Outcome;
import dev.docent.answering.Question;
import dev.docent.answering.extractive.AnswerabilityScore;
import dev.docent.llm.Cancellation;
import dev.docent.retrieval.Passage;
import dev.docent.system.InvalidInputException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Answers a run's items one after another on a background thread, through the same {@link AnswerPipeline} as chat,
 * with the run's configuration in force ({@link AnswerVariant}) and nothing recorded as chat or as a knowledge gap
 * ({@link AnswerRecorder#none()}). One run at a time per instance: runs share the machine with chat, and two at once
 * would distort each other's latency figures.
 */
@ApplicationScoped
class EvalRunner {

    private static final Logger LOG = Logger.getLogger(EvalRunner.class);

    /** The run in progress and its stop switch. */
    record Active(UUID id, Cancellation cancellation) {}

    /** One item to answer, with its expected documents resolved to ids. */
    record Job(int position, EvalItem item, Set<UUID> expectedIds) {}

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "docent-eval-run");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Active> active = new AtomicReference<>();

    @Inject
    AnswerPipeline pipeline;

    @Inject
    Confidence confidence;

    @Inject
    AnswerabilityScore answerability;

    @Inject
    AnswerConfig answerConfig;

    @Inject
    EvalRunRepository runs;

    @Inject
    EvaluationConfig config;

    private ScheduledExecutorService leases;

    /** Renews this instance's run lease, and fails runs whose instance stopped renewing theirs (at start, too). */
    void start(@Observes StartupEvent event) {
        leases = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("docent-eval-lease").unstarted(r));
        long period = config.runLease().toMillis();
        leases.scheduleAtFixedRate(this::renewLease, period / 3, period / 3, TimeUnit.MILLISECONDS);
        leases.scheduleWithFixedDelay(this::failAbandoned, 0, period, TimeUnit.MILLISECONDS);
    }

    void renewLease() {
        Active current = active.get();
        if (current != null) {
            try {
                if (!runs.renew(current.id(), config.runLease())) {
                    // Another instance gave the run up for lost (this one stalled past its lease): stop answering.
                    LOG.warnf(
                            "Evaluation run %s was marked failed while this instance answered it; stopping",
                            current.id());
                    current.cancellation().cancel();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not renew the lease of evaluation run %s; trying again shortly", current.id());
            }
        }
    }

    /** Marks failed the runs an instance left unfinished when it stopped; how many. */
    int failAbandoned() {
        try {
            int failed = runs.failAbandoned();
            if (failed > 0) {
                LOG.warnf("%d evaluation run(s) marked failed: the instance answering them stopped", failed);
            }
            return failed;
        } catch (RuntimeException e) {
            LOG.warn("Could not check for abandoned evaluation runs; checking again later", e);
            return 0;
        }
    }

    @Inject
    ModelJudge judge;

    /** Claims the instance's one run slot for {@code id}; refuses while another run is in progress. */
    Active claim(UUID id) {
        Active mine = new Active(id, new Cancellation());
        Active current = active.compareAndExchange(null, mine);
        if (current != null) {
            throw new InvalidInputException(
                    409, "Run " + current.id() + " is still in progress; one run at a time. Wait for it or cancel it.");
        }
        return mine;
    }

    /** Starts the claimed run in the background. */
    void start(Active run, RunConfig config, Asker asker, List<Job> jobs) {
        try {
            executor.execute(() -> work(run, config, asker, jobs));
        } catch (RuntimeException e) {
            active.set(null);
            throw e;
        }
    }

    /** Asks the run to stop; true when it is this instance's run in progress. */
    boolean cancel(UUID id) {
        Active current = active.get();
        if (current == null || !current.id().equals(id)) {
            return false;
        }
        current.cancellation().cancel();
        return true;
    }

    private void work(Active run, RunConfig config, Asker asker, List<Job> jobs) {
        List<ItemResult> results = new ArrayList<>();
        try {
            runs.running(run.id());
            AnswerVariant variant = config.variant();
            boolean concise = Boolean.TRUE.equals(config.concise());
            boolean judged = Boolean.TRUE.equals(config.judge());
            for (Job job : jobs) {
                if (run.cancellation().isCancelled()) {
                    break;
                }
                ItemResult result = answer(job, variant, concise, judged, asker, run.cancellation());
                if (run.cancellation().isCancelled()) {
                    break;
                }
                runs.addItem(run.id(), result);
                results.add(result);
            }
            boolean cancelled = run.cancellation().isCancelled();
            runs.finish(run.id(), cancelled ? "cancelled" : "done", RunMetrics.of(results), null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Evaluation run %s failed", run.id());
            runs.finish(
                    run.id(),
                    "failed",
                    results.isEmpty() ? null : RunMetrics.of(results),
                    "The run failed: " + e.getClass().getSimpleName() + ". The server log has the details.");
        } finally {
            active.set(null);
        }
    }

    private ItemResult answer(
            Job job, AnswerVariant variant, boolean concise, boolean judged, Asker asker, Cancellation stop) {
        EvalItem item = job.item();
        Question question = new Question(
                item.question(),
                asker,
                null,
                concise,
                Question.History.none(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                System.nanoTime());
        AnswerSink sink = sink(stop);
        try {
            return variant.during(() -> {
                Outcome outcome = pipeline.answer(question, sink, AnswerRecorder.none());
                List<Passage> usable = confidence.usable(outcome.retrieval().passages()).stream()
                        .limit(answerConfig.passages())
                        .toList();
                double score = answerability.assess(item.question(), usable).score();
                ItemResult result = ItemResults.of(job, outcome, score, answerConfig.minCitationSupport());
                return judged ? result.withJudgement(judge.judge(item, outcome.draft(), usable, stop)) : result;
            });
        } catch (InvalidInputException e) {
            return ItemResults.failed(job, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "An evaluation item failed to answer");
            return ItemResults.failed(job, "Answering failed: " + e.getClass().getSimpleName() + ".");
        }
    }

    private static AnswerSink sink(Cancellation stop) {
        return new AnswerSink() {
            @Override
            public void start(Start start) {}

            @Override
            public void delta(String text) {}

            @Override
            public Cancellation cancellation() {
                return stop;
            }
        };
    }

    void stop(@Observes ShutdownEvent event) {
        if (leases != null) {
            leases.shutdownNow();
        }
        Active current = active.get();
        if (current != null) {
            current.cancellation().cancel();
        }
        executor.shutdownNow();
    }

    /** Gives the slot back when the run could not be started. */
    void release(Active run) {
        active.compareAndSet(run, null);
    }

    /** Whether {@code id} is the run in progress here. */
    boolean busyWith(UUID id) {
        Active current = active.get();
        return current != null && current.id().equals(id);
    }
}
