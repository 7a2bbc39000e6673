package dev.docent.retrieval;

import com.pgvector.PGvector;
import dev.docent.embedding.Embedder;
import dev.docent.system.FirstTokenStages;
import dev.docent.system.InvalidInputException;
import dev.docent.system.Jdbc;
import dev.docent.system.ReadReplica;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
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
 * Hybrid search: nearest neighbours by cosine distance (pgvector HNSW) and keyword matches (any of the question's
 * content words, BM25-ranked over PostgreSQL {@code tsvector}s), fused, each document's best chunks first. Access
 * control is part of the SQL ({@link HybridSql}): both searches only ever see chunks of collections open to the
 * caller's groups, before ranking, so filtered results are still full (HNSW iterative scans).
 */
@ApplicationScoped
public class SearchService {

    static final int SNIPPET_LENGTH = 300;

    @Inject
    Jdbc jdbc;

    @Inject
    ReadReplica replica;

    @Inject
    Embedder embedder;

    @Inject
    RetrievalConfig config;

    @Inject
    Tracer tracer;

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
        float[] vector = mode == RetrievalConfig.Mode.KEYWORD ? null : embedQuestion(text);
        // Keyword search, vector search and their fusion are one SQL statement (HybridSql): one span for the three.
        Span span = tracer.spanBuilder("hybrid search").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return new Retrieval(retrieve(text, vector, limit, groups, collection, mode, config.efSearch()), vector);
        } finally {
            span.end();
        }
    }

    private float[] embedQuestion(String text) {
        Span span = tracer.spanBuilder("question embedding").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return embedder.embedQuery(text);
        } finally {
            span.end();
            FirstTokenStages.markCurrent(FirstTokenStages.Stage.EMBEDDING);
        }
    }

    /**
     * The same with another mode and fusion breadth (either null: as configured), for evaluation runs that compare
     * retrieval settings through the answering path.
     */
    @Transactional
    public Retrieval retrieval(
            String query,
            Integer k,
            Set<String> groups,
            String collection,
            RetrievalConfig.Mode mode,
            Integer candidates) {
        String text = validQuery(query);
        int limit = validK(k);
        RetrievalConfig.Mode chosen = mode == null ? config.mode() : mode;
        float[] vector = chosen == RetrievalConfig.Mode.KEYWORD ? null : embedder.embedQuery(text);
        FirstTokenStages.markCurrent(FirstTokenStages.Stage.EMBEDDING);
        SearchOptions options = SearchOptions.of(config).withMode(chosen).withChunksPerDocument(0);
        if (candidates != null) {
            options = options.withCandidates(candidates);
        }
        return new Retrieval(retrieve(text, vector, limit, groups, collection, options), vector);
    }

    /**
     * The database half of {@link #retrieve(String, Integer, Set, String)}: a query whose vector is already computed
     * (null for keyword-only), a mode and an HNSW search breadth, so benchmarks can time and compare the search itself.
     * Chunk-level: every chunk may appear, with no per-document limit (index recall and paragraph-level benchmarks count
     * chunks).
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
        return retrieve(
                text,
                queryVector,
                k,
                groups,
                collection,
                SearchOptions.of(config).withMode(mode).withEfSearch(efSearch).withChunksPerDocument(0));
    }

    /** The same with every choice of {@link SearchOptions} (fusion, keyword ranking, passages per document). */
    @Transactional
    public List<Passage> retrieve(
            String text, float[] queryVector, int k, Set<String> groups, String collection, SearchOptions options) {
        PGvector vector = new PGvector(queryVector == null ? new float[embedder.dimension()] : queryVector);
        HybridSql query = new HybridSql(
                text, KeywordQuery.of(text), vector, k, groups, collection, embedder.modelName(), options);
        // On the read replica when one is configured: search may trail the primary by the replication lag.
        return replica.lagging(() -> jdbc.withConnection(c -> {
            try (Statement settings = c.createStatement()) {
                // Filtered HNSW scans go on until they have enough rows (pgvector 0.8), for this transaction only.
                settings.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                settings.execute("SET LOCAL hnsw.ef_search = " + Math.max(options.efSearch(), options.candidates()));
            }
            try (PreparedStatement statement = Jdbc.prepare(c, query.sql, query.parameters.toArray())) {
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
        }));
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
