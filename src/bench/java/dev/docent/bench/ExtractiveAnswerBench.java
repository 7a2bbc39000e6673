package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.AnswerConfig;
import dev.docent.answering.extractive.SentenceChoice;
import dev.docent.collection.CollectionService;
import dev.docent.embedding.Embedder;
import dev.docent.ingestion.DocumentService;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-answer}, section extractive: the extractive answerer before and after issue 10 on SQuAD v1.1 dev
 * and SciFact train, ingested through Docent's pipeline. SQuAD's articles go into two collections (even and odd
 * positions); a question is asked of both (present), of both without its gold paragraph's chunks (hard: the rest of
 * its article is still there), and of the other half only (easy: its article is absent). SciFact: the abstracts cited
 * by the training claims plus others up to {@code bench.scifact.docs}; a claim is asked with its cited abstracts
 * (present) and without them (hard). Removal is done by leaving the chunks out of the retrieved list (30 retrieved,
 * 10 kept). Questions at even positions fit the sentence weights (SQuAD) and the answerability coefficients (both sets,
 * each weighing the same); the others report.
 * Skipped, with a note in the report, when ../shared/data is absent.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(StubProviderProfile.class)
class ExtractiveAnswerBench {

    static final Path OUT = Path.of("target", "bench");
    static final Path SCIFACT = Path.of("..", "shared", "data", "scifact");
    private static final String EVEN = "bench-extractive-even";
    private static final String ODD = "bench-extractive-odd";
    private static final String SCI = "bench-extractive-scifact";
    private static final String GROUP_EVEN = "bench-ex-even";
    private static final String GROUP_ODD = "bench-ex-odd";
    private static final String GROUP_SCI = "bench-ex-sci";
    private static final int RETRIEVED = 30;
    private static final int KEPT = 10;
    private static final Logger LOG = Logger.getLogger(ExtractiveAnswerBench.class);

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @Inject
    SearchService search;

    @Inject
    DocumentService documents;

    @Inject
    CollectionService collections;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    AnswerConfig answers;

