package dev.docent.chat;

import dev.docent.answering.AnswerSink;
import dev.docent.answering.Asker;
import dev.docent.limits.AnswerSlots;
import dev.docent.limits.UserRateLimits;
import dev.docent.llm.Cancellation;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import dev.docent.system.RequestArrival;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The chat API: ask (JSON, or streamed as server-sent events); list, search, read, rename and delete one's own conversations. */
@Path("/api/chat")
@RolesAllowed(Roles.USER)
public class ChatResource {

    static final String NO_BODY = "Send a JSON body such as {\"question\": \"How many vacation days do I get?\"}.";
    static final String NO_TITLE = "Send a JSON body such as {\"title\": \"Vacation questions\"}.";

    @Inject
    ChatService chat;

    @Inject
    ConversationService conversations;

    @Inject
    CurrentUser user;

    @Inject
    AnswerSlots slots;

    @Inject
    UserRateLimits rateLimits;

    @Inject
    RoutingContext routing;

    /**
     * Each streamed answer waits on its model for seconds, on a thread of its own, so waiting streams never tie up the
     * worker pool that serves every other request. Platform threads, not virtual ones: with virtual threads the test
     * suite saw a 5 s answer timeout not fire within 7.5 s and a Stop go unnoticed (most likely the native embedding
     * code, which pins a virtual thread's carrier, starving the 2 carriers of this 2-core machine). Bounded by
     * {@link AnswerSlots}: no more threads than slots are ever busy here.
     */
    private static final ExecutorService ANSWERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("answer-", 0).daemon(true).factory());

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ChatAnswer ask(@Valid @NotNull(message = NO_BODY) ChatRequest request) {
        rateLimits.take(user.getUsername(), UserRateLimits.Action.CHAT);
        try (AnswerSlots.Slot slot = slots.acquire()) {
            return chat.ask(request, user);
        }
    }

    /**
     * The same answer as events, written as the model writes it: {@code start} (conversation, message, who answers),
     * {@code delta} pieces of text, {@code citations}, then {@code done} with the whole answer. Bad input fails before
     * any event, as a problem+json response. Closing the stream stops the answer.
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Valid @NotNull(message = NO_BODY) ChatRequest request, @Context Sse sse) {
        ChatService.Checked checked = chat.check(request, Asker.of(user), RequestArrival.of(routing));
        rateLimits.take(user.getUsername(), UserRateLimits.Action.CHAT);
        AnswerSlots.Slot slot = slots.acquire();
        return Multi.createFrom().emitter(emitter -> {
            Cancellation cancellation = new Cancellation();
            emitter.onTermination(() -> {
                cancellation.cancel();
                slot.close();
            });
            ANSWERS.execute(() -> {
                try (slot) {
                    ChatAnswer answer = chat.answer(checked, new SseSink(emitter, sse, cancellation));
                    emitter.emit(event(sse, "citations", answer.citations()));
                    emitter.emit(event(sse, "done", answer));
                    emitter.complete();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    /** One page of the caller's conversations, newest first; {@code q} searches titles and questions. */
    @GET
    @Path("conversations")
    @Produces(MediaType.APPLICATION_JSON)
    public ConversationPage conversations(
            @QueryParam("q") String q, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return conversations.page(ConversationQuery.of(q, before, limit), user);
    }

    @GET
    @Path("conversations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ConversationView conversation(@PathParam("id") String id) {
        return conversations.get(ConversationService.id(id), user);
    }

    @PATCH
    @Path("conversations/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ConversationRepository.Summary rename(
            @PathParam("id") String id, @Valid @NotNull(message = NO_TITLE) RenameRequest request) {
        return conversations.rename(ConversationService.id(id), request, user);
    }

    @DELETE
    @Path("conversations/{id}")
    public void delete(@PathParam("id") String id) {
        conversations.delete(ConversationService.id(id), user);
    }

    /** The {@code delta} event: the next piece of the answer. */
    record Delta(String text) {}

    /** The {@code reset} event: forget what was sent ({@code fallback}, {@code not-covered}). */
    record Reset(String reason) {}

    private record SseSink(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, Cancellation cancellation)
            implements AnswerSink {

        @Override
        public void start(Start start) {
            emitter.emit(event(sse, "start", start));
        }

        @Override
        public void delta(String text) {
            if (!cancellation.isCancelled()) {
                emitter.emit(event(sse, "delta", new Delta(text)));
            }
        }

        @Override
        public void reset(String reason) {
            if (!cancellation.isCancelled()) {
                emitter.emit(event(sse, "reset", new Reset(reason)));
            }
        }
    }

    private static OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(data)
                .build();
    }
}
