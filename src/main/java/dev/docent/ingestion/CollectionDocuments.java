package dev.docent.ingestion;

import dev.docent.collection.CollectionDeleting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * A collection being deleted takes its documents along, in the deleting transaction. A worker busy with one of them
 * finds it gone when it stores its chunks and drops its work, as for a single deleted document.
 */
@ApplicationScoped
public class CollectionDocuments {

    private static final Logger LOG = Logger.getLogger(CollectionDocuments.class);

    @Inject
    DocumentRepository documents;

    void onDeleting(@Observes CollectionDeleting collection) {
        int deleted = documents.deleteAllIn(collection.id());
        LOG.infof("Collection %s deleted with its %d documents", collection.name(), deleted);
    }
}
