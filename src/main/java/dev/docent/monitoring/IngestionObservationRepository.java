package dev.docent.monitoring;

import dev.docent.ingestion.IngestionFinished;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Owns {@code ingestion_observations}: one row per ingestion attempt, for throughput charts and the failure check. */
@ApplicationScoped
public class IngestionObservationRepository {

    /** Ingestion attempts in a window and how many failed, with the commonest reasons. */
    public record Window(long attempts, long failures, Map<String, Long> reasons) {}

    private final Jdbc jdbc;

    IngestionObservationRepository(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Keeps one finished attempt. */
    public void save(IngestionFinished finished, Instant at) {
        jdbc.update(
                "INSERT INTO ingestion_observations (observed_at, ready, failure, chunks, embedding_ms) VALUES (?, ?, ?, ?, ?)",
                at,
                finished.ready(),
                finished.failure(),
                finished.chunks(),
                finished.embedding() == null ? 0 : finished.embedding().toMillis());
    }

    /** The attempts of [{@code from}, {@code to}). */
    public Window window(Instant from, Instant to) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        jdbc.list("""
                        SELECT failure, count(*) FROM ingestion_observations
                        WHERE observed_at >= ? AND observed_at < ? AND NOT ready
                        GROUP BY failure ORDER BY count(*) DESC, failure LIMIT 5
                        """, row -> Map.entry(String.valueOf(row.getString(1)), row.getLong(2)), from, to)
                .forEach(e -> reasons.put(e.getKey(), e.getValue()));
        return jdbc.one("""
                        SELECT count(*), count(*) FILTER (WHERE NOT ready) FROM ingestion_observations
                        WHERE observed_at >= ? AND observed_at < ?
                        """, row -> new Window(row.getLong(1), row.getLong(2), reasons), from, to)
                .orElseThrow();
    }

    /** Attempts per hour or day (UTC) of [{@code from}, {@code to}); {@code unit} "hour" or "day". */
    public List<Operations.IngestionBucket> buckets(Instant from, Instant to, String unit) {
        return jdbc.list(
                """
                SELECT date_trunc(?, observed_at, 'UTC') AS start, count(*) FILTER (WHERE ready) AS ready,
                       count(*) FILTER (WHERE NOT ready) AS failed, coalesce(sum(chunks), 0) AS chunks
                FROM ingestion_observations
                WHERE observed_at >= ? AND observed_at < ?
                GROUP BY 1 ORDER BY 1
                """,
                row -> new Operations.IngestionBucket(
                        Jdbc.instant(row, "start"), row.getLong("ready"), row.getLong("failed"), row.getLong("chunks")),
                unit,
                from,
                to);
    }
}
