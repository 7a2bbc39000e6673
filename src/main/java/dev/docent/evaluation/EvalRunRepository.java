package dev.docent.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Owns {@code eval_runs} and {@code eval_run_items}. */
@ApplicationScoped
class EvalRunRepository {

    private static final String SELECT = """
            SELECT id, set_id, set_name, status, config::text, total, done, metrics::text, error, started_by,
                   created_at, finished_at
            FROM eval_runs
            """;

    @Inject
    Jdbc jdbc;

    @Inject
    ReadReplica replica;

    /** Records a change to the evaluation sets or runs once it is made (their lists read the replica after it). */
    private <T> T changed(T result) {
        return replica.wrote(EvalSetRepository.EVALUATION, result);
    }

    @Inject
    ObjectMapper json;

    void create(UUID id, UUID setId, String setName, RunConfig config, int total, String startedBy, Duration lease) {
        changed(jdbc.update(
                "INSERT INTO eval_runs (id, set_id, set_name, status, config, total, started_by, lease_until)"
                        + " VALUES (?, ?, ?, 'queued', ?::jsonb, ?, ?, now() + ? * interval '1 millisecond')",
                id,
                setId,
                setName,
                write(config),
                total,
                startedBy,
                lease.toMillis()));
    }

    /** Extends the lease of this instance's run in progress; false when the run is no longer unfinished. */
    boolean renew(UUID id, Duration lease) {
        return changed(jdbc.update(
                        "UPDATE eval_runs SET lease_until = now() + ? * interval '1 millisecond'"
                                + " WHERE id = ? AND status IN ('queued', 'running')",
                        lease.toMillis(),
                        id))
                > 0;
    }

    void running(UUID id) {
        changed(jdbc.update("UPDATE eval_runs SET status = 'running' WHERE id = ? AND status = 'queued'", id));
    }

    /** Keeps one item's result and counts it, so progress is visible while the run goes on. */
    void addItem(UUID id, ItemResult result) {
        changed(jdbc.update(
                // A result quoting a question from real traffic goes with that question's message (V54).
                """
                INSERT INTO eval_run_items (run_id, position, result, source_message)
                VALUES (?, ?, ?::jsonb, (SELECT i.source_message FROM eval_items i JOIN eval_runs r ON r.set_id = i.set_id
                                         WHERE r.id = ? AND i.question = ? AND i.source_message IS NOT NULL LIMIT 1))
                """, id, result.position(), write(result), id, result.question()));
        changed(jdbc.update("UPDATE eval_runs SET done = done + 1 WHERE id = ?", id));
    }

    void finish(UUID id, String status, RunMetrics metrics, String error) {
        changed(jdbc.update(
                // A run already given up for lost (failAbandoned) stays failed.
                "UPDATE eval_runs SET status = ?, metrics = ?::jsonb, error = ?, finished_at = now()"
                        + " WHERE id = ? AND status IN ('queued', 'running')",
                status,
                metrics == null ? null : write(metrics),
                error,
                id));
    }

    /**
     * Runs left queued or running by an instance that stopped without finishing them (killed, crashed, lost its
     * database connection): their lease ran out because nobody renews it. Marked failed, with what happened.
     */
    int failAbandoned() {
        return changed(jdbc.update("""
                UPDATE eval_runs SET status = 'failed', finished_at = now(),
                       error = 'The Docent instance answering this run stopped before it finished (its last sign of'
                               || ' life was at ' || to_char(lease_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
                               || ' UTC). The items answered until then are kept; start the run again for the rest.'
                 WHERE status IN ('queued', 'running') AND lease_until < now()
                """));
    }

    Optional<RunStatus> find(UUID id) {
        return jdbc.one(SELECT + " WHERE id = ?", this::map, id);
    }

    List<RunStatus> list(int limit) {
        return replica.fresh(
                EvalSetRepository.EVALUATION,
                () -> jdbc.list(SELECT + " ORDER BY created_at DESC LIMIT ?", this::map, limit));
    }

    List<ItemResult> items(UUID id) {
        return jdbc.list(
                "SELECT result::text FROM eval_run_items WHERE run_id = ? ORDER BY position",
                row -> read(row.getString(1), ItemResult.class),
                id);
    }

    boolean delete(UUID id) {
        return changed(jdbc.update("DELETE FROM eval_runs WHERE id = ?", id)) > 0;
    }

    private RunStatus map(ResultSet row) throws SQLException {
        String metrics = row.getString("metrics");
        return new RunStatus(
                row.getObject("id", UUID.class),
                row.getObject("set_id", UUID.class),
                row.getString("set_name"),
                row.getString("status"),
                new RunStatus.Progress(row.getInt("done"), row.getInt("total")),
                read(row.getString("config"), RunConfig.class),
                metrics == null ? null : read(metrics, RunMetrics.class),
                row.getString("error"),
                row.getString("started_by"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "finished_at"),
                null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
