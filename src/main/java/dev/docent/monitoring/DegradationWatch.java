package dev.docent.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.cluster.Leadership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Every {@code docent.monitoring.check-every}, compares the recent window of answers with the baseline before it for
 * each {@link DegradationCheck}. A significant change raises an alert (stored, {@code docent_alerts_active{check}},
 * POSTed as JSON to {@code DOCENT_ALERT_WEBHOOK}); an alert clears itself when a later check finds the value back
 * within the threshold. Windows with fewer than {@code min-answers} answers decide nothing. With several instances on
 * one database, the scheduled checks run on the one that leads the duty ({@link Leadership}).
 */
@ApplicationScoped
public class DegradationWatch {

    static final String ALERTS_ACTIVE = "docent.alerts.active";
    static final String DUTY = "degradation-checks";
    private static final Logger LOG = Logger.getLogger(DegradationWatch.class);

    /** The knobs of one run; the scheduled run takes them from the configuration. */
    public record Settings(
            Duration recent, Duration baseline, int minAnswers, double z, double ratio, Optional<URI> webhook) {}

    /** One check's verdict. {@code decided} false: too few answers in a window to say anything. */
    public record Finding(DegradationCheck check, boolean decided, boolean degraded, Map<String, Object> evidence) {}

    private final AlertRepository alerts;
    private final IngestionObservationRepository ingestions;
    private final MonitoringConfig config;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final Leadership leadership;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<DegradationCheck, AtomicInteger> active = new EnumMap<>(DegradationCheck.class);
    private ScheduledExecutorService scheduler;

    DegradationWatch(
            AlertRepository alerts,
            IngestionObservationRepository ingestions,
            MonitoringConfig config,
            MeterRegistry registry,
            ObjectMapper json,
            Leadership leadership) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.ingestions = Objects.requireNonNull(ingestions, "ingestions");
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.json = Objects.requireNonNull(json, "json");
        this.leadership = Objects.requireNonNull(leadership, "leadership");
    }

    void start(@Observes StartupEvent event) {
        for (DegradationCheck check : DegradationCheck.values()) {
            AtomicInteger value = active.computeIfAbsent(check, c -> new AtomicInteger());
            Gauge.builder(ALERTS_ACTIVE, value, AtomicInteger::get)
                    .description("1 while a degradation alert is open for the check")
                    .tag("check", check.code())
                    .register(registry);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docent-degradation-watch");
            t.setDaemon(true);
            return t;
        });
        long every = config.checkEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The configured settings. */
    public Settings settings() {
        return new Settings(
                config.recent(),
                config.baseline(),
                config.minAnswers(),
                config.z(),
                config.ratio(),
                config.alertWebhook().map(URI::create));
    }

    private void scheduled() {
        try {
            // One instance of a fleet checks and alerts (one webhook call per alert); the others only show the state.
            if (!leadership.leads(DUTY)) {
                for (DegradationCheck check : DegradationCheck.values()) {
                    active.get(check).set(alerts.open(check).isPresent() ? 1 : 0);
                }
                return;
            }
            run(Instant.now(), settings());
        } catch (RuntimeException e) {
            LOG.warn("The degradation checks failed; they run again at the next interval", e);
        }
    }

    /**
     * Runs every check as of {@code now}; returns the findings (tests call it with a clock of their own). One run at a
     * time, so two runs never raise the same alert.
     */
    public synchronized List<Finding> run(Instant now, Settings s) {
        Instant recentStart = now.minus(s.recent());
        Instant baselineStart = recentStart.minus(s.baseline());
        WindowStats recent = alerts.window(recentStart, now).with(ingestions.window(recentStart, now));
        WindowStats baseline =
                alerts.window(baselineStart, recentStart).with(ingestions.window(baselineStart, recentStart));
        List<Finding> findings = java.util.Arrays.stream(DegradationCheck.values())
                .map(c -> DegradationRules.evaluate(c, recent, baseline, s))
                .toList();
        for (Finding f : findings) {
            Optional<Alert> open = alerts.open(f.check());
            if (f.decided() && f.degraded() && open.isEmpty()) {
                Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
                evidence.put("recentWindow", Map.of("from", recentStart.toString(), "to", now.toString()));
                Alert alert = alerts.raise(
                        f.check(),
                        now,
                        evidence,
                        alerts.firstSeen(recentStart, now).orElse(null));
                notify("raised", alert, s);
            } else if (f.decided() && !f.degraded() && open.isPresent()) {
                alerts.clear(open.get().id(), now);
                notify("cleared", open.get(), s);
            }
            active.get(f.check()).set(alerts.open(f.check()).isPresent() ? 1 : 0);
        }
        return findings;
    }

    private void notify(String status, Alert alert, Settings s) {
        LOG.warnf("Degradation alert %s: %s %s", status, alert.check(), alert.evidence());
        Optional<URI> webhook = s.webhook();
        if (webhook.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("check", alert.check());
            body.put("raisedAt", alert.raisedAt().toString());
            body.put("evidence", alert.evidence());
            body.put("precedingChange", alert.precedingChange());
            HttpRequest request = HttpRequest.newBuilder(webhook.get())
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                LOG.warnf("The alert webhook answered %d", response.statusCode());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not send a degradation alert to the webhook", e);
        }
    }
}
