package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With DOCENT_FILES_KEY set, originals are stored encrypted, still ingested and downloaded, and old ones rotated. */
@QuarkusTest
@TestProfile(EncryptedFilesTest.WithKeys.class)
class EncryptedFilesTest {

    static final String KEY = FileCipherTest.newKey();
    static final String PREVIOUS = FileCipherTest.newKey();

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No rotation at start: it would encrypt the files of the other tests, which run without a key.
            return Map.of(
                    "docent.ingestion.files.key",
                    KEY,
                    "docent.ingestion.files.previous-keys",
                    PREVIOUS,
                    "docent.ingestion.files.rotate-at-start",
                    "false");
        }
    }

    @Inject
    Jdbc jdbc;

    @Inject
    DocumentRepository documents;

    final List<String> created = new java.util.ArrayList<>();

    /** These files are encrypted under a key the next tests do not have: they go. */
    @AfterEach
    void deleteWhatWasUploaded() {
        created.forEach(id -> given().auth()
                .oauth2(Tokens.of("admin"))
                .delete("/api/documents/" + id)
                .then()
                .statusCode(204));
    }

    @Inject
    FileCipher cipher;

    @Test
    void anUploadIsStoredEncryptedYetIngestedAndDownloadedAsItWas() {
        byte[] original = Documents.markdown("Encrypted Ostrava");
        String marker = new String(original, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("Reference"))
                .findFirst()
                .orElseThrow();
        String id = Documents.upload("ostrava.md", original, null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertEquals(
                "ready", Documents.awaitFinal(id, Duration.ofSeconds(120)).get("status"), "the worker decrypts it");

        Stored row = stored(id);
        assertEquals(cipher.currentKey().orElseThrow(), row.keyId());
        assertFalse(
                new String(row.content(), StandardCharsets.ISO_8859_1).contains(marker),
                "not in clear in the database");
        assertArrayEquals(original, download(id));
    }

    @Test
    void filesInClearOrUnderThePreviousKeyAreBroughtUnderTheCurrentOne() throws IOException {
        byte[] first = Documents.markdown("Clear Brno");
        byte[] second = Documents.markdown("Old key Olomouc");
        String clear = Documents.upload("brno.md", first, null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        String old = Documents.upload("olomouc.md", second, null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        created.addAll(List.of(clear, old));
        Documents.awaitFinal(clear, Duration.ofSeconds(120));
        Documents.awaitFinal(old, Duration.ofSeconds(120));
        // As stored before encryption was turned on, and as stored under the key used before this one.
        jdbc.update(
                "UPDATE document_files SET content = ?, key_id = NULL WHERE document_id = ?",
                first,
                UUID.fromString(clear));
        FileCipher previous = new FileCipher(Optional.of(PREVIOUS), List.of());
        jdbc.update(
                "UPDATE document_files SET content = ?, key_id = ? WHERE document_id = ?",
                FileCipherTest.encrypt(previous, second, UUID.fromString(old)),
                previous.currentKey().orElseThrow(),
                UUID.fromString(old));
        assertArrayEquals(second, download(old), "the previous key still reads its files");

        for (String id : List.of(clear, old)) {
            Path scratch = Files.createTempFile("rotate-test-", ".bin");
            assertTrue(documents.reencryptFile(UUID.fromString(id), scratch));
            assertFalse(Files.exists(scratch), "no decrypted copy is left behind");
        }

        for (String id : List.of(clear, old)) {
            assertEquals(cipher.currentKey().orElseThrow(), stored(id).keyId(), id);
        }
        assertArrayEquals(first, download(clear));
        assertArrayEquals(second, download(old));
    }

    private record Stored(byte[] content, String keyId) {}

    private Stored stored(String id) {
        return jdbc.one(
                        "SELECT content, key_id FROM document_files WHERE document_id = ?",
                        row -> new Stored(row.getBytes(1), row.getString(2)),
                        UUID.fromString(id))
                .orElseThrow();
    }

    private static byte[] download(String id) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/" + id + "/file")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }
}
