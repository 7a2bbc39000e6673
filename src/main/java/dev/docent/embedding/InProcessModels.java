package dev.docent.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/** The ONNX embedding models Docent ships, with their input windows as measured (see STACK.md). */
public final class InProcessModels {

    /** all-MiniLM-L6-v2, quantized: fast; reads 126 wordpieces of content. */
    public static final String MINILM = "all-minilm-l6-v2-q";

    /** bge-small-en-v1.5, quantized: slower; reads 510 wordpieces of content. */
    public static final String BGE_SMALL = "bge-small-en-v1.5-q";

    /** bge-small-en-v1.5's instruction for short queries against passages (from the model's card). */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private InProcessModels() {}

    /** The query instruction a model was trained with; empty when none. */
    static String queryInstruction(String name) {
        return BGE_SMALL.equals(name) ? BGE_QUERY_INSTRUCTION : "";
    }

    static EmbeddingModel load(String name) {
        return switch (name) {
            case MINILM -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            case BGE_SMALL -> new BgeSmallEnV15QuantizedEmbeddingModel();
            default -> throw unknown(name);
        };
    }

    static int window(String name) {
        return switch (name) {
            case MINILM -> 126;
            case BGE_SMALL -> 510;
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Unknown in-process embedding model '" + name
                + "': set DOCENT_EMBEDDING_MODEL" + " to " + MINILM + " or " + BGE_SMALL);
    }
}
