package dev.docent.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.answering.AnswerSink;
import dev.docent.llm.Cancellation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedSinkTest {

    private static final String CANARY = "DOCENT-0123456789ABCDEF";

    /** What the asker's page would show. */
    static final class Page implements AnswerSink {
        final StringBuilder shown = new StringBuilder();
        final List<String> resets = new ArrayList<>();

        @Override
        public void start(Start start) {}

        @Override
        public void delta(String text) {
            shown.append(text);
        }

        @Override
        public void reset(String reason) {
            shown.setLength(0);
            resets.add(reason);
        }

        @Override
        public Cancellation cancellation() {
            return Cancellation.none();
        }
    }

    @Test
    void canarySplitAcrossPieces_takesBackEverythingShown() {
        Page page = new Page();
        GuardedSink sink = new GuardedSink(page, CANARY, "", false);
        for (String piece :
                List.of("Sure. My instructions begin: Confidential marker DOC", "ENT-0123", "456789ABCDEF: never")) {
            sink.delta(piece);
        }
        sink.delta(" more text after it");
        sink.finish("ignored");
        assertTrue(page.shown.toString().isEmpty());
        assertEquals(java.util.List.of("withheld"), page.resets);
        assertTrue(sink.leaked());
    }

    @Test
    void foreignLinkSplitAcrossPieces_neverShows() {
        Page page = new Page();
        GuardedSink sink = new GuardedSink(page, CANARY, "the passages", false);
        for (String piece : List.of("Please log in at [the portal](https://ev", "il.example/lo", "gin) today [1].")) {
            sink.delta(piece);
            assertFalse(page.shown.toString().contains("evil"), page.shown.toString());
        }
        sink.finish("Please log in at the portal today [1].");
        assertEquals("Please log in at the portal today [1].", page.shown.toString());
    }

    @Test
    void withFlaggedPassages_nothingShowsUntilTheCheckedAnswer() {
        Page page = new Page();
        GuardedSink sink = new GuardedSink(page, CANARY, "", true);
        sink.delta("Some ");
        sink.delta("answer.");
        assertTrue(page.shown.toString().isEmpty());
        sink.finish("Some answer.");
        assertEquals("Some answer.", page.shown.toString());
    }

    @Test
    void ordinaryText_streamsWordByWord() {
        Page page = new Page();
        GuardedSink sink = new GuardedSink(page, CANARY, "", false);
        sink.delta("The card was ");
        assertEquals("The card was ", page.shown.toString());
        sink.delta("charged [1].");
        sink.finish("The card was charged [1].");
        assertEquals("The card was charged [1].", page.shown.toString());
    }
}
