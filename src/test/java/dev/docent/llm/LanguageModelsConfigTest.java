package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model configuration that cannot work stops the start with a message saying what to set, never the key. */
class LanguageModelsConfigTest {

    static LlmConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(LlmConfig.class)
                // Durations as Quarkus reads them ("20s").
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build()
                .getConfigMapping(LlmConfig.class);
    }

    static String refusal(Map<String, String> values) {
        LlmConfig config = config(values);
        return assertThrows(IllegalStateException.class, () -> {
                    LanguageModels.local(config);
                    LanguageModels.cloud(config);
                })
                .getMessage();
    }

    @Test
    void nothingConfiguredMeansExtractiveMode() {
        LlmConfig config = config(Map.of());
        assertTrue(LanguageModels.local(config).isEmpty());
        assertTrue(LanguageModels.cloud(config).isEmpty());
    }

    @Test
    void anUnknownProviderIsNamedWithTheKnownOnes() {
        String message = refusal(Map.of("docent.llm.cloud.provider", "gemini", "docent.llm.cloud.api-key", "k"));
        assertTrue(message.contains("'gemini'") && message.contains("openai, anthropic and azure-openai"), message);
    }

    @Test
    void aCloudProviderWithoutAKeySaysWhereToPutIt() {
        String message = refusal(Map.of("docent.llm.cloud.provider", "anthropic"));
        assertTrue(message.contains("DOCENT_LLM_CLOUD_API_KEY"), message);
    }

    @Test
    void azureNeedsItsEndpointAndDeployment() {
        assertTrue(refusal(Map.of("docent.llm.cloud.provider", "azure-openai", "docent.llm.cloud.api-key", "k"))
                .contains("DOCENT_LLM_CLOUD_BASE_URL"));
        assertTrue(refusal(Map.of(
                        "docent.llm.cloud.provider", "azure-openai",
                        "docent.llm.cloud.api-key", "k",
                        "docent.llm.cloud.base-url", "https://example.openai.azure.com/"))
                .contains("DOCENT_LLM_CLOUD_MODEL"));
    }

    @Test
    void aMalformedUrlIsRefusedWithAnExampleAndWithoutTheKey() {
        String message = refusal(Map.of(
                "docent.llm.local.base-url", "localhost:8000",
                "docent.llm.local.api-key", "secret-local-key"));
        assertTrue(message.contains("http://localhost:8000/v1"), message);
        assertFalse(message.contains("secret-local-key"), message);
        String cloud = refusal(Map.of(
                "docent.llm.cloud.provider", "openai",
                "docent.llm.cloud.api-key", "sk-very-secret",
                "docent.llm.cloud.base-url", "ftp://x"));
        assertFalse(cloud.contains("sk-very-secret"), cloud);
    }

    @Test
    void providerNamesAreCaseInsensitive() {
        String message = refusal(Map.of("docent.llm.cloud.provider", "OpenAI", "docent.llm.cloud.base-url", "nope"));
        assertEquals(
                "docent.llm.cloud.provider is 'openai' but no key is set: put the provider's API key in"
                        + " DOCENT_LLM_CLOUD_API_KEY.",
                message);
    }
}
