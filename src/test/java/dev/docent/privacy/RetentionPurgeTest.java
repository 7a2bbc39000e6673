package dev.docent.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.Jdbc;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conversations past the retention period are purged with what hangs off them; recent ones stay; counts are kept. */
@QuarkusTest
class RetentionPurgeTest {

    @Inject
    RetentionPurge retention;

    @Inject
    Jdbc jdbc;

    @Test
    void anOldConversationIsPurgedARecentOneStaysAndTheCountsAreKept() {
        String old = ask("What is the retention policy for old questions?");
        String recent = ask("What is the retention policy for new questions?");
        jdbc.update("UPDATE conversations SET updated_at = now() - interval '400 days' WHERE id = ?::uuid", old);

        RetentionPurge.Purged purged = retention.purge(Instant.now().minus(Duration.ofDays(365)));

        assertTrue(purged.conversations() >= 1, "at least the old conversation: " + purged);
        assertTrue(purged.messages() >= 1, purged.toString());
        assertEquals(0, count("SELECT count(*) FROM conversations WHERE id = ?::uuid", old), "purged");
        assertEquals(0, count("SELECT count(*) FROM messages WHERE conversation_id = ?::uuid", old), "with messages");
        assertEquals(1, count("SELECT count(*) FROM conversations WHERE id = ?::uuid", recent), "the recent one stays");
        assertTrue(
                count("SELECT count(*) FROM retention_purges WHERE conversations >= 1 AND messages >= ?", 1L) >= 1,
                "the counts are kept for the reports");
    }

    private long count(String sql, Object param) {
        return jdbc.one(sql, row -> row.getLong(1), param).orElseThrow();
    }

    private static String ask(String question) {
        return given().auth()
                .oauth2(Tokens.of("manager"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("conversationId");
    }
}
