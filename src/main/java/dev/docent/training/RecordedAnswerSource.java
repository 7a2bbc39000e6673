package dev.docent.training;

import dev.docent.answering.Context;
import dev.docent.answering.ContextAssembler;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.PassageAccess;
import dev.docent.review.RecordedAnswer;
import dev.docent.review.ReviewService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Examples from recorded chat answers: reviewed ones (a correct answer as it was, a wrong one with its correction and,
 * as the rejected side of a preference pair, the answer itself), then the ones users rated helpful. The passages are
 * put together again the way chat did: what retrieval returned for the answer, through the same context assembly.
 * An answer whose citations no longer point at the same passages (a document changed or deleted since) is left out
 * rather than taught with markers that point at the wrong text.
 */
@ApplicationScoped
class RecordedAnswerSource implements TrainingSource {

    @Inject
    ReviewService reviews;

    @Inject
    PassageAccess passages;

    @Inject
    ContextAssembler assembler;

    @Override
    public List<TrainingExample> examples(int limit) {
        List<TrainingExample> examples = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (RecordedAnswer a : reviews.reviewedAnswers(limit)) {
            seen.add(a.messageId());
            example(a).ifPresent(examples::add);
        }
        for (RecordedAnswer a : reviews.helpfulAnswers(limit)) {
            if (seen.add(a.messageId())) {
                example(a).ifPresent(examples::add);
            }
        }
        return examples.size() > limit ? examples.subList(0, limit) : examples;
    }

    private Optional<TrainingExample> example(RecordedAnswer a) {
        boolean corrected = "incorrect".equals(a.verdict()) && a.correction() != null;
        if (!corrected && !(a.vouchedFor() && a.answered())) {
            return Optional.empty();
        }
        List<Passage> context = context(a);
        if (context.isEmpty() || (!corrected && !citationsStillMatch(a, context))) {
            return Optional.empty();
        }
        return Optional.of(
                corrected
                        ? new TrainingExample("corrected", a.question(), context, a.correction(), a.answer())
                        : new TrainingExample(
                                a.verdict() == null ? "helpful" : "reviewed", a.question(), context, a.answer(), null));
    }

    /** The passages the answer was written from, rebuilt from what retrieval returned for it. */
    private List<Passage> context(RecordedAnswer a) {
        Map<Long, Passage> stored = passages.stored(
                a.retrieved().stream().map(RecordedAnswer.Retrieved::chunkId).toList());
        List<Passage> retrieved = new ArrayList<>();
        for (RecordedAnswer.Retrieved r : a.retrieved()) {
            Passage p = stored.get(r.chunkId());
            if (p != null) {
                retrieved.add(new Passage(
                        p.chunkId(),
                        p.documentId(),
                        p.title(),
                        p.mediaType(),
                        p.page(),
                        p.headingPath(),
                        p.content(),
                        r.score(),
                        r.similarity()));
            }
        }
        Context context = assembler.assemble(retrieved);
        return context.passages();
    }

    private static boolean citationsStillMatch(RecordedAnswer a, List<Passage> context) {
        return a.citations().stream()
                .allMatch(c -> c.n() >= 1
                        && c.n() <= context.size()
                        && context.get(c.n() - 1).chunkId() == c.chunkId());
    }
}
