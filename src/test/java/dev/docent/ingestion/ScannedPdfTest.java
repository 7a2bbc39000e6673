package dev.docent.ingestion;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.PdfFixtures;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scanned PDF uploaded through the API becomes searchable: its words are found, its report says OCR read it. */
@QuarkusTest
class ScannedPdfTest {

    @TempDir
    Path dir;

    @Test
    void aScannedPdfIsReadByOcrAndItsWordsAreFoundBySearch() throws Exception {
        String word = "Quokka" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "x");
        Path scan = PdfFixtures.scannedTextPdf(
                dir,
                "scan.pdf",
                List.of(List.of(
                        "Visitor guide",
                        "",
                        "The " + word + " enclosure opens at nine in the morning.",
                        "Feeding the animals is not allowed.")));

        String id = Documents.upload("scan-" + word + ".pdf", Files.readAllBytes(scan), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(180));

        assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
        Map<?, ?> ocr = (Map<?, ?>) ((Map<?, ?>) document.get("report")).get("ocr");
        assertEquals(1, ((List<?>) ocr.get("pages")).size(), "the report lists the page OCR read");
        List<String> found = given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", word + " enclosure")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("documentId");
        assertTrue(found.contains(id), "search finds the scanned words: " + found);
    }
}
