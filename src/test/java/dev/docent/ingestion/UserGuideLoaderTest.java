package dev.docent.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new installation gets Docent's own user guide, in several formats, ready to ask about. */
@QuarkusTest
class UserGuideLoaderTest {

    @Inject
    UserGuideLoader loader;

    @Inject
    Jdbc jdbc;

    @Test
    void theGuideIsIngestedInEveryFormatAndRemembered() {
        loader.load();
        List<String> ids = jdbc.list("""
                SELECT d.id::text FROM documents d JOIN collections c ON c.id = d.collection_id
                WHERE c.name = 'docent-guide' ORDER BY d.file_name
                """, row -> row.getString(1));
        assertEquals(UserGuideLoader.FILES.size(), ids.size(), "one document per guide file");
        List<String> types = ids.stream()
                .map(id -> Documents.awaitFinal(id, Duration.ofSeconds(120)))
                .peek(doc -> assertEquals("ready", doc.get("status"), doc.toString()))
                .map(doc -> (String) doc.get("mediaType"))
                .sorted()
                .toList();
        assertEquals(List.of("text/html", "text/markdown", "text/plain"), types);
        assertTrue(
                jdbc.one("SELECT value FROM settings WHERE key = ?", row -> row.getString(1), UserGuideLoader.LOADED)
                        .isPresent(),
                "loading is remembered, so a deleted guide does not come back");
    }
}
