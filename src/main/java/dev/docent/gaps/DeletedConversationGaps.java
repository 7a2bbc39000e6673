package dev.docent.gaps;

import dev.docent.chat.ConversationDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A deleted conversation leaves nothing behind in the gap reports: its questions leave their clusters, which are
 * refreshed (centroid, label) or dropped when empty. Runs inside the deleting transaction, so a failure here keeps the
 * conversation rather than leaving its questions behind.
 */
@ApplicationScoped
public class DeletedConversationGaps {

    @Inject
    GapRepository gaps;

    void onDeleted(@Observes ConversationDeleted deleted) {
        if (deleted.messageIds().isEmpty()) {
            return;
        }
        gaps.lockClusters();
        for (long cluster : gaps.forget(deleted.messageIds())) {
            gaps.refresh(cluster, false);
        }
    }
}
