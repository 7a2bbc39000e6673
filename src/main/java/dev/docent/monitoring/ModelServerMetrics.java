package dev.docent.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the local model server's Prometheus metrics every {@code docent.monitoring.model-server-scrape-every} when
 * {@code docent.monitoring.model-server-metrics-url} is set, and keeps a day of readings in memory: requests running
 * and waiting, tokens per second (from the counters' change between readings) and cache use, so an operator sees an
 * idle or saturated GPU on the Operations page.
 */
@ApplicationScoped
public class ModelServerMetrics {

    static final Duration KEPT = Duration.ofDays(1);

    /**
     * One reading.
     *
     * @param cacheUsage share of the KV cache in use (0 to 1), or null when the server does not say
     * @param generationTokensPerSecond tokens written per second since the previous reading, or null for the first
     */
    public record Point(
            Instant at,
            Double running,
            Double waiting,
            Double cacheUsage,
            Double promptTokensPerSecond,
            Double generationTokensPerSecond) {}

    /**
     * What the Operations page shows.
     *
     * @param message why there is nothing to show ("model server metrics unavailable: ..."), or null when available
     * @param server the server's host and port, or null when not configured
     * @param kind "vllm" or "llama.cpp", once read
     */
    public record State(
            boolean configured,
            boolean available,
            String message,
            String server,
            String kind,
            Point latest,
            List<Point> samples) {}

    private final MonitoringConfig config;
    private final Optional<ModelServerScraper> scraper;
    private final Deque<Point> points = new ArrayDeque<>();
    private ModelServerScraper.Reading last;
    private ModelServerScraper.Reading lastGood;
    private ScheduledExecutorService scheduler;

    ModelServerMetrics(MonitoringConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.scraper = config.modelServerMetricsUrl()
                .filter(u -> !u.isBlank())
                .map(u -> new ModelServerScraper(URI.create(u.strip())));
    }

    void start(@Observes StartupEvent event) {
        if (scraper.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docent-model-server-metrics");
            t.setDaemon(true);
            return t;
        });
        long every = config.modelServerScrapeEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::scrape, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Reads the server now (the scheduler's work; tests call it too). */
    synchronized void scrape() {
        ModelServerScraper.Reading reading = scraper.orElseThrow().scrape(Instant.now());
        last = reading;
        if (reading.failure() != null) {
            return;
        }
        Double promptRate = lastGood == null ? null : rate(lastGood.promptTokens(), reading.promptTokens());
        Double generationRate = lastGood == null ? null : rate(lastGood.generationTokens(), reading.generationTokens());
        points.addLast(new Point(
                reading.at(), reading.running(), reading.waiting(), reading.cacheUsage(), promptRate, generationRate));
        lastGood = reading;
        Instant oldest = reading.at().minus(KEPT);
        while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
            points.removeFirst();
        }
    }

    /** Per second between two readings of a counter; null when unknown or the counter restarted. */
    private Double rate(Double before, Double now) {
        if (before == null || now == null || now < before) {
            return null;
        }
        double seconds = Duration.between(lastGood.at(), last.at()).toNanos() / 1e9;
        return seconds <= 0 ? null : (now - before) / seconds;
    }

    /** The state now; reads the server first when the last reading is older than the scrape interval. */
    public synchronized State state() {
        if (scraper.isEmpty()) {
            return new State(
                    false,
                    false,
                    "No model server metrics: set docent.monitoring.model-server-metrics-url to the local model"
                            + " server's /metrics (vLLM, or llama.cpp started with --metrics).",
                    null,
                    null,
                    null,
                    List.of());
        }
        if (last == null || last.at().plus(config.modelServerScrapeEvery()).isBefore(Instant.now())) {
            scrape();
        }
        String server = scraper.get().hostAndPort();
        List<Point> history = List.copyOf(points);
        if (last.failure() != null) {
            return new State(
                    true,
                    false,
                    "model server metrics unavailable: " + last.failure(),
                    server,
                    lastGood == null ? null : lastGood.server(),
                    null,
                    history);
        }
        return new State(true, true, null, server, last.server(), history.getLast(), history);
    }
}
