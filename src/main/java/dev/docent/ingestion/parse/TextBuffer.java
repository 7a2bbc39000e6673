package dev.docent.ingestion.parse;

import org.xml.sax.SAXException;

/**
 * Accumulates the text of one block as SAX delivers it, normalizing on the fly: whitespace runs become one space,
 * control characters disappear, and separators between table cells or lines are inserted only between words.
 *
 * <p>Normalizing while reading (instead of afterwards) keeps a file of a billion spaces from filling memory, and
 * lets the character limit count the text that will actually be stored.
 */
final class TextBuffer {

    private final StringBuilder text = new StringBuilder();
    private final CharacterBudget budget;
    private final Runnable paragraphEnd;
    private String gap = "";
    private int lineBreaks;
    private char previous;

    /**
     * @param paragraphEnd called before the first word after a blank line, so plain text splits into paragraphs;
     *     {@code null} when blank lines mean nothing (markup formats mark paragraphs themselves)
     */
    TextBuffer(CharacterBudget budget, Runnable paragraphEnd) {
        this.budget = budget;
        this.paragraphEnd = paragraphEnd;
    }

    void append(char[] ch, int start, int length) throws SAXException {
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            if (isSpace(c)) {
                countLineBreak(c);
                separate(" ");
            } else if (!isInvisible(c)) {
                appendVisible(c);
            }
            previous = c;
        }
    }

    /** Words on either side will be separated by at least a space (a line break, an inline block boundary). */
    void softBreak() {
        separate(" ");
    }

    /** Words on either side belong to different table cells. */
    void cellBreak() {
        gap = " | ";
    }

    /** The text so far, emptied; "" when there are no words. */
    String take() {
        String result = text.toString();
        text.setLength(0);
        gap = "";
        lineBreaks = 0;
        return result;
    }

    private void appendVisible(char c) throws SAXException {
        if (lineBreaks >= 2 && paragraphEnd != null && !text.isEmpty()) {
            paragraphEnd.run();
        }
        lineBreaks = 0;
        if (!text.isEmpty() && !gap.isEmpty()) {
            text.append(gap);
            budget.spend(gap.length());
        }
        gap = "";
        text.append(c);
        budget.spend(1);
    }

    private void separate(String separator) {
        if (gap.isEmpty()) {
            gap = separator;
        }
    }

    private void countLineBreak(char c) {
        // "\r\n" is one line break, so a Windows blank line counts two like a Unix one.
        if (c == '\n' && previous == '\r') {
            return;
        }
        if (c == '\n' || c == '\r' || c == '\u2028') {
            lineBreaks++;
        } else if (c == '\u2029') {
            lineBreaks += 2;
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * Controls (NUL breaks PostgreSQL text), byte order marks, soft hyphens, zero-width spaces, and the replacement
     * character PDFs yield for glyphs without a Unicode mapping (it matches nothing a user could search for).
     */
    private static boolean isInvisible(char c) {
        return Character.getType(c) == Character.CONTROL
                || c == '\uFEFF'
                || c == '\u00AD'
                || c == '\u200B'
                || c == '\uFFFD';
    }
}
