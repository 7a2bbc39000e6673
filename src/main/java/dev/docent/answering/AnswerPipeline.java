package dev.docent.answering;

import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.llm.AnswerCancelled;
import dev.docent.llm.Provider;
import dev.docent.retrieval.Retrieval;
import dev.docent.system.FirstTokenStages;
import dev.docent.system.FirstTokenStages.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a checked question through the named stages, in order: query rewriting, retrieval, curated answers
 * (a question close enough to one gets it, and no stage after runs), context assembly,
 * answering (model or extractive, with fallback), citation verification and recording. Every caller that answers a
 * question (chat, the JSON API, evaluation runs) goes through here, so they all answer alike.
 *
 * <p>No database transaction is held while a model writes: only the recorder writes, at the end.
 */
@ApplicationScoped
public class AnswerPipeline {

    static final String STOPPED = "Stopped before the answer was complete.";

    /** The provider recorded for a refused question: no model wrote it. */
    public static final String REFUSED_BY = "guard";

    private final QueryRewriter rewriter;
    private final Retriever retriever;
    private final ContextAssembler assembler;
    private final Answerer answerer;
    private final CitationVerifier verifier;
    private final Confidence confidence;
    private final Guardrails guardrails;
    private final CuratedAnswers curated;

    AnswerPipeline(
            QueryRewriter rewriter,
            Retriever retriever,
            ContextAssembler assembler,
            Answerer answerer,
            CitationVerifier verifier,
            Confidence confidence,
            Guardrails guardrails,
            CuratedAnswers curated) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.assembler = Objects.requireNonNull(assembler, "assembler");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.confidence = Objects.requireNonNull(confidence, "confidence");
        this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
        this.curated = Objects.requireNonNull(curated, "curated");
    }

    /** Answers {@code question}, streaming to {@code sink} as the answer is written, and hands it to {@code recorder}. */
    public Outcome answer(Question question, AnswerSink sink, AnswerRecorder recorder) {
        Guardrails.Watch guard = guardrails.watch(question);
        Optional<String> refusal = guard.refusal();
        if (refusal.isPresent()) {
            return refuse(question, refusal.get(), sink, recorder);
        }
        String query = rewriter.rewrite(question.text(), question.history(), sink.cancellation());
        FirstTokenStages.markCurrent(Stage.REWRITE);
        Retrieval retrieval = retriever.retrieve(query, question.asker().groups(), question.collection());
        FirstTokenStages.markCurrent(Stage.SEARCH);
        // ---- Curated answers (dev.docent.curated): after retrieval, whose query vector it reuses, before any model.
        Optional<CuratedAnswers.Match> curatedMatch =
                curated.match(retrieval.queryVector(), question.asker().groups(), question.collection());
        FirstTokenStages.markCurrent(Stage.CURATED);
        if (curatedMatch.isPresent()) {
            return serveCurated(question, query, retrieval, curatedMatch.get(), sink, recorder);
        }
        // ---- end of curated answers.
        Context context = assembler.assemble(guard.passages(retrieval.passages()));
        Optional<Provider> author = answerer.author(context);

        AnswerStream out =
                new AnswerStream(question.startedNanos(), guard.sink(sink, context), FirstTokenStages.current());
        sink.start(new AnswerSink.Start(
                question.conversationId(),
                question.messageId(),
                author.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                author.map(Provider::model).orElse(null),
                author.isPresent() ? "model" : "extractive"));

        Draft draft;
        boolean stopped = false;
        try {
            Answerer.Task task = new Answerer.Task(
                    question.text(),
                    query,
                    context,
                    confidence.confident(retrieval.passages()),
                    question.concise(),
                    author);
            FirstTokenStages.markCurrent(Stage.CONTEXT);
            draft = guard.check(verifier.verify(answerer.answer(task, out), context), context, out);
        } catch (AnswerCancelled e) {
            stopped = true;
            draft = Draft.plain(
                    out.text(),
                    !out.text().isBlank(),
                    List.of(),
                    author.map(Provider::name).orElse(ExtractiveAnswerer.PROVIDER),
                    author.map(Provider::model).orElse(null),
                    STOPPED);
        }
        Outcome outcome = new Outcome(
                question,
                query,
                retrieval,
                draft,
                stopped ? null : confidence.cause(draft.answered(), retrieval.passages()),
                stopped,
                out.firstTokenMs(),
                (System.nanoTime() - question.startedNanos()) / 1_000_000,
                Instant.now());
        recorder.record(outcome);
        return outcome;
    }

    /** A question a guard refused: the refusal is the answer, recorded as blocked; no stage after this one runs. */
    private static Outcome refuse(Question question, String refusal, AnswerSink sink, AnswerRecorder recorder) {
        Draft draft = Draft.plain(refusal, false, List.of(), REFUSED_BY, null, null);
        return givenWhole(
                question,
                question.text(),
                new Retrieval(List.of(), null),
                draft,
                UnansweredCause.BLOCKED,
                "refused",
                sink,
                recorder);
    }

    /**
     * A question close enough to a curated answer: the knowledge team's text is the answer, its documents the
     * citations; no model runs and no guard screens it (people on the knowledge team wrote it). Counted as answered.
     */
    private static Outcome serveCurated(
            Question question,
            String query,
            Retrieval retrieval,
            CuratedAnswers.Match match,
            AnswerSink sink,
            AnswerRecorder recorder) {
        Draft draft = Draft.plain(match.text(), true, match.documents(), CuratedAnswers.PROVIDER, null, null);
        return givenWhole(question, query, retrieval, draft, null, "curated", sink, recorder);
    }

    /** An answer no model writes (a refusal, a curated answer): sent in one piece and recorded. */
    private static Outcome givenWhole(
            Question question,
            String query,
            Retrieval retrieval,
            Draft draft,
            UnansweredCause cause,
            String mode,
            AnswerSink sink,
            AnswerRecorder recorder) {
        sink.start(new AnswerSink.Start(question.conversationId(), question.messageId(), draft.provider(), null, mode));
        AnswerStream out = new AnswerStream(question.startedNanos(), sink, FirstTokenStages.current());
        out.add(draft.text());
        Outcome outcome = new Outcome(
                question,
                query,
                retrieval,
                draft,
                cause,
                false,
                out.firstTokenMs(),
                (System.nanoTime() - question.startedNanos()) / 1_000_000,
                Instant.now());
        recorder.record(outcome);
        return outcome;
    }
}
