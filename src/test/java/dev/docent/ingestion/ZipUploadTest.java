package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A ZIP bulk upload adds each good file as a document and says which files it refused and why. */
@QuarkusTest
class ZipUploadTest {

    @Inject
    Jdbc jdbc;

    @Test
    void eachGoodFileBecomesADocumentAndEachBadOneIsRefusedWithItsReason() throws IOException {
        String marker = UUID.randomUUID().toString();
        byte[] elf = new byte[4096];
        new Random(7).nextBytes(elf);
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        byte[] oversized = new byte[3 * 1024 * 1024]; // over the test profile's 2 MB per-file limit
        new Random(3).nextBytes(oversized);
        for (int i = 0; i < oversized.length; i++) {
            oversized[i] = (byte) ('a' + Math.floorMod(oversized[i], 26)); // text that hardly compresses
        }
        byte[] zip = zip(Map.of(
                "handbook/leave.md",
                Documents.markdown("Leave " + marker),
                "handbook/travel/leave.md",
                Documents.markdown("Travel " + marker),
                "../../etc/escape.txt",
                ("Escaped " + marker + " stays a label.").getBytes(StandardCharsets.UTF_8),
                "tools/setup.bin",
                elf,
                "big.txt",
                oversized,
                "inner.zip",
                zip(Map.of("a.md", Documents.markdown("Inner"))),
                "__MACOSX/handbook/._leave.md",
                new byte[] {0, 5, 22, 7},
                "handbook/.DS_Store",
                new byte[] {0, 0, 0, 1},
                "handbook/",
                new byte[0]));

        JsonPath report =
                uploadZip("bundle.zip", zip).then().statusCode(202).extract().jsonPath();

        assertEquals("bundle.zip", report.getString("archive"));
        assertEquals(
                List.of("../../etc/escape.txt", "handbook/leave.md", "handbook/travel/leave.md"),
                report.getList("accepted.entry", String.class).stream().sorted().toList());
        assertEquals(
                List.of("etc/escape.txt", "handbook/leave.md", "handbook/travel/leave.md"),
                report.getList("accepted.document.fileName", String.class).stream()
                        .sorted()
                        .toList(),
                "folders are kept in the label, so two leave.md files do not replace each other; '..' is dropped");
        Map<String, String> refused = reasons(report, "refused");
        assertEquals(3, refused.size(), refused.toString());
        assertTrue(refused.get("tools/setup.bin").contains("cannot index this file"), refused.toString());
        assertTrue(refused.get("big.txt").contains("2 MB upload limit"), refused.toString());
        assertTrue(refused.get("inner.zip").contains("nested archives are not unpacked"), refused.toString());
        assertEquals(
                List.of("__MACOSX/handbook/._leave.md", "handbook/.DS_Store"),
                reasons(report, "skipped").keySet().stream().sorted().toList());

        for (String id : report.getList("accepted.document.id", String.class)) {
            assertEquals(
                    "ready", Documents.awaitFinal(id, Duration.ofSeconds(120)).get("status"));
        }
    }

    @Test
    void theSameArchiveAgainAddsNothingNew() throws IOException {
        byte[] zip = zip(Map.of("again/notes.md", Documents.markdown("Again")));
        uploadZip("again.zip", zip).then().statusCode(202);
        uploadZip("again.zip", zip)
                .then()
                .statusCode(200)
                .body("accepted[0].created", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void aZipBombIsRefusedOnceItsExpansionPassesTheAllowanceWithoutStoringAByte() throws IOException {
        // 200 entries of 1.9 MB of zeros: a 0.4 MB archive that would expand to 380 MB.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            byte[] zeros = new byte[1900 * 1024];
            for (int i = 0; i < 200; i++) {
                out.putNextEntry(new ZipEntry("bomb/part-" + i + ".txt"));
                out.write(zeros);
            }
        }
        long before = documents();
        JsonPath report = uploadZip("bomb.zip", bytes.toByteArray())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, String> refused = reasons(report, "refused");
        assertEquals(200, refused.size());
        assertTrue(
                refused.values().stream().filter(r -> r.contains("zip bomb")).count() > 150,
                "most entries are never inflated once the archive's allowance is spent");
        assertTrue(report.getList("accepted").isEmpty());
        assertEquals(before, documents(), "nothing was stored");
    }

    @Test
    void oneHugeEntryIsRefusedAsABombNotReadToTheEnd() throws IOException {
        byte[] zip = zip(Map.of("huge.txt", new byte[64 * 1024 * 1024], "fine.md", Documents.markdown("Fine")));
        JsonPath report =
                uploadZip("huge.zip", zip).then().statusCode(202).extract().jsonPath();
        assertTrue(reasons(report, "refused").get("huge.txt").contains("zip bomb"));
        assertEquals(List.of("fine.md"), report.getList("accepted.entry", String.class));
    }

    @Test
    void aFileThatIsNotAZipIsRefusedWithAProblem() {
        uploadZip("notes.zip", "just text".getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("not a ZIP archive"));
    }

    @Test
    void anArchiveOfOnlySystemFilesSaysSo() throws IOException {
        uploadZip("mac.zip", zip(Map.of("__MACOSX/._x", new byte[] {1}, ".DS_Store", new byte[] {1})))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("holds no files"));
    }

    @Test
    void anUnknownCollectionIsRefusedBeforeUnpacking() throws IOException {
        long before = documents();
        given().auth()
                .oauth2(Tokens.of("admin"))
                .multiPart("file", "x.zip", zip(Map.of("x.md", Documents.markdown("Nowhere"))))
                .multiPart("collection", "no-such-collection")
                .post("/api/documents/zip")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals(before, documents());
    }

    @Test
    void junkNamesAreRecognised() {
        assertNull(ZipUpload.junk("docs/readme.md"));
        assertNull(ZipUpload.junk("../../etc/passwd"));
        assertTrue(ZipUpload.junk("__MACOSX/docs/._readme.md").contains("macOS"));
        assertTrue(ZipUpload.junk("docs/Thumbs.db").contains("operating system"));
        assertTrue(ZipUpload.junk(".git/config").contains("hidden"));
    }

    private static Response uploadZip(String name, byte[] content) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .multiPart("file", name, content)
                .post("/api/documents/zip");
    }

    private static Map<String, String> reasons(JsonPath report, String list) {
        Map<String, String> reasons = new java.util.TreeMap<>();
        List<Map<String, String>> lines = report.getList(list);
        lines.forEach(line -> reasons.put(line.get("entry"), line.get("reason")));
        return reasons;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var entry : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private long documents() {
        return jdbc.one("SELECT count(*) FROM documents", row -> row.getLong(1)).orElseThrow();
    }
}
