package dev.docent.answering;

import dev.docent.retrieval.Passage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * Whether what retrieval found is close enough to answer from: the one place Docent's confidence threshold ({@code
 * docent.answer.min-similarity}, or the value a knowledge manager applied from a
 * calibration: {@link AnswerThresholds}) is applied. Below it Docent says the knowledge base does not cover the question;
 * passages below it are never sent to a model and never decide which model may see a question.
 */
@ApplicationScoped
public class Confidence {

    private final AnswerThresholds thresholds;

    Confidence(AnswerThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Whether the best-ranked passage (retrieval's confidence, as the threshold was calibrated) is close enough. */
    public boolean confident(List<Passage> retrieved) {
        return !retrieved.isEmpty() && confident(retrieved.getFirst().similarity());
    }

    /** Whether a passage this similar to the question is close enough to answer from. */
    public boolean confident(double similarity) {
        double threshold =
                AnswerVariant.current().map(AnswerVariant::minSimilarity).orElseGet(thresholds::minSimilarity);
        return similarity >= threshold;
    }

    /** The passages close enough to be used at all, best first. */
    public List<Passage> usable(List<Passage> retrieved) {
        return retrieved.stream().filter(p -> confident(p.similarity())).toList();
    }

    /** Null for an answer; otherwise whether retrieval found nothing close enough, or the answerer abstained. */
    public UnansweredCause cause(boolean answered, List<Passage> retrieved) {
        if (answered) {
            return null;
        }
        return confident(retrieved) ? UnansweredCause.ABSTAINED : UnansweredCause.NO_CONTENT;
    }
}
