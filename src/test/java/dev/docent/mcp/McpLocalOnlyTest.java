package dev.docent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.LocalOnlyFixture;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a commercial and a local model configured and tight per-user limits: an agent's question over a local-only
 * collection is answered by the local model only, and an agent that asks or searches too fast is told to wait.
 */
@QuarkusTest
@TestProfile(McpLocalOnlyTest.Profile.class)
class McpLocalOnlyTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LocalOnlyFixture.cloudStub(Map.of(
                    "docent.llm.local.base-url", StubLlm.shared("local").baseUrl(),
                    "docent.llm.local.model", "stub-llama",
                    "docent.limits.chat-per-minute", "3",
                    "docent.limits.searches-per-minute", "3"));
        }
    }

    final StubLlm cloud = StubLlm.shared("cloud");
    final StubLlm local = StubLlm.shared("local");

    @TestHTTPResource("/mcp")
    URL mcp;

    @BeforeEach
    void setUp() {
        LocalOnlyFixture.ensure();
        cloud.reset();
        local.reset();
    }

    @Test
    void anAgentsQuestionOverLocalOnlyContentNeverReachesTheCommercialModel() throws Exception {
        local.enqueue(Reply.text("It must stay below 63 degrees Celsius [1]."));
        try (Agent agent = Agent.as("alice", mcp)) {
            Agent.Reply reply = agent.call("ask", Map.of("question", LocalOnlyFixture.LAB_QUESTION));
            assertFalse(reply.isError(), reply.text());
            JsonNode answer = reply.json();
            assertEquals("local", answer.get("provider").asText(), answer.toString());
            assertTrue(answer.get("answer").asText().contains("63 degrees"), answer.toString());
        }
        assertEquals(1, local.requests().size());
        assertEquals(0, cloud.requests().size(), "nothing went to the commercial provider");
    }

    @Test
    void anAgentThatAsksOrSearchesTooFastIsToldToWaitOthersAreNot() throws Exception {
        try (Agent manager = Agent.as("manager", mcp);
                Agent hana = Agent.as("hana", mcp)) {
            for (int i = 0; i < 3; i++) {
                assertFalse(manager.call("ask", Map.of("question", "Where do visitors park? " + i))
                        .isError());
                assertFalse(manager.call("search_documents", Map.of("query", "parking " + i))
                        .isError());
            }
            Agent.Reply ask = manager.call("ask", Map.of("question", "One question too many"));
            assertTrue(ask.isError());
            assertTrue(ask.text().startsWith("You have sent too many questions"), ask.text());
            assertTrue(ask.text().contains("try again in"), ask.text());
            Agent.Reply search = manager.call("search_documents", Map.of("query", "one search too many"));
            assertTrue(search.isError());
            assertTrue(search.text().startsWith("You have sent too many searches"), search.text());
            assertFalse(hana.call("ask", Map.of("question", "Where do visitors park?"))
                    .isError());
        }
    }
}
