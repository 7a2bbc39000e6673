package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.answering.AnswerConfig;
import dev.docent.chat.ChatService;
import dev.docent.collection.CollectionService;
import dev.docent.gaps.GapConfig;
import dev.docent.gaps.GapReplay;
import dev.docent.gaps.GapWorker;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench-gaps}: the knowledge-gap evaluation on SQuAD v1.1 dev (../shared/data/squad): 24 of its 48
 * articles ingested, {@code gaps.questions} questions (default 8) about each of the 48 asked. Report:
 * target/bench/gaps.md. Run on an empty database (the make target empties the test database first), so only the
 * evaluation's documents answer. The make target also sets the test profile's replay delay to an hour (no test
 * profile here: a second Quarkus start in one JVM cannot load the tokenizer's native library again), so the one
 * replay that counts is the evaluation's own, timed.
 */
@QuarkusTest
@Tag("bench")
class GapEvaluationBench {

    static final Path SQUAD = BenchCorpus.SHARED_DATA.resolve("squad/dev-v1.1.json");

    @Inject
    DocumentService documents;

    @Inject
    CollectionService collections;

    @Inject
    ChatService chat;

    @Inject
    GapWorker worker;

    @Inject
    GapReplay replay;

    @Inject
    Jdbc jdbc;

    @Inject
    AnswerConfig answers;

    @Inject
    GapConfig gaps;

    @Test
    void squadHalfIngested() throws IOException {
        Assumptions.assumeTrue(
                Files.isRegularFile(SQUAD),
                "../shared/data/squad/dev-v1.1.json is absent: the knowledge-gap evaluation needs the shared data");
        int perArticle = Integer.getInteger("gaps.questions", 8);
        List<GapEvaluation.Article> articles = squad(SQUAD, perArticle);
        GapEvaluation evaluation = new GapEvaluation(documents, collections, chat, worker, replay, jdbc);
        GapEvaluation.Outcome outcome = evaluation.run(
                articles, Path.of("target", "bench", "gaps-corpus"), answers.minSimilarity(), gaps.clusterSimilarity());
        GapEvaluationReport report = GapEvaluationReport.of(
                outcome, "SQuAD v1.1 dev, " + articles.size() + " articles, " + perArticle + " questions each");
        report.write(Path.of("target", "bench"), "gaps.md");
        System.out.println(report.markdown());
        assertTrue(report.recall() > 0, "some questions about absent articles were flagged");
    }

    /** Articles as Markdown (title, then paragraphs) with {@code perArticle} questions spread over each. */
    static List<GapEvaluation.Article> squad(Path file, int perArticle) throws IOException {
        JsonNode data = new ObjectMapper().readTree(file.toFile()).path("data");
        List<GapEvaluation.Article> articles = new ArrayList<>();
        for (JsonNode article : data) {
            String title = article.path("title").asText().replace('_', ' ');
            StringBuilder text = new StringBuilder("# ").append(title).append("\n\n");
            List<String> questions = new ArrayList<>();
            for (JsonNode paragraph : article.path("paragraphs")) {
                text.append(paragraph.path("context").asText().strip()).append("\n\n");
                for (JsonNode qa : paragraph.path("qas")) {
                    questions.add(qa.path("question").asText().strip());
                }
            }
            List<String> sample = new ArrayList<>();
            for (int i = 0; i < perArticle && i < questions.size(); i++) {
                sample.add(questions.get((int) ((long) i * questions.size() / perArticle)));
            }
            articles.add(new GapEvaluation.Article(title, text.toString(), sample));
        }
        return articles;
    }
}
