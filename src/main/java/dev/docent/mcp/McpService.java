package dev.docent.mcp;

import dev.docent.answering.AnswerSink;
import dev.docent.answering.Asker;
import dev.docent.chat.Channel;
import dev.docent.chat.ChatRequest;
import dev.docent.chat.ChatService;
import dev.docent.collection.CollectionRepository;
import dev.docent.limits.AnswerSlots;
import dev.docent.limits.UserRateLimits;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the MCP tools do, for one caller: search and ask exactly as the chat does (the same access filter in the SQL,
 * the same answering path with its local-only rule, the same records and gap reports), with the same per-user limits.
 * Refusals are the chat's own exceptions, with the chat's messages.
 */
@ApplicationScoped
public class McpService {

    private final SearchService search;
    private final ChatService chat;
    private final CollectionRepository collections;
    private final UserRateLimits rateLimits;
    private final AnswerSlots slots;

    McpService(
            SearchService search,
            ChatService chat,
            CollectionRepository collections,
            UserRateLimits rateLimits,
            AnswerSlots slots) {
        this.search = Objects.requireNonNull(search, "search");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.collections = Objects.requireNonNull(collections, "collections");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    /** Ranked passages among the collections open to the asker (only {@code collection}, when named). */
    public SearchResults search(String query, Integer k, String collection, Asker asker, SourceLinks links) {
        String only = chat.validCollection(collection, asker);
        rateLimits.take(asker.username(), UserRateLimits.Action.SEARCH);
        List<Passage> passages = search.retrieve(query, k, asker.groups(), only);
        List<FoundPassage> found = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            found.add(FoundPassage.of(i + 1, passages.get(i), links));
        }
        return new SearchResults(query.strip(), only, found);
    }

    /**
     * Answers a question as a new conversation of the asker's, recorded with channel {@code mcp}. Nothing is stored
     * when the question is refused (empty, too long, an unreadable collection, over the rate limit, Docent busy).
     */
    public McpAnswer ask(String question, String collection, Boolean concise, Asker asker, SourceLinks links) {
        ChatService.Checked checked = chat.check(new ChatRequest(question, null, collection, concise), asker);
        rateLimits.take(asker.username(), UserRateLimits.Action.CHAT);
        try (AnswerSlots.Slot slot = slots.acquire()) {
            return McpAnswer.of(chat.answer(checked, AnswerSink.discard(), Channel.MCP), links);
        }
    }

    /** The collections the asker may search. */
    public ReadableCollections collections(Asker asker) {
        return new ReadableCollections(collections.all().stream()
                .filter(c -> c.openTo(asker.groups()))
                .map(c -> new ReadableCollections.Entry(c.name(), c.description(), c.localOnly()))
                .toList());
    }
}
