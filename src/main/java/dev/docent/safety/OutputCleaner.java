package dev.docent.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a model's answer what could carry a user away or carry data out: links and addresses to domains that
 * none of the allowed passages mention, every image (an image's address can carry the conversation to its host), and
 * active HTML. A link's text stays, so the sentence still reads.
 */
final class OutputCleaner {

    /** What was removed, for the record. */
    record Cleaned(String text, List<String> removed) {

        boolean changed() {
            return !removed.isEmpty();
        }
    }

    private static final Pattern SCRIPT = Pattern.compile("(?is)<\\s*script\\b.*?(</\\s*script\\s*>|$)");
    private static final Pattern ACTIVE_TAG = Pattern.compile(
            "(?i)<\\s*/?\\s*(img|iframe|object|embed|link|meta|style|svg|form|input|a|base|video|audio|source)\\b[^>]*>");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]\\n]*)\\]\\(([^)\\n]*)\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)\\]\\(([^)\\n]*)\\)");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>()\\[\\]\"'`]+");
    private static final Pattern PSEUDO_URL = Pattern.compile("(?i)\\b(?:javascript|data|vbscript)\\s*:[^\\s)\\]]*");
    private static final Pattern EMAIL = Pattern.compile("(?i)[\\w.+-]+@([a-z0-9-]+(?:\\.[a-z0-9-]+)+)");
    private static final Pattern DOMAIN = Pattern.compile("(?i)\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
            + "(?:com|net|org|io|co|info|biz|ru|cn|xyz|top|app|dev|ly|me|tk|gl|site|online|club|link|click|ai|us"
            + "|uk|de|fr|eu|to|cc|ws|sh|pw|live|store|shop|tech|example|test|invalid|onion)\\b(?:/[^\\s)\\]]*)?");

    private OutputCleaner() {}

    /**
     * @param text the answer
     * @param allowed the passages whose addresses may appear (lower case, joined)
     */
    static Cleaned clean(String text, String allowed) {
        List<String> removed = new ArrayList<>();
        String s = replace(SCRIPT, text, m -> removed(removed, "script", ""));
        s = replace(ACTIVE_TAG, s, m -> removed(removed, "html " + m.group(1), ""));
        s = replace(IMAGE, s, m -> removed(removed, "image " + m.group(2), ""));
        s = replace(
                LINK, s, m -> allowedUrl(m.group(2), allowed) ? m.group() : removed(removed, m.group(2), m.group(1)));
        s = replace(PSEUDO_URL, s, m -> removed(removed, m.group(), ""));
        s = replace(URL, s, m -> {
            String url = trimPunctuation(m.group());
            String tail = m.group().substring(url.length());
            return allowedUrl(url, allowed) ? m.group() : removed(removed, url, "") + tail;
        });
        s = replace(EMAIL, s, m -> allowedHost(m.group(1), allowed) ? m.group() : removed(removed, m.group(), ""));
        s = replace(DOMAIN, s, m -> {
            String d = trimPunctuation(m.group());
            String tail = m.group().substring(d.length());
            return allowedUrl(d, allowed) ? m.group() : removed(removed, d, "") + tail;
        });
        if (removed.isEmpty()) {
            return new Cleaned(text, List.of());
        }
        s = s.replaceAll("[ \\t]{2,}", " ").replaceAll(" +([.,;:!?])", "$1").strip();
        return new Cleaned(s, List.copyOf(removed));
    }

    /** The host of a URL or bare domain, lower case, without "www.". */
    static String host(String url) {
        String s = url.toLowerCase(Locale.ROOT).strip();
        s = s.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        s = s.replaceFirst("^[^@/]*@", "");
        int end = 0;
        while (end < s.length() && "/?#:".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        s = s.substring(0, end);
        return s.startsWith("www.") ? s.substring(4) : s;
    }

    private static boolean allowedUrl(String url, String allowed) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("javascript:") || u.startsWith("data:") || u.startsWith("vbscript:")) {
            return false;
        }
        return allowedHost(host(u), allowed);
    }

    private static boolean allowedHost(String host, String allowed) {
        String h = host.toLowerCase(Locale.ROOT);
        return !h.isEmpty() && h.contains(".") && allowed.contains(h);
    }

    private static String removed(List<String> removed, String what, String replacement) {
        removed.add(what);
        return replacement;
    }

    private static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String replace(Pattern p, String text, Function<MatchResult, String> with) {
        return p.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
    }
}
