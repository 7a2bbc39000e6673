package dev.docent.gaps;

import com.pgvector.PGvector;
import dev.docent.embedding.Embedder;
import dev.docent.system.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closest passage in the collections a user may NOT read: how Docent tells a permissions gap ("withheld") from a
 * content gap. Its result only ever reaches knowledge managers, never the asker. A separate query rather than
 * SearchService with other groups, because SearchService always adds the open collections and only vector similarity
 * matters here.
 */
@ApplicationScoped
public class RestrictedSearch {

    /** The best hidden match: which collection holds it and how similar it is to the query. */
    public record HiddenMatch(String collection, double similarity) {}

    private static final String NEAREST_HIDDEN = """
            SELECT col.name, 1 - (c.embedding <=> ?) AS similarity
            FROM chunks c
            JOIN collections col ON col.id = c.collection_id
            WHERE cardinality(col.groups) > 0 AND NOT (col.groups && ?::text[])
              AND c.document_id IN (SELECT id FROM documents WHERE embedding_model = ?)
            ORDER BY c.embedding <=> ?
            LIMIT 1
            """;

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    public Optional<HiddenMatch> nearestHidden(float[] query, Set<String> groups) {
        PGvector vector = new PGvector(query);
        return QuarkusTransaction.requiringNew()
                .call(() -> jdbc.withConnection(c -> {
                    try (Statement settings = c.createStatement()) {
                        settings.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                    }
                    try (PreparedStatement statement = Jdbc.prepare(
                                    c, NEAREST_HIDDEN, vector, List.copyOf(groups), embedder.modelName(), vector);
                            ResultSet row = statement.executeQuery()) {
                        return row.next()
                                ? Optional.of(new HiddenMatch(row.getString(1), row.getDouble(2)))
                                : Optional.<HiddenMatch>empty();
                    }
                }));
    }
}
