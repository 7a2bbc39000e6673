package dev.docent.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.InvalidInputException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** Importing sets from JSONL and CSV: good files read whole, bad ones refused with every bad line named. */
class EvalImportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    @Test
    void jsonlLinesBecomeItemsAndBlankLinesAreSkipped() {
        List<EvalItem> items = EvalImport.jsonl("""
                {"question": "When does the office open?", "expectedAnswer": "7:15", "expectedDocuments": ["guide.md"], "answerable": true}

                {"question": "Where do submarines park?", "answerable": false}
                """, JSON, VALIDATOR);
        assertEquals(2, items.size());
        assertEquals(new EvalItem("When does the office open?", "7:15", List.of("guide.md"), true), items.get(0));
        assertEquals(List.of(), items.get(1).expectedDocuments());
    }

    @Test
    void everyBadJsonlLineIsNamedAndNothingIsReturned() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> EvalImport.jsonl("""
                        {"question": "fine", "answerable": true}
                        {"question": "no flag"}
                        not json at all
                        {"question": "", "answerable": false}
                        {"question": "x", "answerable": "yes"}
                        {"question": "x", "answerable": true, "extra": 1}
                        ["an", "array"]
                        {"question": "x", "answerable": true, "expectedDocuments": "one.md"}
                        """, JSON, VALIDATOR));
        assertEquals(400, e.status());
        String m = e.getMessage();
        assertTrue(m.startsWith("7 lines are not a valid item, so nothing was imported."), m);
        assertTrue(m.contains("line 2: 'answerable' must be true or false."), m);
        assertTrue(m.contains("line 3: is not JSON."), m);
        assertTrue(m.contains("line 4: Every item needs a 'question'."), m);
        assertTrue(m.contains("line 5: 'answerable' must be true or false."), m);
        assertTrue(m.contains("line 6: unknown field 'extra'."), m);
        assertTrue(m.contains("line 7: is not a JSON object."), m);
        assertTrue(m.contains("line 8: 'expectedDocuments' must be a list of strings."), m);
        assertTrue(!m.contains("line 1:"), m);
    }

    @Test
    void csvWithQuotedCommasLineBreaksAndSeveralDocumentsReads() {
        List<EvalItem> items = EvalImport.csv(
                "question,expectedAnswer,expectedDocuments,answerable\r\n"
                        + "\"When, exactly, does it open?\",7:15,guide.md;hours.md,yes\r\n"
                        + "\"A question\nover two lines\",\"He said \"\"no\"\"\",,false\r\n",
                JSON,
                VALIDATOR);
        assertEquals(2, items.size());
        assertEquals(
                new EvalItem("When, exactly, does it open?", "7:15", List.of("guide.md", "hours.md"), true),
                items.get(0));
        assertEquals(new EvalItem("A question\nover two lines", "He said \"no\"", List.of(), false), items.get(1));
    }

    @Test
    void badCsvRowsAreNamedByTheirLineNumbers() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> EvalImport.csv(
                        "question,answerable\n" + "\"fine\nsplit\",true\n" + "missing flag,maybe\n" + "a,b,c\n"
                                + ",true\n",
                        JSON,
                        VALIDATOR));
        String m = e.getMessage();
        assertTrue(m.startsWith("3 lines are not a valid item"), m);
        assertTrue(m.contains("line 4: 'answerable' must be true or false, not 'maybe'."), m);
        assertTrue(m.contains("line 5: has 3 cells; the header has 2."), m);
        assertTrue(m.contains("line 6: Every item needs a 'question'."), m);
    }

    @Test
    void aCsvHeaderWithAnUnknownColumnOrAnUnclosedQuoteIsRefused() {
        InvalidInputException header = assertThrows(
                InvalidInputException.class, () -> EvalImport.csv("question,answer\nq,true\n", JSON, VALIDATOR));
        assertTrue(header.getMessage().contains("unknown column 'answer'"), header.getMessage());
        InvalidInputException quote = assertThrows(
                InvalidInputException.class,
                () -> EvalImport.csv("question,answerable\n\"open,true\n", JSON, VALIDATOR));
        assertTrue(quote.getMessage().contains("line 2: a quoted cell is never closed."), quote.getMessage());
        InvalidInputException none = assertThrows(
                InvalidInputException.class, () -> EvalImport.csv("question,answerable\n", JSON, VALIDATOR));
        assertTrue(none.getMessage().contains("no items"), none.getMessage());
    }
}
