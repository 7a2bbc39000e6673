package dev.docent.llm;

import dev.docent.testing.StubLlm;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Docent with a local OpenAI-compatible model (the "local" stub), short timeouts, and a price for its model. */
public class LocalModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "docent.llm.local.base-url", StubLlm.shared("local").baseUrl(),
                "docent.llm.local.model", "stub-llama",
                // Fixed here so the tests do not move with the calibrated default.
                "docent.answer.min-similarity", "0.6",
                "docent.llm.faults.first-token-timeout", "1500ms",
                "docent.llm.faults.answer-timeout", "5s",
                "docent.llm.faults.retry-delay", "10ms",
                "docent.llm.faults.circuit-requests", "1000",
                "docent.llm.prices.\"stub-llama\".input", "2",
                "docent.llm.prices.\"stub-llama\".output", "10");
    }
}
