package dev.docent.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.collection.CollectionRepository;
import dev.docent.llm.Answer;
import dev.docent.llm.AnswerCancelled;
import dev.docent.llm.AnswerConfig;
import dev.docent.llm.ContextPassages;
import dev.docent.llm.LanguageModels;
import dev.docent.llm.LlmAnswerer;
import dev.docent.llm.PromptBuilder;
import dev.docent.llm.Provider;
import dev.docent.llm.ProviderFailure;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers a user's question: rewrites a follow-up into a standalone query, retrieves passages the user may read,
 * has them answered (by the commercial model, by the local one when they include local-only content, or in extractive
 * mode), streams the answer to the sink and records everything about it. Users only ever reach their own
 * conversations.
 *
 * <p>No database transaction is held while a model writes: the conversation and the answer are stored together at the
 * end, in one short transaction.
 */
@ApplicationScoped
public class ChatService {

    static final int TITLE_LENGTH = 80;
    static final int HISTORY = 4;

    static final String STOPPED = "Stopped before the answer was complete.";
    static final String UNCITED =
            "The model gave no sources for this answer: check it against the documents before relying on it.";

    /** Extractive answers stream a sentence (ending in its citation) at a time. */
    private static final Pattern PIECES = Pattern.compile("(?<=\\]) ");

    @Inject
    ConversationRepository conversations;

    @Inject
    CollectionRepository collections;

    @Inject
    QueryRewriter rewriter;

    @Inject
    SearchService search;

    @Inject
    ContextPassages context;

    @Inject
    ExtractiveAnswerer extractive;

    @Inject
    LanguageModels models;

    @Inject
    LlmAnswerer llm;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    AnswerConfig answers;

    @Inject
    ObjectMapper json;

    @Inject
    Event<AnswerRecorded> recorded;

    /** A question that passed every check, ready to be answered. */
    public record Checked(
            String question,
            String collection,
            Optional<ConversationRepository.Summary> existing,
            boolean concise,
            Asker asker,
            long startedNanos) {}

    /** Answers and returns the whole answer (the JSON API). */
    public ChatAnswer ask(ChatRequest request, CurrentUser user) {
        return answer(check(request, Asker.of(user)), AnswerSink.discard());
    }

    /**
     * Checks a question before anything is answered or stored: empty, too long, a collection the user cannot search,
     * a conversation that is not theirs. Refusals are {@link InvalidInputException}s with a message for the user.
     */
    public Checked check(ChatRequest request, Asker asker) {
        long start = System.nanoTime();
        String question = validQuestion(request == null ? null : request.question());
        String collection = validCollection(request.collection(), asker);
        Optional<ConversationRepository.Summary> existing = Optional.ofNullable(request.conversationId())
                .map(id -> conversations.find(id, asker.username()).orElseThrow(ChatService::notFound));
        return new Checked(question, collection, existing, Boolean.TRUE.equals(request.concise()), asker, start);
    }

