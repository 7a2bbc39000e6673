package dev.docent.llm;

import dev.docent.answering.AnswerConfig;
import dev.docent.embedding.Embedder;
import dev.docent.retrieval.Passage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers without a language model: picks the sentences of the retrieved passages closest in meaning to the question,
 * keeps them in document order and cites each one. When even the best passage is a weak match, it says plainly that
 * the knowledge base does not cover the question.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    /** Sentences this close to the best one join it in the answer. */
    static final double NEAR_BEST = 0.06;

    /** The provider name of answers composed without a model. */
    public static final String PROVIDER = "extractive";

    @Inject
    Embedder embedder;

    @Inject
    AnswerConfig config;

    private record Sentence(int passage, int position, String text, double score) {}

    public Answer answer(String question, List<Passage> passages) {
        List<Passage> usable = passages.stream().limit(config.passages()).toList();
        if (usable.isEmpty() || usable.getFirst().similarity() < config.minSimilarity()) {
            return new Answer(Answer.NOT_COVERED, false, List.of(), PROVIDER, null);
        }
        List<Sentence> candidates = sentences(usable);
        List<float[]> vectors = embedder.embedAll(
                concat(question, candidates.stream().map(Sentence::text).toList()));
        float[] q = vectors.getFirst();
        List<Sentence> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Sentence s = candidates.get(i);
            // A small preference for passages retrieval ranked higher.
            double score = dot(q, vectors.get(i + 1)) + 0.02 / (1 + s.passage());
            scored.add(new Sentence(s.passage(), s.position(), s.text(), score));
        }
        scored.sort(Comparator.comparingDouble(Sentence::score).reversed());
        double best = scored.getFirst().score();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Sentence> chosen = scored.stream()
                .filter(s -> s.score() >= best - NEAR_BEST)
                // The same sentence from two documents (copies, versions) is said once.
                .filter(s -> seen.add(s.text()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\W+", " ")
                        .strip()))
                .limit(config.maxSentences())
                .sorted(Comparator.comparingInt(Sentence::passage).thenComparingInt(Sentence::position))
                .toList();
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Sentence s : chosen) {
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

    private static List<Sentence> sentences(List<Passage> passages) {
        List<Sentence> out = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            String content = passages.get(p).content();
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(content);
            int position = 0;
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String sentence = content.substring(start, end).strip();
                if (sentence.length() >= 12) {
                    out.add(new Sentence(p, position++, sentence, 0));
                }
            }
        }
        return out;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
