package dev.docent.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Which model turns text into vectors, for documents and questions alike. */
@ConfigMapping(prefix = "docent.embedding")
public interface EmbeddingConfig {

    /** Where embeddings are computed. */
    enum Provider {
        /** An ONNX model shipped inside Docent's jars, run on the CPU. */
        IN_PROCESS,
        /** A remote {@code /v1/embeddings} endpoint (OpenAI, vLLM, Ollama, LM Studio...). */
        OPENAI_COMPATIBLE
    }

    /** {@code in-process} (default) or {@code openai-compatible}. */
    @WithDefault("in-process")
    Provider provider();

    /**
     * The model. In process: {@value InProcessModels#MINILM} or {@value InProcessModels#BGE_SMALL}. Remote: the
     * endpoint's model name (e.g. {@code text-embedding-3-small}).
     */
    @WithDefault(InProcessModels.BGE_SMALL)
    String model();

    /**
     * Vector dimension; fixed when the database is created (the {@code vector(n)} column). A remote model must produce
     * it (OpenAI's text-embedding-3 models shorten their output to it).
     */
    @WithDefault("384")
    int dimension();

    /** Base URL of the remote endpoint, e.g. {@code http://localhost:8000/v1}. */
    Optional<String> baseUrl();

    /** API key of the remote endpoint; from the environment only ({@code DOCENT_EMBEDDING_API_KEY}). */
    Optional<String> apiKey();

    /**
     * The remote endpoint runs on hardware the organisation controls (a vLLM or Ollama server of its own), so
     * collections marked local-only may be embedded by it. Off (the default), Docent refuses local-only collections
     * while it embeds remotely: their text would reach the endpoint. Env: {@code DOCENT_EMBEDDING_REMOTE_IS_LOCAL}.
     */
    @WithDefault("false")
    boolean remoteIsLocal();

    /** Largest input of the remote model, in tokens (Docent counts them with a BERT tokenizer). */
    @WithDefault("512")
    int remoteMaxTokens();

    /**
     * Whether search queries get the model's query instruction (bge-small-en-v1.5's "Represent this sentence for
     * searching relevant passages: "; MiniLM has none). Off: {@code make bench-answer} measured no gain in hybrid
     * search beyond noise, and it shifts question-to-passage similarities, which answer thresholds are calibrated on.
     */
    @WithDefault("false")
    boolean queryInstruction();

    /** Texts sent per call to the model. */
    @WithDefault("32")
    int batchSize();
}
