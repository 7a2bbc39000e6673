package dev.docent.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.azure.AzureOpenAiStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The language models Docent may use, built once from {@link LlmConfig}. A configuration that cannot work (an unknown
 * provider, a cloud provider without a key, a malformed URL) stops the start with a message saying what to set.
 */
@Startup
@ApplicationScoped
public class LanguageModels {

    private static final Logger LOG = Logger.getLogger(LanguageModels.class);

    static final String LOCAL = "local";

    private final Optional<Provider> local;
    private final Optional<Provider> cloud;

    @Inject
    public LanguageModels(LlmConfig config) {
        this.local = local(config);
        this.cloud = cloud(config);
        local.ifPresent(p -> LOG.infof(
                "Local model: %s at %s", p.model(), config.local().baseUrl().orElseThrow()));
        cloud.ifPresent(p -> LOG.infof("Commercial model: %s %s", p.name(), p.model()));
        if (local.isEmpty() && cloud.isEmpty()) {
            LOG.info("No language model configured: answers are composed in extractive mode");
        }
    }

    /** How answers are written, for the chat page. */
    public record Mode(boolean extractive, String describe) {}

    public Mode mode() {
        if (local.isEmpty() && cloud.isEmpty()) {
            return new Mode(true, "extractive mode");
        }
        String text = cloud.map(c -> c.name() + " · " + c.model()).orElse("");
        if (local.isPresent()) {
            String l = "the local model " + local.get().model();
            text = text.isEmpty() ? l : text + " (and " + l + " for local-only collections)";
        } else {
            text += " (local-only collections are answered in extractive mode)";
        }
        return new Mode(false, text);
    }

    /** The model on the organization's own hardware, if any. */
    public Optional<Provider> local() {
        return local;
    }

    /** The commercial model, if any. */
    public Optional<Provider> cloud() {
        return cloud;
    }

    /** The model answering a question: the commercial one unless the passages must stay local, then the local one. */
    public Optional<Provider> forPassages(boolean includesLocalOnly) {
        if (cloud.isPresent() && !includesLocalOnly) {
            return cloud;
        }
        return local;
    }

    static Optional<Provider> local(LlmConfig config) {
        Optional<String> baseUrl = config.local().baseUrl().filter(s -> !s.isBlank());
        if (baseUrl.isEmpty()) {
            return Optional.empty();
        }
        String url = validUrl(baseUrl.get(), "docent.llm.local.base-url (DOCENT_LLM_LOCAL_BASE_URL)");
        StreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(url)
                // Local servers usually want no key; the client library insists on one.
                .apiKey(config.local().apiKey().filter(s -> !s.isBlank()).orElse("no-key"))
                .modelName(config.local().model())
                .temperature(config.prompt().temperature())
                .maxTokens(config.prompt().maxTokens())
                .timeout(config.faults().answerTimeout())
                .build();
        return Optional.of(new Provider(LOCAL, config.local().model(), true, model, guard(config, LOCAL)));
    }

    static Optional<Provider> cloud(LlmConfig config) {
        Optional<String> name = config.cloud().provider().filter(s -> !s.isBlank());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String provider = name.get().strip().toLowerCase(Locale.ROOT);
        String key = config.cloud()
                .apiKey()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("docent.llm.cloud.provider is '" + provider
                        + "' but no key is set: put the provider's API key in DOCENT_LLM_CLOUD_API_KEY."));
        Optional<String> baseUrl = config.cloud()
                .baseUrl()
                .filter(s -> !s.isBlank())
                .map(u -> validUrl(u, "docent.llm.cloud.base-url (DOCENT_LLM_CLOUD_BASE_URL)"));
        LlmConfig.Prompt prompt = config.prompt();
        StreamingChatModel model;
        String modelName;
        switch (provider) {
            case "openai" -> {
                modelName = config.cloud().model().orElse("gpt-4o-mini");
                model = OpenAiStreamingChatModel.builder()
                        .baseUrl(baseUrl.orElse(null))
                        .apiKey(key)
                        .modelName(modelName)
                        .temperature(prompt.temperature())
                        .maxTokens(prompt.maxTokens())
                        .timeout(config.faults().answerTimeout())
                        .build();
            }
            case "anthropic" -> {
                modelName = config.cloud().model().orElse("claude-3-5-haiku-latest");
                model = AnthropicStreamingChatModel.builder()
                        .baseUrl(baseUrl.orElse(null))
                        .apiKey(key)
                        .modelName(modelName)
                        .temperature(prompt.temperature())
                        .maxTokens(prompt.maxTokens())
                        .timeout(config.faults().answerTimeout())
                        .build();
            }
            case "azure-openai" -> {
                String endpoint = baseUrl.orElseThrow(
                        () -> new IllegalStateException(
                                "Azure OpenAI needs its endpoint: set DOCENT_LLM_CLOUD_BASE_URL to https://<resource>.openai.azure.com/"));
                modelName = config.cloud()
                        .model()
                        .filter(s -> !s.isBlank())
                        .orElseThrow(() -> new IllegalStateException(
                                "Azure OpenAI needs the deployment name: set DOCENT_LLM_CLOUD_MODEL."));
                model = AzureOpenAiStreamingChatModel.builder()
                        .endpoint(endpoint)
                        .apiKey(key)
                        .deploymentName(modelName)
                        .serviceVersion(config.cloud().azureApiVersion())
                        .temperature(prompt.temperature())
                        .maxTokens(prompt.maxTokens())
                        .timeout(config.faults().answerTimeout())
                        // Docent retries (once, before the first token) itself.
                        .maxRetries(0)
                        .build();
            }
            default ->
                throw new IllegalStateException("docent.llm.cloud.provider is '" + provider
                        + "'; Docent knows openai, anthropic and azure-openai (or leave it empty for none).");
        }
        return Optional.of(new Provider(provider, modelName, false, model, guard(config, provider)));
    }

    /**
     * Retries a call that failed before its first token (never one that has started answering: the user would see
     * text twice) and opens a circuit when a provider keeps failing, so users get the extractive answer at once instead
     * of waiting for timeouts. A refused key or an unknown model is not retried: it will not get better.
     */
    static Guard guard(LlmConfig config, String name) {
        LlmConfig.Faults faults = config.faults();
        return Guard.create()
                .withDescription("llm-" + name)
                .withRetry()
                .maxRetries(faults.retries())
                .delay(faults.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .abortOn(java.util.List.of(
                        AuthenticationException.class,
                        InvalidRequestException.class,
                        ModelNotFoundException.class,
                        LlmAnswerer.MidAnswerFailure.class,
                        AnswerCancelled.class))
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(faults.circuitRequests())
                .failureRatio(faults.circuitFailureRatio())
                .delay(faults.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .skipOn(AnswerCancelled.class)
                .done()
                .build();
    }

    private static String validUrl(String value, String setting) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    setting + " must be an http(s) URL such as http://localhost:8000/v1, not '" + value + "'.");
        }
    }
}
