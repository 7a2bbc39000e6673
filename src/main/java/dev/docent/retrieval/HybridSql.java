package dev.docent.retrieval;

import com.pgvector.PGvector;
import dev.docent.retrieval.RetrievalConfig.Fusion;
import dev.docent.retrieval.RetrievalConfig.KeywordScore;
import dev.docent.retrieval.RetrievalConfig.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The hybrid search as one SQL statement with its parameters, for a set of {@link SearchOptions}: nearest neighbours
 * (pgvector HNSW) and keyword matches, both only over collections open to the caller's groups, fused, then each
 * document's best chunks.
 */
final class HybridSql {

    /** Okapi BM25's usual constants: term-frequency saturation and length normalisation. */
    static final double BM25_K1 = 1.2;

    static final double BM25_B = 0.75;

    private static final String READABLE = """
            WITH readable AS (
                SELECT id FROM collections
                WHERE (cardinality(groups) = 0 OR groups && ?::text[]) AND (?::text IS NULL OR name = ?::text)
            ),
            current_model AS (
                SELECT id FROM documents WHERE embedding_model = ?
            ),
            vector_hits AS (
                SELECT id, 1 - distance AS score, row_number() OVER (ORDER BY distance) AS rank
                FROM (SELECT c.id, c.embedding <=> ? AS distance
                      FROM chunks c
                      WHERE c.collection_id IN (SELECT id FROM readable)
                        AND c.document_id IN (SELECT id FROM current_model)
                      ORDER BY c.embedding <=> ?
                      LIMIT ?) nearest
                WHERE ?
            ),
            """;

    /**
     * Most chunks the keyword search reads and scores per query. An OR of common words matches a large share of a big
     * knowledge base (measured on a 100k-chunk copy of SQuAD: p50 1 s for BM25 over every match), so rows come from
     * the question's rarest words, taken while their chunk counts add up to this budget; the other words still add to
     * those rows' scores. When even the rarest word is commoner than the budget, rows must contain every word (AND).
     */
    static final int KEYWORD_ROW_BUDGET = 1000;

    // Document frequencies and lengths from Flyway V9's per-collection statistics, summed over the readable
    // collections only. Term frequency counts as 1: chunks are short (128 tokens), so words rarely repeat, and reading
    // each row's positions (unnest) doubled the query's time.
    private static final String BM25 = """
            totals AS (
                SELECT coalesce(sum(chunks), 0) AS chunks,
                       coalesce(sum(lexemes)::float8 / nullif(sum(chunks), 0), 1) AS average_length
                FROM keyword_collections WHERE collection_id IN (SELECT id FROM readable)
            ),
            terms AS (
                SELECT t.lexeme, quote_literal(t.lexeme)::tsquery AS alone, coalesce(sum(s.chunks), 0) AS df,
                       ln(1 + (n.chunks - coalesce(sum(s.chunks), 0) + 0.5) / (coalesce(sum(s.chunks), 0) + 0.5))::float8
                           AS idf
                FROM unnest(tsvector_to_array(to_tsvector('english', ?))) t(lexeme)
                CROSS JOIN totals n
                LEFT JOIN keyword_lexemes s ON s.lexeme = t.lexeme AND s.collection_id IN (SELECT id FROM readable)
                GROUP BY t.lexeme, n.chunks
            ),
            matching AS (
                SELECT coalesce(
                           (SELECT string_agg(quote_literal(lexeme), ' | ')
                            FROM (SELECT lexeme, sum(df) OVER (ORDER BY df, lexeme) AS running FROM terms WHERE df > 0) r
                            WHERE running <= %3$d),
                           (SELECT string_agg(quote_literal(lexeme), ' & ') FROM terms WHERE df > 0))::tsquery AS query
            ),
            keyword_hits AS (
                SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank
                FROM (SELECT c.id,
                             sum(t.idf) * (%1$s + 1) / (1 + %1$s * (1 - %2$s + %2$s * length(c.tsv) / n.average_length))
                                 AS score
                      FROM chunks c
                      CROSS JOIN totals n
                      CROSS JOIN matching m
                      JOIN terms t ON c.tsv @@ t.alone
                      WHERE c.tsv @@ m.query AND c.collection_id IN (SELECT id FROM readable) AND ?
                      GROUP BY c.id, n.average_length
                      ORDER BY score DESC, c.id
                      LIMIT ?) matches
            ),
            """.formatted(BM25_K1, BM25_B, KEYWORD_ROW_BUDGET);

