package dev.docent.ingestion;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Live document status for the documents page: every change is broadcast to whoever listens (server-sent events). */
@ApplicationScoped
public class DocumentEvents {

    private final BroadcastProcessor<DocumentView> processor = BroadcastProcessor.create();

    public void publish(DocumentView document) {
        processor.onNext(document.summary());
    }

    /** Changes from now on; listeners that fall behind skip to the latest rather than slow the workers. */
    public Multi<DocumentView> stream() {
        return processor.onOverflow().drop();
    }
}
