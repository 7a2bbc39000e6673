package dev.docent.sources;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sources, the items each sync found, and the sync reports, in PostgreSQL. */
@ApplicationScoped
public class SourceRepository {

    private static final String SELECT = """
            SELECT s.id, s.name, s.type, c.name AS collection, s.location, s.max_depth, s.max_items, s.other_hosts,
                   extract(epoch FROM s.sync_every)::bigint / 60 AS every_minutes, s.enabled, s.created_by,
                   s.created_at, s.next_sync_at,
                   (SELECT count(*) FROM source_items i WHERE i.source_id = s.id) AS items
            FROM sources s JOIN collections c ON c.id = s.collection_id
            """;

    private static final String SYNC = """
            SELECT id, status, started_at, finished_at, added, changed, unchanged, removed, failed, error,
                   report::text AS report
            FROM source_syncs
            """;

    /** What a source knows about an item from its last sync. */
    record Item(UUID documentId, String sha256, boolean ownsDocument) {}

    @Inject
    Jdbc jdbc;

    public Optional<Long> insert(
            String name,
            String type,
            long collectionId,
            String location,
            int maxDepth,
            int maxItems,
            boolean otherHosts,
            Duration every,
            boolean enabled,
            String by) {
        return jdbc.one(
                """
                INSERT INTO sources (name, type, collection_id, location, max_depth, max_items, other_hosts,
                                     sync_every, enabled, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, make_interval(secs => ?), ?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING id
                """,
                row -> row.getLong(1),
                name,
                type,
                collectionId,
                location,
                maxDepth,
                maxItems,
                otherHosts,
                (double) every.toSeconds(),
                enabled,
                by);
    }

    public List<SourceView> all() {
        return jdbc.list(SELECT + " ORDER BY s.name", SourceRepository::map);
    }

    public Optional<SourceView> find(long id) {
        return jdbc.one(SELECT + " WHERE s.id = ?", SourceRepository::map, id);
    }

    public boolean delete(long id) {
        return jdbc.update("DELETE FROM sources WHERE id = ?", id) > 0;
    }

    /** Makes a source due now; false when it is syncing already. */
    public boolean dueNow(long id) {
        return jdbc.update(
                        "UPDATE sources SET next_sync_at = now() WHERE id = ?"
                                + " AND (sync_lease_until IS NULL OR sync_lease_until < now())",
                        id)
                > 0;
    }

