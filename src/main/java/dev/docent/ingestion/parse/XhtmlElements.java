package dev.docent.ingestion.parse;

import java.util.Locale;
import java.util.Set;

/** What the elements of Tika's XHTML output mean for block boundaries. */
final class XhtmlElements {

    /** Elements that start a new block of text when they open or close (outside table rows). */
    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "caption",
            "center",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "ul");

    private XhtmlElements() {}

    /** The element's lower-case local name (Tika uses the XHTML namespace; other producers may not). */
    static String name(String localName, String qName) {
        return (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }

    static boolean isBlock(String name) {
        return BLOCKS.contains(name);
    }

    static boolean isCell(String name) {
        return name.equals("td") || name.equals("th");
    }

    /** 1 to 6 for h1 to h6, 0 for anything else. */
    static int headingLevel(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0'
                : 0;
    }
}