    @Test
    void extractiveAnswersBeforeAndAfter() throws Exception {
        if (!RealTexts.squadPresent() || !Files.isRegularFile(SCIFACT.resolve("corpus.jsonl"))) {
            BenchReport.skipped(
                    OUT,
                    "extractive",
                    "Extractive answers",
                    "../shared/data/squad or ../shared/data/scifact not present");
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("machine", Machine.describe(jdbc));
        data.put("minAnswerability", answers.minAnswerability());
        ExtractiveEvaluation evaluation = new ExtractiveEvaluation(embedder, answers);
        List<ExtractiveEvaluation.Case> squad = squadCases(Integer.getInteger("bench.extractive.questions", 300));
        List<ExtractiveEvaluation.Case> scifact = scifactCases(
                Integer.getInteger("bench.scifact.docs", 600), Integer.getInteger("bench.scifact.claims", 150));
        // -Dbench.extractive.sweep=false skips the weight sweep (a rerun after the weights were chosen).
        data.put(
                "sentenceWeights",
                !Boolean.parseBoolean(System.getProperty("bench.extractive.sweep", "true"))
                        ? Map.of()
                        : evaluation.sweepWeights(
                                squad,
                                List.of(
                                        new SentenceChoice.Weights(0, 0),
                                        new SentenceChoice.Weights(0.15, 0.1),
                                        new SentenceChoice.Weights(0.3, 0.1),
                                        new SentenceChoice.Weights(0.3, 0.2),
                                        new SentenceChoice.Weights(0.5, 0.2),
                                        new SentenceChoice.Weights(0.3, 1.0))));
        Logistic fitted = ExtractiveEvaluation.fit(squad, scifact);
        Map<String, Object> coefficients = new LinkedHashMap<>();
        coefficients.put("intercept", Stats.round(fitted.intercept()));
        String[] names = {"bestSimilarity", "margin", "coverage", "sentenceCoverage", "typeMatch"};
        for (int i = 0; i < names.length; i++) {
            coefficients.put(names[i], Stats.round(fitted.weights()[i]));
        }
        LOG.infof("fitted answerability coefficients: %s", coefficients);
        data.put("fittedCoefficients", coefficients);
        data.put("squad", evaluation.run("SQuAD", squad, fitted));
        data.put("scifact", evaluation.run("SciFact", scifact, fitted));
        data.put("loadAverageAtEnd", Machine.loadAverage());
        BenchReport.section(OUT, "extractive", data, ExtractiveReport.markdown(data));
        if (!Boolean.getBoolean("bench.keep")) {
            for (String name : List.of(EVEN, ODD, SCI)) {
                drop(name);
            }
        }
        assertFalse(squad.isEmpty(), "SQuAD questions were asked");
    }

    private List<ExtractiveEvaluation.Case> squadCases(int limit) throws Exception {
        JsonNode articles =
                new ObjectMapper().readTree(RealTexts.SQUAD.toFile()).path("data");
        List<Path> files = SquadArticles.writeMarkdown(RealTexts.SQUAD, OUT.resolve("squad-articles"));
        List<Path> even = new ArrayList<>();
        List<Path> odd = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (i % 2 == 0 ? even : odd).add(files.get(i));
        }
        ingest(EVEN, GROUP_EVEN, even);
        ingest(ODD, GROUP_ODD, odd);
        record Q(String text, int article, int paragraph, List<String> answers) {}
        List<String> paragraphs = new ArrayList<>();
        List<Q> questions = new ArrayList<>();
        for (int a = 0; a < articles.size(); a++) {
            for (JsonNode p : articles.get(a).path("paragraphs")) {
                int index = paragraphs.size();
                paragraphs.add(p.path("context").asText());
                for (JsonNode q : p.path("qas")) {
                    List<String> golds = new ArrayList<>();
                    q.path("answers").forEach(x -> golds.add(x.path("text").asText()));
                    questions.add(new Q(q.path("question").asText(), a, index, golds));
                }
            }
        }
        Collections.shuffle(questions, new Random(11));
        questions = questions.subList(0, Math.min(limit, questions.size()));
        Map<Long, String> chunks = new HashMap<>();
        jdbc.list(
                        "SELECT c.id, c.content FROM chunks c JOIN collections k ON k.id = c.collection_id"
                                + " WHERE k.name IN (?, ?)",
                        r -> Map.entry(r.getLong(1), r.getString(2)),
                        EVEN,
                        ODD)
                .forEach(e -> chunks.put(e.getKey(), e.getValue()));
        Map<Long, Set<Integer>> paragraphsOf = SquadQuality.paragraphsOf(paragraphs, chunks);
        List<float[]> vectors = embed(questions.stream().map(Q::text).toList());
        List<ExtractiveEvaluation.Case> cases = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Q q = questions.get(i);
            List<Passage> all = search.retrieve(
                    q.text(),
                    vectors.get(i),
                    RETRIEVED,
                    Set.of(GROUP_EVEN, GROUP_ODD),
                    null,
                    retrieval.mode(),
                    retrieval.efSearch());
            List<Passage> hard = all.stream()
                    .filter(p ->
                            !paragraphsOf.getOrDefault(p.chunkId(), Set.of()).contains(q.paragraph()))
                    .limit(KEPT)
                    .toList();
            List<Passage> easy = search.retrieve(
                    q.text(),
                    vectors.get(i),
                    KEPT,
                    Set.of(q.article() % 2 == 0 ? GROUP_ODD : GROUP_EVEN),
                    null,
                    retrieval.mode(),
                    retrieval.efSearch());
            List<String> golds =
                    q.answers().stream().map(SquadQuality::normalize).toList();
            cases.add(new ExtractiveEvaluation.Case(
                    q.text(),
                    i % 2 == 0,
                    a -> golds.stream().anyMatch(SquadQuality.normalize(a.text())::contains),
                    p -> golds.stream().anyMatch(SquadQuality.normalize(p.content())::contains),
                    q.text().replaceAll("\\?\\s*$", "") + " " + q.answers().getFirst(),
                    all.stream().limit(KEPT).toList(),
                    hard,
                    easy));
        }
        LOG.infof("SQuAD: %d questions retrieved under three conditions", cases.size());
        return cases;
    }

    private List<ExtractiveEvaluation.Case> scifactCases(int docs, int claims) throws Exception {
        Map<String, Set<String>> cited = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SCIFACT.resolve("qrels-train.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 2 && !f[0].equals("query-id")) {
                cited.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add(f[1]);
            }
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, String> claimText = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SCIFACT.resolve("queries-train.jsonl"))) {
            JsonNode q = json.readTree(line);
            claimText.put(q.path("_id").asText(), q.path("text").asText());
        }
        List<String> claimIds = new ArrayList<>(cited.keySet());
        claimIds.retainAll(claimText.keySet());
        Collections.shuffle(claimIds, new Random(13));
        claimIds = claimIds.subList(0, Math.min(claims, claimIds.size()));
        Set<String> wanted = new LinkedHashSet<>();
        claimIds.forEach(c -> wanted.addAll(cited.get(c)));
        Map<String, String[]> corpus = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(SCIFACT.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode d = json.readTree(line);
                corpus.put(
                        d.path("_id").asText(),
                        new String[] {d.path("title").asText(), d.path("text").asText()});
            }
        }
        List<String> others = new ArrayList<>(corpus.keySet());
        others.removeAll(wanted);
        Collections.shuffle(others, new Random(17));
        List<String> chosen = new ArrayList<>(wanted);
        chosen.retainAll(corpus.keySet());
        chosen.addAll(others.subList(0, Math.max(0, Math.min(others.size(), docs - chosen.size()))));
        Path folder = Files.createDirectories(OUT.resolve("scifact-abstracts"));
        List<Path> files = new ArrayList<>();
        for (String id : chosen) {
            Path file = folder.resolve("sf-" + id + ".md");
            String[] d = corpus.get(id);
            Files.writeString(file, "# " + d[0] + "\n\n" + d[1] + "\n", StandardCharsets.UTF_8);
            files.add(file);
        }
        ingest(SCI, GROUP_SCI, files);
        Map<UUID, String> corpusIdOf = new HashMap<>();
        jdbc.list(
                        "SELECT d.id, d.file_name FROM documents d JOIN collections k ON k.id = d.collection_id"
                                + " WHERE k.name = ?",
                        r -> Map.entry(r.getObject(1, UUID.class), r.getString(2)),
                        SCI)
                .forEach(e -> corpusIdOf.put(e.getKey(), e.getValue().replaceAll("^sf-|\\.md$", "")));
        List<float[]> vectors = embed(claimIds.stream().map(claimText::get).toList());
        List<ExtractiveEvaluation.Case> cases = new ArrayList<>();
        for (int i = 0; i < claimIds.size(); i++) {
            String claim = claimText.get(claimIds.get(i));
            Set<String> gold = cited.get(claimIds.get(i));
            List<Passage> all = search.retrieve(
                    claim, vectors.get(i), RETRIEVED, Set.of(GROUP_SCI), null, retrieval.mode(), retrieval.efSearch());
            java.util.function.Predicate<Passage> isGold = p -> gold.contains(corpusIdOf.get(p.documentId()));
            cases.add(new ExtractiveEvaluation.Case(
                    claim,
                    i % 2 == 0,
                    a -> a.cited().stream().anyMatch(isGold),
                    isGold,
                    claim,
                    all.stream().limit(KEPT).toList(),
                    all.stream().filter(isGold.negate()).limit(KEPT).toList(),
                    null));
        }
        LOG.infof("SciFact: %d claims over %d abstracts", cases.size(), files.size());
        return cases;
    }

    private List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += 256) {
            out.addAll(embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 256))));
        }
        return out;
    }

    /**
     * Ingests {@code files} into a collection of their own; a kept collection (bench.keep) is completed, not redone:
     * uploading bytes it already holds is a no-op, so an interrupted run resumes where it stopped.
     */
    private void ingest(String collection, String group, List<Path> files) throws IOException, InterruptedException {
        if (jdbc.one("SELECT 1 FROM collections WHERE name = ?", r -> 1, collection)
                .isEmpty()) {
            collections.create(
                    new CollectionService.Spec(collection, "extractive benchmark", List.of(group), false), "bench");
        }
        long start = System.nanoTime();
        for (Path file : files) {
            documents.upload(file, file.getFileName().toString(), Files.size(file), collection, "bench");
        }
        while (true) {
            long waiting = jdbc.one(
                            "SELECT count(*) FROM documents d JOIN collections k ON k.id = d.collection_id"
                                    + " WHERE k.name = ? AND d.status IN ('queued', 'processing')",
                            r -> r.getLong(1),
                            collection)
                    .orElse(0L);
            if (waiting == 0) {
                break;
            }
            if (System.nanoTime() - start > 3_600e9) {
                throw new IllegalStateException(collection + ": ingestion took over an hour");
            }
            Thread.sleep(1000);
        }
        LOG.infof("ingested %d files into %s in %.0f s", files.size(), collection, (System.nanoTime() - start) / 1e9);
    }

    private void drop(String collection) {
        jdbc.update(
                "DELETE FROM documents WHERE collection_id = (SELECT id FROM collections WHERE name = ?)", collection);
        jdbc.update("DELETE FROM collections WHERE name = ?", collection);
    }
}
