package dev.docent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.answering.AnswerConfig;
import dev.docent.chat.ChatService;
import dev.docent.collection.CollectionService;
import dev.docent.gaps.GapConfig;
import dev.docent.gaps.GapReplay;
import dev.docent.gaps.GapWorker;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.Jdbc;
import dev.docent.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The knowledge-gap evaluation's code path on four small articles (two ingested, two absent), so {@code make test}
 * keeps it working without ../shared/data: the absent ones are flagged, cluster, and close once ingested.
 */
@QuarkusTest
class GapEvaluationSmokeTest {

    static final Path OUT = Path.of("target", "bench", "smoke");

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
    void questionsAboutAbsentArticlesAreFlaggedClusteredAndCloseWhenTheArticlesArrive() throws IOException {
        String tag = Tags.random();
        List<GapEvaluation.Article> articles = List.of(
                article(
                        "Ostrava beekeeping club " + tag,
                        "The Ostrava beekeeping club meets every second Tuesday in the greenhouse. Members pay a yearly"
                                + " fee of forty euros. The club lends out honey extractors for a week at a time.",
                        "How often does the Ostrava beekeeping club meet?",
                        "How much is the yearly fee of the Ostrava beekeeping club?"),
                article(
                        "Tarnwick glacier railway " + tag,
                        "The Tarnwick glacier railway climbs 1,200 metres in 14 kilometres. Its steepest section has a"
                                + " gradient of twelve percent. Trains run from May to October.",
                        "How steep is the steepest section of the Tarnwick glacier railway?",
                        "In which months does the Tarnwick glacier railway run?"),
                article(
                        "Lindqvist violin workshop " + tag,
                        "The Lindqvist violin workshop varnishes each instrument with seven thin layers of oil varnish."
                                + " A new violin takes about three months to finish.",
                        "How many layers of varnish does the Lindqvist violin workshop apply?",
                        "How long does the Lindqvist workshop take to finish a new violin?"),
                article(
                        "Pelham ferry timetable " + tag,
                        "The Pelham ferry crosses the estuary every forty minutes. The last ferry leaves Pelham at"
                                + " 23:10. Bicycles travel free of charge.",
                        "How often does the Pelham ferry cross the estuary?",
                        "When does the last Pelham ferry leave?"));

        GapEvaluation evaluation = new GapEvaluation(documents, collections, chat, worker, replay, jdbc);
        GapEvaluation.Outcome outcome =
                evaluation.run(articles, OUT.resolve("gaps-corpus"), answers.minSimilarity(), gaps.clusterSimilarity());
        evaluation.cleanUp(outcome.collection());
        GapEvaluationReport report = GapEvaluationReport.of(outcome, "four generated articles");
        report.write(OUT, "gaps.md");

        assertEquals(1.0, report.recall(), "every question about an absent article is flagged:\n" + report.markdown());
        assertEquals(1.0, report.precision(), "no question about an ingested article is:\n" + report.markdown());
        assertEquals(2, report.closable(), "one cluster per absent article:\n" + report.markdown());
        assertEquals(2, report.closed(), "both close once their articles are ingested:\n" + report.markdown());
        assertTrue(Files.readString(OUT.resolve("gaps.md")).contains("## The unanswered flag"));
    }

    private static GapEvaluation.Article article(String title, String text, String... questions) {
        return new GapEvaluation.Article(title, "# " + title + "\n\n" + text + "\n", List.of(questions));
    }
}
