package dev.docent.retrieval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How passages are found for a question. */
@ConfigMapping(prefix = "docent.retrieval")
public interface RetrievalConfig {

    /** Which searches run: both fused (default), or one alone (for comparisons). */
    enum Mode {
        HYBRID,
        VECTOR,
        KEYWORD
    }

    /** How keyword matches are found and ranked ({@code make bench-answer} compares them). */
    enum KeywordScore {
        /** Any of the question's content words may match; Okapi BM25 over per-collection statistics (Flyway V9). */
        BM25,
        /** Any word may match; PostgreSQL's cover density {@code ts_rank_cd}, not normalised (no word rarity). */
        OR_RANK_CD,
        /** As {@link #OR_RANK_CD}, divided by 1 + the log of the chunk's length (normalisation 1). */
        OR_RANK_CD_LOG_LENGTH,
        /** As {@link #OR_RANK_CD}, divided by the chunk's length (normalisation 2). */
        OR_RANK_CD_LENGTH,
        /** Docent before BM25: every word must match ({@code websearch_to_tsquery}), ranked by {@code ts_rank_cd}. */
        AND_RANK_CD
    }

    /** How the vector and the keyword rankings become one. */
    enum Fusion {
        /** Reciprocal rank fusion: each list adds 1 / ({@link #rrfK()} + rank). */
        RRF,
        /**
         * Each list's scores scaled to 0..1 over its candidates (min-max), then {@link #vectorWeight()} x vector +
         * (1 - weight) x keyword.
         */
        WEIGHTED,
        /**
         * As {@link #WEIGHTED}, each list's scores divided by its highest instead (the floor is 0, the lowest a cosine
         * similarity or a BM25 score takes in practice), so candidates that score alike stay alike.
         */
        WEIGHTED_MAX,
        /**
         * As {@link #WEIGHTED}, each list's scores minus its lowest, divided by their standard deviation (z-scores
         * shifted to start at 0), so one outlier does not squeeze the others together.
         */
        WEIGHTED_Z
    }

    @WithDefault("hybrid")
    Mode mode();

    /** Keyword ranking; BM25 won on SQuAD and SciFact (README, retrieval quality). */
    @WithDefault("bm25")
    KeywordScore keywordScore();

    /** Fusion of the two rankings in hybrid mode. */
    @WithDefault("weighted")
    Fusion fusion();

    /** Share of the vector score in {@link Fusion#WEIGHTED} fusion (0..1); chosen on half of each benchmark set. */
    @WithDefault("0.6")
    double vectorWeight();

    /**
     * Most passages of one document in a result list (0: no limit). 1 returns each document's best chunk, so ten
     * results are ten documents rather than five chunks of one.
     */
    @WithDefault("1")
    int chunksPerDocument();

    /** Passages returned when the caller does not say. */
    @WithDefault("10")
    int topK();

    /** Most passages one search may return. */
    @WithDefault("50")
    int maxK();

    /** Candidates each search contributes to the fusion (at least twice the passages asked for). */
    @WithDefault("40")
    int candidates();

    /** Reciprocal rank fusion constant: larger flattens the difference between ranks. */
    @WithDefault("60")
    int rrfK();

    /**
     * HNSW search breadth ({@code hnsw.ef_search}); higher finds more true neighbours, slower. 200 keeps recall@10
     * against an exact search near 0.99 at 100k chunks with Flyway V6's index (measured by {@code make bench}).
     */
    @WithDefault("200")
    int efSearch();

    /** Longest question or query accepted, in characters. */
    @WithDefault("4000")
    int maxQueryLength();
}
