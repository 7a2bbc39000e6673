package dev.docent.review;

import static io.restassured.RestAssured.given;

import dev.docent.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asking, rating and reviewing through the real API, for the review and training-data tests. */
public final class ReviewFixture {

    private ReviewFixture() {}

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    /** Asks {@code question} as {@code token}'s user, in {@code collection} (null: all); returns the answer's JSON. */
    public static JsonPath askWith(String token, String question, String collection) {
        Map<String, Object> body = new HashMap<>(Map.of("question", question));
        if (collection != null) {
            body.put("collection", collection);
        }
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath ask(String user, String question, String collection) {
        return askWith(Tokens.of(user), question, collection);
    }

    /** A thumbs up or down (with an optional reason and comment) by the asker. */
    public static void rate(String token, String messageId, String rating, String reason, String comment) {
        Map<String, Object> body = new HashMap<>(Map.of("rating", rating));
        if (reason != null) {
            body.put("reason", reason);
        }
        if (comment != null) {
            body.put("comment", comment);
        }
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/chat/" + messageId + "/feedback")
                .then()
                .statusCode(200);
    }

    /** A reviewer's verdict, expecting it to be accepted. */
    public static JsonPath review(String messageId, String verdict, String correction) {
        Map<String, Object> body = new HashMap<>(Map.of("verdict", verdict));
        if (correction != null) {
            body.put("correction", correction);
        }
        return as("manager")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/review/" + messageId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The queue item for {@code messageId} under the filter {@code query} (paging through it), if it is there. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> find(String messageId, String query) {
        for (int offset = 0; offset < 5000; offset += 100) {
            JsonPath page = as("manager")
                    .get("/api/review?limit=100&offset=" + offset + (query.isEmpty() ? "" : "&" + query))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            Optional<Map<String, Object>> found = items.stream()
                    .filter(i -> messageId.equals(i.get("messageId")))
                    .findFirst();
            if (found.isPresent() || items.size() < 100) {
                return found;
            }
        }
        return Optional.empty();
    }
}
