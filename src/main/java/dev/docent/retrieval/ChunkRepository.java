package dev.docent.retrieval;

import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads about stored chunks that answering and the gap reports need besides their text: where they sit, and whose. */
@ApplicationScoped
public class ChunkRepository {

    /**
     * Where a chunk sits.
     *
     * @param ordinal its position in its document
     * @param localOnly its collection's content must never reach a commercial model
     * @param collection its collection's name
     * @param restricted its collection is open to some groups only
     */
    public record Place(
            long chunkId, UUID documentId, int ordinal, boolean localOnly, String collection, boolean restricted) {}

    @Inject
    Jdbc jdbc;

    /** The places of the chunks that still exist, by chunk id. */
    public Map<Long, Place> places(Collection<Long> chunkIds) {
        Map<Long, Place> places = new HashMap<>();
        if (chunkIds.isEmpty()) {
            return places;
        }
        jdbc.list(
                        """
                        SELECT c.id, c.document_id, c.ordinal, col.local_only, col.name,
                               cardinality(col.groups) > 0 AS restricted
                        FROM chunks c JOIN collections col ON col.id = c.collection_id
                        WHERE c.id = ANY(?::bigint[])
                        """,
                        row -> new Place(
                                row.getLong("id"),
                                row.getObject("document_id", UUID.class),
                                row.getInt("ordinal"),
                                row.getBoolean("local_only"),
                                row.getString("name"),
                                row.getBoolean("restricted")),
                        chunkIds.stream().distinct().map(String::valueOf).toList())
                .forEach(p -> places.put(p.chunkId(), p));
        return places;
    }

    /** Collection names of chunks, in the order of the ids given, without repeats. */
    public List<String> collectionsOf(List<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return List.of();
        }
        return jdbc.list(
                """
                SELECT col.name FROM unnest(?::bigint[]) WITH ORDINALITY AS r(id, n)
                JOIN chunks c ON c.id = r.id JOIN collections col ON col.id = c.collection_id
                GROUP BY col.name ORDER BY min(r.n)
                """,
                row -> row.getString(1),
                chunkIds.stream().map(String::valueOf).toList());
    }
}
