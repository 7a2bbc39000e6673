package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.extractive.ExtractiveAnswerer;
import dev.docent.embedding.Embedder;
import dev.docent.llm.Answer;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig.Mode;
import dev.docent.retrieval.SearchService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Retrieval quality on SQuAD-style data already ingested through Docent's pipeline: for each question, the rank of the
 * first retrieved chunk that comes from the question's gold paragraph (recall@1/5/10, MRR@10), per retrieval mode; and
 * how often the extractive answer over the retrieved passages contains a gold answer.
 */
final class SquadQuality {

    private static final Logger LOG = Logger.getLogger(SquadQuality.class);
    private static final int KEY_LENGTH = 40;

    /** A question with its gold paragraph and gold answers. */
    record Question(String text, int paragraph, List<String> answers) {}

    /** Paragraphs (in file order) and questions of a SQuAD v1.1 file. */
    record Squad(List<String> paragraphs, List<Question> questions) {

        static Squad read(Path file) {
            try {
                List<String> paragraphs = new ArrayList<>();
                List<Question> questions = new ArrayList<>();
                for (JsonNode article :
                        new ObjectMapper().readTree(file.toFile()).path("data")) {
                    for (JsonNode p : article.path("paragraphs")) {
                        int index = paragraphs.size();
                        paragraphs.add(p.path("context").asText());
                        for (JsonNode q : p.path("qas")) {
                            List<String> answers = new ArrayList<>();
                            q.path("answers")
                                    .forEach(a -> answers.add(a.path("text").asText()));
                            questions.add(new Question(q.path("question").asText(), index, answers));
                        }
                    }
                }
                return new Squad(paragraphs, questions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Up to {@code limit} questions, a fixed random sample when fewer than all. */
        List<Question> sample(int limit) {
            if (limit >= questions.size()) {
                return questions;
            }
            List<Question> copy = new ArrayList<>(questions);
            Collections.shuffle(copy, new Random(7));
            return copy.subList(0, limit);
        }
    }

    private final SearchService search;
    private final Embedder embedder;
    private final ExtractiveAnswerer extractive;

    SquadQuality(SearchService search, Embedder embedder, ExtractiveAnswerer extractive) {
        this.search = search;
        this.embedder = embedder;
        this.extractive = extractive;
    }

    /**
     * Measures every mode over {@code questions}; {@code chunks} maps chunk id to content (to find its paragraphs),
     * {@code groups} opens the collection holding them; extractive answers for the first {@code answerLimit}.
     */
    Map<String, Object> run(
            Squad squad,
            List<Question> questions,
            Map<Long, String> chunks,
            Set<String> groups,
            int efSearch,
            int answerLimit) {
        Map<Long, Set<Integer>> paragraphsOf = paragraphsOf(squad.paragraphs(), chunks);
        long t0 = System.nanoTime();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < questions.size(); i += 256) {
            vectors.addAll(embedder.embedAll(questions.subList(i, Math.min(questions.size(), i + 256)).stream()
                    .map(Question::text)
                    .toList()));
        }
        LOG.infof("embedded %d questions in %.1f s", questions.size(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> modes = new LinkedHashMap<>();
        Map<Mode, List<List<Passage>>> retrieved = new HashMap<>();
        for (Mode mode : List.of(Mode.VECTOR, Mode.KEYWORD, Mode.HYBRID)) {
            int[] ranks = new int[questions.size()];
            List<Double> ms = new ArrayList<>();
            List<List<Passage>> all = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                long start = System.nanoTime();
                List<Passage> top = search.retrieve(
                        q.text(), mode == Mode.KEYWORD ? null : vectors.get(i), 10, groups, null, mode, efSearch);
                ms.add((System.nanoTime() - start) / 1e6);
                ranks[i] = 0;
                for (int r = 0; r < top.size(); r++) {
                    if (paragraphsOf
                            .getOrDefault(top.get(r).chunkId(), Set.of())
                            .contains(q.paragraph())) {
                        ranks[i] = r + 1;
                        break;
                    }
                }
                if (i < answerLimit) {
                    all.add(top);
                }
            }
            retrieved.put(mode, all);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recallAt1", recall(ranks, 1));
            m.put("recallAt5", recall(ranks, 5));
            m.put("recallAt10", recall(ranks, 10));
            m.put("mrrAt10", mrr(ranks));
            m.put("latencyMs", Stats.of(ms).toMap());
            modes.put(mode.name().toLowerCase(Locale.ROOT), m);
            LOG.infof("%s: %s", mode, m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("questions", questions.size());
        out.put("paragraphs", squad.paragraphs().size());
        out.put("chunks", chunks.size());
        out.put("chunksMatchedToParagraphs", paragraphsOf.size());
        out.put("modes", modes);
        String winner = modes.entrySet().stream()
                .max((a, b) -> Double.compare(score(a.getValue()), score(b.getValue())))
                .orElseThrow()
                .getKey();
        out.put("winnerByMrr", winner);
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Mode mode : List.of(Mode.HYBRID, Mode.valueOf(winner.toUpperCase(Locale.ROOT)))) {
            answers.putIfAbsent(mode.name().toLowerCase(Locale.ROOT), containment(questions, retrieved.get(mode)));
        }
        out.put("extractive", answers);
        return out;
    }

    private Map<String, Object> containment(List<Question> questions, List<List<Passage>> retrieved) {
        int answered = 0;
        int contains = 0;
        int goldRetrieved = 0;
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < retrieved.size(); i++) {
            Question q = questions.get(i);
            long start = System.nanoTime();
            Answer answer = extractive.answer(q.text(), retrieved.get(i));
            ms.add((System.nanoTime() - start) / 1e6);
            String passages = normalize(String.join(
                    " ",
                    retrieved.get(i).stream().limit(5).map(Passage::content).toList()));
            boolean inPassages = q.answers().stream().anyMatch(a -> passages.contains(normalize(a)));
            goldRetrieved += inPassages ? 1 : 0;
            if (answer.answered()) {
                answered++;
                String text = normalize(answer.text());
                if (q.answers().stream().anyMatch(a -> text.contains(normalize(a)))) {
                    contains++;
                }
            }
        }
        int n = retrieved.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("questions", n);
        m.put("answeredRate", ratio(answered, n));
        m.put("containsGoldAnswer", ratio(contains, n));
        m.put("containsGoldAnswerWhenAnswered", ratio(contains, answered));
        m.put("goldAnswerInTop5Passages", ratio(goldRetrieved, n));
        m.put("answerMs", Stats.of(ms).toMap());
        return m;
    }

    /** Which paragraphs each chunk comes from: a chunk's sentence prefixes looked up among the paragraphs'. */
    static Map<Long, Set<Integer>> paragraphsOf(List<String> paragraphs, Map<Long, String> chunks) {
        Map<String, Set<Integer>> byKey = new HashMap<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            for (String key : keys(paragraphs.get(p))) {
                byKey.computeIfAbsent(key, k -> new HashSet<>()).add(p);
            }
        }
        Map<Long, Set<Integer>> out = new HashMap<>();
        for (var chunk : chunks.entrySet()) {
            Set<Integer> found = new HashSet<>();
            for (String key : keys(chunk.getValue())) {
                found.addAll(byKey.getOrDefault(key, Set.of()));
            }
            if (!found.isEmpty()) {
                out.put(chunk.getKey(), found);
            }
        }
        return out;
    }

    private static List<String> keys(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : text.split("(?<=[.!?])\\s+")) {
            String s = normalize(sentence);
            if (s.length() >= KEY_LENGTH) {
                out.add(s.substring(0, KEY_LENGTH));
            }
        }
        return out;
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static double score(Object mode) {
        @SuppressWarnings("unchecked")
        var m = (Map<String, Object>) mode;
        return ((Number) m.get("mrrAt10")).doubleValue();
    }

    private static double recall(int[] ranks, int k) {
        long hits = java.util.Arrays.stream(ranks).filter(r -> r > 0 && r <= k).count();
        return ratio((int) hits, ranks.length);
    }

    private static double mrr(int[] ranks) {
        return Stats.round(java.util.Arrays.stream(ranks)
                        .mapToDouble(r -> r > 0 ? 1.0 / r : 0)
                        .sum()
                / Math.max(1, ranks.length));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : Stats.round(a / (double) b);
    }
}
