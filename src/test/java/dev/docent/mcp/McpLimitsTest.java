package dev.docent.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.limits.LimitsTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-user limits hold for agents too (with the limits tests' small limits: 3 questions and 3 searches a minute). Eve
 * and hana are users the chat's limits tests leave alone, so the two classes can share one application.
 */
@QuarkusTest
@TestProfile(LimitsTest.TightLimits.class)
class McpLimitsTest {

    @TestHTTPResource("/mcp")
    URL mcp;

    @Test
    void anAgentThatAsksOrSearchesTooFastIsToldToWaitOthersAreNot() throws Exception {
        try (Agent eve = Agent.as("eve", mcp);
                Agent hana = Agent.as("hana", mcp)) {
            for (int i = 0; i < 3; i++) {
                assertFalse(eve.call("ask", Map.of("question", "Where do visitors park? " + i))
                        .isError());
                assertFalse(eve.call("search_documents", Map.of("query", "parking " + i))
                        .isError());
            }
            Agent.Reply ask = eve.call("ask", Map.of("question", "One question too many"));
            assertTrue(ask.isError());
            assertTrue(ask.text().startsWith("You have sent too many questions"), ask.text());
            assertTrue(ask.text().contains("try again in"), ask.text());
            Agent.Reply search = eve.call("search_documents", Map.of("query", "one search too many"));
            assertTrue(search.isError());
            assertTrue(search.text().startsWith("You have sent too many searches"), search.text());
            assertFalse(hana.call("ask", Map.of("question", "Where do visitors park?"))
                    .isError());
        }
    }
}
