package dev.docent.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Questions are typed by users: the export must not turn them into spreadsheet formulas. */
class GapCsvTest {

    @Test
    void cellsThatStartLikeAFormulaAreNeutralized() {
        assertEquals("'=1+2", GapCsv.cell("=1+2"));
        assertEquals("'+SUM(A1)", GapCsv.cell("+SUM(A1)"));
        assertEquals("'-2", GapCsv.cell("-2"));
        assertEquals("'@cmd", GapCsv.cell("@cmd"));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a, b\"", GapCsv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", GapCsv.cell("say \"hi\""));
        assertEquals("\"'=A1,B1\"", GapCsv.cell("=A1,B1"));
        assertEquals("plain", GapCsv.cell("plain"));
    }
}
