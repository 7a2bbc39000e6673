package dev.docent.llm;

import dev.docent.retrieval.Passage;
import dev.docent.system.FirstTokenStages;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Asks a language model for a cited answer and streams it, cleaned by {@link CitationFilter}, to the caller.
 *
 * <p>Faults: each attempt must produce its first token within {@code docent.llm.faults.first-token-timeout}; an attempt
 * that fails or times out before its first token is retried (SmallRye Fault Tolerance, see {@link
 * LanguageModels#guard}), one that fails after it is not (the user would see text twice). Repeated failures open the
 * provider's circuit. Any failure ends in a {@link ProviderFailure}, for the caller to fall back to extractive mode.
 * Timeouts are measured here rather than by a Fault Tolerance {@code @Timeout}, because a stream has two of them
 * (first token, whole answer) and tokens that arrive after a timeout must never reach the user.
 */
@ApplicationScoped
public class LlmAnswerer {

    private static final Logger LOG = Logger.getLogger(LlmAnswerer.class);

    @Inject
    PromptBuilder prompts;

    @Inject
    LlmConfig config;

    @Inject
    Prices prices;

    /**
     * What the model answered.
     *
     * @param text the cleaned answer with renumbered [n] markers (empty when not in the knowledge base)
     * @param notInKnowledgeBase the model said the passages do not answer the question
     * @param cited indexes into the passages sent, in the order of the markers ([1] first)
     * @param promptVersion the label of the prompt version the request was written from
     */
    public record Generation(
            String text,
            boolean notInKnowledgeBase,
            List<Integer> cited,
            Integer promptTokens,
            Integer completionTokens,
            BigDecimal costUsd,
            String promptVersion) {}

    /** Streams an answer to {@code question} from {@code passages}; {@code onText} gets each cleaned piece. */
    public Generation generate(
            Provider provider,
            String question,
            List<Passage> passages,
            boolean concise,
            Consumer<String> onText,
            Cancellation cancellation)
            throws ProviderFailure {
        return generate(provider, question, passages, concise, null, onText, cancellation);
    }

    /** As {@link #generate(Provider, String, List, boolean, Consumer, Cancellation)}, from prompt version {@code
     * promptVersion} ({@code answer-v2}; null: the active one). */
    public Generation generate(
            Provider provider,
            String question,
            List<Passage> passages,
            boolean concise,
            String promptVersion,
            Consumer<String> onText,
            Cancellation cancellation)
            throws ProviderFailure {
        PromptBuilder.Prompt prompt = prompts.answer(question, passages, concise, promptVersion);
        ChatRequest request = ChatRequest.builder().messages(prompt.messages()).build();
        CitationFilter filter = new CitationFilter(passages.size(), onText);
        FirstTokenStages.markCurrent(FirstTokenStages.Stage.PROMPT);
        ChatResponse response = stream(
                provider,
                request,
                filter::accept,
                cancellation,
                () -> FirstTokenStages.markCurrent(FirstTokenStages.Stage.PROVIDER));
        filter.finish();
        if (!filter.notInKnowledgeBase() && filter.text().isEmpty()) {
            throw new ProviderFailure(failed(provider, "returned an empty answer"), null);
        }
        TokenUsage usage = response.tokenUsage();
        Integer in = usage == null ? null : usage.inputTokenCount();
        Integer out = usage == null ? null : usage.outputTokenCount();
        return new Generation(
                filter.notInKnowledgeBase() ? "" : filter.text(),
                filter.notInKnowledgeBase(),
                filter.cited(),
                in,
                out,
                prices.cost(provider.model(), in, out),
                prompt.version());
    }

    /** A short completion (a rewritten query), not streamed to anyone. */
    public String complete(Provider provider, List<ChatMessage> messages, Cancellation cancellation)
            throws ProviderFailure {
        StringBuilder text = new StringBuilder();
        ChatResponse response = stream(
                provider, ChatRequest.builder().messages(messages).build(), text::append, cancellation, () -> {});
        String all = text.isEmpty() && response.aiMessage() != null
                ? response.aiMessage().text()
                : text.toString();
        return all == null ? "" : all;
    }

    /** {@code started} runs on this thread when an attempt's first token is in, before it is passed on. */
    private ChatResponse stream(
            Provider provider,
            ChatRequest request,
            Consumer<String> onText,
            Cancellation cancellation,
            Runnable started)
            throws ProviderFailure {
        List<Attempt> attempts = new ArrayList<>();
        try {
            return provider.guard()
                    .call(() -> whole(provider, request, onText, cancellation, attempts, started), ChatResponse.class);
        } catch (AnswerCancelled e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderFailure(
                    "The language model (" + describe(provider) + ") is unavailable after repeated failures, so this"
                            + " answer was composed directly from the documents.",
                    e);
        } catch (FirstTokenTimeout e) {
            attempts.forEach(Attempt::abandon);
            throw new ProviderFailure(failed(provider, "did not start answering in time"), e);
        } catch (MidAnswerFailure e) {
            LOG.warnf("%s: %s", describe(provider), e.getMessage());
            throw new ProviderFailure(failed(provider, e.getMessage()), e.getCause());
        } catch (Exception e) {
            attempts.forEach(Attempt::abandon);
            LOG.warnf("%s failed: %s", describe(provider), e.toString());
            throw new ProviderFailure(failed(provider, "failed"), e);
        }
    }

    /**
     * One guarded call, start to finish, so the circuit breaker also counts answers that break off. Failures before
     * the first token are retried; after it they end in {@link MidAnswerFailure}, which is never retried (the user
     * has seen text).
     */
    private ChatResponse whole(
            Provider provider,
            ChatRequest request,
            Consumer<String> onText,
            Cancellation cancellation,
            List<Attempt> attempts,
            Runnable started)
            throws Exception {
        Attempt attempt = start(provider, request, cancellation, attempts);
        started.run();
        attempt.deliverTo(onText);
        try {
            return attempt.finished.get(config.faults().answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.abandon();
            throw new MidAnswerFailure("did not finish its answer in time", e);
        } catch (InterruptedException e) {
            attempt.abandon();
            Thread.currentThread().interrupt();
            throw new AnswerCancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AnswerCancelled cancelled) {
                throw cancelled;
            }
            throw new MidAnswerFailure("stopped in the middle of its answer", e.getCause());
        }
    }

    /** The model broke off after its first token: counted by the circuit breaker, never retried. */
    static final class MidAnswerFailure extends Exception {
        MidAnswerFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** One call, guarded: returns once the first token (or the whole answer) is there. */
    private Attempt start(Provider provider, ChatRequest request, Cancellation cancellation, List<Attempt> attempts)
            throws Exception {
        cancellation.check();
        Attempt attempt = new Attempt();
        attempts.add(attempt);
        cancellation.onCancel(attempt::abandon);
        cancellation.check();
        // LangChain4j's JDK HTTP client parses the stream in a plain thenAccept: when the response headers are in
        // before it attaches (a fast server, a loaded machine), the whole stream is read on the calling thread, and
        // neither timeout below could fire before the model had finished. So the call runs on a thread of its own.
        Thread.ofVirtual().name("llm-stream").start(() -> {
            try {
                provider.chat().chat(request, attempt);
            } catch (RuntimeException e) {
                attempt.onError(e);
            }
        });
        try {
            attempt.started.get(config.faults().firstTokenTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return attempt;
        } catch (TimeoutException e) {
            attempt.abandon();
            throw new FirstTokenTimeout();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String failed(Provider provider, String what) {
        return "The language model (" + describe(provider) + ") " + what
                + ", so this answer was composed directly from the documents.";
    }

    private static String describe(Provider provider) {
        return provider.name() + " · " + provider.model();
    }

    /** No first token in time: retried like any other failure before the first token. */
    static final class FirstTokenTimeout extends Exception {
        FirstTokenTimeout() {
            super("no first token in time", null, false, false);
        }
    }

    /**
     * One streaming call. Tokens wait here until the caller has accepted this attempt, so an attempt given up on (a
     * timeout, a retry) can never show the user anything.
     */
    static final class Attempt implements StreamingChatResponseHandler {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final CompletableFuture<ChatResponse> finished = new CompletableFuture<>();
        private final List<String> early = new ArrayList<>();
        private Consumer<String> sink;
        private volatile StreamingHandle handle;
        private volatile boolean abandoned;

        @Override
        public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (abandoned) {
                handle.cancel();
                return;
            }
            text(response.text());
        }

        @Override
        public void onPartialResponse(String text) {
            if (!abandoned) {
                text(text);
            }
        }

        private void text(String text) {
            synchronized (this) {
                if (abandoned) {
                    return;
                }
                if (sink == null) {
                    early.add(text);
                } else {
                    sink.accept(text);
                }
            }
            started.complete(null);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            started.complete(null);
            finished.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            started.completeExceptionally(error);
            finished.completeExceptionally(error);
        }

        synchronized void deliverTo(Consumer<String> consumer) {
            early.forEach(consumer);
            early.clear();
            sink = consumer;
        }

        void abandon() {
            synchronized (this) {
                abandoned = true;
                sink = null;
                early.clear();
            }
            StreamingHandle h = handle;
            if (h != null && !h.isCancelled()) {
                h.cancel();
            }
            started.completeExceptionally(new AnswerCancelled());
            finished.completeExceptionally(new AnswerCancelled());
        }
    }
}
