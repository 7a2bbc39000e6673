package dev.docent.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Poll;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent on Docent's MCP server, through a real MCP client: the three tools, each with its user's permissions (alice
 * in engineering, hana in hr), answers recorded like chat, and refusals an agent can act on.
 */
@QuarkusTest
class McpServerTest {

    static final String TAG = Tags.random();
    static final String HR = "hr-mcp-" + TAG;
    static final String SECRET = "quarterly bonus of the quillfeather team is nine percent";
    static String handbookId;
    static String secretId;

    @TestHTTPResource("/mcp")
    URL mcp;

    @Inject
    Jdbc jdbc;

    /** Once per class; not @BeforeAll, where RestAssured does not point at the test application yet. */
    @BeforeEach
    void knowledgeBase() {
        if (handbookId != null) {
            return;
        }
        handbookId =
                Documents.ingest("bicycles-" + TAG + ".md", ("""
                # Brassmoor bicycle policy %s

                ## Parking

                Bicycles at the Brassmoor office are parked in the basement rack behind the loading dock. The rack is
                open from 6:00 to 22:00 on working days.

                ## Repairs

                A mechanic visits the Brassmoor rack every second Thursday and repairs flat tyres for free.
                """).formatted(TAG).getBytes(StandardCharsets.UTF_8));
        given().auth()
                .oauth2(Tokens.of("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", HR, "description", "HR only", "groups", List.of("hr")))
                .post("/api/collections")
                .then()
                .statusCode(201);
        secretId = Documents.upload(
                        "quillfeather-" + TAG + ".md",
                        ("# Quillfeather bonus " + TAG + "\n\nThe " + SECRET + " of the base salary, paid in July.\n")
                                .getBytes(StandardCharsets.UTF_8),
                        HR)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        Documents.awaitFinal(secretId, Duration.ofSeconds(120));
    }

    @Test
    void anAgentSeesTheThreeToolsWithTheirArguments() throws Exception {
        try (Agent agent = Agent.as("alice", mcp)) {
            Map<String, ToolSpecification> tools =
                    agent.tools().stream().collect(Collectors.toMap(ToolSpecification::name, t -> t));
            assertEquals(Set.of("search_documents", "ask", "list_collections"), tools.keySet());
            assertEquals(
                    List.of("query"), tools.get("search_documents").parameters().required());
            assertTrue(tools.get("search_documents")
                    .parameters()
                    .properties()
                    .keySet()
                    .containsAll(Set.of("query", "k", "collection")));
            assertEquals(List.of("question"), tools.get("ask").parameters().required());
            assertTrue(tools.get("ask")
                    .parameters()
                    .properties()
                    .keySet()
                    .containsAll(Set.of("question", "collection", "concise")));
        }
    }

    @Test
    void searchReturnsRankedPassagesWithTitleSectionAndAWorkingLink() throws Exception {
        try (Agent agent = Agent.as("alice", mcp)) {
            Agent.Reply reply = agent.call(
                    "search_documents", Map.of("query", "where are bicycles parked at Brassmoor " + TAG, "k", 3));
            assertFalse(reply.isError(), reply.text());
            JsonNode first = reply.json().get("passages").get(0);
            assertEquals(1, first.get("rank").asInt());
            assertEquals(handbookId, first.get("documentId").asText());
            assertTrue(first.get("title").asText().contains("Brassmoor bicycle policy"), first.toString());
            assertTrue(first.get("section").asText().contains("Parking"), first.toString());
            assertTrue(first.get("text").asText().contains("basement rack"), first.toString());
            assertTrue(reply.json().get("passages").size() <= 3);
            String link = first.get("link").asText();
            assertEquals(mcp.toString().replace("/mcp", "") + "/api/documents/" + handbookId + "/file", link);
            given().auth().oauth2(Tokens.of("alice")).get(link).then().statusCode(200);
        }
    }

    @Test
    void eachAgentSeesExactlyWhatItsUserMayRead() throws Exception {
        try (Agent hana = Agent.as("hana", mcp);
                Agent alice = Agent.as("alice", mcp)) {
            String question = "What is the quarterly bonus of the quillfeather team?";
            assertTrue(documentIds(hana.call("search_documents", Map.of("query", question)))
                    .contains(secretId));
            Agent.Reply aliceSearch = alice.call("search_documents", Map.of("query", question, "k", 50));
            assertFalse(documentIds(aliceSearch).contains(secretId));
            assertFalse(aliceSearch.text().contains("nine percent"), "no leak through search");

            assertTrue(collectionNames(hana).contains(HR));
            assertFalse(collectionNames(alice).contains(HR));

            JsonNode hanaAnswer = hana.call("ask", Map.of("question", question)).json();
            assertTrue(hanaAnswer.get("answered").asBoolean(), hanaAnswer.toString());
            assertTrue(hanaAnswer.get("answer").asText().contains("nine percent"), hanaAnswer.toString());
            assertTrue(hanaAnswer.get("citations").toString().contains("Quillfeather bonus"));
            Agent.Reply aliceAnswer = alice.call("ask", Map.of("question", question));
            assertFalse(aliceAnswer.isError(), aliceAnswer.text());
            assertFalse(aliceAnswer.text().contains("nine percent"), "no leak through ask: " + aliceAnswer.text());
            assertFalse(aliceAnswer.text().contains("Quillfeather bonus"), aliceAnswer.text());

            // Naming the collection does not open it: alice is told what she would be told about a missing one.
            Agent.Reply named = alice.call("search_documents", Map.of("query", question, "collection", HR));
            assertTrue(named.isError());
            assertEquals("There is no collection named '" + HR + "' that you can search.", named.text());
            Agent.Reply namedAsk = alice.call("ask", Map.of("question", question, "collection", HR));
            assertTrue(namedAsk.isError());
            assertFalse(namedAsk.text().contains("nine percent"));
        }
    }

