package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.monitoring.Groundedness;
import dev.docent.retrieval.Passage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-groundedness} (section groundedness-auc): how the groundedness score separates answers that contain
 * SQuAD's gold answer from those that do not (AUC), for answers written by a stub that answers from the passages:
 * each question gets its gold paragraph and two other paragraphs of the same article, and the stub writes the
 * sentence sharing most words with the question, citing its passage. Plain JUnit (no application), reading
 * ../shared/data/squad/dev-v1.1.json; skipped with a note when it is absent. {@code bench.groundedness.questions}
 * (2000), {@code bench.groundedness.minSupport} (0.3, Docent's default).
 */
@Tag("bench")
class GroundednessAucBench {

    static final Path SQUAD = Path.of("..", "shared", "data", "squad", "dev-v1.1.json");
    static final Path OUT = Path.of("target", "bench");

    @Test
    void groundednessAgainstGoldAnswerContainment() throws Exception {
        if (!Files.exists(SQUAD)) {
            BenchReport.skipped(OUT, "groundedness-auc", "Groundedness AUC on SQuAD", SQUAD + " not present");
            return;
        }
        int limit = Integer.getInteger("bench.groundedness.questions", 2000);
        double minSupport = Double.parseDouble(System.getProperty("bench.groundedness.minSupport", "0.3"));
        JsonNode root = new ObjectMapper().readTree(SQUAD.toFile());
        Random random = new Random(12);
        List<double[]> scored = new ArrayList<>(); // {score, containsGold}
        int unscored = 0;
        for (JsonNode article : root.path("data")) {
            List<String> paragraphs = new ArrayList<>();
            article.path("paragraphs")
                    .forEach(p -> paragraphs.add(p.path("context").asText()));
            for (int p = 0; p < paragraphs.size() && scored.size() + unscored < limit; p++) {
                for (JsonNode qa : article.path("paragraphs").get(p).path("qas")) {
                    if (scored.size() + unscored >= limit) {
                        break;
                    }
                    List<Passage> passages = passages(paragraphs, p, random);
                    String answer = stubAnswer(qa.path("question").asText(), passages);
                    Double score = Groundedness.of(answer, passages, minSupport);
                    if (score == null) {
                        unscored++;
                        continue;
                    }
                    boolean gold = false;
                    for (JsonNode a : qa.path("answers")) {
                        gold |= answer.toLowerCase(Locale.ROOT)
                                .contains(a.path("text").asText().toLowerCase(Locale.ROOT));
                    }
                    scored.add(new double[] {score, gold ? 1 : 0});
                }
            }
        }
        long positives = scored.stream().filter(s -> s[1] == 1).count();
        long perfect = scored.stream().filter(s -> s[0] == 1.0).count();
        double auc = auc(scored);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("questions", scored.size() + unscored);
        data.put("scored", scored.size());
        data.put("containGold", positives);
        data.put("scoreOne", perfect);
        data.put("meanScoreWithGold", Stats.round(mean(scored, 1)));
        data.put("meanScoreWithoutGold", Stats.round(mean(scored, 0)));
        data.put("auc", Stats.round(auc));
        data.put("minSupport", minSupport);
        String md = "## Groundedness AUC on SQuAD (stub answers)\n\n"
                + "SQuAD dev, " + scored.size()
                + " questions scored; each gets its gold paragraph and two other paragraphs"
                + " of the article, and a stub writes the passage sentence sharing most words with the question, citing"
                + " it. " + positives + " answers contain the gold answer. Groundedness (min support " + minSupport
                + ") is 1.0 for " + perfect + " of " + scored.size() + " answers; mean " + Stats.fmt(mean(scored, 1))
                + " with the gold answer, " + Stats.fmt(mean(scored, 0)) + " without. **AUC " + Stats.fmt(auc)
                + "**.\n\nNot a basis for the review level: an answer copied from the passages is supported by what it"
                + " cites whether or not it answers the question, so the score cannot separate right from wrong answers"
                + " here. Separating them needs answers that put things the passages do not say, which only a real"
                + " model writes.\n";
        BenchReport.section(OUT, "groundedness-auc", data, md);
    }

    private static List<Passage> passages(List<String> paragraphs, int gold, Random random) {
        List<Integer> picked = new ArrayList<>(List.of(gold));
        Set<Integer> seen = new HashSet<>(picked);
        while (picked.size() < Math.min(3, paragraphs.size())) {
            int other = random.nextInt(paragraphs.size());
            if (seen.add(other)) {
                picked.add(other);
            }
        }
        java.util.Collections.shuffle(picked, random);
        return picked.stream()
                .map(i -> new Passage(
                        i, UUID.randomUUID(), "p" + i, "text/plain", null, List.of(), paragraphs.get(i), 1, 1))
                .toList();
    }

    /** The sentence of the passages that shares most words with the question, with its citation marker. */
    static String stubAnswer(String question, List<Passage> passages) {
        Set<String> terms = words(question);
        String best = "";
        int bestN = 0;
        int bestOverlap = -1;
        for (int n = 0; n < passages.size(); n++) {
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            String text = passages.get(n).content();
            it.setText(text);
            for (int s = it.first(), e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
                String sentence = text.substring(s, e).strip();
                Set<String> w = words(sentence);
                w.retainAll(terms);
                if (w.size() > bestOverlap) {
                    bestOverlap = w.size();
                    best = sentence;
                    bestN = n + 1;
                }
            }
        }
        String body = best.endsWith(".") ? best.substring(0, best.length() - 1) : best;
        return body + " [" + bestN + "].";
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 3) {
                out.add(w);
            }
        }
        return out;
    }

    /** Mann-Whitney AUC: the chance a gold-containing answer scores above one without (ties count half). */
    static double auc(List<double[]> scored) {
        double pairs = 0;
        double wins = 0;
        for (double[] p : scored) {
            if (p[1] != 1) {
                continue;
            }
            for (double[] n : scored) {
                if (n[1] != 0) {
                    continue;
                }
                pairs++;
                wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    private static double mean(List<double[]> scored, int label) {
        return scored.stream()
                .filter(s -> s[1] == label)
                .mapToDouble(s -> s[0])
                .average()
                .orElse(Double.NaN);
    }
}
