package dev.docent.chat;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The chat API: ask (JSON, or streamed as server-sent events), and read one's own conversations. */
@Path("/api/chat")
@RolesAllowed(Roles.USER)
public class ChatResource {

    /** Deltas end after a citation marker, so a marker never arrives split. */
    private static final Pattern PIECES = Pattern.compile("(?<=\\]) ");

    @Inject
    ChatService chat;

    @Inject
    CurrentUser user;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ChatAnswer ask(ChatRequest request) {
        return chat.ask(request, user);
    }

    /** The same answer as events: {@code delta} pieces of text, then {@code citations}, then {@code done}. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(ChatRequest request, @Context Sse sse) {
        ChatAnswer answer = chat.ask(request, user);
        List<OutboundSseEvent> events = new ArrayList<>();
        String[] pieces = PIECES.split(answer.answer());
        for (int i = 0; i < pieces.length; i++) {
            String text = i < pieces.length - 1 ? pieces[i] + " " : pieces[i];
            events.add(event(sse, "delta", Map.of("text", text)));
        }
        events.add(event(sse, "citations", answer.citations()));
        events.add(event(sse, "done", answer));
        return Multi.createFrom().iterable(events);
    }

    @GET
    @Path("conversations")
    public List<ConversationRepository.Summary> conversations() {
        return chat.list(user);
    }

    @GET
    @Path("conversations/{id}")
    public Map<String, Object> conversation(@PathParam("id") UUID id) {
        return chat.conversation(id, user);
    }

    private static OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(data)
                .build();
    }
}
