package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Admins upload through the API; documents become searchable chunks in the real PostgreSQL, once, all at once. */
@QuarkusTest
class DocumentApiTest {

    static final Duration INGEST = Duration.ofSeconds(90);

    @Inject
    Jdbc jdbc;

    @Test
    void anUploadIsAcceptedThenBecomesReadyWithChunksAndAReport() {
        String id = Documents.upload("handbook.md", Documents.markdown("Upload"), null)
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"))
                .body("collection", equalTo("general"))
                .extract()
                .path("id");
        Map<String, Object> ready = Documents.awaitFinal(id, INGEST);
        assertEquals("ready", ready.get("status"), () -> "error: " + ready.get("error"));
        assertEquals("Upload handbook", ready.get("title"));
        int chunks = (Integer) ready.get("chunks");
        assertTrue(chunks >= 2, "one chunk per section at least");
        Map<?, ?> report = (Map<?, ?>) ready.get("report");
        assertEquals(chunks, report.get("chunks"));
        assertTrue((Integer) report.get("headings") >= 3, "the report counts the headings found");
        assertEquals(chunks, count("SELECT count(*) FROM chunks WHERE document_id = ?", id));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM chunks WHERE document_id = ? AND tsv @@ plainto_tsquery('english', 'vacation')"
                                + " AND heading_path = '{\"Upload handbook\",Vacation}'",
                        id),
                "keyword search finds the section, with its path");
    }

    @Test
    void theSameBytesUploadedConcurrentlyGiveOneDocument() throws Exception {
        byte[] content = Documents.markdown("Concurrent");
        Tokens.of("admin");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> uploads = pool.invokeAll(java.util.Collections.nCopies(6, (Callable<String>) () ->
                    Documents.upload("same.md", content, null).then().extract().path("id")));
            Set<String> ids = new HashSet<>();
            for (Future<String> upload : uploads) {
                ids.add(upload.get());
            }
            assertEquals(1, ids.size(), "every upload answers with the same document");
            String id = ids.iterator().next();
            assertEquals(
                    1,
                    count(
                            "SELECT count(*) FROM documents WHERE sha256 = (SELECT sha256 FROM documents"
                                    + " WHERE id = ?)",
                            id));
            Documents.awaitFinal(id, INGEST);
            Documents.upload("renamed.md", content, null).then().statusCode(200).body("id", equalTo(id));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewVersionUnderTheSameNameReplacesTheOldOneWhenReady() {
        String name = "policy-" + UUID.randomUUID() + ".md";
        String first = Documents.upload(name, Documents.markdown("First"), null)
                .then()
                .extract()
                .path("id");
        Documents.awaitFinal(first, INGEST);
        String second = Documents.upload(name, Documents.markdown("Second"), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(second, INGEST).get("status"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/" + first)
                .then()
                .statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM chunks WHERE document_id = ?", first));
    }

    @Test
    void deletingADocumentRemovesItsChunks() {
        String id = Documents.ingest("gone.md", Documents.markdown("Deleted"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/documents/" + id)
                .then()
                .statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM chunks WHERE document_id = ?", id));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/documents/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void reindexingKeepsTheSameChunksSearchable() {
        String id = Documents.upload("again.md", Documents.markdown("Reindex"), null)
                .then()
                .extract()
                .path("id");
        int chunks = (Integer) Documents.awaitFinal(id, INGEST).get("chunks");
        given().auth()
                .oauth2(Tokens.of("admin"))
                .post("/api/documents/" + id + "/reindex")
                .then()
                .statusCode(202);
        assertEquals("ready", Documents.awaitFinal(id, INGEST).get("status"));
        assertEquals(chunks, count("SELECT count(*) FROM chunks WHERE document_id = ?", id));
        assertEquals(chunks, count("SELECT count(DISTINCT ordinal) FROM chunks WHERE document_id = ?", id));
    }

    @Test
    void aPathTraversalFileNameIsStoredAsAPlainName() {
        String id = Documents.upload("../../etc/passwd.md", Documents.markdown("Traversal"), null)
                .then()
                .statusCode(202)
                .body("fileName", equalTo("passwd.md"))
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(id, INGEST).get("status"));
    }

    @Test
    void theOriginalFileCanBeOpened() {
        byte[] content = Documents.markdown("Source");
        String id =
                Documents.upload("source.md", content, null).then().extract().path("id");
        Documents.awaitFinal(id, INGEST);
        byte[] served = given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/documents/" + id + "/file")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("source.md"))
                .extract()
                .asByteArray();
        assertEquals(new String(content, StandardCharsets.UTF_8), new String(served, StandardCharsets.UTF_8));
    }

    @Test
    void theListFiltersByCollectionStatusAndText() {
        String id = Documents.ingest("findme.md", Documents.markdown("Listing"));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .queryParam("q", "Listing handbook")
                .queryParam("status", "ready")
                .queryParam("collection", "general")
                .get("/api/documents")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id))
                .body("items[0].chunks", notNullValue())
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void onlyAdminsUseTheDocumentsApi() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .multiPart("file", "x.md", "# x".getBytes())
                .post("/api/documents")
                .then()
                .statusCode(403);
        given().auth().oauth2(Tokens.of("manager")).get("/api/documents").then().statusCode(403);
        given().get("/api/documents").then().statusCode(401);
    }

    private int count(String sql, String id) {
        return jdbc.one(sql, row -> row.getInt(1), UUID.fromString(id)).orElseThrow();
    }
}