    /** Answers a checked question, streaming to {@code sink} as the answer is written; returns the recorded answer. */
    public ChatAnswer answer(Checked checked, AnswerSink sink) {
        long start = checked.startedNanos();
        String question = checked.question();
        String collection = checked.collection();
        Asker asker = checked.asker();
        Optional<ConversationRepository.Summary> existing = checked.existing();
        UUID conversationId = existing.map(ConversationRepository.Summary::id).orElseGet(UUID::randomUUID);
        UUID messageId = UUID.randomUUID();

        String query = existing.isEmpty()
                ? question
                : rewriter.rewrite(
                        question,
                        conversations.recentQuestions(conversationId, HISTORY),
                        conversations.lastQuery(conversationId).orElse(null),
                        sink.cancellation());
        List<Passage> retrieved = search.retrieve(query, retrieval.topK(), asker.groups(), collection);
        ContextPassages.Context ctx = context.prepare(retrieved, answers.passages(), answers.minSimilarity());
        // Retrieval's confidence: how close the best-ranked passage is to the question (the threshold is calibrated on
        // this figure, see README "Knowledge gaps").
        Double topSimilarity = retrieved.isEmpty() ? null : retrieved.getFirst().similarity();
        boolean confident = topSimilarity != null && topSimilarity >= answers.minSimilarity();
        Optional<Provider> provider = models.forPassages(ctx.includesLocalOnly());

        Written written = new Written(start, sink);
        sink.start(new AnswerSink.Start(
                conversationId,
                messageId,
                provider.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                provider.map(Provider::model).orElse(null),
                provider.isPresent() ? "model" : "extractive"));

        Result result;
        boolean stopped = false;
        try {
            if (!confident) {
                result = notCovered(provider, written);
            } else if (provider.isPresent()) {
                result = generated(provider.get(), query, ctx, checked.concise(), written);
            } else {
                result = extracted(query, ctx, localOnlyNotice(ctx), written);
            }
        } catch (AnswerCancelled e) {
            stopped = true;
            result = new Result(
                    written.text(),
                    !written.text().isBlank(),
                    List.of(),
                    provider.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                    provider.map(Provider::model).orElse(null),
                    STOPPED,
                    null,
                    null,
                    null,
                    null);
        }

        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < result.cited().size(); i++) {
            citations.add(Citation.of(i + 1, result.cited().get(i)));
        }
        ChatAnswer answer = new ChatAnswer(
                conversationId,
                messageId,
                question,
                result.text(),
                result.answered(),
                result.notice(),
                result.provider(),
                result.model(),
                citations,
                Instant.now());
        // A stopped answer says nothing about the knowledge base: no cause, and no signal for the gap reports.
        String cause = stopped ? null : cause(result.answered(), topSimilarity);
        long total = (System.nanoTime() - start) / 1_000_000;
        conversations.save(
                answer,
                asker.username(),
                new ConversationRepository.Trace(
                        query,
                        retrievedJson(retrieved),
                        topSimilarity,
                        cause,
                        written.firstTokenMs(),
                        total,
                        result.promptVersion(),
                        result.promptTokens(),
                        result.completionTokens(),
                        result.costUsd()),
                existing.isEmpty() ? title(question) : null);
        if (stopped) {
            return answer;
        }
        recorded.fire(new AnswerRecorded(
                messageId,
                conversationId,
                asker.username(),
                asker.groups(),
                question,
                query,
                result.answered(),
                cause,
                topSimilarity,
                answer.createdAt()));
        return answer;
    }

    /** How an answer came about, before it is numbered and recorded. */
    private record Result(
            String text,
            boolean answered,
            List<Passage> cited,
            String provider,
            String model,
            String notice,
            String promptVersion,
            Integer promptTokens,
            Integer completionTokens,
            BigDecimal costUsd) {}

    /** The text streamed so far and when its first piece went out. */
    private static final class Written {
        private final long start;
        private final AnswerSink sink;
        private final StringBuilder text = new StringBuilder();
        private Long firstTokenMs;

        Written(long start, AnswerSink sink) {
            this.start = start;
            this.sink = sink;
        }

        synchronized void add(String piece) {
            if (firstTokenMs == null) {
                firstTokenMs = (System.nanoTime() - start) / 1_000_000;
            }
            text.append(piece);
            sink.delta(piece);
        }

        /** Takes back what was sent: the page clears it, and the record will not mix two answers. */
        synchronized void reset(String reason) {
            if (!text.isEmpty()) {
                text.setLength(0);
                sink.reset(reason);
            }
        }

        synchronized String text() {
            return text.toString().strip();
        }

        synchronized Long firstTokenMs() {
            return firstTokenMs;
        }
    }

    private Result notCovered(Optional<Provider> provider, Written written) {
        written.add(Answer.NOT_COVERED);
        return new Result(
                Answer.NOT_COVERED,
                false,
                List.of(),
                provider.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                provider.map(Provider::model).orElse(null),
                null,
                null,
                null,
                null,
                null);
    }

    private Result generated(
            Provider provider, String query, ContextPassages.Context ctx, boolean concise, Written written) {
        List<Passage> sent = ctx.passages();
        try {
            LlmAnswerer.Generation g =
                    llm.generate(provider, query, sent, concise, written::add, written.sink.cancellation());
            if (g.notInKnowledgeBase()) {
                written.reset("not-covered");
                written.add(Answer.NOT_COVERED);
                return new Result(
                        Answer.NOT_COVERED,
                        false,
                        List.of(),
                        provider.name(),
                        provider.model(),
                        null,
                        PromptBuilder.VERSION,
                        g.promptTokens(),
                        g.completionTokens(),
                        g.costUsd());
            }
            List<Passage> cited = g.cited().stream().map(sent::get).toList();
            return new Result(
                    g.text(),
                    true,
                    cited,
                    provider.name(),
                    provider.model(),
                    cited.isEmpty() ? UNCITED : null,
                    PromptBuilder.VERSION,
                    g.promptTokens(),
                    g.completionTokens(),
                    g.costUsd());
        } catch (ProviderFailure failure) {
            written.sink.cancellation().check();
            written.reset("fallback");
            return extracted(query, ctx, failure.notice(), written);
        }
    }

    private Result extracted(String query, ContextPassages.Context ctx, String notice, Written written) {
        Answer answer = extractive.answer(query, ctx.passages());
        String[] pieces = PIECES.split(answer.text());
        for (int i = 0; i < pieces.length; i++) {
            written.sink.cancellation().check();
            written.add(i < pieces.length - 1 ? pieces[i] + " " : pieces[i]);
        }
        return new Result(
                answer.text(),
                answer.answered(),
                answer.cited(),
                answer.provider(),
                answer.model(),
                notice,
                null,
                null,
                null,
                null);
    }

    /** Said when a commercial model is configured but the passages must stay local and there is no local model. */
    private String localOnlyNotice(ContextPassages.Context ctx) {
        if (ctx.includesLocalOnly() && models.cloud().isPresent()) {
            return "These documents are marked local-only, so they were not sent to the commercial model; this answer"
                    + " was composed directly from them.";
        }
        return null;
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

    private static String title(String question) {
        return question.length() <= TITLE_LENGTH ? question : question.substring(0, TITLE_LENGTH - 1) + "…";
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

    /** The collection to search, or null for all; one the user may not read is reported exactly like a missing one. */
    private String validCollection(String name, Asker asker) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return collections
                .byName(name.strip())
                .filter(c -> c.openTo(asker.groups()))
                .map(c -> c.name())
                .orElseThrow(() -> new InvalidInputException(
                        400, "There is no collection named '" + abbreviate(name.strip()) + "' that you can search."));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    private String retrievedJson(List<Passage> passages) {
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
