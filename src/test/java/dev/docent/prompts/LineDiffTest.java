package dev.docent.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side view's diff marks exactly the lines that changed. */
class LineDiffTest {

    static String render(List<LineDiff.Line> lines) {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l.op()).append(l.text()).append('|'));
        return s.toString();
    }

    @Test
    void aChangedLineIsRemovedAndAddedAndTheRestKept() {
        assertEquals("=a|-b|+B|=c|", render(LineDiff.of("a\nb\nc", "a\nB\nc")));
    }

    @Test
    void addedAndRemovedLinesInTheMiddle() {
        assertEquals("=a|+x|=b|-c|=d|", render(LineDiff.of("a\nb\nc\nd", "a\nx\nb\nd")));
    }

    @Test
    void aMissingSystemPartDiffsAsNothing() {
        assertEquals("", render(LineDiff.of(null, null)));
        assertEquals("+only|", render(LineDiff.of(null, "only")));
    }

    @Test
    void aHugeChangeFallsBackToRemovedThenAdded() {
        String a = "a\n".repeat(2100);
        String b = "b\n".repeat(2100);
        List<LineDiff.Line> lines = LineDiff.of(a, b);
        assertEquals("-", lines.getFirst().op());
        assertEquals("+", lines.get(2100).op());
    }
}
