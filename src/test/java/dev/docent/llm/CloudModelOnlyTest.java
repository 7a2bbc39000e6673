package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.testing.StubLlm;
import dev.docent.testing.StubLlm.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * With only a commercial model: local-only content is answered in extractive mode, and a provider that keeps failing
 * is left alone (circuit open) instead of making every user wait for it.
 */
@QuarkusTest
@TestProfile(CloudModelOnlyTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudModelOnlyTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LocalOnlyFixture.cloudStub(Map.of(
                    "docent.llm.faults.retries", "0",
                    "docent.llm.faults.circuit-requests", "2",
                    "docent.llm.faults.circuit-failure-ratio", "1.0",
                    "docent.llm.faults.circuit-delay", "60s"));
        }
    }

    final StubLlm cloud = StubLlm.shared("cloud");

    @BeforeEach
    void setUp() {
        LocalOnlyFixture.ensure();
        cloud.reset();
    }

    @Test
    @Order(1)
    void localOnlyContentIsAnsweredInExtractiveModeWithANotice() {
        JsonPath answer = CloudAndLocalModelTest.ask(LocalOnlyFixture.LAB_QUESTION);
        assertEquals("extractive", answer.getString("provider"));
        assertTrue(answer.getString("answer").contains("63 degrees"), answer.prettyPrint());
        assertTrue(answer.getString("notice").contains("local-only"), answer.prettyPrint());
        assertEquals(0, cloud.requests().size(), "nothing went to the commercial provider");
    }

    @Test
    @Order(2)
    void aProviderThatKeepsFailingIsNoLongerCalledForAWhile() {
        cloud.fallback(Reply.error(500));
        for (int i = 0; i < 2; i++) {
            JsonPath answer = CloudAndLocalModelTest.ask(LocalOnlyFixture.PARKING_QUESTION);
            assertEquals("extractive", answer.getString("provider"));
            assertTrue(answer.getString("notice").contains("failed"), answer.prettyPrint());
        }
        assertEquals(2, cloud.requests().size());
        JsonPath answer = CloudAndLocalModelTest.ask(LocalOnlyFixture.PARKING_QUESTION);
        assertTrue(answer.getString("notice").contains("unavailable after repeated failures"), answer.prettyPrint());
        assertTrue(answer.getString("answer").contains("north car park"), "still answered from the documents");
        assertEquals(2, cloud.requests().size(), "the open circuit spared the provider (and the user's wait)");
        assertFalse(answer.getString("notice").contains("500"));
    }
}
