package dev.docent.chat;

import dev.docent.answering.AnswerPipeline;
import dev.docent.answering.AnswerSink;
import dev.docent.answering.Asker;
import dev.docent.answering.Question;
import dev.docent.collection.CollectionRepository;
import dev.docent.monitoring.AnswerMonitor;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.security.CurrentUser;
import dev.docent.system.FirstTokenStages;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The chat: checks a user's question, has the {@link AnswerPipeline} answer it within its conversation and recorded
 * there ({@link ConversationService} lists, reads, renames and deletes them). Users only ever reach their own
 * conversations.
 */
@ApplicationScoped
public class ChatService {

    static final int TITLE_LENGTH = 80;

    /** Earlier questions a follow-up may lean on. */
    static final int HISTORY = 4;

    private final ConversationRepository conversations;
    private final CollectionRepository collections;
    private final AnswerPipeline pipeline;
    private final ConversationRecorder recorder;
    private final RetrievalConfig retrieval;
    private final AnswerMonitor monitor;
    private final ConversationOwners owners;

    ChatService(
            ConversationRepository conversations,
            CollectionRepository collections,
            AnswerPipeline pipeline,
            ConversationRecorder recorder,
            RetrievalConfig retrieval,
            AnswerMonitor monitor,
            ConversationOwners owners) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.collections = Objects.requireNonNull(collections, "collections");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    /** A question that passed every check, ready to be answered. */
    public record Checked(
            String question,
            String collection,
            Optional<ConversationRepository.Summary> existing,
            boolean concise,
            Asker asker,
            long startedNanos,
            FirstTokenStages stages) {}

    /** Answers and returns the whole answer (the JSON API). */
    public ChatAnswer ask(ChatRequest request, CurrentUser user) {
        return answer(check(request, Asker.of(user)), AnswerSink.discard());
    }

    /**
     * Checks a question before anything is answered or stored: empty, too long, a collection the user cannot search,
     * a conversation that is not theirs. Refusals are {@link InvalidInputException}s with a message for the user.
     */
    public Checked check(ChatRequest request, Asker asker) {
        return check(request, asker, System.nanoTime());
    }

    /** The same for a request that arrived at {@code arrivedNanos} ({@link System#nanoTime()}), where its clock starts. */
    public Checked check(ChatRequest request, Asker asker, long arrivedNanos) {
        FirstTokenStages stages = new FirstTokenStages(arrivedNanos);
        String question = validQuestion(request == null ? null : request.question());
        String collection = validCollection(request.collection(), asker);
        // The account (sub) owns conversations; the check also claims those recorded under its name before (V52).
        Owner owner = owners.claimed(new Owner(asker.subject(), asker.username()));
        Optional<ConversationRepository.Summary> existing = Optional.ofNullable(request.conversationId())
                .map(id -> conversations.find(id, owner).orElseThrow(ChatService::notFound));
        stages.mark(FirstTokenStages.Stage.REQUEST);
        return new Checked(
                question, collection, existing, Boolean.TRUE.equals(request.concise()), asker, arrivedNanos, stages);
    }

    /** Answers a checked question, streaming to {@code sink} as the answer is written; returns the recorded answer. */
    public ChatAnswer answer(Checked checked, AnswerSink sink) {
        return answer(checked, sink, Channel.CHAT);
    }

    /** The same for a question that came through {@code channel}, which its record keeps. */
    public ChatAnswer answer(Checked checked, AnswerSink sink, Channel channel) {
        checked.stages().mark(FirstTokenStages.Stage.ADMISSION);
        try (FirstTokenStages.Binding ignored = checked.stages().bind()) {
            return answerClocked(checked, sink, channel);
        }
    }

    private ChatAnswer answerClocked(Checked checked, AnswerSink sink, Channel channel) {
        UUID conversationId =
                checked.existing().map(ConversationRepository.Summary::id).orElseGet(UUID::randomUUID);
        Question.History history = checked.existing().isEmpty()
                ? Question.History.none()
                : new Question.History(
                        conversations.recentQuestions(conversationId, HISTORY),
                        conversations.lastQuery(conversationId).orElse(null));
        Question question = new Question(
                checked.question(),
                checked.asker(),
                checked.collection(),
                checked.concise(),
                history,
                conversationId,
                UUID.randomUUID(),
                checked.startedNanos());
        checked.stages().mark(FirstTokenStages.Stage.HISTORY);
        String newTitle = checked.existing().isEmpty() ? title(checked.question()) : null;
        try (AnswerMonitor.Watch watch = monitor.watch(question)) {
            try {
                return ChatAnswer.of(
                        pipeline.answer(question, watch.sink(sink), watch.recorder(recorder.into(newTitle, channel))));
            } catch (RuntimeException e) {
                watch.failed(e);
                throw e;
            }
        }
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

    /**
     * The collection to search, or null for all; one the user may not read is reported exactly like a missing one.
     * Public for the other ways in (the MCP server's search), so every refusal reads the same.
     */
    public String validCollection(String name, Asker asker) {
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

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, ConversationService.NOT_FOUND);
    }
}
