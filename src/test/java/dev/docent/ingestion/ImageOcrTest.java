package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.PdfFixtures;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A photographed or scanned page saved as an image is read by OCR and found by search. */
@QuarkusTest
class ImageOcrTest {

    @TempDir
    Path dir;

    @Test
    void aPngAJpegAndATiffOfTypedTextBecomeSearchable() throws Exception {
        for (String format : List.of("png", "jpeg", "tiff")) {
            String word =
                    "Wombat" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "y");
            Path image = PdfFixtures.scannedImage(
                    dir,
                    "notice." + format,
                    format,
                    List.of("Notice board", "", "The " + word + " burrow closes at five in the evening."));

            String id = Documents.upload("notice-" + word + "." + format, Files.readAllBytes(image), null)
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(180));

            assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
            assertEquals("image/" + format, document.get("mediaType"));
            Map<?, ?> ocr = (Map<?, ?>) ((Map<?, ?>) document.get("report")).get("ocr");
            assertEquals(1, ((List<?>) ocr.get("pages")).size(), "the report shows the OCR'd page");
            List<String> found = given().auth()
                    .oauth2(Tokens.of("alice"))
                    .queryParam("q", word + " burrow")
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("documentId");
            assertTrue(found.contains(id), format + ": search finds the image's words: " + found);
        }
    }

    @Test
    void anImageDeclaringHugeDimensionsIsRefusedBeforeOcr() throws Exception {
        // A valid PNG header claiming 60,000 x 60,000 pixels: a decompression bomb's shape.
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13)
                .putInt(60_000)
                .putInt(60_000)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr);
        png.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        png.write("IHDR".getBytes());
        png.write(ihdr);
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        png.write(new byte[64]);

        String id = Documents.upload("poster.png", png.toByteArray(), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(60));
        assertEquals("failed", document.get("status"));
        assertTrue(String.valueOf(document.get("error")).contains("megapixels"), String.valueOf(document.get("error")));
    }
}