    @Test
    void anAskedQuestionIsRecordedLikeChatMarkedMcpAndCountsAsAGap() throws Exception {
        String unanswerable = "What is the warranty of the Zorbulax coffee grinder " + TAG + "?";
        JsonNode answer;
        try (Agent agent = Agent.as("alice", mcp)) {
            answer = agent.call("ask", Map.of("question", unanswerable, "concise", true))
                    .json();
        }
        assertFalse(answer.get("answered").asBoolean(), answer.toString());
        UUID messageId = UUID.fromString(answer.get("messageId").asText());
        assertEquals(
                "mcp",
                jdbc.one("SELECT channel FROM messages WHERE id = ?", row -> row.getString(1), messageId)
                        .orElseThrow());
        given().auth()
                .oauth2(Tokens.of("alice"))
                .get("/api/chat/conversations/" + answer.get("conversationId").asText())
                .then()
                .statusCode(200);
        Poll.until(
                () -> jdbc.one("SELECT 1 FROM gap_questions WHERE message_id = ?", row -> row.getInt(1), messageId),
                Duration.ofSeconds(30),
                () -> "the question asked through MCP counts as a knowledge gap");
    }

    @Test
    void badInputIsAToolErrorThatSaysWhatToChangeAndStoresNothing() throws Exception {
        String tooLong = "Zorbulax " + TAG + " " + "x".repeat(5000);
        try (Agent agent = Agent.as("alice", mcp)) {
            List<Agent.Reply> refusals = new ArrayList<>();
            refusals.add(agent.call("search_documents", Map.of("query", " ")));
            refusals.add(agent.call("search_documents", Map.of("query", "bicycles", "k", 0)));
            refusals.add(agent.call("search_documents", Map.of("k", 3)));
            refusals.add(agent.call("search_documents", Map.of("query", "bicycles", "k", "many")));
            refusals.add(agent.call("ask", Map.of("question", "")));
            refusals.add(agent.call("ask", Map.of("question", tooLong)));
            refusals.add(agent.call("ask", Map.of("question", "Zorbulax " + TAG, "collection", "nope-" + TAG)));
            refusals.add(agent.call("ask", Map.of()));
            List<String> messages = refusals.stream().map(Agent.Reply::text).toList();
            assertTrue(refusals.stream().allMatch(Agent.Reply::isError), messages.toString());
            assertEquals("Say what to search for: the 'q' parameter is empty.", messages.get(0));
            assertEquals("k must be between 1 and 50.", messages.get(1));
            assertTrue(messages.get(2).contains("query"), messages.get(2));
            assertTrue(messages.get(3).contains("k"), messages.get(3));
            assertEquals("Type a question first: it is empty.", messages.get(4));
            assertTrue(messages.get(5).contains("the limit is 4000"), messages.get(5));
            assertEquals("There is no collection named 'nope-" + TAG + "' that you can search.", messages.get(6));
            assertTrue(messages.get(7).contains("question"), messages.get(7));
            for (String message : messages) {
                assertFalse(message.contains("Exception") || message.contains("\tat "), message);
            }
        }
        int stored = jdbc.one(
                        "SELECT count(*) FROM messages WHERE question LIKE ?",
                        row -> row.getInt(1),
                        "Zorbulax " + TAG + "%")
                .orElseThrow();
        assertEquals(0, stored, "nothing refused was recorded");
    }

    @Test
    void aCallWithoutAValidTokenIsRefused() {
        assertThrows(RuntimeException.class, () -> {
            try (Agent agent = Agent.as(null, mcp)) {
                agent.tools();
            }
        });
        assertThrows(RuntimeException.class, () -> {
            try (Agent agent = Agent.withHeaders(Map.of("Authorization", "Bearer not-a-token"), mcp)) {
                agent.tools();
            }
        });
        given().contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list"))
                .post(mcp.toString())
                .then()
                .statusCode(401);
    }

    private static List<String> documentIds(Agent.Reply reply) {
        assertFalse(reply.isError(), reply.text());
        List<String> ids = new ArrayList<>();
        reply.json().get("passages").forEach(p -> ids.add(p.get("documentId").asText()));
        return ids;
    }

    private static List<String> collectionNames(Agent agent) {
        Agent.Reply reply = agent.call("list_collections", Map.of());
        assertFalse(reply.isError(), reply.text());
        assertNotNull(reply.json().get("collections"), reply.text());
        List<String> names = new ArrayList<>();
        reply.json().get("collections").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
