package dev.docent.answering.extractive;

import dev.docent.retrieval.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the sentences of the retrieved passages that answer a question: close in meaning to it, holding its key
 * terms, and offering an answer of the kind it asks for (a number for "how many", a date for "when", a name for
 * "who"). Sentences that are questions, or quote one as an example, are never chosen: they echo the question back
 * ("Who can see my conversations?" from a FAQ) instead of answering it.
 */
public final class SentenceChoice {

    /** Shorter pieces are headings' leftovers and list bullets, not statements. */
    static final int MIN_LENGTH = 12;

    /** Sentences within this score of the best one join it in the answer. */
    static final double NEAR_BEST = 0.06;

    /** A small preference for passages retrieval ranked higher: {@code RANK_BONUS / (1 + rank)}. */
    static final double RANK_BONUS = 0.02;

    /** "for example, ask ...", "questions like", "sample question": a sentence that shows a question as an example. */
    private static final Pattern EXAMPLE_OF_QUESTION = Pattern.compile(
            "\\b(example|sample|typical) questions?\\b|\\bquestions? (like|such as)\\b|\\b(try|you (can|could|might)|"
                    + "for example,?|e\\.g\\.,?|such as) (ask|asking|type|typing)\\b|^(q|question)\\s*[:.]",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s");

    /**
     * How much each clue counts beside the embedding similarity of question and sentence (0 to 1).
     *
     * @param coverage weight of the share of the question's content terms the sentence contains
     * @param type weight of an answer of the asked type in the sentence (only for typed questions)
     */
    public record Weights(double coverage, double type) {
        /** Chosen with {@code make bench-answer} on a calibration half of SQuAD dev (README, Extractive answers). */
        public static final Weights DEFAULT = new Weights(0.3, 0.1);
    }

    /** A sentence of passage {@code passage} (0-based, in retrieval order), its {@code position}-th quotable one. */
    public record Sentence(int passage, int position, String text) {}

    /** A sentence with its score and clues. */
    public record Scored(Sentence sentence, double score, double coverage, boolean typeMatch) {}

    private SentenceChoice() {}

    /** The quotable sentences of {@code passages}, in retrieval order, then document order. */
    public static List<Sentence> candidates(List<Passage> passages) {
        List<Sentence> out = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            String content = passages.get(p).content();
            if (content == null) {
                continue;
            }
            int position = 0;
            for (String line : content.split("\\R")) {
                if (MARKDOWN_HEADING.matcher(line.strip()).find()) {
                    continue;
                }
                BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
                it.setText(line);
                for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                    String sentence = line.substring(start, end).strip();
                    if (quotable(sentence)) {
                        out.add(new Sentence(p, position++, sentence));
                    }
                }
            }
        }
        return out;
    }

    /** False for a question, an example of one, and for fragments too short to state anything. */
    public static boolean quotable(String sentence) {
        return sentence.length() >= MIN_LENGTH
                && sentence.indexOf('?') < 0
                && sentence.indexOf('¿') < 0
                && !EXAMPLE_OF_QUESTION.matcher(sentence).find();
    }

    /**
     * Scores {@code candidates} for {@code question}, best first. {@code similarities} holds each candidate's cosine
     * similarity to the question (same order), or is null when there are no embeddings. A sentence that shares no
     * content term with the question, or has nothing the question has not (an echo), is left out.
     */
    public static List<Scored> rank(String question, List<Sentence> candidates, double[] similarities, Weights w) {
        Set<String> asked = Terms.of(question);
        AnswerType type = AnswerType.of(question);
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Sentence s = candidates.get(i);
            Set<String> terms = Terms.of(s.text());
            double coverage = Terms.coverage(asked, terms);
            boolean echo = !terms.isEmpty() && asked.containsAll(terms);
            if (echo || (!asked.isEmpty() && coverage == 0)) {
                continue;
            }
            boolean typeMatch = type != AnswerType.OTHER && type.foundIn(s.text(), question);
            double similarity = similarities == null ? 0 : similarities[i];
            double score =
                    similarity + w.coverage() * coverage + (typeMatch ? w.type() : 0) + RANK_BONUS / (1 + s.passage());
            out.add(new Scored(s, score, coverage, typeMatch));
        }
        out.sort(Comparator.comparingDouble(Scored::score).reversed());
        return out;
    }

    /**
     * The sentences to quote: the best one, and up to {@code max - 1} more within {@link #NEAR_BEST} of it (of the
     * asked type too, when the best one is), each said once, in passage and document order.
     */
    public static List<Sentence> choose(List<Scored> ranked, int max) {
        if (ranked.isEmpty() || max < 1) {
            return List.of();
        }
        Scored best = ranked.getFirst();
        Set<String> seen = new HashSet<>();
        return ranked.stream()
                .filter(s -> s.score() >= best.score() - NEAR_BEST)
                .filter(s -> !best.typeMatch() || s.typeMatch())
                // The same sentence from two documents (copies, versions) is said once.
                .filter(s -> seen.add(s.sentence()
                        .text()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\W+", " ")
                        .strip()))
                .limit(max)
                .map(Scored::sentence)
                .sorted(Comparator.comparingInt(Sentence::passage).thenComparingInt(Sentence::position))
                .toList();
    }
}
