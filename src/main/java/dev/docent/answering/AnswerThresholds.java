package dev.docent.answering;

import dev.docent.cluster.FleetEvents;
import dev.docent.system.Jdbc;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The two thresholds that decide whether Docent answers ({@code docent.answer.min-similarity} and {@code
 * min-answerability}): the configured values, unless a knowledge manager applied a calibrated one, which is stored
 * ({@code answer_threshold_overrides}) so every instance and every restart uses it. Read on every answer, so the stored
 * values are cached for a few seconds; a change made on another instance clears the cache here at once (a fleet
 * notification), the few seconds only bound how long a lost notification can keep an old value.
 */
@ApplicationScoped
public class AnswerThresholds {

    public static final String MIN_SIMILARITY = "min-similarity";
    public static final String MIN_ANSWERABILITY = "min-answerability";

    /** What {@link FleetEvents} says changed when a threshold is stored. */
    static final String SETTING = "answer-thresholds";

    /** How long another instance's change may take to arrive here when its notification was lost. */
    static final long CACHE_NANOS = 10_000_000_000L;

    /** A threshold in force, and where it comes from. */
    public record Threshold(String name, double value, double configured, String setBy, Instant setAt) {

        public boolean overridden() {
            return setBy != null;
        }
    }

    private record Cached(Map<String, Threshold> values, long loadedAt) {}

    private final AnswerConfig config;
    private final Jdbc jdbc;
    private volatile Cached cached;

    @Inject
    FleetEvents fleet;

    @Inject
    AnswerThresholds(AnswerConfig config, Jdbc jdbc) {
        this.config = Objects.requireNonNull(config, "config");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    public double minSimilarity() {
        return current().get(MIN_SIMILARITY).value();
    }

    public double minAnswerability() {
        return current().get(MIN_ANSWERABILITY).value();
    }

    /** Both thresholds as they are in force now. */
    public List<Threshold> list() {
        return List.of(current().get(MIN_SIMILARITY), current().get(MIN_ANSWERABILITY));
    }

    /** Stores a new value for {@code name}; in force here at once, on other instances within seconds. */
    public Threshold set(String name, double value, String user) {
        if (!name.equals(MIN_SIMILARITY) && !name.equals(MIN_ANSWERABILITY)) {
            throw new IllegalArgumentException("unknown threshold " + name);
        }
        jdbc.update("INSERT INTO answer_threshold_overrides (name, value, set_by) VALUES (?, ?, ?)", name, value, user);
        cached = null;
        fleet.publish(FleetEvents.Channel.SETTINGS, SETTING);
        return current().get(name);
    }

    /** Another instance stored a threshold: read it at the next answer rather than within {@link #CACHE_NANOS}. */
    void start(@Observes StartupEvent event) {
        fleet.subscribe(FleetEvents.Channel.SETTINGS, changed -> {
            if (changed.equals(SETTING)) {
                cached = null;
            }
        });
    }

    private Map<String, Threshold> current() {
        Cached c = cached;
        if (c == null || System.nanoTime() - c.loadedAt() > CACHE_NANOS) {
            c = new Cached(load(), System.nanoTime());
            cached = c;
        }
        return c.values();
    }

    private Map<String, Threshold> load() {
        return Map.of(
                MIN_SIMILARITY, load(MIN_SIMILARITY, config.minSimilarity()),
                MIN_ANSWERABILITY, load(MIN_ANSWERABILITY, config.minAnswerability()));
    }

    private Threshold load(String name, double configured) {
        Optional<Threshold> stored = jdbc.one(
                "SELECT value, set_by, set_at FROM answer_threshold_overrides WHERE name = ? ORDER BY id DESC LIMIT 1",
                row -> new Threshold(
                        name, row.getDouble("value"), configured, row.getString("set_by"), Jdbc.instant(row, "set_at")),
                name);
        return stored.orElse(new Threshold(name, configured, configured, null, null));
    }
}
