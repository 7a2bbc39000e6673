package dev.docent.ingestion.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The headings above the current position, outermost first. A heading replaces the open heading of its level and
 * everything below it; a skipped level (h1 then h3) simply nests.
 */
final class HeadingTrail {

    /** Longer "headings" are body text wearing a heading style; they stay body text, not path entries. */
    static final int MAX_HEADING_LENGTH = 300;

    private record Heading(int level, String text) {}

    private final Deque<Heading> open = new ArrayDeque<>();
    private final TextBuffer text;
    private List<String> path = List.of();
    private int level;
    private int count;
    private String first;

    HeadingTrail(CharacterBudget budget) {
        this.text = new TextBuffer(budget, null);
    }

    /** Starts collecting the text of a heading of level 1 (h1) to 6 (h6). */
    void start(int headingLevel) {
        level = headingLevel;
    }

    boolean collecting() {
        return level > 0;
    }

    /** Where the text of the heading being collected goes. */
    TextBuffer text() {
        return text;
    }

    /**
     * Ends the heading being collected and makes it part of the path.
     *
     * @return the text when it is too long to be a real heading, so the caller keeps it as a block; else ""
     */
    String end() {
        String heading = text.take();
        int headingLevel = level;
        level = 0;
        if (heading.length() > MAX_HEADING_LENGTH) {
            return heading;
        }
        if (!heading.isEmpty()) {
            enter(headingLevel, heading);
        }
        return "";
    }

    List<String> path() {
        return path;
    }

    int count() {
        return count;
    }

    /** The first heading of the document, or null when there is none. */
    String first() {
        return first;
    }

    private void enter(int headingLevel, String heading) {
        while (!open.isEmpty() && open.peekLast().level() >= headingLevel) {
            open.removeLast();
        }
        open.addLast(new Heading(headingLevel, heading));
        // Built once per heading and shared by every block under it (List.copyOf keeps it shareable, not copied).
        path = List.copyOf(open.stream().map(Heading::text).toList());
        count++;
        if (first == null) {
            first = heading;
        }
    }
}
