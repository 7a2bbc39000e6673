package dev.docent.answering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Neighbouring chunks become one passage, in document order, without the overlap repeated. */
class DefaultContextAssemblerTest {

    static Passage chunk(long id, String content, double similarity) {
        return new Passage(
                id, UUID.randomUUID(), "Handbook", "text/markdown", null, List.of("Leave"), content, 0.1, similarity);
    }

    @Test
    void neighboursAreJoinedInDocumentOrderWithoutTheRepeatedOverlap() {
        Passage second = chunk(2, "that carry over until the end of March. Requests go to the manager.", 0.8);
        Passage first = chunk(
                1, "Employees receive 25 days of paid vacation per year that carry over until the end of March.", 0.7);
        // Retrieval ranked the later chunk first; ordinals say which comes first in the document.
        Passage merged = DefaultContextAssembler.merge(List.of(second, first), List.of(8, 7));
        assertEquals(
                "Employees receive 25 days of paid vacation per year that carry over until the end of March."
                        + " Requests go to the manager.",
                merged.content());
        assertEquals(2, merged.chunkId(), "cited as the best-ranked chunk");
        assertEquals(0.8, merged.similarity());
    }

    @Test
    void textWithoutOverlapIsJoinedOnANewLine() {
        assertEquals(
                "First part.\nSecond part.",
                DefaultContextAssembler.join(new StringBuilder("First part."), "Second part.")
                        .toString());
    }
}
