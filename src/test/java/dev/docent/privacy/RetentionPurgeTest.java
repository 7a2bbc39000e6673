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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    @Test
    void theGapOverviewStillCountsPurgedQuestionsAndSaysHowManyArePurged() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // 300 days ago, in a conversation untouched for as long: a purge with a 299-day retention removes it (and only
        // what other tests left that long ago: the overview reaches back 365 days at most).
        String old = ask("How are expired retention questions counted? " + UUID.randomUUID());
        jdbc.update(
                "UPDATE messages SET created_at = now() - interval '300 days' WHERE conversation_id = ?::uuid", old);
        jdbc.update("UPDATE conversations SET updated_at = now() - interval '300 days' WHERE id = ?::uuid", old);
        String day = today.minusDays(300).toString();
        Map<String, Object> before = overviewDay(day);

        retention.purge(Instant.now().minus(Duration.ofDays(299)));

        assertEquals(0, count("SELECT count(*) FROM conversations WHERE id = ?::uuid", old), "purged");
        Map<String, Object> after = overviewDay(day);
        assertEquals(before.get("questions"), after.get("questions"), "the day's questions still count it: " + after);
        assertTrue(
                ((Number) after.get("purged")).longValue() >= ((Number) before.get("purged")).longValue() + 1,
                "and say it was purged: " + after);
        assertEquals(
                ((Number) after.get("answered")).longValue() + ((Number) after.get("unanswered")).longValue(),
                ((Number) after.get("questions")).longValue(),
                "answered and unanswered still add up: " + after);
    }

    private static Map<String, Object> overviewDay(String day) {
        List<Map<String, Object>> days = given().auth()
                .oauth2(Tokens.of("manager"))
                .get("/api/gaps/overview?days=365")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("days");
        return days.stream().filter(d -> day.equals(d.get("day"))).findFirst().orElseThrow();
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
