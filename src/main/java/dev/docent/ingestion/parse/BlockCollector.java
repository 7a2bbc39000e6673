package dev.docent.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into {@link Block}s: block elements end a block, a table row is one block, headings
 * update the heading path, and a page marker (PDF page, PPTX slide) advances the page number.
 */
final class BlockCollector extends DefaultHandler {

    static final int HIDDEN_RUN_LIMIT = 2_000;
    static final int MAX_HIDDEN_RUNS = 200;

    private final String pageMarker;
    private final CharacterBudget budget;
    private final TextBuffer body;
    private final HeadingTrail headings;
    private final PageTracker pages = new PageTracker();
    private final List<Block> blocks = new ArrayList<>();
    private volatile boolean cancelled;
    private int headDepth;
    private int rowDepth;
    /** Per open element: whether it hides its text from a reader ({@link HiddenText}). */
    private final java.util.ArrayDeque<Boolean> hiding = new java.util.ArrayDeque<>();

    private int hiddenDepth;
    private final StringBuilder hiddenRun = new StringBuilder();
    private String hiddenWhy;
    private final List<HiddenRun> hidden = new ArrayList<>();

    /**
     * @param pageMarker the class of the {@code div} that opens a page ("page" for PDF, "slide-content" for PPTX),
     *     or {@code null} for formats without pages
     * @param splitOnBlankLines whether blank lines separate paragraphs (plain text has no other markup for them)
     */
    BlockCollector(String pageMarker, boolean splitOnBlankLines, long maxCharacters) {
        this.pageMarker = pageMarker;
        this.budget = new CharacterBudget(maxCharacters);
        this.body = new TextBuffer(budget, splitOnBlankLines ? this::endBlock : null);
        this.headings = new HeadingTrail(budget);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        checkCancelled();
        String name = XhtmlElements.name(localName, qName);
        String why = headDepth > 0 ? null : HiddenText.why(atts);
        hiding.push(why != null);
        if (why != null) {
            if (hiddenDepth == 0) {
                hiddenWhy = why;
            }
            hiddenDepth++;
        }
        if (name.equals("head") || headDepth > 0) {
            // The title and metadata of the head reach the title through Tika's metadata, not as body text.
            headDepth++;
        } else if (pageMarker != null && name.equals("div") && pageMarker.equals(atts.getValue("class"))) {
            endBlock();
            pages.nextPage();
        } else if (XhtmlElements.headingLevel(name) > 0) {
            endBlock();
            headings.start(XhtmlElements.headingLevel(name));
        } else {
            boundary(name, true);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        checkCancelled();
        String name = XhtmlElements.name(localName, qName);
        if (!hiding.isEmpty() && hiding.pop()) {
            hiddenDepth--;
            if (hiddenDepth == 0) {
                endHiddenRun();
            }
        }
        if (headDepth > 0) {
            headDepth--;
        } else if (XhtmlElements.headingLevel(name) > 0) {
            if (headings.collecting()) {
                addBlock(headings.end());
            }
        } else {
            boundary(name, false);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkCancelled();
        if (headDepth == 0) {
            current().append(ch, start, length);
            if (hiddenDepth > 0 && hiddenRun.length() < HIDDEN_RUN_LIMIT) {
                hiddenRun.append(ch, start, Math.min(length, HIDDEN_RUN_LIMIT - hiddenRun.length()));
            }
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    @Override
    public void endDocument() {
        endBlock();
    }

    private void endHiddenRun() {
        String text = hiddenRun.toString().replaceAll("\\s+", " ").strip();
        hiddenRun.setLength(0);
        // A hidden icon label or a single letter is no message: three letters at least.
        if (text.codePoints().filter(Character::isLetter).count() >= 3 && hidden.size() < MAX_HIDDEN_RUNS) {
            hidden.add(new HiddenRun(text, hiddenWhy));
        }
    }

    /** Makes the parse fail at its next event; called from another thread when the time is up. */
    void cancel() {
        cancelled = true;
    }

    private void boundary(String name, boolean start) {
        if (name.equals("tr")) {
            rowDepth += start ? 1 : -1;
            if (rowDepth == (start ? 1 : 0)) {
                endBlock();
            } else {
                current().cellBreak();
            }
        } else if (XhtmlElements.isCell(name)) {
            if (start) {
                current().cellBreak();
            }
        } else if (name.equals("br")) {
            current().softBreak();
        } else if (XhtmlElements.isBlock(name)) {
            if (rowDepth > 0 || headings.collecting()) {
                // Word puts a paragraph in every table cell: keep the row (or heading) together.
                current().softBreak();
            } else {
                endBlock();
            }
        }
    }

    private TextBuffer current() {
        return headings.collecting() ? headings.text() : body;
    }

    private void endBlock() {
        addBlock(body.take());
    }

    private void addBlock(String text) {
        if (!text.isEmpty()) {
            blocks.add(new Block(pages.current(), headings.path(), text));
            pages.textOnCurrentPage();
        }
    }

    private void checkCancelled() throws SAXException {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new SAXException("parse cancelled");
        }
    }

    /**
     * Text a reader never sees (styled away, see {@link HiddenText}), in reading order; at most {@value
     * #MAX_HIDDEN_RUNS} runs of at most {@value #HIDDEN_RUN_LIMIT} characters each.
     */
    List<HiddenRun> hidden() {
        return List.copyOf(hidden);
    }

    /** Hidden text found by a pass of its own (a DOCX's formatting, which Tika's events do not carry). */
    void addHidden(List<HiddenRun> runs) {
        for (HiddenRun run : runs) {
            if (hidden.size() < MAX_HIDDEN_RUNS) {
                hidden.add(run);
            }
        }
    }

    List<Block> blocks() {
        return blocks;
    }

    int pages() {
        return pages.pages();
    }

    int emptyPages() {
        return pages.emptyPages();
    }

    int headings() {
        return headings.count();
    }

    String firstHeading() {
        return headings.first();
    }

    long characters() {
        return budget.used();
    }

    boolean tooMuchText() {
        return budget.exceeded();
    }
}
