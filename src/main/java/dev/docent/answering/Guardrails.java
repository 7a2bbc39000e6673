package dev.docent.answering;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.Optional;

/**
 * The stage around the others that defends against manipulated input: it screens the question before any model
 * sees it, the retrieved passages before they reach a prompt, the answer's text while it streams, and the finished
 * answer before it is recorded. Implemented by {@code dev.docent.safety}; each answer gets its own {@link Watch}, so
 * what was found in the passages is known when the answer is checked.
 */
public interface Guardrails {

    /** Starts watching the answering of {@code question}. */
    Watch watch(Question question);

    /** One answer's guard, called by {@link AnswerPipeline} in this order. */
    interface Watch {

        /** The answer to give instead of answering (a refusal saying why), or empty to answer. No model has run yet. */
        Optional<String> refusal();

        /** The retrieved passages as they may be used: planted instructions removed or marked, best first. */
        List<Passage> passages(List<Passage> retrieved);

        /** The sink the answer streams to: text the user must not see is held back or removed on the way. */
        AnswerSink sink(AnswerSink sink, Context context);

        /**
         * The finished answer as it may be shown and recorded; may replace what was streamed through {@code out} (a
         * withheld answer is taken back and the extractive answer given, with a notice).
         */
        Draft check(Draft draft, Context context, AnswerStream out);
    }

    /** No guard at all: everything passes as it is. */
    static Guardrails none() {
        return question -> new Watch() {
            @Override
            public Optional<String> refusal() {
                return Optional.empty();
            }

            @Override
            public List<Passage> passages(List<Passage> retrieved) {
                return retrieved;
            }

            @Override
            public AnswerSink sink(AnswerSink sink, Context context) {
                return sink;
            }

            @Override
            public Draft check(Draft draft, Context context, AnswerStream out) {
                return draft;
            }
        };
    }
}
