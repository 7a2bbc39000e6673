package dev.docent.retrieval;

import dev.docent.retrieval.RetrievalConfig.Fusion;
import dev.docent.retrieval.RetrievalConfig.KeywordScore;
import dev.docent.retrieval.RetrievalConfig.Mode;

/**
 * How one search runs: the configured defaults ({@link #of(RetrievalConfig)}), or variants a benchmark compares.
 *
 * @param candidates passages each search contributes to the fusion
 * @param chunksPerDocument most passages of one document in the result (0: no limit)
 * @param efSearch HNSW search breadth
 */
public record SearchOptions(
        Mode mode,
        KeywordScore keywordScore,
        Fusion fusion,
        double vectorWeight,
        int rrfK,
        int candidates,
        int chunksPerDocument,
        int efSearch) {

    public SearchOptions {
        if (vectorWeight < 0 || vectorWeight > 1) {
            throw new IllegalArgumentException("vectorWeight must be within 0..1: " + vectorWeight);
        }
        if (candidates < 1 || chunksPerDocument < 0 || efSearch < 1 || rrfK < 0) {
            throw new IllegalArgumentException("candidates and efSearch must be positive, the others not negative");
        }
    }

    /** The configured way. */
    public static SearchOptions of(RetrievalConfig config) {
        return new SearchOptions(
                config.mode(),
                config.keywordScore(),
                config.fusion(),
                config.vectorWeight(),
                config.rrfK(),
                config.candidates(),
                config.chunksPerDocument(),
                config.efSearch());
    }

    public SearchOptions withMode(Mode value) {
        return new SearchOptions(
                value, keywordScore, fusion, vectorWeight, rrfK, candidates, chunksPerDocument, efSearch);
    }

    public SearchOptions withKeywordScore(KeywordScore value) {
        return new SearchOptions(mode, value, fusion, vectorWeight, rrfK, candidates, chunksPerDocument, efSearch);
    }

    public SearchOptions withFusion(Fusion value, double weight) {
        return new SearchOptions(mode, keywordScore, value, weight, rrfK, candidates, chunksPerDocument, efSearch);
    }

    public SearchOptions withChunksPerDocument(int value) {
        return new SearchOptions(mode, keywordScore, fusion, vectorWeight, rrfK, candidates, value, efSearch);
    }

    public SearchOptions withCandidates(int value) {
        return new SearchOptions(mode, keywordScore, fusion, vectorWeight, rrfK, value, chunksPerDocument, efSearch);
    }

    public SearchOptions withEfSearch(int value) {
        return new SearchOptions(mode, keywordScore, fusion, vectorWeight, rrfK, candidates, chunksPerDocument, value);
    }
}
