package dev.docent.embedding;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Builds the configured {@link Embedder} once, at start-up. */
@ApplicationScoped
public class EmbedderProducer {

    private static final Logger LOG = Logger.getLogger(EmbedderProducer.class);

    @Produces
    @ApplicationScoped
    Embedder embedder(EmbeddingConfig config) {
        // Both shipped models use BERT's uncased WordPiece vocabulary, which this estimator loads.
        HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
        Embedder embedder = switch (config.provider()) {
            case IN_PROCESS ->
                new LangChainEmbedder(
                        InProcessModels.load(config.model()),
                        tokens,
                        config.model(),
                        config.dimension(),
                        InProcessModels.window(config.model()),
                        config.queryInstruction() ? InProcessModels.queryInstruction(config.model()) : "");
            case OPENAI_COMPATIBLE -> remote(config, tokens);
        };
        LOG.infof(
                "Embedding with %s (%s, %d dimensions, %d tokens per text)",
                embedder.modelName(), config.provider(), embedder.dimension(), embedder.maxTokens());
        return embedder;
    }

    private static Embedder remote(EmbeddingConfig config, HuggingFaceTokenCountEstimator tokens) {
        String baseUrl = config.baseUrl()
                .orElseThrow(() -> new IllegalStateException(
                        "DOCENT_EMBEDDING_PROVIDER=openai-compatible needs DOCENT_EMBEDDING_BASE_URL"));
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder()
                .baseUrl(baseUrl)
                .apiKey(config.apiKey().orElse("none"))
                .modelName(config.model())
                .dimensions(config.model().startsWith("text-embedding-3") ? config.dimension() : null)
                .timeout(Duration.ofSeconds(60))
                .maxRetries(2)
                .build();
        return new LangChainEmbedder(model, tokens, config.model(), config.dimension(), config.remoteMaxTokens());
    }
}
