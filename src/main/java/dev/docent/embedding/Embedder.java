package dev.docent.embedding;

import java.util.List;

/** Turns texts into vectors with one model; counts text in that model's own tokens. */
public interface Embedder {

    /** The model's name, recorded with every embedded document. */
    String modelName();

    /** Length of every vector this embedder returns. */
    int dimension();

    /** The most tokens of content one text may have; anything past it would be silently ignored by the model. */
    int maxTokens();

    /** Tokens of {@code text} as the model counts them (without the special tokens it adds itself). */
    int countTokens(String text);

    /** Vectors for texts, in order, each L2-normalized. */
    List<float[]> embedAll(List<String> texts);

    /** The vector of one text. */
    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /**
     * What the model wants before a search query (bge's "Represent this sentence for searching relevant passages: "),
     * empty for models trained without one. Passages are embedded without it.
     */
    default String queryInstruction() {
        return "";
    }

    /** The vector of a search query: the text behind the model's {@link #queryInstruction()}. */
    default float[] embedQuery(String query) {
        return embed(queryInstruction() + query);
    }
}
