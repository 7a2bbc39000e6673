package dev.docent.retrieval;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The passages behind stored references (citations), as a reader may see them now: a chunk whose document was
 * deleted, or whose collection no longer admits the reader's groups, is simply absent. The same access rule as
 * search, applied when a conversation is read rather than when it was answered.
 */
@ApplicationScoped
public class PassageAccess {

    private static final String STORED = """
            SELECT c.id, c.document_id, coalesce(d.title, d.file_name) AS title, d.media_type, c.page,
                   c.heading_path, c.content
            FROM chunks c
            JOIN documents d ON d.id = c.document_id
            JOIN collections col ON col.id = c.collection_id
            WHERE c.id = ANY (?::bigint[])
            """;

    private static final String READABLE = STORED + "  AND (cardinality(col.groups) = 0 OR col.groups && ?::text[])\n";

    /** The first chunk of each ready document among the ids, with its collection, for {@link #openings}. */
    private static final String OPENINGS = """
            SELECT DISTINCT ON (c.document_id) c.id, c.document_id, coalesce(d.title, d.file_name) AS title,
                   d.media_type, c.page, c.heading_path, c.content, col.name AS collection,
                   (cardinality(col.groups) = 0 OR col.groups && ?::text[]) AS readable
            FROM chunks c
            JOIN documents d ON d.id = c.document_id
            JOIN collections col ON col.id = c.collection_id
            WHERE c.document_id = ANY (?::uuid[]) AND d.status = 'ready'
            ORDER BY c.document_id, c.ordinal
            """;

    @Inject
    Jdbc jdbc;

    /**
     * The chunks among {@code chunkIds} that still exist, whoever may read them, by chunk id: for the training-data
     * export, which checks each passage's collection against the admin's choice itself.
     */
    public Map<Long, Passage> stored(Collection<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .list(
                        STORED,
                        PassageAccess::passage,
                        chunkIds.stream().map(String::valueOf).toList())
                .stream()
                .collect(Collectors.toMap(Passage::chunkId, Function.identity()));
    }

    /**
     * A document's opening passage, to cite a whole document (a curated answer relies on documents, not passages).
     *
     * @param readable a member of the groups asked about may read it now
     */
    public record Opening(Passage passage, String collection, boolean readable) {}

    /**
     * The openings (first chunk) of the ready documents among {@code documentIds}, by document id, each saying whether a
     * member of {@code groups} may read it now; a document that is gone or not ready is absent.
     */
    public Map<java.util.UUID, Opening> openings(Collection<java.util.UUID> documentIds, Set<String> groups) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .list(
                        OPENINGS,
                        row -> new Opening(passage(row), row.getString("collection"), row.getBoolean("readable")),
                        List.copyOf(groups),
                        documentIds.stream().distinct().map(String::valueOf).toList())
                .stream()
                .collect(Collectors.toMap(o -> o.passage().documentId(), Function.identity()));
    }

    /** The chunks among {@code chunkIds} that a member of {@code groups} may read now, by chunk id. */
    public Map<Long, Passage> readable(Collection<Long> chunkIds, Set<String> groups) {
        if (chunkIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = chunkIds.stream().map(String::valueOf).toList();
        return jdbc.list(READABLE, PassageAccess::passage, ids, List.copyOf(groups)).stream()
                .collect(Collectors.toMap(Passage::chunkId, Function.identity()));
    }

    /** A stored chunk as a passage; scores are for searches, so none here. */
    private static Passage passage(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Passage(
                row.getLong("id"),
                row.getObject("document_id", java.util.UUID.class),
                row.getString("title"),
                row.getString("media_type"),
                (Integer) row.getObject("page"),
                Jdbc.strings(row, "heading_path"),
                row.getString("content"),
                0,
                0);
    }
}
