package dev.docent.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docent.llm.CloudAndLocalModelTest;
import dev.docent.llm.LocalOnlyFixture;
import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a commercial and a local model configured (the chat's own test set-up, so no extra start of the application): an
 * agent's question over a local-only collection is answered by the local model only.
 */
@QuarkusTest
@TestProfile(CloudAndLocalModelTest.Profile.class)
class McpLocalOnlyTest {

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
}