    private static final String RANK_CD = """
            keyword_hits AS (
                SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank
                FROM (SELECT c.id, ts_rank_cd(c.tsv, query, ?) AS score
                      FROM chunks c, %s('english', ?) query
                      WHERE c.tsv @@ query AND c.collection_id IN (SELECT id FROM readable) AND ?
                      ORDER BY score DESC, c.id
                      LIMIT ?) matches
            ),
            """;

    private static final String RRF = """
            fused AS (
                SELECT id, sum(1.0 / (? + rank)) AS score
                FROM (SELECT id, rank FROM vector_hits UNION ALL SELECT id, rank FROM keyword_hits) ranked
                GROUP BY id
            ),
            """;

    // A list with one candidate (or equal scores) has no spread to scale by: its candidates count fully. %1$s is a
    // list's floor (a score there counts 0, as does a passage missing from the list), %2$s its spread.
    private static final String WEIGHTED = """
            fused AS (
                SELECT id, sum(weight * coalesce((score - low) / nullif(spread, 0), 1)) AS score
                FROM (SELECT id, score, ?::float8 AS weight, %1$s AS low, %2$s AS spread
                      FROM vector_hits
                      UNION ALL
                      SELECT id, score, 1 - ?::float8, %1$s, %2$s
                      FROM keyword_hits) scaled
                GROUP BY id
            ),
            """;

    private static final String BEST_PER_DOCUMENT = """
            best AS (
                SELECT f.id, f.score, row_number() OVER (PARTITION BY c.document_id ORDER BY f.score DESC, f.id) AS nth
                FROM fused f JOIN chunks c ON c.id = f.id
            )
            SELECT b.score, c.id, c.document_id, coalesce(d.title, d.file_name) AS title, d.media_type, c.page,
                   c.heading_path, c.content, 1 - (c.embedding <=> ?) AS similarity
            FROM best b
            JOIN chunks c ON c.id = b.id
            JOIN documents d ON d.id = c.document_id
            WHERE ? = 0 OR b.nth <= ?
            ORDER BY b.score DESC, c.id
            LIMIT ?
            """;

    final String sql;
    final List<Object> parameters = new ArrayList<>();

    /**
     * @param text the question as asked (the former AND search parses it itself)
     * @param modelName the embedding model of the current vectors
     */
    HybridSql(
            String text,
            KeywordQuery keywords,
            PGvector vector,
            int k,
            Set<String> groups,
            String collection,
            String modelName,
            SearchOptions options) {
        int candidates = Math.max(options.candidates(), 2 * k);
        boolean vectorOn = options.mode() != Mode.KEYWORD;
        StringBuilder sql = new StringBuilder(READABLE);
        add(List.copyOf(groups), collection, collection, modelName, vector, vector, candidates, vectorOn);
        KeywordScore score = options.keywordScore();
        boolean keywordOn = options.mode() != Mode.VECTOR && (score == KeywordScore.AND_RANK_CD || !keywords.isEmpty());
        switch (score) {
            case BM25 -> {
                sql.append(BM25);
                add(keywords.words(), keywordOn, candidates);
            }
            case AND_RANK_CD -> {
                sql.append(RANK_CD.formatted("websearch_to_tsquery"));
                add(0, text, keywordOn, candidates);
            }
            default -> {
                sql.append(RANK_CD.formatted("to_tsquery"));
                add(normalisation(score), keywords.orQuery(), keywordOn, candidates);
            }
        }
        if (options.fusion() == Fusion.RRF) {
            sql.append(RRF);
            add(options.rrfK());
        } else {
            sql.append(
                    switch (options.fusion()) {
                        case WEIGHTED_MAX -> WEIGHTED.formatted("0::float8", "max(score) OVER ()");
                        case WEIGHTED_Z -> WEIGHTED.formatted("min(score) OVER ()", "stddev_pop(score) OVER ()");
                        default -> WEIGHTED.formatted("min(score) OVER ()", "max(score) OVER () - min(score) OVER ()");
                    });
            add(options.vectorWeight(), options.vectorWeight());
        }
        sql.append(BEST_PER_DOCUMENT);
        add(vector, options.chunksPerDocument(), options.chunksPerDocument(), k);
        this.sql = sql.toString();
    }

    private static int normalisation(KeywordScore score) {
        return switch (score) {
            case OR_RANK_CD_LOG_LENGTH -> 1;
            case OR_RANK_CD_LENGTH -> 2;
            default -> 0;
        };
    }

    private void add(Object... values) {
        parameters.addAll(Arrays.asList(values));
    }
}
