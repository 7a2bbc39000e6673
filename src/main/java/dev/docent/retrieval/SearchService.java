package dev.docent.retrieval;

import com.pgvector.PGvector;
import dev.docent.embedding.Embedder;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Hybrid search: nearest neighbours by cosine distance (pgvector HNSW) and full-text matches (PostgreSQL
 * {@code tsvector}), fused by reciprocal rank. Access control is part of the SQL: both searches only ever see chunks of
 * collections open to the caller's groups, before ranking, so filtered results are still full (HNSW iterative scans).
 */
@ApplicationScoped
public class SearchService {

    static final int SNIPPET_LENGTH = 300;

    private static final String SEARCH = """
            WITH readable AS (
                SELECT id FROM collections
                WHERE (cardinality(groups) = 0 OR groups && ?::text[]) AND (?::text IS NULL OR name = ?::text)
            ),
            current_model AS (
                SELECT id FROM documents WHERE embedding_model = ?
            ),
            vector_hits AS (
                SELECT id, row_number() OVER (ORDER BY distance) AS rank
                FROM (SELECT c.id, c.embedding <=> ? AS distance
                      FROM chunks c
                      WHERE c.collection_id IN (SELECT id FROM readable)
                        AND c.document_id IN (SELECT id FROM current_model)
                      ORDER BY c.embedding <=> ?
                      LIMIT ?) nearest
                WHERE ?
            ),
            keyword_hits AS (
                SELECT id, row_number() OVER (ORDER BY rank_cd DESC, id) AS rank
                FROM (SELECT c.id, ts_rank_cd(c.tsv, query) AS rank_cd
                      FROM chunks c, websearch_to_tsquery('english', ?) query
                      WHERE c.tsv @@ query AND c.collection_id IN (SELECT id FROM readable)
                      ORDER BY rank_cd DESC
                      LIMIT ?) matches
                WHERE ?
            ),
            fused AS (
                SELECT id, sum(1.0 / (? + rank)) AS score
                FROM (SELECT * FROM vector_hits UNION ALL SELECT * FROM keyword_hits) ranked
                GROUP BY id
            )
            SELECT f.score, c.id, c.document_id, coalesce(d.title, d.file_name) AS title, d.media_type, c.page,
                   c.heading_path, c.content, 1 - (c.embedding <=> ?) AS similarity
            FROM fused f
            JOIN chunks c ON c.id = f.id
            JOIN documents d ON d.id = c.document_id
            ORDER BY f.score DESC, c.id
            LIMIT ?
            """;

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    RetrievalConfig config;

    /** The best passages for a query among the collections open to {@code groups}, as search results. */
    public List<SearchHit> search(String query, Integer k, Set<String> groups) {
        return retrieve(query, k, groups).stream().map(Passage::toHit).toList();
    }

    /** The best passages for a query among the collections open to {@code groups}, whole. */
    @Transactional
    public List<Passage> retrieve(String query, Integer k, Set<String> groups) {
        return retrieve(query, k, groups, null);
    }

    /** The same, in one collection only when {@code collection} (a name) is given. */
    @Transactional
    public List<Passage> retrieve(String query, Integer k, Set<String> groups, String collection) {
        return retrieval(query, k, groups, collection).passages();
    }

    /** The same, with the query's vector, for callers that need it afterwards (answering, the gap reports). */
    @Transactional
    public Retrieval retrieval(String query, Integer k, Set<String> groups, String collection) {
        String text = validQuery(query);
        int limit = validK(k);
        RetrievalConfig.Mode mode = config.mode();
        float[] vector = mode == RetrievalConfig.Mode.KEYWORD ? null : embedder.embed(text);
        return new Retrieval(retrieve(text, vector, limit, groups, collection, mode, config.efSearch()), vector);
    }

    /**
     * The database half of {@link #retrieve(String, Integer, Set, String)}: a query whose vector is already computed
     * (null for keyword-only), a mode and an HNSW search breadth, so benchmarks can time and compare the search itself.
     */
    @Transactional
    public List<Passage> retrieve(
            String text,
            float[] queryVector,
            int k,
            Set<String> groups,
            String collection,
            RetrievalConfig.Mode mode,
            int efSearch) {
        PGvector vector = new PGvector(queryVector == null ? new float[embedder.dimension()] : queryVector);
        return jdbc.withConnection(c -> {
            try (Statement settings = c.createStatement()) {
                // Filtered HNSW scans go on until they have enough rows (pgvector 0.8), for this transaction only.
                settings.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                settings.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, config.candidates()));
            }
            try (PreparedStatement statement = Jdbc.prepare(
                    c,
                    SEARCH,
                    List.copyOf(groups),
                    collection,
                    collection,
                    embedder.modelName(),
                    vector,
                    vector,
                    config.candidates(),
                    mode != RetrievalConfig.Mode.KEYWORD,
                    text,
                    config.candidates(),
                    mode != RetrievalConfig.Mode.VECTOR,
                    config.rrfK(),
                    vector,
                    k)) {
                List<Passage> passages = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        passages.add(new Passage(
                                row.getLong("id"),
                                row.getObject("document_id", UUID.class),
                                row.getString("title"),
                                row.getString("media_type"),
                                (Integer) row.getObject("page"),
                                Jdbc.strings(row, "heading_path"),
                                row.getString("content"),
                                row.getDouble("score"),
                                queryVector == null ? 0 : row.getDouble("similarity")));
                    }
                }
                return passages;
            }
        });
    }

    private String validQuery(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException(400, "Say what to search for: the 'q' parameter is empty.");
        }
        if (query.length() > config.maxQueryLength()) {
            throw new InvalidInputException(
                    400,
                    "The query has " + query.length() + " characters; the limit is " + config.maxQueryLength() + ".");
        }
        return query.strip();
    }

    private int validK(Integer k) {
        if (k == null) {
            return config.topK();
        }
        if (k < 1 || k > config.maxK()) {
            throw new InvalidInputException(400, "k must be between 1 and " + config.maxK() + ".");
        }
        return k;
    }
}
