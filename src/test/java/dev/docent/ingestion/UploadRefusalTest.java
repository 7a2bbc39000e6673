package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** What can never be ingested is refused at upload with a reason the admin can act on, and nothing is stored. */
@QuarkusTest
class UploadRefusalTest {

    @Inject
    Jdbc jdbc;

    @Test
    void anEmptyFileIsRefused() {
        refused(() -> Documents.upload("empty.pdf", new byte[0], null), 400, "is empty");
    }

    @Test
    void aZipRenamedPdfIsRefusedByItsContent() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("payload.txt"));
            out.write("not a pdf".getBytes());
        }
        refused(() -> Documents.upload("report.pdf", zip.toByteArray(), null), 415, "zip");
    }

    @Test
    void anExecutableIsRefused() {
        byte[] elf = new byte[4096];
        new Random(7).nextBytes(elf);
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        refused(() -> Documents.upload("setup.pdf", elf, null), 415, "accepts");
    }

    @Test
    void randomBytesNamedPdfAreRefused() {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        refused(() -> Documents.upload("scan.pdf", noise, null), 415, "accepts");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() {
        byte[] big = new byte[3 * 1024 * 1024]; // the test profile's limit is 2 MB
        java.util.Arrays.fill(big, (byte) 'a');
        refused(() -> Documents.upload("big.txt", big, null), 413, "upload limit");
    }

    @Test
    void anUnknownCollectionIsNamedWithTheChoices() {
        refused(() -> Documents.upload("x.md", Documents.markdown("Nowhere"), "no-such-collection"), 404, "general");
    }

    @Test
    void anUploadWithoutTheFileFieldExplainsTheField() {
        given().auth()
                .oauth2(Tokens.of("admin"))
                .multiPart("document", "x.md", "# x".getBytes())
                .post("/api/documents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("field named 'file'"));
    }

    private void refused(Supplier<Response> upload, int status, String reason) {
        long before = documents();
        upload.get()
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(reason));
        assertEquals(before, documents(), "nothing was stored");
    }

    private long documents() {
        return jdbc.one("SELECT count(*) FROM documents", row -> row.getLong(1)).orElseThrow();
    }
}
