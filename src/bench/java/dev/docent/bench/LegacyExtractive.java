package dev.docent.bench;

import dev.docent.embedding.Embedder;
import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The extractive answerer as it was before issue 10 (commit e507645), kept for the benchmark's "before" column: one
 * similarity threshold on the best passage, then the sentences closest to the question by embedding alone.
 */
final class LegacyExtractive {

    static final double MIN_SIMILARITY = 0.67;
    private static final double NEAR_BEST = 0.06;

    private record Sentence(int passage, int position, String text, double score) {}

    private final Embedder embedder;

    LegacyExtractive(Embedder embedder) {
        this.embedder = embedder;
    }

    Answer answer(String question, List<Passage> passages) {
        List<Passage> usable = passages.stream().limit(5).toList();
        if (usable.isEmpty() || usable.getFirst().similarity() < MIN_SIMILARITY) {
            return new Answer(Answer.NOT_COVERED, false, List.of(), "extractive", null);
        }
        List<Sentence> candidates = sentences(usable);
        if (candidates.isEmpty()) {
            return new Answer(Answer.NOT_COVERED, false, List.of(), "extractive", null);
        }
        List<String> texts = new ArrayList<>();
        texts.add(question);
        candidates.forEach(c -> texts.add(c.text()));
        List<float[]> vectors = embedder.embedAll(texts);
        List<Sentence> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Sentence s = candidates.get(i);
            double score = dot(vectors.getFirst(), vectors.get(i + 1)) + 0.02 / (1 + s.passage());
            scored.add(new Sentence(s.passage(), s.position(), s.text(), score));
        }
        scored.sort(Comparator.comparingDouble(Sentence::score).reversed());
        double best = scored.getFirst().score();
        Set<String> seen = new HashSet<>();
        List<Sentence> chosen = scored.stream()
                .filter(s -> s.score() >= best - NEAR_BEST)
                .filter(s -> seen.add(s.text()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\W+", " ")
                        .strip()))
                .limit(3)
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
        return new Answer(
                text.toString(),
                true,
                numbers.keySet().stream().map(usable::get).toList(),
                "extractive",
                null);
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

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
