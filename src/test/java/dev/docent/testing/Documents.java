package dev.docent.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Uploads and waits on documents through the real API, as an admin script would. */
public final class Documents {

    private Documents() {}

    /** Uploads bytes under a file name to a collection (null: the default one). */
    public static Response upload(String fileName, byte[] content, String collection) {
        var request = given().auth().oauth2(Tokens.of("admin")).multiPart("file", fileName, content);
        if (collection != null) {
            request = request.multiPart("collection", collection);
        }
        return request.post("/api/documents");
    }

    /** A small Markdown document whose text is unique to this call, so uploads never collide across runs. */
    public static byte[] markdown(String topic) {
        String marker = UUID.randomUUID().toString();
        return ("""
                # %s handbook

                Reference %s.

                ## Vacation

                Employees receive 25 days of paid vacation per year. Requests go to the line manager at least two
                weeks ahead. Unused days carry over until the end of March.

                ## Travel

                Train travel is preferred for trips under 500 kilometres. Hotel costs are reimbursed up to the city
                limit published by the finance team.
                """).formatted(topic, marker).getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads to the default collection and waits until the document is ready or failed; returns its id. */
    public static String ingest(String fileName, byte[] content) {
        String id = upload(fileName, content, null).then().extract().path("id");
        awaitFinal(id, Duration.ofSeconds(120));
        return id;
    }

    /** Polls a document until it reaches a final status (ready or failed); returns its JSON. */
    public static Map<String, Object> awaitFinal(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> document = get(id);
            String status = (String) document.get("status");
            if ("ready".equals(status) || "failed".equals(status)) {
                return document;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("document " + id + " still " + status + " after " + timeout);
            }
            sleep(200);
        }
    }

    public static Map<String, Object> get(String id) {
        return given().auth()
                .oauth2(Tokens.of("admin"))
                .get("/api/documents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
