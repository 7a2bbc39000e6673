package dev.docent.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.embedding.Embedder;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** After the embedding model changes, documents embedded with the old one are re-embedded in the background. */
@QuarkusTest
class ModelChangeTest {

    @Inject
    ModelChangeWatcher watcher;

    @Inject
    Embedder embedder;

    @Inject
    Jdbc jdbc;

    @Test
    void documentsOfAnotherModelAreReembeddedWithTheCurrentOne() {
        String id = Documents.upload("model.md", Documents.markdown("Model change"), null)
                .then()
                .extract()
                .path("id");
        int chunks = (Integer) Documents.awaitFinal(id, Duration.ofSeconds(90)).get("chunks");
        jdbc.update("UPDATE documents SET embedding_model = 'an-older-model' WHERE id = ?", UUID.fromString(id));

        watcher.onStart(null);

        Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(90));
        assertEquals("ready", document.get("status"));
        assertEquals(embedder.modelName(), document.get("embeddingModel"));
        assertEquals(chunks, document.get("chunks"), "the same chunks, with new vectors");
    }
}
