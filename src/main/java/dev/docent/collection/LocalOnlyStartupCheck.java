package dev.docent.collection;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses to start when local-only collections exist and the embedding configuration would send their text to a
 * remote endpoint (re-indexing, new uploads): a configuration change must not quietly break the promise a collection
 * makes. The message names the collections and the two ways out.
 */
@ApplicationScoped
public class LocalOnlyStartupCheck {

    @Inject
    CollectionService collections;

    void onStart(@Observes StartupEvent event) {
        String atRisk = String.join(", ", collections.localOnlyAtRisk());
        if (!atRisk.isEmpty()) {
            throw new IllegalStateException("Docent will not start: the collections " + atRisk
                    + " are local-only, and the embedding configuration would send their text off site. "
                    + collections.localOnlyRefusalReason()
                    + " Or remove the local-only mark from those collections first.");
        }
    }
}
