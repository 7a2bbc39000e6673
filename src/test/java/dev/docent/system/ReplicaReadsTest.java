package dev.docent.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.StreamingReplica;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Docent with a real streaming replica of the test cluster ({@link StreamingReplica}): search reads the replica, writes
 * never go there, and a user never sees the replica's lag in what they just wrote. Replay is paused where a test needs
 * lag, so the replica surely lacks the new rows: a read that went to the replica would fail the test, not pass by luck.
 */
@QuarkusTest
@TestProfile(ReplicaReadsTest.WithReplica.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsTest {

    /** The application reads through a replica made for this test class. */
    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StreamingReplica.class));
        }
    }

    static final String OPEN_GAP = "SELECT count(*) FROM gap_clusters WHERE id = ?::bigint AND status = 'open'";

    @Inject
    ReadReplica replica;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void replayAgain() {
        if (replicaRuns()) {
            StreamingReplica.resumeReplay();
        }
    }

    @Test
    @Order(1)
    void searchIsServedByTheReplicaWhileAnUploadsStatusComesFromThePrimary() {
        assertTrue(replica.configured(), "the read datasource is active");
        String word = "quokkafrond" + Tags.random();
        String fileName = "replica-" + word + ".md";
        StreamingReplica.pauseReplay();

        String id = Documents.upload(fileName, Documents.markdown(word), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertEquals("ready", Documents.awaitFinal(id, Duration.ofSeconds(120)).get("status"));
        assertEquals(0, countOnReplica("SELECT count(*) FROM documents WHERE id = ?::uuid", id), "replay is paused");

        // The uploader's list shows the new document and its final status: read from the primary.
        List<Map<String, Object>> listed = given().auth()
                .oauth2(Tokens.of("admin"))
                .queryParam("q", word)
                .get("/api/documents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertEquals(1, listed.size(), "the uploader's list shows the new document");
        assertEquals(id, listed.getFirst().get("id"));
        assertEquals("ready", listed.getFirst().get("status"));

        // Search reads the replica, which has not replayed the document yet...
        assertFalse(searchFinds(word, id), "search must read the (lagging) replica");
        // ...and finds it once the replica has.
        StreamingReplica.resumeReplay();
        Poll.until(
                () -> searchFinds(word, id) ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(60),
                () -> "search on the replica never found the document after replay resumed");
        assertTrue(reads("lagging", "replica") > 0);
    }

    @Test
    @Order(2)
    void aUsersNewConversationIsListedAtOnceThoughTheReplicaHasNotReplayedIt() {
        String word = "wombatic" + Tags.random();
        StreamingReplica.pauseReplay();

        String conversation = askAlice("How many vacation days do " + word + " employees get?")
                .getString("conversationId");
        assertEquals(
                0,
                countOnReplica("SELECT count(*) FROM conversations WHERE id = ?::uuid", conversation),
                "replay is paused");
        double onPrimary = reads("fresh", "primary");
        assertTrue(listedConversations("alice", word).contains(conversation), "the asker sees their new conversation");
        assertTrue(reads("fresh", "primary") > onPrimary, "the list came from the primary");

        // Others' lists are not held back by alice's write: eve's comes from the replica.
        double onReplica = reads("fresh", "replica");
        assertFalse(listedConversations("eve", word).contains(conversation));
        assertTrue(reads("fresh", "replica") > onReplica, "eve's list came from the replica");

        StreamingReplica.resumeReplay();
        Poll.until(
                () -> countOnReplica("SELECT count(*) FROM conversations WHERE id = ?::uuid", conversation) == 1
                        ? Optional.of(true)
                        : Optional.empty(),
                Duration.ofSeconds(60),
                () -> "the replica never replayed the conversation");
        onReplica = reads("fresh", "replica");
        assertTrue(listedConversations("alice", word).contains(conversation));
        assertTrue(reads("fresh", "replica") > onReplica, "once replayed, alice's list comes from the replica");
    }

    @Test
    @Order(3)
    void aManagersChangeToAGapShowsAtOnceInTheGapListThoughTheReplicaHasNotReplayedIt() {
        String word = "Quollberg" + Tags.random();
        String message = askAlice("Where can I moor my " + word + " hovercraft at the harbour?")
                .getString("messageId");
        long cluster = Poll.until(
                () -> onPrimary("SELECT cluster_id FROM gap_questions WHERE message_id = ?::uuid", message),
                Duration.ofSeconds(60),
                () -> "the unanswered question never became a gap");
        Poll.until(
                () -> countOnReplica(OPEN_GAP, String.valueOf(cluster)) == 1 ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(60),
                () -> "the replica never replayed the new gap");
        StreamingReplica.pauseReplay();

        // The answer to the change is read inside its own transaction: it must show the change.
        given().auth()
                .oauth2(Tokens.of("manager"))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "dismissed"))
                .patch("/api/gaps/" + cluster)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("dismissed"));
        assertEquals(
                1,
                countOnReplica(OPEN_GAP, String.valueOf(cluster)),
                "replay is paused: the replica still has the gap open");
        List<Integer> dismissed = given().auth()
                .oauth2(Tokens.of("manager"))
                .queryParam("status", "dismissed")
                .get("/api/gaps")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertTrue(dismissed.contains((int) cluster), "the list shows the manager's change");
    }

    @Test
    @Order(4)
    void aWriteThroughAnotherInstanceKeepsThisInstancesListOnThePrimaryToo() throws Exception {
        // This instance tells the others about its writes: alice's new conversation is announced at commit.
        try (Connection listener = primary()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN docent_replica_writes");
            }
            String conversation =
                    askAlice("How long is the notice period for bilby keepers?").getString("conversationId");
            String sub = text("SELECT owner_sub FROM conversations WHERE id = ?::uuid", conversation);
            String topic = "conversations:" + sub;
            Poll.until(
                    () -> {
                        try {
                            PGNotification[] received =
                                    listener.unwrap(PGConnection.class).getNotifications(500);
                            return received != null
                                            && java.util.Arrays.stream(received)
                                                    .anyMatch(n ->
                                                            n.getParameter().endsWith(" " + topic))
                                    ? Optional.of(true)
                                    : Optional.empty();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    Duration.ofSeconds(30),
                    () -> "alice's new conversation was never announced to the other instances");
        }
        // Hana has written nothing through this instance, so nothing here sends her list to the primary but what the
        // other instance tells: her list comes from the replica before.
        String hana = subjectOf(Tokens.of("hana"));
        double onReplica = reads("fresh", "replica");
        listedConversations("hana", "bilby");
        assertTrue(reads("fresh", "replica") > onReplica, "hana's list came from the replica");
        StreamingReplica.pauseReplay();

        // Another instance (here: its statements and its notification, as it sends them) records a conversation for
        // hana; this instance learns of it only through the notification, and must not list from the lagging replica.
        String word = "bilbyish" + Tags.random();
        String elsewhere = java.util.UUID.randomUUID().toString();
        try (Connection other = primary()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(
                            "INSERT INTO conversations (id, owner, owner_sub, title) VALUES (?::uuid, 'hana', ?, ?)");
                    PreparedStatement notify = other.prepareStatement("SELECT pg_notify('docent_replica_writes', ?)")) {
                insert.setString(1, elsewhere);
                insert.setString(2, hana);
                insert.setString(3, "Bilby keepers " + word);
                insert.executeUpdate();
                notify.setString(1, "otherinstance conversations:" + hana);
                notify.executeQuery().close();
            }
            other.commit();
        }
        assertEquals(
                0,
                countOnReplica("SELECT count(*) FROM conversations WHERE id = ?::uuid", elsewhere),
                "replay is paused");
        Poll.until(
                () -> listedConversations("hana", word).contains(elsewhere) ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(30),
                () -> "hana's list still comes from the replica after a write through another instance");
    }

    @Test
    @Order(5)
    void writesNeverReachTheReplicaAndItsConnectionsAreTheReadPoolsOnly() throws Exception {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "vacation days")
                .get("/api/search")
                .then()
                .statusCode(200);
        assertTrue(
                countOnReplica("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", "docent-read") > 0,
                "the read pool is connected to the replica");
        try (Connection primary = primary();
                PreparedStatement statement = primary.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'docent-read'");
                ResultSet row = statement.executeQuery()) {
            row.next();
            assertEquals(0, row.getLong(1), "no read-pool connection points at the primary");
        }
        // Uploads, answers and conversations above all succeeded; a write attempted on the replica would have been
        // refused there, and the replica logs every refusal.
        assertFalse(StreamingReplica.log().contains("read-only transaction"), "no write was ever tried on the replica");
    }

    @Test
    @Order(6)
    void whenTheReplicaDiesSearchAndListsFallBackToThePrimary() {
        String word = "numbatine" + Tags.random();
        String id = Documents.upload("replica-" + word + ".md", Documents.markdown(word), null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(id, Duration.ofSeconds(120));
        StreamingReplica.kill();
        assertTrue(searchFinds(word, id), "search is answered by the primary");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/conversations")
                .then()
                .statusCode(200);
    }

    /** Alice's question through the chat API; the answer's JSON. */
    private static JsonPath askAlice(String question) {
        return given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType(ContentType.JSON)
                .body(Map.of("question", question))
                .post("/api/chat")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static boolean searchFinds(String word, String documentId) {
        List<String> ids = given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", word + " handbook")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("documentId");
        return ids.contains(documentId);
    }

    private static List<String> listedConversations(String user, String search) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .queryParam("q", search)
                .get("/api/chat/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("conversations.id");
    }

    private double reads(String kind, String target) {
        Counter counter = registry.find("docent.replica.reads")
                .tags("kind", kind, "target", target)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static boolean replicaRuns() {
        try (Connection ignored = StreamingReplica.connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A connection to the primary as the application's role (the replica test's own view of it). */
    private static Connection primary() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "docent", "docent");
    }

    private static Optional<Long> onPrimary(String sql, String parameter) {
        try (Connection c = primary();
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code sub} claim of an access token (Keycloak's user id), which keys a user's conversations. */
    private static String subjectOf(String token) {
        try {
            byte[] payload = java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(payload)
                    .path("sub")
                    .asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String sql, String parameter) {
        try (Connection c = primary();
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countOnReplica(String sql, String parameter) {
        try (Connection c = StreamingReplica.connect();
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
