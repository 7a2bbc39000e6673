package dev.docent.ingestion;

import dev.docent.cluster.Leadership;
import dev.docent.embedding.Embedder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * After the embedding model changes, re-embeds every document in the background. Until a document is done, vector
 * search skips it (its vectors belong to another model) and keyword search still finds it.
 */
@ApplicationScoped
public class ModelChangeWatcher {

    private static final Logger LOG = Logger.getLogger(ModelChangeWatcher.class);

    @Inject
    Embedder embedder;

    @Inject
    DocumentRepository documents;

    @Inject
    DocumentService service;

    @Inject
    Leadership leadership;

    void onStart(@Observes StartupEvent event) {
        // Instances of a fleet starting together after the change: the first queues the documents (they are no longer
        // "ready" then), so the others find none left to queue.
        leadership.exclusively("embedding-model-change", () -> {
            List<UUID> stale = documents.embeddedWithOtherModel(embedder.modelName());
            if (!stale.isEmpty()) {
                LOG.infof(
                        "Embedding model is now %s: re-embedding %d document(s) in the background",
                        embedder.modelName(), stale.size());
                stale.forEach(service::reindexInBackground);
            }
            return null;
        });
    }
}
