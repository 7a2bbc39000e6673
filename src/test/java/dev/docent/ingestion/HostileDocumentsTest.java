package dev.docent.ingestion;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.HostileFixtures;
import dev.docent.testing.OfficeFixtures;
import dev.docent.testing.PdfFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that pass the upload check but cannot be read end as failed documents with a reason the admin can act on;
 * nothing of them becomes searchable, and the workers go on ingesting the next upload.
 */
@QuarkusTest
class HostileDocumentsTest {

    static final Duration INGEST = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Inject
    Jdbc jdbc;

    @Test
    void aScanOfNoTextFailsAfterOcrFoundNothing() throws Exception {
        Map<String, Object> document = ingest("scan.pdf", PdfFixtures.scannedPdf(dir, 2));
        assertEquals("failed", document.get("status"));
        assertTrue(((String) document.get("error")).contains("OCR found no text"), document.toString());
        assertNoChunks(document);
    }

    @Test
    void anEncryptedPdfAsksForThePasswordToBeRemoved() throws Exception {
        Map<String, Object> document = ingest("locked.pdf", PdfFixtures.encryptedPdf(dir));
        assertEquals("failed", document.get("status"));
        assertTrue(((String) document.get("error")).contains("password"), document.toString());
        assertNoChunks(document);
    }

    @Test
    void anEncryptedWordFileIsRefusedAtUpload() throws Exception {
        Documents.upload("locked.docx", Files.readAllBytes(OfficeFixtures.encryptedDocx(dir)), null)
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("password"));
    }

    @Test
    void aTruncatedPdfFailsWithAReason() throws Exception {
        Map<String, Object> document = ingest("broken.pdf", PdfFixtures.truncatedPdf(dir));
        assertEquals("failed", document.get("status"));
        assertTrue(((String) document.get("error")).length() > 20, "a sentence, not a code: " + document);
        assertNoChunks(document);
    }

    @Test
    void aZipBombFailsAndTheWorkerCarriesOn() throws Exception {
        Map<String, Object> bomb = ingest("bomb.docx", HostileFixtures.zipBombDocx(dir, 200));
        assertEquals("failed", bomb.get("status"));
        assertNoChunks(bomb);
        String next = Documents.upload("after-bomb.md", Documents.markdown("After bomb"), null)
                .then()
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(next, INGEST).get("status"));
    }

    @Test
    void anExternalEntityNeverLeaksLocalFiles() throws Exception {
        Map<String, Object> document = ingest("xxe.docx", HostileFixtures.xxeDocx(dir));
        int leaks = jdbc.one(
                        "SELECT count(*) FROM chunks WHERE document_id = ? AND content LIKE '%root:%'",
                        row -> row.getInt(1), UUID.fromString((String) document.get("id")))
                .orElseThrow();
        assertEquals(0, leaks, "no /etc/passwd content in any chunk");
    }

    @Test
    void aPdfKeepsItsPagesForCitations() throws Exception {
        String marker = UUID.randomUUID().toString();
        Path pdf = PdfFixtures.pdf(
                dir,
                "Safety manual " + marker,
                "Page one explains the fire exits and the assembly point in the car park.",
                "Page two lists the first aid kits on every floor next to the lifts.");
        Map<String, Object> document = ingest("manual.pdf", pdf);
        assertEquals("ready", document.get("status"), document.toString());
        assertEquals(2, document.get("pages"));
        List<Integer> pages = jdbc.list(
                "SELECT page FROM chunks WHERE document_id = ? ORDER BY ordinal",
                row -> row.getInt(1),
                UUID.fromString((String) document.get("id")));
        assertEquals(List.of(1, 2), pages, "each page's text is cited with its page");
    }

    private Map<String, Object> ingest(String name, Path file) throws Exception {
        // 202 for a new document; 200 when an earlier run already uploaded these (deterministic) bytes
        String id = Documents.upload(name, Files.readAllBytes(file), null)
                .then()
                .statusCode(anyOf(is(202), is(200)))
                .extract()
                .path("id");
        return Documents.awaitFinal(id, INGEST);
    }

    private void assertNoChunks(Map<String, Object> document) {
        int chunks = jdbc.one(
                        "SELECT count(*) FROM chunks WHERE document_id = ?",
                        row -> row.getInt(1),
                        UUID.fromString((String) document.get("id")))
                .orElseThrow();
        assertEquals(0, chunks, "nothing of a failed document is searchable");
    }
}
