package dev.docent.gaps;

import dev.docent.collection.CollectionRenamed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Gap questions name the collections of their closest passages; after a rename they name the new one (in the renaming
 * transaction), so the gap list's collection filter and columns keep matching the collection.
 */
@ApplicationScoped
class RenamedCollectionGaps {

    @Inject
    GapRepository gaps;

    void onRenamed(@Observes CollectionRenamed renamed) {
        gaps.renameCollection(renamed.from(), renamed.to());
    }
}
