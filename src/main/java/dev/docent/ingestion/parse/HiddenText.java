package dev.docent.ingestion.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.parser.html.DefaultHtmlMapper;
import org.apache.tika.parser.html.HtmlMapper;
import org.xml.sax.Attributes;

/**
 * Text in an HTML page styled so that a reader never sees it (display:none, zero-size or transparent fonts, white on
 * white, moved off the screen) while a model reading the extracted text does: the classic carrier of instructions
 * planted for an AI. The parser keeps such text (it may be legitimate, e.g. a collapsed menu) but reports it, so the
 * safety scan flags the chunks that carry it.
 */
final class HiddenText {

    /**
     * Tika's default mapping, plus the inline elements and the styling attributes it normally drops. {@code span},
     * {@code div} and {@code font} all map to {@code span}, which breaks no block: the text's blocks stay as they were
     * without this mapper.
     */
    static final HtmlMapper MAPPER = new DefaultHtmlMapper() {
        private static final Set<String> STYLED =
                Set.of("SPAN", "DIV", "FONT", "SECTION", "ARTICLE", "SMALL", "B", "I");

        @Override
        public String mapSafeElement(String name) {
            String safe = super.mapSafeElement(name);
            return safe == null && STYLED.contains(name.toUpperCase(Locale.ROOT)) ? "span" : safe;
        }

        @Override
        public String mapSafeAttribute(String elementName, String attributeName) {
            String attribute = attributeName.toLowerCase(Locale.ROOT);
            if (ATTRIBUTES.contains(attribute)) {
                return attribute;
            }
            return super.mapSafeAttribute(elementName, attributeName);
        }
    };

    private static final Set<String> ATTRIBUTES = Set.of("style", "hidden", "color");

    private static final Pattern HIDING = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden"
            + "|font-size\\s*:\\s*0*(\\.[0-2]\\d*)?(px|pt|em|rem|%)?\\s*(;|$|!)|opacity\\s*:\\s*0*(\\.0\\d*)?\\s*(;|$|!)"
            + "|(text-indent|left|top|margin-left)\\s*:\\s*-\\d{3,}"
            + "|(^|[;\\s])(max-)?(height|width)\\s*:\\s*0(px)?\\s*(;|$)[^\"]*overflow\\s*:\\s*hidden"
            + "|clip\\s*:\\s*rect\\(\\s*0");

    private static final Pattern COLOR = Pattern.compile("(^|[;\\s])color\\s*:\\s*([^;!]+)");
    private static final Pattern BACKGROUND = Pattern.compile("background(-color)?\\s*:\\s*([^;!]+)");
    private static final Set<String> WHITE = Set.of("#fff", "#ffffff", "white", "rgb(255,255,255)", "#fefefe");

    private HiddenText() {}

    /** Why an element with these attributes hides its text from a reader, or null when it does not. */
    static String why(Attributes atts) {
        if (atts.getValue("hidden") != null) {
            return "hidden attribute";
        }
        String style = atts.getValue("style");
        String fontColor = atts.getValue("color");
        if (fontColor != null && WHITE.contains(compact(fontColor))) {
            return "white font";
        }
        if (style == null) {
            return null;
        }
        String s = style.toLowerCase(Locale.ROOT);
        Matcher hiding = HIDING.matcher(s);
        if (hiding.find()) {
            return hiding.group().strip();
        }
        Matcher color = COLOR.matcher(s);
        if (color.find()) {
            String text = compact(color.group(2));
            Matcher background = BACKGROUND.matcher(s);
            String back = background.find() ? compact(background.group(2)) : null;
            if (text.equals(back) || "transparent".equals(text)) {
                return "text colour " + text + " on background " + (back == null ? text : back);
            }
            if (back == null && WHITE.contains(text)) {
                return "white text";
            }
        }
        return null;
    }

    private static String compact(String value) {
        return value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
