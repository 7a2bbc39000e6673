package dev.docent.curated;

import dev.docent.embedding.Embedder;
import dev.docent.gaps.GapDetail;
import dev.docent.gaps.GapService;
import dev.docent.gaps.GapStatus;
import dev.docent.gaps.GapSummary;
import dev.docent.gaps.GapUpdate;
import dev.docent.gaps.PiiMask;
import dev.docent.retrieval.PassageAccess;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge team's curated answers: written (standalone or for a gap cluster), listed, edited and retired. Every
 * change is checked whole before anything is written, and written in one transaction with its history row.
 */
@ApplicationScoped
public class CuratedService {

    static final int MAX_ANSWER = 8000;
    static final int MAX_DOCUMENTS = 20;
    static final int MAX_QUESTION = 2000;
    static final String ACTIVE = "active";
    static final String RETIRED = "retired";
    static final String NOT_FOUND = "There is no such curated answer.";
    static final String NOTHING_SENT = "Send at least one of: answer, documents, questions.";

    private final CuratedRepository repository;
    private final PassageAccess access;
    private final Embedder embedder;
    private final GapService gaps;
    private final CuratedConfig config;

    CuratedService(
            CuratedRepository repository,
            PassageAccess access,
            Embedder embedder,
            GapService gaps,
            CuratedConfig config) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.access = Objects.requireNonNull(access, "access");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.gaps = Objects.requireNonNull(gaps, "gaps");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Who writes: their name (recorded) and groups (they may only cite what they may read). */
    public record Author(String username, Set<String> groups) {}

    /**
     * A new curated answer. With a gap, its questions default to the gap's (masked) questions and the gap is marked
     * resolved: the knowledge base answers it now, and its later paraphrases get this answer instead of becoming a gap.
     */
    @Transactional
    public CuratedAnswer create(CuratedRequest request, Author author) {
        if (request == null) {
            throw new InvalidInputException(400, "Send a JSON body with 'answer', 'documents' and 'questions'.");
        }
        refuseUnknown(request.unknownFields(), "answer, documents, questions and gapId");
        String answer = validAnswer(request.answer());
        List<UUID> documents = validDocuments(request.documents(), author);
        GapDetail gap = request.gapId() == null ? null : gap(request.gapId());
        List<String> questions = request.questions() == null && gap != null
                ? gapQuestions(gap.summary())
                : validQuestions(request.questions());
        List<float[]> vectors = embed(questions);
        long id = repository.insert(answer, documents, request.gapId(), author.username());
        repository.replaceQuestions(id, questions, vectors, embedder.modelName());
        repository.snapshot(id);
        if (gap != null && gap.summary().status() != GapStatus.RESOLVED) {
            gaps.update(gap.summary().id(), new GapUpdate(GapStatus.RESOLVED.code(), null, null, null));
        }
        return get(id, author.groups());
    }

    /** Applies the fields sent as a new version; a retired answer can be edited but stays retired. */
    @Transactional
    public CuratedAnswer update(long id, CuratedUpdate changes, Author author) {
        if (changes == null || changes.empty()) {
            throw new InvalidInputException(400, NOTHING_SENT);
        }
        refuseUnknown(changes.unknownFields(), "answer, documents and questions");
        String answer = changes.answer() == null ? null : validAnswer(changes.answer());
        List<UUID> documents = changes.documents() == null ? null : validDocuments(changes.documents(), author);
        List<String> questions = changes.questions() == null ? null : validQuestions(changes.questions());
        List<float[]> vectors = questions == null ? null : embed(questions);
        CuratedRepository.Row current = visible(id, author.groups());
        if (!repository.lock(id)) {
            throw notFound();
        }
        repository.update(
                id,
                answer == null ? current.answer() : answer,
                documents == null ? current.documents() : documents,
                current.status(),
                author.username());
        if (questions != null) {
            repository.replaceQuestions(id, questions, vectors, embedder.modelName());
        }
        repository.snapshot(id);
        return get(id, author.groups());
    }

    /** No longer served; kept, with its history, for the record and for evaluation sets made from it. */
    @Transactional
    public CuratedAnswer retire(long id, Author author) {
        CuratedRepository.Row current = visible(id, author.groups());
        if (!repository.lock(id)) {
            throw notFound();
        }
        if (!RETIRED.equals(current.status())) {
            repository.update(id, current.answer(), current.documents(), RETIRED, author.username());
            repository.snapshot(id);
        }
        return get(id, author.groups());
    }

    public CuratedAnswer get(long id, Set<String> groups) {
        return view(visible(id, groups), groups);
    }

    /** The curated answers a member of {@code groups} may see, newest first. */
    public List<CuratedAnswer> list(String status, Long gapId, Set<String> groups) {
        if (status != null && !ACTIVE.equals(status) && !RETIRED.equals(status)) {
            throw new InvalidInputException(400, "'status' must be active or retired.");
        }
        return repository.list(status, gapId).stream()
                .filter(row -> visibleTo(row, groups))
                .map(row -> view(row, groups))
                .toList();
    }

    /**
     * One item per question of every active curated answer a member of {@code groups} may see: the question, the
     * answer's text expected, its documents expected, answerable.
     */
    public List<EvaluationItem> evaluationItems(Set<String> groups) {
        List<EvaluationItem> items = new ArrayList<>();
        for (CuratedAnswer a : list(ACTIVE, null, groups)) {
            List<String> documents =
                    a.documents().stream().map(d -> d.id().toString()).toList();
            a.questions().forEach(q -> items.add(new EvaluationItem(q, a.answer(), documents)));
        }
        return items;
    }

    /** A question of a curated answer as an evaluation item (built by the evaluation feature). */
    public record EvaluationItem(String question, String expectedAnswer, List<String> expectedDocuments) {}

