package dev.docent.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The documents page never misses a status change, even when changes come faster than it reads them. */
class DocumentEventsTest {

    @Test
    void aBurstOfChangesReachesASlowListenerInOrder() {
        DocumentEvents events = new DocumentEvents();
        AssertSubscriber<DocumentView> page = events.stream().subscribe().withSubscriber(AssertSubscriber.create(1));
        List<String> stages = List.of("parsing", "chunking", "embedding", "storing", "ready");
        stages.forEach(stage -> events.publish(view(stage)));
        page.request(stages.size());
        assertEquals(stages, page.getItems().stream().map(DocumentView::stage).toList());
    }

    @Test
    void aListenerFarBehindIsDisconnectedRatherThanSilentlyMissingChanges() {
        DocumentEvents events = new DocumentEvents();
        AssertSubscriber<DocumentView> page = events.stream().subscribe().withSubscriber(AssertSubscriber.create(0));
        IntStream.rangeClosed(0, DocumentEvents.BUFFER).forEach(i -> events.publish(view("embedding")));
        page.assertFailedWith(Exception.class);
    }

    private static DocumentView view(String stage) {
        return new DocumentView(
                UUID.randomUUID(),
                null,
                "a.md",
                "general",
                null,
                1,
                "sha",
                "processing",
                stage,
                0.5,
                null,
                null,
                null,
                null,
                "admin",
                Instant.now(),
                Instant.now(),
                null,
                null,
                null);
    }
}
