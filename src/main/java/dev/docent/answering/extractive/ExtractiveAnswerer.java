package dev.docent.answering.extractive;

import dev.docent.answering.AnswerConfig;
import dev.docent.embedding.Embedder;
import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers without a language model, right or silent: when the passages answer the question ({@link
 * AnswerabilityScore}), it quotes the sentences that answer it ({@link SentenceChoice}), verbatim, in document order,
 * each with its citation; otherwise it says plainly that the knowledge base does not cover the question.
 */
@Singleton
public class ExtractiveAnswerer {

    /** The provider name of answers composed without a model. */
    public static final String PROVIDER = "extractive";

    private final Embedder embedder;
    private final AnswerConfig config;
    private final AnswerabilityScore answerability;
    private final SentenceChoice.Weights weights;

    @Inject
    public ExtractiveAnswerer(Embedder embedder, AnswerConfig config, AnswerabilityScore answerability) {
        this(embedder, config, answerability, SentenceChoice.Weights.DEFAULT);
    }

    /** With other sentence weights: for benchmarks that compare them. */
    public ExtractiveAnswerer(
            Embedder embedder, AnswerConfig config, AnswerabilityScore answerability, SentenceChoice.Weights weights) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.config = Objects.requireNonNull(config, "config");
        this.answerability = Objects.requireNonNull(answerability, "answerability");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** The answer to {@code question} from {@code passages} (best first), or the "not covered" statement. */
    public Answer answer(String question, List<Passage> passages) {
        List<Passage> usable = passages.stream().limit(config.passages()).toList();
        if (!answerability.assess(question, usable).answerable()) {
            return notCovered();
        }
        return compose(question, usable);
    }

    /**
     * The quoted answer, for a caller that has already judged the passages answerable: still silent when no sentence
     * answers (all of them questions, say).
     */
    public Answer compose(String question, List<Passage> passages) {
        List<Passage> usable = passages.stream().limit(config.passages()).toList();
        List<SentenceChoice.Sentence> candidates = SentenceChoice.candidates(usable);
        if (candidates.isEmpty()) {
            return notCovered();
        }
        List<String> texts = new ArrayList<>(candidates.size() + 1);
        texts.add(question);
        candidates.forEach(c -> texts.add(c.text()));
        List<float[]> vectors = embedder.embedAll(texts);
        double[] similarities = new double[candidates.size()];
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = dot(vectors.getFirst(), vectors.get(i + 1));
        }
        List<SentenceChoice.Sentence> chosen = SentenceChoice.choose(
                SentenceChoice.rank(question, candidates, similarities, weights), config.maxSentences());
        if (chosen.isEmpty()) {
            return notCovered();
        }
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (SentenceChoice.Sentence s : chosen) {
            int n = numbers.computeIfAbsent(s.passage(), p -> numbers.size() + 1);
            text.append(text.isEmpty() ? "" : " ")
                    .append(s.text())
                    .append(" [")
                    .append(n)
                    .append(']');
        }
        List<Passage> cited = numbers.keySet().stream().map(usable::get).toList();
        return new Answer(text.toString(), true, cited, PROVIDER, null);
    }

    private static Answer notCovered() {
        return new Answer(Answer.NOT_COVERED, false, List.of(), PROVIDER, null);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
