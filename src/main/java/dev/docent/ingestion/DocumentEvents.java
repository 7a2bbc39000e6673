package dev.docent.ingestion;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Live document status for the documents page: every change is broadcast to whoever listens (server-sent events). */
@ApplicationScoped
public class DocumentEvents {

    static final int BUFFER = 1024;

    private final BroadcastProcessor<DocumentView> processor = BroadcastProcessor.create();

    public void publish(DocumentView document) {
        processor.onNext(document.summary());
    }

    /**
     * Changes from now on. Events come in bursts (storing, then ready, within a millisecond), so each listener gets a
     * buffer; one that falls more than {@value #BUFFER} events behind is disconnected, and the page reconnects and
     * reloads the list rather than silently missing a change.
     */
    public Multi<DocumentView> stream() {
        return processor.onOverflow().buffer(BUFFER);
    }
}
