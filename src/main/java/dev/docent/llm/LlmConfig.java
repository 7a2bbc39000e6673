package dev.docent.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Which language models write answers. With neither a local nor a cloud model configured, Docent answers in
 * extractive mode. Every value can come from the environment: {@code docent.llm.local.base-url} is
 * {@code DOCENT_LLM_LOCAL_BASE_URL}. Keys are read only from the environment and are never logged or shown.
 */
@ConfigMapping(prefix = "docent.llm")
public interface LlmConfig {

    /** A model on your own hardware, behind an OpenAI-compatible API (vLLM, llama.cpp server, Ollama, LM Studio). */
    Local local();

    /** A commercial provider. Content of local-only collections is never sent to it. */
    Cloud cloud();

    /** How answers are asked for. */
    Prompt prompt();

    /** Timeouts, retries and the circuit breaker around every provider call. */
    Faults faults();

    /**
     * Estimated prices in US dollars per million tokens, by model name: {@code docent.llm.prices."gpt-4o-mini".input}.
     * A model without an entry records tokens but no cost.
     */
    Map<String, Price> prices();

    interface Local {
        /** Base URL of the OpenAI-compatible API, e.g. {@code http://gpu-box:8000/v1}. Empty: no local model. */
        Optional<String> baseUrl();

        /** The model name the server serves (vLLM's {@code --served-model-name}, Ollama's tag...). */
        @WithDefault("local-model")
        String model();

        /** A key, when the server wants one ({@code DOCENT_LLM_LOCAL_API_KEY}). */
        Optional<String> apiKey();
    }

    interface Cloud {
        /** {@code openai}, {@code anthropic} or {@code azure-openai}. Empty: no commercial provider. */
        Optional<String> provider();

        /** The model (for Azure OpenAI: the deployment name). */
        Optional<String> model();

        /** The key, from {@code DOCENT_LLM_CLOUD_API_KEY} only. */
        Optional<String> apiKey();

        /** The endpoint: required for Azure OpenAI ({@code https://NAME.openai.azure.com/}), optional otherwise. */
        Optional<String> baseUrl();

        /** Azure OpenAI API version. */
        @WithDefault("2024-10-21")
        String azureApiVersion();
    }

    interface Prompt {
        /** Answer in at most three sentences unless the question asks for more (a user can ask per question). */
        @WithDefault("false")
        boolean concise();

        /** Show the model two worked examples (one answered, one not) before the question. */
        @WithDefault("true")
        boolean fewShot();

        /** Longest answer, in tokens. */
        @WithDefault("700")
        int maxTokens();

        /** Sampling temperature: low, answers should follow the passages. */
        @WithDefault("0.1")
        double temperature();
    }

    interface Faults {
        /** Longest wait for the first token of an answer (per attempt). */
        @WithDefault("20s")
        Duration firstTokenTimeout();

        /** Longest wait for the whole answer once it has started. */
        @WithDefault("120s")
        Duration answerTimeout();

        /** Attempts after the first when a provider fails before the first token (never after it). */
        @WithDefault("1")
        int retries();

        /** Pause before a retry. */
        @WithDefault("300ms")
        Duration retryDelay();

        /** Calls the circuit breaker looks at to decide whether a provider is down. */
        @WithDefault("4")
        int circuitRequests();

        /** Share of failures among those calls that opens the circuit (stop calling the provider for a while). */
        @WithDefault("0.75")
        double circuitFailureRatio();

        /** How long an open circuit stays open before one call is tried again. */
        @WithDefault("30s")
        Duration circuitDelay();
    }

    interface Price {
        /** Dollars per million prompt tokens. */
        BigDecimal input();

        /** Dollars per million completion tokens. */
        BigDecimal output();
    }
}
