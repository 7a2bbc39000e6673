package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chooses Docent's default in-process embedding model by measurement: all-MiniLM-L6-v2 (quantized, 126-wordpiece
 * window) against bge-small-en-v1.5 (quantized, 510-wordpiece window), on SQuAD v1.1 dev question to paragraph
 * retrieval.
 *
 * <p>Every model sees whole text: each paragraph is split on sentence boundaries (LangChain4j's recursive splitter,
 * counting the model's own wordpieces) into pieces that fit the model's window, and a paragraph's score for a question
 * is the best score of its pieces. Search is exact (dot product of normalized vectors, in memory).
 *
 * <p>Run: {@code ./mvnw -q -B test -DskipFormatCheck -Dtest=EmbeddingModelBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.excluded=} (the pom excludes the "bench" tag unless
 * {@code bench.excluded} is cleared) with optional system properties {@code bench.questions} (seeded sample size;
 * all 10,570 when absent or 0), {@code bench.seed} (42), {@code bench.batch} (embedAll batch size, 64),
 * {@code bench.repeats} (timed embedding rounds, models interleaved, median reported, 1) and {@code bench.variants} ({@code all},
 * {@code core}, or a comma-separated list of variant keys). Writes {@code target/bench/embedding-models.md} and
 * {@code .json}. Skipped when {@code ../shared/data/squad/dev-v1.1.json} is absent.
 */
@Tag("bench")
class EmbeddingModelBench {

    private static final Path SQUAD = Path.of("..", "shared", "data", "squad", "dev-v1.1.json");
    private static final Path OUT = Path.of("target", "bench");
    private static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";
    private static final int WARM_UP_TEXTS = 16;

    /** An in-process model: its content window (wordpieces, [CLS]/[SEP] excluded) and its tokenizer in its jar. */
    record ModelSpec(
            String key, String label, int window, String tokenizerResource, Supplier<EmbeddingModel> factory) {}

    /**
     * One retrieval setup. {@code split} false means whole paragraphs are embedded and the model truncates them
     * silently at its window (what happens without window-aware chunking).
     */
    record Variant(
            String key,
            String label,
            ModelSpec model,
            boolean split,
            int chunkWindow,
            String queryPrefix,
            boolean extra) {
        String passageKey() {
            return model.key + (split ? "/split" + chunkWindow : "/whole");
        }

        String questionKey() {
            return model.key + (queryPrefix.isEmpty() ? "" : "/prefixed");
        }
    }

    record Paragraph(int index, String article, String text) {}

    record Question(String id, int paragraph, String text) {}

    /** Pieces of the corpus for one chunking: text, owning paragraph, wordpieces the model sees. */
    record Chunking(
            List<String> texts, int[] paragraphOf, int[] seenTokens, int splitParagraphs, int truncatedParagraphs) {
        double averageTokens() {
            return Arrays.stream(seenTokens).average().orElse(0);
        }

        long totalTokens() {
            return Arrays.stream(seenTokens).asLongStream().sum();
        }

        int maxTokens() {
            return Arrays.stream(seenTokens).max().orElse(0);
        }
    }

    record Timed(float[][] vectors, List<Double> runsSeconds) {
        double medianSeconds() {
            return median(runsSeconds);
        }
    }

    @Test
    void compareEmbeddingModels() throws Exception {
        assumeTrue(
                Files.isRegularFile(SQUAD),
                () -> "SQuAD v1.1 dev set not found at "
                        + SQUAD.toAbsolutePath().normalize()
                        + ": embedding benchmark skipped (the shared evaluation data is not part of the repository,"
                        + " see ../shared/data/README.md)");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            // DJL extracts its tokenizer library into a cache folder: keep it inside target/, not the home folder.
            System.setProperty(
                    "DJL_CACHE_DIR", OUT.resolve("djl-cache").toAbsolutePath().toString());
        }
        Files.createDirectories(OUT);

        int questionLimit = Integer.getInteger("bench.questions", 0);
        long seed = Long.getLong("bench.seed", 42L);
        int batch = Integer.getInteger("bench.batch", 64);
        int repeats = Math.max(1, Integer.getInteger("bench.repeats", 1));
        String variantFilter = System.getProperty("bench.variants", "all").strip();
        String loadAtStart = loadAverage();
        long benchStart = System.nanoTime();

        ModelSpec minilm = new ModelSpec(
                "all-minilm-l6-v2-q",
                "all-MiniLM-L6-v2 (quantized)",
                126,
                "all-minilm-l6-v2-q-tokenizer.json",
                AllMiniLmL6V2QuantizedEmbeddingModel::new);
        ModelSpec bge = new ModelSpec(
                "bge-small-en-v1.5-q",
                "bge-small-en-v1.5 (quantized)",
                510,
                "bge-small-en-v1.5-q-tokenizer.json",
                BgeSmallEnV15QuantizedEmbeddingModel::new);
        List<Variant> allVariants = List.of(
                new Variant("minilm", "MiniLM, pieces <= 126", minilm, true, 126, "", false),
                new Variant("bge", "bge-small, pieces <= 510, no query prefix", bge, true, 510, "", false),
                new Variant(
                        "bge+prefix",
                        "bge-small, pieces <= 510, query prefix",
                        bge,
                        true,
                        510,
                        BGE_QUERY_PREFIX,
                        false),
                new Variant(
                        "minilm-truncated",
                        "MiniLM, whole paragraphs (truncated at 126)",
                        minilm,
                        false,
                        126,
                        "",
                        true),
                new Variant(
                        "bge@126+prefix",
                        "bge-small, pieces <= 126 (MiniLM's), query prefix",
                        bge,
                        true,
                        126,
                        BGE_QUERY_PREFIX,
                        true));
        List<Variant> variants = selectVariants(allVariants, variantFilter);

        // ---- data
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Question> allQuestions = new ArrayList<>();
        readSquad(paragraphs, allQuestions);
        assertEquals(2067, paragraphs.size(), "SQuAD v1.1 dev has 2,067 paragraphs");
        List<Question> questions = sample(allQuestions, questionLimit, seed);
        log("SQuAD: %d paragraphs, %d questions, using %d", paragraphs.size(), allQuestions.size(), questions.size());

        // ---- tokenizers: each model's own, from its jar, without padding or truncation
        Map<String, ModelTokens> tokens = new LinkedHashMap<>();
        for (ModelSpec spec : List.of(minilm, bge)) {
            tokens.put(spec.key, new ModelTokens(spec.tokenizerResource));
        }
        Map<String, Object> tokenizerCheck = checkTokenizers(paragraphs, allQuestions, tokens, minilm, bge);

        // ---- chunking per window, counted in the model's own wordpieces
        Map<String, Chunking> chunkings = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (!chunkings.containsKey(v.passageKey())) {
                ModelTokens counter = tokens.get(v.model.key);
                Chunking c = v.split
                        ? split(paragraphs, counter, v.chunkWindow)
                        : whole(paragraphs, counter, v.model.window);
                chunkings.put(v.passageKey(), c);
                log(
                        "chunking %s: %d pieces, avg %.1f wordpieces, max %d, %d paragraphs split, %d truncated",
                        v.passageKey(),
                        c.texts.size(),
                        c.averageTokens(),
                        c.maxTokens(),
                        c.splitParagraphs,
                        c.truncatedParagraphs);
            }
        }

        // ---- models: load, check the window, embed passages and questions
        double ortInitSeconds = seconds(() -> OrtEnvironment.getEnvironment());
        Map<String, Double> loadSeconds = new LinkedHashMap<>();
        Map<String, Object> windowChecks = new LinkedHashMap<>();
        Map<String, EmbeddingJob> passageJobs = new LinkedHashMap<>();
        Map<String, EmbeddingJob> questionJobs = new LinkedHashMap<>();
        for (ModelSpec spec : List.of(minilm, bge)) {
            List<Variant> ofModel =
                    variants.stream().filter(v -> v.model == spec).toList();
            if (ofModel.isEmpty()) {
                continue;
            }
            EmbeddingModel[] holder = new EmbeddingModel[1];
            double load = seconds(() -> holder[0] = spec.factory.get());
            EmbeddingModel model = holder[0];
            loadSeconds.put(spec.key, load);
            log("%s loaded in %.2f s", spec.key, load);
            windowChecks.put(spec.key, checkWindow(model, tokens.get(spec.key), spec.window, paragraphs));
            for (Variant v : ofModel) {
                passageJobs.computeIfAbsent(
                        v.passageKey(), k -> new EmbeddingJob("passages " + k, model, chunkings.get(k).texts));
                questionJobs.computeIfAbsent(
                        v.questionKey(),
                        k -> new EmbeddingJob(
                                "questions " + k,
                                model,
                                questions.stream()
                                        .map(q -> v.queryPrefix + q.text)
                                        .toList()));
            }
        }
        // Timed passes interleave the models (reversed order every other round), so that load from other work on a
        // shared machine spreads over all of them instead of penalizing whichever ran at the wrong moment.
        List<EmbeddingJob> jobs = new ArrayList<>(passageJobs.values());
        jobs.addAll(questionJobs.values());
        for (EmbeddingJob job : jobs) {
            embed(job.model, job.texts.subList(0, Math.min(WARM_UP_TEXTS, job.texts.size())), batch);
        }
        for (int round = 0; round < repeats; round++) {
            List<EmbeddingJob> order = new ArrayList<>(jobs);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (EmbeddingJob job : order) {
                long start = System.nanoTime();
                job.vectors = embed(job.model, job.texts, batch);
                double elapsed = (System.nanoTime() - start) / 1e9;
                job.runsSeconds.add(elapsed);
                log(
                        "round %d, %s: %d texts in %.1f s (%.1f texts/s)",
                        round + 1, job.name, job.texts.size(), elapsed, job.texts.size() / elapsed);
            }
        }
        Map<String, Timed> passageVectors = new LinkedHashMap<>();
        passageJobs.forEach((k, job) -> passageVectors.put(k, job.timed()));
        Map<String, Timed> questionVectors = new LinkedHashMap<>();
        questionJobs.forEach((k, job) -> questionVectors.put(k, job.timed()));

        // ---- retrieval quality
        int[] gold = questions.stream().mapToInt(Question::paragraph).toArray();
        Map<String, int[]> ranks = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Variant v : variants) {
            Chunking c = chunkings.get(v.passageKey());
            Timed passages = passageVectors.get(v.passageKey());
            Timed queries = questionVectors.get(v.questionKey());
            int[] r = rank(queries.vectors, gold, passages.vectors, c.paragraphOf, paragraphs.size());
            ranks.put(v.key, r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", v.key);
            row.put("description", v.label);
            row.put("model", v.model.key);
            row.put("modelWindow", v.model.window);
            row.put("chunkWindow", v.split ? v.chunkWindow : null);
            row.put("queryPrefix", v.queryPrefix.isEmpty() ? null : v.queryPrefix);
            row.put("questions", questions.size());
            row.put("recallAt1", recall(r, 1));
            row.put("recallAt5", recall(r, 5));
            row.put("recallAt10", recall(r, 10));
            row.put("mrrAt10", mrr(r, 10));
            row.put("pieces", c.texts.size());
            row.put("splitParagraphs", c.splitParagraphs);
            row.put("truncatedParagraphs", c.truncatedParagraphs);
            row.put("avgWordpiecesPerPiece", c.averageTokens());
            row.put("maxWordpiecesPerPiece", c.maxTokens());
            row.put("passageEmbedSeconds", passages.medianSeconds());
            row.put("passageEmbedRunsSeconds", passages.runsSeconds);
            row.put("piecesPerSecond", c.texts.size() / passages.medianSeconds());
            row.put("wordpiecesPerSecond", c.totalTokens() / passages.medianSeconds());
            row.put("questionEmbedSeconds", queries.medianSeconds());
            row.put("questionEmbedRunsSeconds", queries.runsSeconds);
            row.put("questionsPerSecond", questions.size() / queries.medianSeconds());
            row.put("modelLoadSeconds", loadSeconds.get(v.model.key));
            rows.add(row);
            log(
                    "%-16s R@1 %.3f R@5 %.3f R@10 %.3f MRR@10 %.3f",
                    v.key, recall(r, 1), recall(r, 5), recall(r, 10), mrr(r, 10));
        }
        List<Map<String, Object>> paired = pairedComparisons(ranks);

        // ---- report
        Map<String, Object> machine = machine(loadAtStart);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", SQUAD.toString());
        config.put("paragraphs", paragraphs.size());
        config.put("questionsAvailable", allQuestions.size());
        config.put("questionsUsed", questions.size());
        config.put("sampleSeed", questions.size() < allQuestions.size() ? seed : null);
        config.put("embedAllBatch", batch);
        config.put("timedRepeats", repeats);
        config.put("warmUpTextsPerEmbeddingPass", WARM_UP_TEXTS);
        config.put("onnxRuntimeInitSeconds", ortInitSeconds);
        config.put("benchSeconds", (System.nanoTime() - benchStart) / 1e9);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "embedding-models");
        report.put("machine", machine);
        report.put("config", config);
        report.put("results", rows);
        report.put("pairedComparisons", paired);
        report.put("tokenizerCheck", tokenizerCheck);
        report.put("windowCheck", windowChecks);
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(OUT.resolve("embedding-models.json").toFile(), report);
        String markdown = markdown(machine, config, rows, paired, tokenizerCheck, windowChecks);
        Files.writeString(OUT.resolve("embedding-models.md"), markdown);
        System.out.println();
        System.out.println(markdown);

        for (ModelTokens t : tokens.values()) {
            t.close();
        }

        // ---- sanity: the pipeline works (loose floors, not quality targets)
        for (Map<String, Object> row : rows) {
            if (!"minilm-truncated".equals(row.get("variant"))) {
                assertTrue((double) row.get("recallAt10") > 0.5, () -> "implausibly low recall@10: " + row);
            }
        }
    }

    // ------------------------------------------------------------------ data

    private static void readSquad(List<Paragraph> paragraphs, List<Question> questions) throws IOException {
        JsonNode root = new ObjectMapper().readTree(SQUAD.toFile());
        for (JsonNode article : root.get("data")) {
            String title = article.get("title").asText();
            for (JsonNode p : article.get("paragraphs")) {
                int index = paragraphs.size();
                paragraphs.add(new Paragraph(index, title, p.get("context").asText()));
                for (JsonNode qa : p.get("qas")) {
                    questions.add(new Question(
                            qa.get("id").asText(), index, qa.get("question").asText()));
                }
            }
        }
    }

    private static List<Question> sample(List<Question> all, int limit, long seed) {
        if (limit <= 0 || limit >= all.size()) {
            return all;
        }
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, all.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return order.subList(0, limit).stream().sorted().map(all::get).toList();
    }

    private static List<Variant> selectVariants(List<Variant> all, String filter) {
        if (filter.isEmpty() || filter.equals("all")) {
            return all;
        }
        if (filter.equals("core")) {
            return all.stream().filter(v -> !v.extra).toList();
        }
        List<String> keys = Arrays.stream(filter.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        List<Variant> chosen = all.stream().filter(v -> keys.contains(v.key)).toList();
        assertEquals(
                keys.size(),
                chosen.size(),
                () -> "unknown variant in bench.variants=" + filter + "; known: "
                        + all.stream().map(Variant::key).toList());
        return chosen;
    }

    // ------------------------------------------------------------------ tokens and chunking

    /**
     * A model's exact wordpiece counter: the tokenizer JSON shipped in the model's jar, loaded without padding and
     * without truncation; counts exclude [CLS] and [SEP].
     */
    static final class ModelTokens implements TokenCountEstimator, AutoCloseable {
        private final HuggingFaceTokenizer tokenizer;

        ModelTokens(String resource) throws IOException {
            try (InputStream in = resource(resource)) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
            }
        }

        Encoding encode(String text) {
            return tokenizer.encode(text, false, false);
        }

        @Override
        public int estimateTokenCountInText(String text) {
            return encode(text).getIds().length;
        }

        @Override
        public int estimateTokenCountInMessage(ChatMessage message) {
            throw new UnsupportedOperationException("only plain text is counted here");
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
            throw new UnsupportedOperationException("only plain text is counted here");
        }

        @Override
        public void close() {
            tokenizer.close();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EmbeddingModelBench.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource not on the class path: " + name);
        }
        return in;
    }

    /** Splits each paragraph on sentence boundaries into pieces of at most {@code window} model wordpieces. */
    private static Chunking split(List<Paragraph> paragraphs, ModelTokens counter, int window) {
        DocumentSplitter splitter = DocumentSplitters.recursive(window, 0, counter);
        List<String> texts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        int splitParagraphs = 0;
        for (Paragraph p : paragraphs) {
            List<String> pieces = splitter.split(Document.from(p.text)).stream()
                    .map(TextSegment::text)
                    .filter(s -> !s.isBlank())
                    .toList();
            // nothing may be lost or truncated
            String original = p.text.replaceAll("\\s+", "");
            String rebuilt = String.join("", pieces).replaceAll("\\s+", "");
            assertEquals(original, rebuilt, () -> "splitting changed the text of paragraph " + p.index);
            if (pieces.size() > 1) {
                splitParagraphs++;
            }
            for (String piece : pieces) {
                int n = counter.estimateTokenCountInText(piece);
                assertTrue(n <= window, () -> "piece of " + n + " wordpieces exceeds the window " + window);
                texts.add(piece);
                owner.add(p.index);
                seen.add(n);
            }
        }
        return new Chunking(
                texts,
                owner.stream().mapToInt(Integer::intValue).toArray(),
                seen.stream().mapToInt(Integer::intValue).toArray(),
                splitParagraphs,
                0);
    }

    /** Whole paragraphs, which the model silently truncates at its window. */
    private static Chunking whole(List<Paragraph> paragraphs, ModelTokens counter, int window) {
        int[] seen = new int[paragraphs.size()];
        int truncated = 0;
        for (Paragraph p : paragraphs) {
            int n = counter.estimateTokenCountInText(p.text);
            if (n > window) {
                truncated++;
            }
            seen[p.index] = Math.min(n, window);
        }
        return new Chunking(
                paragraphs.stream().map(Paragraph::text).toList(),
                IntStream.range(0, paragraphs.size()).toArray(),
                seen,
                0,
                truncated);
    }

    /**
     * Compares LangChain4j's {@link HuggingFaceTokenCountEstimator} (default tokenizer) with each model's own tokenizer
     * over every paragraph and question, and shows what happens when a model's tokenizer JSON is loaded without
     * switching its truncation off.
     */
    private static Map<String, Object> checkTokenizers(
            List<Paragraph> paragraphs,
            List<Question> questions,
            Map<String, ModelTokens> tokens,
            ModelSpec minilm,
            ModelSpec bge)
            throws IOException {
        List<String> texts = new ArrayList<>();
        paragraphs.forEach(p -> texts.add(p.text));
        questions.forEach(q -> texts.add(q.text));
        HuggingFaceTokenCountEstimator estimator = new HuggingFaceTokenCountEstimator();
        ModelTokens minilmTokens = tokens.get(minilm.key);
        ModelTokens bgeTokens = tokens.get(bge.key);
        int vsMinilm = 0;
        int vsBge = 0;
        int minilmVsBge = 0;
        for (String text : texts) {
            int d = estimator.estimateTokenCountInText(text);
            int m = minilmTokens.estimateTokenCountInText(text);
            int b = bgeTokens.estimateTokenCountInText(text);
            vsMinilm += d != m ? 1 : 0;
            vsBge += d != b ? 1 : 0;
            minilmVsBge += m != b ? 1 : 0;
        }
        int[] paragraphTokens = paragraphs.stream()
                .mapToInt(p -> minilmTokens.estimateTokenCountInText(p.text))
                .toArray();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("textsCompared", texts.size());
        check.put("defaultEstimatorVsMinilmMismatches", vsMinilm);
        check.put("defaultEstimatorVsBgeMismatches", vsBge);
        check.put("minilmVsBgeMismatches", minilmVsBge);
        check.put("defaultEstimatorCountOfHello", estimator.estimateTokenCountInText("hello"));
        check.put(
                "modelTokenizerWithSpecialTokensCountOfHello",
                minilmTokens.tokenizer.encode("hello", true, false).getIds().length);
        check.put(
                "paragraphWordpiecesMean",
                Math.round(Arrays.stream(paragraphTokens).average().orElse(0) * 10) / 10.0);
        check.put(
                "paragraphWordpiecesMedian",
                median(Arrays.stream(paragraphTokens).asDoubleStream().boxed().toList()));
        check.put("paragraphWordpiecesMax", Arrays.stream(paragraphTokens).max().orElse(0));
        check.put(
                "paragraphsOver126",
                Arrays.stream(paragraphTokens).filter(n -> n > 126).count());
        check.put(
                "paragraphsOver510",
                Arrays.stream(paragraphTokens).filter(n -> n > 510).count());
        // The trap: HuggingFaceTokenCountEstimator(Path) keeps the JSON's own truncation (MiniLM's says 128).
        for (ModelSpec spec : List.of(minilm, bge)) {
            Path json = OUT.resolve(spec.tokenizerResource);
            try (InputStream in = resource(spec.tokenizerResource)) {
                Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, Object> trap = new LinkedHashMap<>();
            try {
                HuggingFaceTokenCountEstimator fromPath = new HuggingFaceTokenCountEstimator(json);
                int differ = 0;
                int max = 0;
                for (int i = 0; i < paragraphs.size(); i++) {
                    int n = fromPath.estimateTokenCountInText(paragraphs.get(i).text);
                    max = Math.max(max, n);
                    differ += n != paragraphTokens[i] ? 1 : 0;
                }
                trap.put("paragraphCountsDiffering", differ);
                trap.put("maxParagraphCount", max);
                HuggingFaceTokenCountEstimator fixed =
                        new HuggingFaceTokenCountEstimator(json, Map.of("padding", "false", "truncation", "false"));
                int fixedDiffer = 0;
                for (int i = 0; i < paragraphs.size(); i++) {
                    fixedDiffer += fixed.estimateTokenCountInText(paragraphs.get(i).text) != paragraphTokens[i] ? 1 : 0;
                }
                trap.put("withTruncationOffParagraphCountsDiffering", fixedDiffer);
            } catch (RuntimeException e) {
                trap.put("error", e.toString());
            }
            check.put("estimatorFromJsonPathWithoutOptions/" + spec.key, trap);
            Files.deleteIfExists(json);
        }
        log("tokenizer check: %s", check);
        return check;
    }

    /**
     * Finds the model's effective window: a text cut after exactly W wordpieces embeds identically to the full text
     * when the model truncates at W, while cutting after W-1 changes the vector.
     */
    private static Map<String, Object> checkWindow(
            EmbeddingModel model, ModelTokens counter, int window, List<Paragraph> paragraphs) {
        StringBuilder longText = new StringBuilder();
        for (Paragraph p : paragraphs) {
            if (counter.estimateTokenCountInText(longText.toString()) > window + 50) {
                break;
            }
            longText.append(longText.isEmpty() ? "" : " ").append(p.text);
        }
        String full = longText.toString();
        Encoding encoding = counter.encode(full);
        CharSpan[] spans = encoding.getCharTokenSpans();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fullTextWordpieces", encoding.getIds().length);
        float[] fullVector = model.embed(full).content().vector();
        for (int cut : new int[] {window - 1, window, window + 1}) {
            String prefix = full.substring(0, spans[cut - 1].getEnd());
            long[] prefixIds = counter.encode(prefix).getIds();
            boolean exactPrefix =
                    prefixIds.length == cut && Arrays.equals(prefixIds, Arrays.copyOf(encoding.getIds(), cut));
            float[] v = model.embed(prefix).content().vector();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("prefixTokenizesToExactlyTheFirstWordpieces", exactPrefix);
            r.put("cosineToFullText", dot(normalize(v), normalize(fullVector)));
            r.put("identicalVector", Arrays.equals(v, fullVector));
            result.put("first" + cut, r);
        }
        log("window check (%d): %s", window, result);
        return result;
    }

    // ------------------------------------------------------------------ embedding and search

    /** One text list to embed with one model, timed over several rounds; the last round's vectors are kept. */
    static final class EmbeddingJob {
        final String name;
        final EmbeddingModel model;
        final List<String> texts;
        final List<Double> runsSeconds = new ArrayList<>();
        float[][] vectors;

        EmbeddingJob(String name, EmbeddingModel model, List<String> texts) {
            this.name = name;
            this.model = model;
            this.texts = texts;
        }

        Timed timed() {
            return new Timed(vectors, List.copyOf(runsSeconds));
        }
    }

    private static float[][] embed(EmbeddingModel model, List<String> texts, int batch) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += batch) {
            List<TextSegment> segments = texts.subList(start, Math.min(texts.size(), start + batch)).stream()
                    .map(TextSegment::from)
                    .toList();
            List<Embedding> embeddings = model.embedAll(segments).content();
            for (int i = 0; i < embeddings.size(); i++) {
                out[start + i] = normalize(embeddings.get(i).vector());
            }
        }
        return out;
    }

    /** Rank (1-based) of each question's gold paragraph; paragraph score = max over its pieces. */
    private static int[] rank(float[][] queries, int[] gold, float[][] pieces, int[] paragraphOf, int paragraphCount) {
        int[] ranks = new int[queries.length];
        IntStream.range(0, queries.length).parallel().forEach(qi -> {
            float[] best = new float[paragraphCount];
            Arrays.fill(best, Float.NEGATIVE_INFINITY);
            float[] q = queries[qi];
            for (int p = 0; p < pieces.length; p++) {
                float s = dot(q, pieces[p]);
                if (s > best[paragraphOf[p]]) {
                    best[paragraphOf[p]] = s;
                }
            }
            float g = best[gold[qi]];
            int r = 1;
            for (float b : best) {
                if (b > g) {
                    r++;
                }
            }
            ranks[qi] = r;
        });
        return ranks;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    private static double recall(int[] ranks, int k) {
        return Arrays.stream(ranks).filter(r -> r <= k).count() / (double) ranks.length;
    }

    private static double mrr(int[] ranks, int k) {
        return Arrays.stream(ranks).mapToDouble(r -> r <= k ? 1.0 / r : 0).sum() / ranks.length;
    }

    /** McNemar's test on paired hits: questions found by one variant and missed by the other. */
    private static List<Map<String, Object>> pairedComparisons(Map<String, int[]> ranks) {
        List<String[]> pairs = List.of(
                new String[] {"minilm", "bge+prefix"},
                new String[] {"minilm", "bge"},
                new String[] {"bge", "bge+prefix"},
                new String[] {"minilm-truncated", "minilm"},
                new String[] {"minilm", "bge@126+prefix"},
                new String[] {"bge@126+prefix", "bge+prefix"});
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] pair : pairs) {
            int[] a = ranks.get(pair[0]);
            int[] b = ranks.get(pair[1]);
            if (a == null || b == null) {
                continue;
            }
            for (int k : new int[] {1, 5}) {
                int onlyA = 0;
                int onlyB = 0;
                for (int i = 0; i < a.length; i++) {
                    boolean hitA = a[i] <= k;
                    boolean hitB = b[i] <= k;
                    onlyA += hitA && !hitB ? 1 : 0;
                    onlyB += hitB && !hitA ? 1 : 0;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", pair[0]);
                m.put("b", pair[1]);
                m.put("k", k);
                m.put("onlyA", onlyA);
                m.put("onlyB", onlyB);
                m.put("recallDifferenceBminusA", (onlyB - onlyA) / (double) a.length);
                m.put("mcnemarP", mcnemarP(onlyA, onlyB));
                out.add(m);
            }
        }
        return out;
    }

    /** Two-sided p-value of McNemar's test with continuity correction (normal approximation). */
    private static double mcnemarP(int b, int c) {
        if (b + c == 0) {
            return 1;
        }
        double z = Math.max(0, Math.abs(b - c) - 1) / Math.sqrt(b + c);
        return erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    private static double erfc(double x) {
        double[] c = {
            -1.26551223,
            1.00002368,
            0.37409196,
            0.09678418,
            -0.18628806,
            0.27886807,
            -1.13520398,
            1.48851587,
            -0.82215223,
            0.17087277
        };
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            poly = c[i] + t * poly;
        }
        double r = t * Math.exp(-z * z + poly);
        return x >= 0 ? r : 2 - r;
    }

    // ------------------------------------------------------------------ report

    private static Map<String, Object> machine(String loadAtStart) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put(
                "jdk",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"));
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("loadAverageAtStart", loadAtStart);
        m.put("loadAverageAtEnd", loadAverage());
        m.put("onnxRuntime", safe(() -> OrtEnvironment.getEnvironment().getVersion()));
        m.put("langchain4jEmbeddings", mavenVersion("dev.langchain4j", "langchain4j-embeddings"));
        m.put("langchain4j", mavenVersion("dev.langchain4j", "langchain4j"));
        m.put("djlTokenizers", jarName(HuggingFaceTokenizer.class));
        return m;
    }

    private static String markdown(
            Map<String, Object> machine,
            Map<String, Object> config,
            List<Map<String, Object>> rows,
            List<Map<String, Object>> paired,
            Map<String, Object> tokenizerCheck,
            Map<String, Object> windowChecks) {
        StringBuilder md = new StringBuilder();
        int used = (int) config.get("questionsUsed");
        int available = (int) config.get("questionsAvailable");
        md.append("# Embedding models: SQuAD v1.1 dev, question -> paragraph retrieval\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Machine: %s cores (%s), %s, %s, max heap %s MiB; load average %s at start, %s at end; %s.%n",
                machine.get("nproc"),
                machine.get("cpu"),
                machine.get("jdk"),
                machine.get("os"),
                machine.get("maxHeapMiB"),
                machine.get("loadAverageAtStart"),
                machine.get("loadAverageAtEnd"),
                machine.get("date")));
        md.append(String.format(
                Locale.ROOT,
                "Libraries: langchain4j-embeddings %s, langchain4j %s, onnxruntime %s, DJL tokenizers %s.%n%n",
                machine.get("langchain4jEmbeddings"),
                machine.get("langchain4j"),
                machine.get("onnxRuntime"),
                machine.get("djlTokenizers")));
        md.append(String.format(
                Locale.ROOT,
                "Corpus: %d paragraphs. Questions: %s. Exact cosine search in memory; a paragraph's score is the best"
                        + " score of its pieces; gold = the question's own paragraph. Pieces: LangChain4j's recursive"
                        + " splitter (sentence boundaries first), counted in the model's own wordpieces"
                        + " ([CLS]/[SEP] excluded), no overlap. Throughput: wall clock, embedAll in batches of %s,"
                        + " median of %s timed pass(es) (models interleaved) after a %s-text warm-up; the machine is"
                        + " shared. 95%% CI"
                        + " half-width of a recall near 0.7: +/-%.3f.%n%n",
                config.get("paragraphs"),
                used == available
                        ? String.format(Locale.ROOT, "all %,d", used)
                        : String.format(
                                Locale.ROOT,
                                "%,d of %,d, sampled with seed %s",
                                used,
                                available,
                                config.get("sampleSeed")),
                config.get("embedAllBatch"),
                config.get("timedRepeats"),
                config.get("warmUpTextsPerEmbeddingPass"),
                1.96 * Math.sqrt(0.7 * 0.3 / used)));
        md.append("| variant | R@1 | R@5 | R@10 | MRR@10 | pieces | avg wp/piece | passage pieces/s | passage wp/s"
                + " | questions/s | model load s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s: %s | %.3f | %.3f | %.3f | %.3f | %,d | %.1f | %.1f | %,.0f | %.1f | %.2f |%n",
                    r.get("variant"),
                    r.get("description"),
                    r.get("recallAt1"),
                    r.get("recallAt5"),
                    r.get("recallAt10"),
                    r.get("mrrAt10"),
                    r.get("pieces"),
                    r.get("avgWordpiecesPerPiece"),
                    r.get("piecesPerSecond"),
                    r.get("wordpiecesPerSecond"),
                    r.get("questionsPerSecond"),
                    r.get("modelLoadSeconds")));
        }
        md.append("\nPieces and time per variant:\n\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "- %s: %d paragraphs split, %d truncated, max %d wordpieces per piece; passages embedded in %.1f s%s,"
                            + " questions in %.1f s%s%n",
                    r.get("variant"),
                    r.get("splitParagraphs"),
                    r.get("truncatedParagraphs"),
                    r.get("maxWordpiecesPerPiece"),
                    r.get("passageEmbedSeconds"),
                    runs(r.get("passageEmbedRunsSeconds")),
                    r.get("questionEmbedSeconds"),
                    runs(r.get("questionEmbedRunsSeconds"))));
        }
        md.append(String.format(
                Locale.ROOT, "- onnxruntime environment init: %.2f s%n", config.get("onnxRuntimeInitSeconds")));
        md.append(String.format(Locale.ROOT, "- whole benchmark: %.0f s%n", config.get("benchSeconds")));
        if (!paired.isEmpty()) {
            md.append("\nPaired comparisons (McNemar, same questions): questions hit at k by only one variant.\n\n");
            md.append("| A | B | k | only A | only B | recall B - A | p |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> p : paired) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %d | %+.3f | %.2g |%n",
                        p.get("a"),
                        p.get("b"),
                        p.get("k"),
                        p.get("onlyA"),
                        p.get("onlyB"),
                        p.get("recallDifferenceBminusA"),
                        p.get("mcnemarP")));
            }
        }
        md.append("\nTokenizer check (every paragraph and question):\n\n```\n");
        tokenizerCheck.forEach((k, v) -> md.append(k).append(": ").append(v).append('\n'));
        md.append("```\n\nWindow check (a prefix of exactly N wordpieces against the full text):\n\n```\n");
        windowChecks.forEach((k, v) -> md.append(k).append(": ").append(v).append('\n'));
        md.append("```\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String runs(Object runs) {
        List<Double> list = (List<Double>) runs;
        if (list.size() < 2) {
            return "";
        }
        return list.stream()
                .map(d -> String.format(Locale.ROOT, "%.1f", d))
                .collect(Collectors.joining(", ", " (runs: ", ")"));
    }

    // ------------------------------------------------------------------ small helpers

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String loadAverage() {
        return safe(() -> Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static String cpuModel() {
        return safe(() -> Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown"));
    }

    private static String mavenVersion(String group, String artifact) {
        String name = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = EmbeddingModelBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String jarName(Class<?> type) {
        return safe(() -> Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName()
                .toString());
    }

    interface Failable<T> {
        T get() throws Exception;
    }

    private static String safe(Failable<String> value) {
        try {
            return value.get();
        } catch (Exception | LinkageError e) {
            return "unknown";
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(
                Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
