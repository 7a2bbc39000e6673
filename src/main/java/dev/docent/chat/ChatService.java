package dev.docent.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.llm.Answer;
import dev.docent.llm.AnswerConfig;
import dev.docent.llm.ExtractiveAnswerer;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Answers a user's question: rewrites a follow-up into a standalone query, retrieves passages the user may read,
 * composes a cited answer and records everything about it. Users only ever reach their own conversations.
 */
@ApplicationScoped
public class ChatService {

    static final int TITLE_LENGTH = 80;

    @Inject
    ConversationRepository conversations;

    @Inject
    QueryRewriter rewriter;

    @Inject
    SearchService search;

    @Inject
    ExtractiveAnswerer extractive;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    ObjectMapper json;

    @Inject
    AnswerConfig answers;

    @Inject
    Event<AnswerRecorded> recorded;

    @Transactional
    public ChatAnswer ask(ChatRequest request, CurrentUser user) {
        long start = System.nanoTime();
        String question = validQuestion(request == null ? null : request.question());
        UUID conversationId = conversation(request.conversationId(), user, question);
        String query = rewriter.rewrite(
                question, conversations.lastQuery(conversationId).orElse(null));
        List<Passage> passages = search.retrieve(query, retrieval.topK(), user.getGroups());
        Answer answer = extractive.answer(query, passages);
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < answer.cited().size(); i++) {
            citations.add(Citation.of(i + 1, answer.cited().get(i)));
        }
        ChatAnswer result = new ChatAnswer(
                conversationId,
                UUID.randomUUID(),
                question,
                answer.text(),
                answer.answered(),
                null,
                answer.provider(),
                answer.model(),
                citations,
                Instant.now());
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Double topSimilarity = passages.isEmpty() ? null : passages.getFirst().similarity();
        String cause = cause(answer.answered(), topSimilarity);
        conversations.record(
                result,
                user.getUsername(),
                new ConversationRepository.Trace(query, retrieved(passages), topSimilarity, cause, elapsed, elapsed));
        recorded.fire(new AnswerRecorded(
                result.messageId(),
                conversationId,
                user.getUsername(),
                Set.copyOf(user.getGroups()),
                question,
                query,
                answer.answered(),
                cause,
                topSimilarity,
                result.createdAt()));
        return result;
    }

    /** Null for an answer; otherwise whether retrieval found nothing close enough, or the answerer abstained. */
    String cause(boolean answered, Double topSimilarity) {
        if (answered) {
            return null;
        }
        return topSimilarity == null || topSimilarity < answers.minSimilarity()
                ? UnansweredCause.NO_CONTENT
                : UnansweredCause.ABSTAINED;
    }

    public List<ConversationRepository.Summary> list(CurrentUser user) {
        return conversations.list(user.getUsername());
    }

    /** A conversation with its messages; 404 for one that is not the user's (or does not exist). */
    public Map<String, Object> conversation(UUID id, CurrentUser user) {
        ConversationRepository.Summary summary =
                conversations.find(id, user.getUsername()).orElseThrow(ChatService::notFound);
        return Map.of(
                "id",
                summary.id(),
                "title",
                summary.title(),
                "updatedAt",
                summary.updatedAt(),
                "messages",
                conversations.messages(id));
    }

    private UUID conversation(UUID requested, CurrentUser user, String question) {
        if (requested != null) {
            return conversations
                    .find(requested, user.getUsername())
                    .orElseThrow(ChatService::notFound)
                    .id();
        }
        UUID id = UUID.randomUUID();
        String title = question.length() <= TITLE_LENGTH ? question : question.substring(0, TITLE_LENGTH - 1) + "…";
        conversations.create(id, user.getUsername(), title);
        return id;
    }

    private String validQuestion(String question) {
        if (question == null || question.isBlank()) {
            throw new InvalidInputException(400, "Type a question first: it is empty.");
        }
        if (question.length() > retrieval.maxQueryLength()) {
            throw new InvalidInputException(
                    400,
                    "Your question has " + question.length() + " characters; the limit is " + retrieval.maxQueryLength()
                            + ". Shorten it and ask again.");
        }
        return question.strip();
    }

    private String retrieved(List<Passage> passages) {
        try {
            return json.writeValueAsString(passages.stream()
                    .map(p -> Map.of("chunkId", p.chunkId(), "score", p.score(), "similarity", p.similarity()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, "There is no such conversation (or it is not yours).");
    }
}
