package dev.docent.ingestion;

import dev.docent.cluster.FleetEvents;
import dev.docent.cluster.FleetEvents.Channel;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Live document status for the documents page: every change is broadcast to whoever listens (server-sent events),
 * here and, through {@link FleetEvents}, on every other instance on the same database: a page connected to one instance
 * sees the documents another one ingests. Other instances announce only the id; the document is re-read here.
 */
@ApplicationScoped
public class DocumentEvents {

    static final int BUFFER = 1024;
    private static final Logger LOG = Logger.getLogger(DocumentEvents.class);

    private final BroadcastProcessor<DocumentView> processor = BroadcastProcessor.create();

    @Inject
    FleetEvents fleet;

    @Inject
    DocumentRepository documents;

    void start(@Observes StartupEvent event) {
        fleet.subscribe(Channel.DOCUMENTS, this::changedElsewhere);
    }

    public void publish(DocumentView document) {
        processor.onNext(document.summary());
        if (fleet == null) {
            return; // constructed by hand, outside CDI (unit tests): no other instance to tell
        }
        try {
            fleet.publish(Channel.DOCUMENTS, document.id() + " " + document.status());
        } catch (RuntimeException e) {
            // The change itself is stored; only pages on other instances miss it until they reload.
            LOG.warnf(e, "Could not tell the other instances that document %s is %s", document.id(), document.status());
        }
    }

    /**
     * Changes from now on. Events come in bursts (storing, then ready, within a millisecond), so each listener gets a
     * buffer; one that falls more than {@value #BUFFER} events behind is disconnected, and the page reconnects and
     * reloads the list rather than silently missing a change.
     */
    public Multi<DocumentView> stream() {
        return processor.onOverflow().buffer(BUFFER);
    }

    private void changedElsewhere(String payload) {
        UUID id = UUID.fromString(payload.split(" ", 2)[0]);
        documents.find(id).ifPresent(document -> processor.onNext(document.summary()));
    }
}
