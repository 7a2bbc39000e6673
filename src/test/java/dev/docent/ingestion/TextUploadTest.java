package dev.docent.ingestion;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The upload that used to be refused with 415 "its content is message/news": a text file whose first word is
 * "Article" is accepted and indexed; a mail file becomes a document titled by its subject.
 */
@QuarkusTest
class TextUploadTest {

    @Test
    void aTextFileStartingWithArticleIsAcceptedAndBecomesReady() {
        String tag = Tags.random();
        byte[] text = ("Article 7 of the statutes " + tag + ": the board meets every second Tuesday of the month.\n")
                .getBytes(StandardCharsets.UTF_8);
        String id = Documents.upload("statutes-" + tag + ".txt", text, null)
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"))
                .extract()
                .path("id");
        Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(120));
        assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
        assertEquals("text/plain", document.get("mediaType"));
    }

    @Test
    void anEmlUploadIsAMailTitledByItsSubject() {
        String tag = Tags.random();
        byte[] mail = ("""
                From: Dana Reyes <dana@example.com>
                To: team@example.com
                Subject: Server move %s
                Content-Type: text/plain; charset=UTF-8

                The file server moves to the new rack on Saturday; expect an hour without shares.
                """).formatted(tag).getBytes(StandardCharsets.UTF_8);
        String id = Documents.upload("move-" + tag + ".eml", mail, null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Map<String, Object> document = Documents.awaitFinal(id, Duration.ofSeconds(120));
        assertEquals("ready", document.get("status"), () -> "error: " + document.get("error"));
        assertEquals("Server move " + tag, document.get("title"));
        assertEquals("message/rfc822", document.get("mediaType"));
    }
}
