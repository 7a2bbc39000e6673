package dev.docent.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether the text Docent embeds stays on hardware the organisation controls: always with the in-process model; with a
 * remote endpoint only when the operator declares it theirs ({@code docent.embedding.remote-is-local}). Collections
 * marked local-only need it: their chunks go to the embedding model, so a commercial embedding endpoint would receive
 * them. Embedding them in process while the rest goes to the endpoint is not possible (one vector space per database),
 * so Docent refuses instead, with this message.
 */
@ApplicationScoped
public class EmbeddingLocality {

    private final Optional<String> refusal;

    @Inject
    public EmbeddingLocality(EmbeddingConfig config) {
        this(config.provider(), config.baseUrl(), config.remoteIsLocal());
    }

    public EmbeddingLocality(EmbeddingConfig.Provider provider, Optional<String> baseUrl, boolean remoteIsLocal) {
        boolean local = provider == EmbeddingConfig.Provider.IN_PROCESS || remoteIsLocal;
        this.refusal = local
                ? Optional.empty()
                : Optional.of("Docent embeds text with the remote endpoint " + baseUrl.orElse("(no URL)")
                        + " (DOCENT_EMBEDDING_PROVIDER=openai-compatible), so the content of a local-only collection"
                        + " would leave your infrastructure. Use the in-process model, or set"
                        + " DOCENT_EMBEDDING_REMOTE_IS_LOCAL=true if that endpoint runs on hardware you control.");
    }

    /** Whether embedded text stays local. */
    public boolean contentStaysLocal() {
        return refusal.isEmpty();
    }

    /** Why local-only content cannot be embedded now; empty when it can. */
    public Optional<String> localOnlyRefusal() {
        return refusal;
    }
}
