package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documents list at more than a page: the server pages, sorts and filters, and always says how many match (the
 * old list stopped at 5,000 rows without a word). Rows are inserted directly: ingesting hundreds of files would only
 * test ingestion again.
 */
@QuarkusTest
class DocumentListTest {

    static final int DOCUMENTS = 260;

    @Inject
    Jdbc jdbc;

    String collection;

    @BeforeEach
    void aCollectionWithMoreDocumentsThanAPage() {
        collection = "list-" + Tags.random();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", collection))
                .post("/api/collections")
                .then()
                .statusCode(201);
        jdbc.update("""
                INSERT INTO documents (id, collection_id, file_name, title, size_bytes, sha256, status, chunk_count,
                                       uploaded_by, uploaded_at)
                SELECT gen_random_uuid(), c.id, 'file-' || i || '.md', 'Title ' || lpad(i::text, 4, '0'), 100 + i,
                       md5(random()::text || i), CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'ready' END,
                       CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 + 1 END, 'admin',
                       now() - make_interval(secs => i)
                FROM collections c, generate_series(1, ?) i WHERE c.name = ?
                """, DOCUMENTS, collection);
    }

    @Test
    void aPageSaysHowManyDocumentsMatchInAll() {
        JsonPath page = list(Map.of("collection", collection));
        assertEquals(DOCUMENTS, page.getInt("total"));
        assertEquals(50, page.getList("items").size(), "the default page size");
        assertEquals("Title 0001", page.getString("items[0].title"), "newest first by default");
    }

    @Test
    void aLimitAboveTheMaximumIsCappedAndTheCapIsReported() {
        JsonPath page = list(Map.of("collection", collection, "limit", 100_000));
        assertEquals(200, page.getInt("limit"));
        assertEquals(200, page.getList("items").size());
        assertEquals(DOCUMENTS, page.getInt("total"));
    }

    @Test
    void pagingThroughShowsEveryDocumentOnceInOrder() {
        List<String> titles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int offset = 0; offset < DOCUMENTS; offset += 70) {
            JsonPath page = list(Map.of("collection", collection, "sort", "title", "offset", offset, "limit", 70));
            titles.addAll(page.getList("items.title"));
            ids.addAll(page.getList("items.id"));
        }
        assertEquals(DOCUMENTS, titles.size());
        assertEquals(DOCUMENTS, ids.size(), "no document twice");
        assertEquals(titles.stream().sorted().toList(), titles);
    }

    @Test
    void eachSortRunsBothWays() {
        for (String sort : List.of("uploadedAt", "title", "size", "status", "chunks")) {
            List<String> asc = list(Map.of("collection", collection, "sort", sort, "dir", "asc", "limit", 200))
                    .getList("items.id");
            List<String> desc = list(Map.of(
                            "collection", collection, "sort", sort, "dir", "desc", "offset", DOCUMENTS - 50))
                    .getList("items.id");
            assertEquals(200, asc.size());
            List<String> reversed = new ArrayList<>(desc);
            java.util.Collections.reverse(reversed);
            assertEquals(
                    asc.subList(0, 50),
                    reversed,
                    sort + ": the last page descending is the first ascending, backwards");
        }
        List<Integer> sizes = list(Map.of("collection", collection, "sort", "size", "limit", 200))
                .getList("items.sizeBytes");
        assertEquals(sizes.stream().sorted(Comparator.reverseOrder()).toList(), sizes, "size: largest first");
        assertEquals(
                "failed",
                list(Map.of("collection", collection, "sort", "status")).getString("items[0].status"),
                "failed comes before ready");
    }

    @Test
    void filtersNarrowTheTotalToo() {
        assertEquals(
                26, list(Map.of("collection", collection, "status", "failed")).getInt("total"));
        JsonPath text = list(Map.of("collection", collection, "q", "TITLE 012"));
        assertEquals(10, text.getInt("total"), "Title 0120 to 0129, without regard to case");
        assertEquals(1, list(Map.of("collection", collection, "q", "file-7.md")).getInt("total"));
        assertEquals(
                0,
                list(Map.of("collection", collection, "q", "Title_00%")).getInt("total"),
                "_ and % are plain characters");
    }

    @Test
    void countsPerCollectionSumDocumentsAndChunks() {
        List<Map<String, Object>> counts = given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        Map<String, Object> mine = counts.stream()
                .filter(c -> collection.equals(c.get("collection")))
                .findFirst()
                .orElseThrow();
        long chunks = jdbc.one(
                        "SELECT sum(chunk_count) FROM documents d JOIN collections c ON c.id = d.collection_id"
                                + " WHERE c.name = ?",
                        row -> row.getLong(1),
                        collection)
                .orElseThrow();
        assertEquals(DOCUMENTS, ((Number) mine.get("documents")).intValue());
        assertEquals(chunks, ((Number) mine.get("chunks")).longValue());
        assertEquals(26, ((Number) mine.get("failed")).intValue());
        assertTrue(counts.stream().anyMatch(c -> "general".equals(c.get("collection"))));
    }

    @Test
    void unknownSortsStatusesAndNegativeOffsetsAreRefusedWithAReason() {
        refused(Map.of("sort", "DROP TABLE documents"), "Unknown sort");
        refused(Map.of("status", "done"), "Unknown status");
        refused(Map.of("dir", "sideways"), "Unknown direction");
        refused(Map.of("offset", -1), "offset");
    }

    private static void refused(Map<String, Object> query, String reason) {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .queryParams(query)
                .get("/api/documents")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(reason))
                .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
    }

    private static JsonPath list(Map<String, Object> query) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .queryParams(query)
                .get("/api/documents")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.notNullValue())
                .extract()
                .jsonPath();
    }
}
