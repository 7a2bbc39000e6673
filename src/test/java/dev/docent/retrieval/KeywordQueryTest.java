package dev.docent.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeywordQueryTest {

    /** What to_tsquery may receive: quoted words joined by OR, nothing else. */
    private static final Pattern SAFE = Pattern.compile("('[\\p{L}\\p{M}\\p{N}]+')( \\| '[\\p{L}\\p{M}\\p{N}]+')*");

    @Test
    void stopWordsAreLeftOutAndTheRestJoinedByOr() {
        KeywordQuery query = KeywordQuery.of("How many vacation days do the employees get?");

        assertEquals(List.of("many", "vacation", "days", "employees", "get"), query.terms());
        assertEquals("'many' | 'vacation' | 'days' | 'employees' | 'get'", query.orQuery());
    }

    @Test
    void wordsAreLowerCasedAndCountedOnce() {
        KeywordQuery query = KeywordQuery.of("Descaling DESCALING descaling, Espresso espresso");

        assertEquals(List.of("descaling", "espresso"), query.terms());
    }

    @Test
    void inflectedFormsAreKeptWholeForPostgresToStem() {
        // PostgreSQL's english stemmer turns these into the lexemes the chunks' tsvectors hold (KeywordSearchTest).
        assertEquals(
                List.of("running", "machines", "descaled"),
                KeywordQuery.of("running machines descaled").terms());
    }

    @Test
    void operatorsAndQuotesNeverReachTheQuerySyntax() {
        for (String hostile : List.of(
                "salary & !band | 'quoted' \"double\" :* <-> (x) \\ ;--",
                "' OR 1=1 --",
                "a:*B & !c",
                "''''",
                "\\'; DROP TABLE chunks; --")) {
            KeywordQuery query = KeywordQuery.of(hostile);
            assertTrue(
                    query.isEmpty() || SAFE.matcher(query.orQuery()).matches(),
                    () -> hostile + " became " + query.orQuery());
        }
        assertEquals(
                List.of("salary", "band", "quoted", "double", "x"),
                KeywordQuery.of("salary & !band | 'quoted' \"double\" :* <-> (x)")
                        .terms());
    }

    @Test
    void onlyStopWordsLeaveNothingToSearch() {
        KeywordQuery query = KeywordQuery.of("What is it that they were doing there?");

        assertTrue(query.isEmpty());
        assertEquals("", query.orQuery());
    }

    @Test
    void emojiAndPunctuationAreDroppedLettersOfOtherScriptsKept() {
        assertEquals(
                List.of("café", "münchen", "東京"),
                KeywordQuery.of("🙂 café!!! 🎉 — München… 東京 ❤️").terms());
        assertTrue(KeywordQuery.of("🙂🎉❤️ ... ?!").isEmpty());
    }

    @Test
    void aFourThousandCharacterQuestionKeepsABoundedNumberOfWords() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 4000; i++) {
            text.append("word").append(i).append(' ');
        }

        KeywordQuery query = KeywordQuery.of(text.toString());

        assertEquals(KeywordQuery.MAX_TERMS, query.terms().size());
        assertTrue(SAFE.matcher(query.orQuery()).matches());
    }

    @Test
    void nothingAtAllIsAnEmptyQuery() {
        assertTrue(KeywordQuery.of("").isEmpty());
        assertTrue(KeywordQuery.of(null).isEmpty());
    }
}
