package dev.docent.curated;

import dev.docent.embedding.Embedder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * After the embedding model changes, re-embeds the curated answers' questions at start-up (they are few and short),
 * since a query embedded by the new model is only ever compared with questions embedded by it.
 */
@ApplicationScoped
public class CuratedModelChange {

    private static final Logger LOG = Logger.getLogger(CuratedModelChange.class);

    private final CuratedRepository repository;
    private final Embedder embedder;

    CuratedModelChange(CuratedRepository repository, Embedder embedder) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Long> stale = repository.embeddedWithOtherModel(embedder.modelName());
        if (stale.isEmpty()) {
            return;
        }
        LOG.infof(
                "Embedding model is now %s: re-embedding the questions of %d curated answer(s)",
                embedder.modelName(), stale.size());
        for (long id : stale) {
            repository
                    .find(id)
                    .ifPresent(row -> repository.replaceQuestions(
                            id,
                            row.questions(),
                            row.questions().stream().map(embedder::embedQuery).toList(),
                            embedder.modelName()));
        }
    }
}
