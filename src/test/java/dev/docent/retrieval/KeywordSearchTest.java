package dev.docent.retrieval;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.Embedder;
import dev.docent.retrieval.RetrievalConfig.Fusion;
import dev.docent.retrieval.RetrievalConfig.KeywordScore;
import dev.docent.retrieval.RetrievalConfig.Mode;
import dev.docent.system.Jdbc;
import dev.docent.testing.Documents;
import dev.docent.testing.Tags;
import dev.docent.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyword search over the real database: any of the question's words may match, stemmed, ranked by BM25. */
@QuarkusTest
class KeywordSearchTest {

    static final String TAG = Tags.random();
    static String kitchenId;
    static String handbookId;

    @Inject
    SearchService search;

    @Inject
    RetrievalConfig config;

    @Inject
    Jdbc jdbc;

    @Inject
    Embedder embedder;

    @BeforeEach
    void knowledgeBase() {
        if (kitchenId != null) {
            return;
        }
        kitchenId = Documents.ingest("zorbulating-kitchen-" + TAG + ".md", text("""
                # Zorbulating kitchen %s

                The zorbulating espresso machine on the third floor is descaled every Friday by the facilities team.
                """));
        StringBuilder handbook = new StringBuilder("# Quenderly handbook %s\n\n");
        for (int i = 0; i < 12; i++) {
            handbook.append("## Quenderly rule ").append(i).append("\n\n");
            handbook.append("Quenderly rule number ")
                    .append(i)
                    .append(" says the quenderly office closes at six.")
                    .append(" Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(30))
                    .append("\n\n");
        }
        handbookId = Documents.ingest("quenderly-handbook-" + TAG + ".md", text(handbook.toString()));
    }

    @Test
    void aQuestionWhoseWordsThePassageHasOnlyInPartIsFoundByKeywords() {
        String question = "Who descales the zorbulating coffee machines each week?";

        List<Passage> found = keywordSearch(question, KeywordScore.BM25);
        List<Passage> underAnd = keywordSearch(question, KeywordScore.AND_RANK_CD);

        assertFalse(found.isEmpty(), "found by a ranked OR");
        assertEquals(kitchenId, found.getFirst().documentId().toString());
        assertTrue(found.getFirst().content().contains("descaled every Friday"), "stemmed: descales = descaled");
        assertTrue(
                underAnd.stream().noneMatch(p -> p.documentId().toString().equals(kitchenId)),
                "every word required (before): 'coffee' and 'week' are not in the passage");
    }

    @Test
    void everyFusionRanksTheAnsweringPassageFirstAndScoresInOrder() {
        String question = "Who descales the zorbulating coffee machines each week?";
        float[] vector = embedder.embedQuery(question);
        for (Fusion fusion : Fusion.values()) {
            List<Passage> found = search.retrieve(
                    question,
                    vector,
                    5,
                    Set.of(),
                    null,
                    SearchOptions.of(config).withFusion(fusion, 0.6));

            assertFalse(found.isEmpty(), fusion + " finds passages");
            assertEquals(kitchenId, found.getFirst().documentId().toString(), fusion + " puts the kitchen first");
            for (int i = 1; i < found.size(); i++) {
                assertTrue(
                        found.get(i - 1).score() >= found.get(i).score(),
                        fusion + " lists passages best first: " + found);
            }
        }
    }

    @Test
    void eachDocumentAppearsOnceWithItsBestChunk() {
        List<Passage> found = keywordSearch("quenderly office rule closes", KeywordScore.BM25);
        long handbookChunks = jdbc.one(
                        "SELECT count(*) FROM chunks WHERE document_id = ?::uuid", r -> r.getLong(1), handbookId)
                .orElseThrow();

        assertTrue(handbookChunks > 2, () -> "the handbook has several matching chunks: " + handbookChunks);
        assertEquals(
                1,
                found.stream()
                        .filter(p -> p.documentId().toString().equals(handbookId))
                        .count(),
                "one passage of the handbook");
        List<Passage> allChunks = search.retrieve(
                "quenderly office rule closes",
                null,
                10,
                Set.of(),
                null,
                SearchOptions.of(config).withMode(Mode.KEYWORD).withChunksPerDocument(0));
        assertTrue(allChunks.size() > 2, "without the limit, several chunks of it");
    }

    @Test
    void hostileQuestionsAreSearchedNotParsed() {
        for (String hostile : List.of(
                "zorbulating & !espresso | 'machine' :* <-> (descaled)",
                "zorbulating') OR 1=1; DROP TABLE chunks; --",
                "'''' \\\\ \" :* zorbulating",
                "🙂 zorbulating 🎉",
                ("zorbulating " + "x".repeat(50) + " ").repeat(70).substring(0, 3999))) {
            List<Passage> found = keywordSearch(hostile, KeywordScore.BM25);
            // Searched as words, not parsed: the rare word still finds its document. (Other words of the string, such
            // as "table" and "chunks", may rank other documents of a populated knowledge base above it.)
            assertTrue(
                    found.stream().anyMatch(p -> p.documentId().toString().equals(kitchenId)),
                    hostile + " found " + found);
        }
        assertTrue(
                keywordSearch("What is it that they were doing there?", KeywordScore.BM25)
                        .isEmpty(),
                "only stop words: nothing to match");
        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("q", "what is the & | ! :* of it")
                .get("/api/search")
                .then()
                .statusCode(200);
    }

    @Test
    void documentFrequenciesFollowIngestionAndDeletion() {
        String id = Documents.ingest("vorpalite-" + TAG + ".md", text("""
                # Vorpalite %s

                Vorpalite vorpalite ore is mined in the north.
                """));
        assertEquals(1, vorpalite(), "one chunk holds the lexeme");

        jdbc.update("DELETE FROM documents WHERE id = ?::uuid", id);

        assertEquals(0, vorpalite(), "gone with its chunk");
    }

    private int vorpalite() {
        return jdbc.one(
                        "SELECT coalesce(sum(chunks), 0)::int FROM keyword_lexemes WHERE lexeme = 'vorpalit'",
                        r -> r.getInt(1))
                .orElseThrow();
    }

    private List<Passage> keywordSearch(String question, KeywordScore score) {
        return search.retrieve(
                question,
                null,
                5,
                Set.of(),
                null,
                SearchOptions.of(config).withMode(Mode.KEYWORD).withKeywordScore(score));
    }

    private static byte[] text(String template) {
        return template.formatted(TAG).getBytes(StandardCharsets.UTF_8);
    }
}
