package dev.docent.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.Objects;

/** An {@link Embedder} over a LangChain4j embedding model, in process or remote. */
final class LangChainEmbedder implements Embedder {

    private final EmbeddingModel model;
    private final TokenCountEstimator tokens;
    private final String name;
    private final int dimension;
    private final int maxTokens;
    private final String queryInstruction;

    LangChainEmbedder(EmbeddingModel model, TokenCountEstimator tokens, String name, int dimension, int maxTokens) {
        this(model, tokens, name, dimension, maxTokens, "");
    }

    LangChainEmbedder(
            EmbeddingModel model,
            TokenCountEstimator tokens,
            String name,
            int dimension,
            int maxTokens,
            String queryInstruction) {
        this.model = Objects.requireNonNull(model, "model");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.name = name;
        this.dimension = dimension;
        this.maxTokens = maxTokens;
        this.queryInstruction = Objects.requireNonNull(queryInstruction, "queryInstruction");
    }

    @Override
    public String queryInstruction() {
        return queryInstruction;
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int countTokens(String text) {
        return text.isEmpty() ? 0 : tokens.estimateTokenCountInText(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings =
                model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return embeddings.stream().map(e -> normalized(e.vector())).toList();
    }

    private float[] normalized(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalStateException("Model " + name + " returned " + vector.length + " dimensions, Docent's"
                    + " database stores " + dimension + ": set DOCENT_EMBEDDING_DIMENSION to match the model");
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 1f : (float) (1 / Math.sqrt(norm));
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * scale;
        }
        return out;
    }
}