    /**
     * A curated answer shows only to those who may read every document it relies on that still exists; to anyone
     * else it does not exist (404), exactly as it is never served to them.
     */
    private CuratedRepository.Row visible(long id, Set<String> groups) {
        return repository.find(id).filter(row -> visibleTo(row, groups)).orElseThrow(CuratedService::notFound);
    }

    private boolean visibleTo(CuratedRepository.Row row, Set<String> groups) {
        return access.openings(row.documents(), groups).values().stream().allMatch(PassageAccess.Opening::readable);
    }

    private CuratedAnswer view(CuratedRepository.Row row, Set<String> groups) {
        Map<UUID, PassageAccess.Opening> openings = access.openings(row.documents(), groups);
        List<CuratedAnswer.Document> documents = row.documents().stream()
                .map(id -> {
                    PassageAccess.Opening o = openings.get(id);
                    return o == null
                            ? new CuratedAnswer.Document(id, null, null, false)
                            : new CuratedAnswer.Document(id, o.passage().title(), o.collection(), true);
                })
                .toList();
        return new CuratedAnswer(
                row.id(),
                row.answer(),
                documents,
                row.questions(),
                row.gapId(),
                row.status(),
                row.version(),
                row.createdBy(),
                row.createdAt(),
                row.updatedBy(),
                row.updatedAt());
    }

    private GapDetail gap(long gapId) {
        try {
            return gaps.detail(gapId);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(400, "There is no knowledge gap #" + gapId + ".");
        }
    }

    /**
     * Erasure, after the conversations are gone: removes the curated questions that are one of these asked questions,
     * as asked or masked as the gap reports showed them (a curated answer written from a gap starts with its masked
     * questions), from the answers and their history, unless someone still asks the same words in a recorded
     * conversation. Returns how many curated answers had one; the answers themselves stay.
     */
    public int forgetQuestionsAsked(List<String> asked) {
        Set<String> forms = new LinkedHashSet<>();
        for (String question : asked) {
            for (String form : List.of(question, PiiMask.mask(question))) {
                String text = form.strip();
                forms.add(text.length() > MAX_QUESTION ? text.substring(0, MAX_QUESTION) : text);
            }
        }
        return repository.forgetQuestions(List.copyOf(forms));
    }

    /** The gap's label and example questions, masked as the gap reports show them, without repeats. */
    private List<String> gapQuestions(GapSummary gap) {
        Set<String> questions = new LinkedHashSet<>();
        questions.add(gap.label());
        gap.examples().forEach(e -> questions.add(e.question()));
        return questions.stream()
                .filter(q -> q != null && !q.isBlank())
                .map(q -> q.length() > MAX_QUESTION ? q.substring(0, MAX_QUESTION) : q.strip())
                .limit(config.maxQuestions())
                .toList();
    }

    private static String validAnswer(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new InvalidInputException(400, "Write the 'answer' first: it is empty.");
        }
        String stripped = answer.strip();
        if (stripped.length() > MAX_ANSWER) {
            throw new InvalidInputException(
                    400,
                    "The 'answer' has " + stripped.length() + " characters; the limit is " + MAX_ANSWER
                            + ". Shorten it, or add the content as a document instead.");
        }
        return stripped;
    }

    /** Ids of ready documents the author may read, in the order given, without repeats. */
    private List<UUID> validDocuments(List<String> ids, Author author) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException(
                    400, "Name at least one document in 'documents': the answer is cited by them.");
        }
        if (ids.size() > MAX_DOCUMENTS) {
            throw new InvalidInputException(400, "A curated answer relies on at most " + MAX_DOCUMENTS + " documents.");
        }
        Set<UUID> documents = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                documents.add(UUID.fromString(id == null ? "" : id.strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(400, "'" + abbreviate(id) + "' is not a document id.");
            }
        }
        Map<UUID, PassageAccess.Opening> openings = access.openings(documents, author.groups());
        for (UUID id : documents) {
            PassageAccess.Opening o = openings.get(id);
            // Unreadable is reported exactly like missing: the message must not tell that a restricted one exists.
            if (o == null || !o.readable()) {
                throw new InvalidInputException(
                        400,
                        "There is no ready document " + id + " that you can read. Cite documents from collections"
                                + " open to you, once they are ready.");
            }
        }
        return List.copyOf(documents);
    }

    private List<String> validQuestions(List<String> questions) {
        if (questions == null || questions.isEmpty()) {
            throw new InvalidInputException(
                    400, "List at least one question in 'questions' (or give a 'gapId' to use its questions).");
        }
        if (questions.size() > config.maxQuestions()) {
            throw new InvalidInputException(
                    400, "A curated answer lists at most " + config.maxQuestions() + " questions.");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String q : questions) {
            if (q == null || q.isBlank()) {
                throw new InvalidInputException(400, "A question in 'questions' is empty.");
            }
            if (q.strip().length() > MAX_QUESTION) {
                throw new InvalidInputException(
                        400, "A question in 'questions' has more than " + MAX_QUESTION + " characters.");
            }
            out.add(q.strip());
        }
        return List.copyOf(out);
    }

    /** Embedded as chat embeds a query, so the two are compared like with like. */
    private List<float[]> embed(List<String> questions) {
        return questions.stream().map(embedder::embedQuery).toList();
    }

    private static void refuseUnknown(Set<String> fields, String allowed) {
        fields.stream().sorted().findFirst().ifPresent(field -> {
            throw new InvalidInputException(
                    400, "'" + abbreviate(field) + "' is not a field here; send " + allowed + ".");
        });
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    private static InvalidInputException notFound() {
        return new InvalidInputException(404, NOT_FOUND);
    }
}
