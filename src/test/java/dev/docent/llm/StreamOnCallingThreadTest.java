package dev.docent.llm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.retrieval.Passage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's JDK HTTP client sometimes reads a whole stream on the thread that started the call (when the response
 * headers arrive before it attaches its parser). A model that stalls in such a stream must still be timed out, or the
 * user waits for it and gets its late answer instead of the extractive one; and the words of such a stream must reach
 * the user as they are written, not all at once when the model has finished (the late first {@code delta} of some of
 * 200 concurrent streams in {@code make bench-chat}, README Performance).
 */
@QuarkusTest
@TestProfile(LocalModelProfile.class)
class StreamOnCallingThreadTest {

    @Inject
    LlmAnswerer answerer;

    @Inject
    LlmConfig config;

    @Test
    void wordsAModelWritesOnTheCallingThreadReachTheUserWhileItIsStillWriting() throws Exception {
        CountDownLatch firstWordsShown = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean shownWhileWriting = new java.util.concurrent.atomic.AtomicBoolean();
        StreamingChatModel writesOnCaller = new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                handler.onPartialResponse("Lunch is ");
                try {
                    // The user sees "Lunch is" at once, or only after this model has finished (then the wait ends
                    // at its deadline, well inside the profile's 5 s answer timeout).
                    shownWhileWriting.set(firstWordsShown.await(3, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handler.onPartialResponse("served at noon [1].");
                handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(AiMessage.from("Lunch is served at noon [1]."))
                        .build());
            }
        };
        Provider provider = new Provider(
                "local",
                "writes-on-caller",
                true,
                writesOnCaller,
                LanguageModels.guard(config, "writes-on-caller-" + UUID.randomUUID()));
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        LlmAnswerer.Generation answer = answerer.generate(
                provider,
                "When is lunch?",
                List.of(canteen()),
                false,
                text -> {
                    shown.add(text);
                    firstWordsShown.countDown();
                },
                Cancellation.none());
        assertTrue(answer.text().contains("noon"), answer.text());
        assertTrue(shownWhileWriting.get(), "the first words reached the user only after the model finished: " + shown);
    }

    private static Passage canteen() {
        return new Passage(
                1,
                UUID.randomUUID(),
                "Canteen",
                "text/plain",
                null,
                List.of(),
                "The canteen serves lunch from 11:30 to 14:00.",
                1,
                0.9);
    }

    @Test
    void aModelThatStallsWhileStreamingOnTheCallingThreadIsStillTimedOut() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        StreamingChatModel stallsOnCaller = new StreamingChatModel() {
            @Override
            public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
                handler.onPartialResponse("Lunch is");
                try {
                    // Far longer than the 5 s answer timeout of the profile; released when the test ends.
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handler.onPartialResponse(" served at noon [1].");
                handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(AiMessage.from("Lunch is served at noon [1]."))
                        .build());
            }
        };
        Provider provider = new Provider(
                "local",
                "stalling",
                true,
                stallsOnCaller,
                LanguageModels.guard(config, "stalling-" + UUID.randomUUID()));
        Passage passage = new Passage(
                1,
                UUID.randomUUID(),
                "Canteen",
                "text/plain",
                null,
                List.of(),
                "The canteen serves lunch from 11:30 to 14:00.",
                1,
                0.9);
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        try {
            ProviderFailure failure = assertThrows(
                    ProviderFailure.class,
                    () -> answerer.generate(
                            provider, "When is lunch?", List.of(passage), false, shown::add, Cancellation.none()));
            assertTrue(failure.getMessage().contains("did not finish its answer in time"), failure.getMessage());
            assertFalse(String.join("", shown).contains("noon"), "nothing sent after the timeout reaches the user");
        } finally {
            released.countDown();
        }
    }
}