    /**
     * Claims the source most overdue for a sync, if any, holding it for {@code lease} and setting its next sync one
     * interval from now; safe with several Docent instances (SKIP LOCKED, leases).
     */
    public Optional<Long> claimDue(Duration lease) {
        return jdbc.one("""
                UPDATE sources SET sync_lease_until = now() + make_interval(secs => ?),
                                   next_sync_at = now() + sync_every
                 WHERE id = (SELECT id FROM sources
                              WHERE next_sync_at <= now()
                                AND (sync_lease_until IS NULL OR sync_lease_until < now())
                              ORDER BY next_sync_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, row -> row.getLong(1), (double) lease.toSeconds());
    }

    public void release(long id) {
        jdbc.update("UPDATE sources SET sync_lease_until = NULL WHERE id = ?", id);
    }

    /** A disabled source waits until an admin asks for a sync. */
    public void parkIfDisabled(long id) {
        jdbc.update("UPDATE sources SET next_sync_at = 'infinity' WHERE id = ? AND NOT enabled", id);
    }

    public Map<String, Item> items(long sourceId) {
        Map<String, Item> items = new HashMap<>();
        jdbc.list(
                        "SELECT item_key, document_id, sha256, owns_document FROM source_items WHERE source_id = ?",
                        row -> Map.entry(
                                row.getString(1),
                                new Item(row.getObject(2, UUID.class), row.getString(3), row.getBoolean(4))),
                        sourceId)
                .forEach(e -> items.put(e.getKey(), e.getValue()));
        return items;
    }

    public void saveItem(long sourceId, String key, UUID documentId, String sha256, boolean owns) {
        jdbc.update("""
                INSERT INTO source_items (source_id, item_key, document_id, sha256, owns_document)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source_id, item_key) DO UPDATE
                   SET document_id = excluded.document_id, sha256 = excluded.sha256,
                       owns_document = excluded.owns_document, synced_at = now()
                """, sourceId, key, documentId, sha256, owns);
    }

    public void removeItem(long sourceId, String key) {
        jdbc.update("DELETE FROM source_items WHERE source_id = ? AND item_key = ?", sourceId, key);
    }

    /** Whether another item (of any source) still points at the document. */
    public boolean documentUsedElsewhere(UUID documentId, long sourceId, String key) {
        return jdbc.one(
                        "SELECT 1 FROM source_items WHERE document_id = ? AND NOT (source_id = ? AND item_key = ?)"
                                + " LIMIT 1",
                        row -> 1,
                        documentId,
                        sourceId,
                        key)
                .isPresent();
    }

    /** Documents the source created (to delete with it). */
    public List<UUID> ownedDocuments(long sourceId) {
        return jdbc.list(
                "SELECT document_id FROM source_items WHERE source_id = ? AND owns_document AND document_id IS NOT NULL",
                row -> row.getObject(1, UUID.class),
                sourceId);
    }

    public long startSync(long sourceId) {
        return jdbc.one(
                        "INSERT INTO source_syncs (source_id, status) VALUES (?, 'running') RETURNING id",
                        row -> row.getLong(1),
                        sourceId)
                .orElseThrow();
    }

    public void finishSync(long syncId, String status, int[] counts, String error, String reportJson) {
        jdbc.update("""
                UPDATE source_syncs SET status = ?, finished_at = now(), added = ?, changed = ?, unchanged = ?,
                       removed = ?, failed = ?, error = ?, report = ?::jsonb
                 WHERE id = ?
                """, status, counts[0], counts[1], counts[2], counts[3], counts[4], error, reportJson, syncId);
    }

    public List<SyncReport> syncs(long sourceId, int limit) {
        return jdbc.list(
                SYNC + " WHERE source_id = ? ORDER BY id DESC LIMIT ?", SourceRepository::sync, sourceId, limit);
    }

    /** Syncs left "running" by an instance that stopped: they will never finish. */
    public int failAbandonedSyncs() {
        return jdbc.update("""
                UPDATE source_syncs y SET status = 'failed', finished_at = now(),
                       error = 'Docent stopped during this sync; the next sync starts afresh.'
                  FROM sources s
                 WHERE y.source_id = s.id AND y.status = 'running'
                   AND (s.sync_lease_until IS NULL OR s.sync_lease_until < now())
                """);
    }

    private static SourceView map(ResultSet row) throws SQLException {
        return new SourceView(
                row.getLong("id"),
                row.getString("name"),
                row.getString("type"),
                row.getString("collection"),
                row.getString("location"),
                row.getInt("max_depth"),
                row.getInt("max_items"),
                row.getBoolean("other_hosts"),
                row.getLong("every_minutes"),
                row.getBoolean("enabled"),
                row.getString("created_by"),
                Jdbc.instant(row, "created_at"),
                row.getBoolean("enabled") ? Jdbc.instant(row, "next_sync_at") : null,
                row.getLong("items"),
                null);
    }

    private static SyncReport sync(ResultSet row) throws SQLException {
        return new SyncReport(
                row.getLong("id"),
                row.getString("status"),
                Jdbc.instant(row, "started_at"),
                Jdbc.instant(row, "finished_at"),
                row.getInt("added"),
                row.getInt("changed"),
                row.getInt("unchanged"),
                row.getInt("removed"),
                row.getInt("failed"),
                row.getString("error"),
                row.getString("report"));
    }
}
