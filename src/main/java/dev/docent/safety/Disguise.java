package dev.docent.safety;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the ways attackers hide words from rules while a model still reads them: invisible characters between
 * letters, look-alike letters from other scripts ("ignоre" with a Cyrillic о), full-width and other compatibility
 * forms. The rules run on the folded text; the disguise itself is a finding too.
 */
final class Disguise {

    /** Zero-width characters, bidirectional controls and Unicode tag characters: invisible, yet read by a model. */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\x{E0000}-\\x{E007F}]");

    private static final Pattern TAG_CHARACTER = Pattern.compile("[\\x{E0000}-\\x{E007F}]");

    /**
     * A word with a Latin letter and a Cyrillic or IPA one: nobody writes that, a disguise does. Greek is left out:
     * science writes "αvβ3" and "β-catenin" (the rules still read Greek look-alikes as Latin).
     */
    private static final Pattern MIXED_WORD =
            Pattern.compile("(?U)\\b(?=\\w*\\p{IsLatin})(?=\\w*[\\p{IsCyrillic}\\u0250-\\u02AF\\u0131])\\w+\\b");

    /** Look-alikes of Latin letters (Cyrillic, Greek, IPA), as in Unicode's confusables list. */
    private static final String FROM = "аеорсхуіјѕԁɡһкмтвнΑΒΕΗΙΚΜΝΟΡΤΧΥΖαεικνορτυχοɑıɩ";

    private static final String TO = "aeopcxyijsdghkmtbhABEHIKMNOPTXYZaeikvoptuxoaii";

    private Disguise() {}

    /** How many invisible characters {@code text} carries. */
    static int invisibleCount(String text) {
        Matcher m = INVISIBLE.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Unicode tag characters spell text no reader sees; they have no use in a document or a question. */
    static boolean hasTagCharacters(String text) {
        return TAG_CHARACTER.matcher(text).find();
    }

    /** The first word that mixes Latin letters with look-alikes from another script, or null. */
    static String mixedScriptWord(String text) {
        Matcher m = MIXED_WORD.matcher(text);
        return m.find() ? m.group() : null;
    }

    /** The text as the rules read it: compatibility forms unified, invisible characters gone, look-alikes Latin. */
    static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = INVISIBLE.matcher(s).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int at = FROM.indexOf(c);
            out.append(at >= 0 ? TO.charAt(at) : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
