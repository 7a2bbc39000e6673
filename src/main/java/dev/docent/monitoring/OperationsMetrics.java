package dev.docent.monitoring;

import dev.docent.feedback.AnswerRated;
import dev.docent.ingestion.IngestionFinished;
import dev.docent.ingestion.IngestionQueue;
import dev.docent.system.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The meters outside the answering path: thumbs up/down, ingestion throughput and failures, the ingestion queue and
 * the knowledge-gap clusters. Gauges that need the database are refreshed every {@link #REFRESH} by a background
 * thread, so a Prometheus scrape never waits for (or runs) a query.
 */
@ApplicationScoped
public class OperationsMetrics {

    static final String INGESTED_DOCUMENTS = "docent.ingestion.documents";
    static final String INGESTED_CHUNKS = "docent.ingestion.chunks";
    static final String EMBEDDING_PER_CHUNK = "docent.ingestion.embedding.chunk.duration";
    static final String INGESTION_FAILURES = "docent.ingestion.failures";
    static final String QUEUE_DEPTH = "docent.ingestion.queue.depth";
    static final String GAP_CLUSTERS = "docent.gap.clusters";
    static final Duration REFRESH = Duration.ofSeconds(15);

    /** The statuses of {@code gap_clusters}, each a series of its own (zero when there are none). */
    static final List<String> GAP_STATUSES = List.of("open", "in_progress", "likely_resolved", "resolved", "dismissed");

    private static final Logger LOG = Logger.getLogger(OperationsMetrics.class);

    private final MeterRegistry registry;
    private final ObservationRepository observations;
    private final AnswerMetrics answerMetrics;
    private final IngestionQueue queue;
    private final Jdbc jdbc;
    private final IngestionObservationRepository ingestions;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final Map<String, AtomicLong> clusters = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    OperationsMetrics(
            MeterRegistry registry,
            ObservationRepository observations,
            AnswerMetrics answerMetrics,
            IngestionQueue queue,
            Jdbc jdbc,
            IngestionObservationRepository ingestions) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.answerMetrics = Objects.requireNonNull(answerMetrics, "answerMetrics");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.ingestions = Objects.requireNonNull(ingestions, "ingestions");
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder(QUEUE_DEPTH, waiting, AtomicLong::get)
                .description("Ingestion jobs by state")
                .tag("state", "waiting")
                .register(registry);
        Gauge.builder(QUEUE_DEPTH, running, AtomicLong::get)
                .description("Ingestion jobs by state")
                .tag("state", "running")
                .register(registry);
        for (String status : GAP_STATUSES) {
            AtomicLong count = clusters.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder(GAP_CLUSTERS, count, AtomicLong::get)
                    .description("Knowledge-gap clusters by status")
                    .tag("status", status)
                    .register(registry);
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docent-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Reads the queue and the gap clusters now (also called by tests, which cannot wait for the next refresh). */
    void refresh() {
        try {
            IngestionQueue.Counts counts = queue.counts();
            waiting.set(counts.waiting());
            running.set(counts.running());
            Map<String, Long> byStatus = clusterCounts();
            for (String status : GAP_STATUSES) {
                clusters.get(status).set(byStatus.getOrDefault(status, 0L));
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not refresh the queue and gap gauges; keeping the last values", e);
        }
    }

    /** A read-only report query on the gap reports' table: cluster counts by status, nothing else. */
    private Map<String, Long> clusterCounts() {
        Map<String, Long> out = new ConcurrentHashMap<>();
        jdbc.list(
                        "SELECT status, count(*) FROM gap_clusters GROUP BY status",
                        row -> Map.entry(row.getString(1), row.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    void rated(@Observes(during = TransactionPhase.AFTER_SUCCESS) AnswerRated rated) {
        try {
            observations.rate(rated.messageId(), rated.rating());
            observations.find(rated.messageId()).ifPresent(o -> answerMetrics.rated(o, rated.rating()));
        } catch (RuntimeException e) {
            LOG.warn("Could not count a thumbs up/down", e);
        }
    }

    void ingested(@Observes IngestionFinished finished) {
        try {
            ingestions.save(finished, java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Could not keep the monitoring observation of an ingestion attempt", e);
        }
        Counter.builder(INGESTED_DOCUMENTS)
                .description("Ingestion attempts by result")
                .tag("result", finished.ready() ? "ready" : "failed")
                .register(registry)
                .increment();
        if (!finished.ready()) {
            Counter.builder(INGESTION_FAILURES)
                    .description("Failed ingestion attempts by reason")
                    .tag("reason", finished.failure())
                    .register(registry)
                    .increment();
            return;
        }
        Counter.builder(INGESTED_CHUNKS)
                .description("Chunks stored")
                .register(registry)
                .increment(finished.chunks());
        if (finished.chunks() > 0) {
            Timer perChunk = Timer.builder(EMBEDDING_PER_CHUNK)
                    .description("Embedding time per chunk (a document's embedding time over its chunks)")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            Duration each = finished.embedding().dividedBy(finished.chunks());
            for (int i = 0; i < finished.chunks(); i++) {
                perChunk.record(each);
            }
        }
    }
}
