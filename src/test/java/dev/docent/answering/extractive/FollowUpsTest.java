package dev.docent.answering.extractive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a question that leans on the conversation is searched together with the previous one. */
class FollowUpsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // The observed bug: a new question was merged with the last one and got its answer word for word.
                "How many vacation days do employees get?|How many visitor parking spaces are there behind building C?",
                "How many vacation days do employees get?|Who can see my conversations?",
                "What is the refund policy?|How long does it take to renew a passport?",
                "Which year did Tesla move to New York?|How do employees request leave when they are sick?",
                "Where is the head office?|What is RAG?",
                "Who founded the company?|Is there a dress code for visitors?",
                "When was the Super Bowl played?|What did Tesla invent in his laboratory?",
                "How do I upload a document?|What is the form that managers sign for overtime?",
            })
    void unrelatedQuestionsAreSearchedAsAsked(String previous, String question) {
        assertFalse(FollowUps.dependsOnConversation(question), question);
        assertEquals(question, FollowUps.standalone(question, previous));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How do I renew a passport?|and how long does it take?",
                "How many vacation days do employees get?|And for part-time staff?",
                "How many vacation days do employees get?|What about managers?",
                "Who was Nikola Tesla?|When was he born?",
                "Which company bought the plant?|What did they pay?",
                "What is the travel policy?|Does this apply to contractors?",
                "What is the travel policy?|Is that true?",
                "What is the travel policy?|Why?",
                "What is the travel policy?|Tell me more",
                "What is the travel policy?|Where is it?",
                "What is the travel policy?|Part-time staff?",
                "What is the travel policy?|What else?",
            })
    void followUpsAreSearchedWithThePreviousQuery(String previous, String question) {
        assertTrue(FollowUps.dependsOnConversation(question), question);
        assertEquals(previous + " " + question, FollowUps.standalone(question, previous));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "???", "😀😀", "!!!"})
    void emptyOrSymbolOnlyQuestionsAreNotMerged(String question) {
        assertFalse(FollowUps.dependsOnConversation(question));
        assertEquals(question, FollowUps.standalone(question, "previous question"));
    }

    @Test
    void withoutAPreviousQueryNothingIsMerged() {
        assertEquals("and then?", FollowUps.standalone("and then?", null));
        assertEquals("and then?", FollowUps.standalone("and then?", " "));
    }

    @Test
    void aChainOfFollowUpsStaysShort() {
        String previous = "word ".repeat(1000).strip();
        String merged = FollowUps.standalone("and why?", previous);
        assertTrue(merged.length() <= FollowUps.MAX_PREVIOUS + " and why?".length(), "length " + merged.length());
        assertTrue(merged.endsWith("word and why?"));
    }

    @Test
    void aVeryLongQuestionIsJudgedWithoutFailing() {
        String question = "How many vacation days do employees get ".repeat(100) + "?";
        assertFalse(FollowUps.dependsOnConversation(question));
    }

    @Test
    void nonEnglishQuestionsAreNotMergedForTheirWordsAlone() {
        assertFalse(FollowUps.dependsOnConversation("Wie viele Urlaubstage bekommen Mitarbeiter pro Jahr?"));
        assertFalse(FollowUps.dependsOnConversation("Combien de jours de congé ont les employés ?"));
    }
}
