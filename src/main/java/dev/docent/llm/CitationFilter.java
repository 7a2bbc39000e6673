package dev.docent.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans a model's answer as it streams, before the user sees any of it:
 *
 * <ul>
 *   <li>citation markers are checked against the passages actually sent: a number that was not sent is removed, never
 *       shown; the rest are renumbered in order of first use ([4] first becomes [1]), and {@code [2, 3]} becomes
 *       {@code [1][2]};
 *   <li>the "not in the knowledge base" signal is recognized at the start of the answer (the answer is then withheld)
 *       and removed anywhere else.
 * </ul>
 *
 * Text that might be the start of a marker or of the signal is held back until the next piece shows what it is, so a
 * marker split across two pieces is handled too.
 */
public final class CitationFilter {

    private static final Pattern MARKER = Pattern.compile("(\\s*)\\[\\s*(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\s*\\]");
    private static final Pattern OPEN_MARKER = Pattern.compile("\\s*\\[[\\d,\\s]{0,24}$");
    private static final int HOLD_SIGNAL = PromptBuilder.NOT_IN_KB.length();

    private final int sent;
    private final Consumer<String> out;
    private final Map<Integer, Integer> numbers = new LinkedHashMap<>();
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private boolean started;
    private boolean notInKb;
    private boolean signalled;

    /**
     * @param sent how many passages were sent (valid markers are 1..sent)
     * @param out receives the cleaned text, piece by piece
     */
    public CitationFilter(int sent, Consumer<String> out) {
        this.sent = sent;
        this.out = out;
    }

    /** Takes the next piece of the model's output. */
    public void accept(String piece) {
        if (notInKb || piece == null || piece.isEmpty()) {
            return;
        }
        pending.append(piece);
        if (!started) {
            String head = stripDecoration(pending.toString());
            if (head.length() < HOLD_SIGNAL && PromptBuilder.NOT_IN_KB.startsWith(head)) {
                return; // could still be the signal
            }
            started = true;
            if (head.startsWith(PromptBuilder.NOT_IN_KB)) {
                notInKb = true;
                pending.setLength(0);
                return;
            }
        }
        int hold = holdFrom(pending);
        if (hold > 0) {
            emit(pending.substring(0, hold));
            pending.delete(0, hold);
        }
    }

    /** Ends the answer: releases what was held back. */
    public void finish() {
        if (!started) {
            String head = stripDecoration(pending.toString());
            started = true;
            if (!head.isEmpty() && PromptBuilder.NOT_IN_KB.startsWith(head) && head.length() >= 3) {
                notInKb = true;
            }
        }
        if (!notInKb && !pending.isEmpty()) {
            String rest = OPEN_MARKER.matcher(pending).replaceAll("");
            emit(rest);
        }
        pending.setLength(0);
    }

    /** True when the model said the passages do not contain the answer. */
    public boolean notInKnowledgeBase() {
        return notInKb || (signalled && numbers.isEmpty());
    }

    /** The cleaned answer so far. */
    public String text() {
        return emitted.toString().strip();
    }

    /** The passages cited, as 0-based indexes into what was sent, in display order ([1] first). */
    public List<Integer> cited() {
        return new ArrayList<>(numbers.keySet().stream().map(n -> n - 1).toList());
    }

    private void emit(String text) {
        Matcher m = MARKER.matcher(text);
        StringBuilder clean = new StringBuilder();
        int last = 0;
        while (m.find()) {
            clean.append(text, last, m.start());
            StringBuilder marker = new StringBuilder();
            for (String number : m.group(2).split("\\s*,\\s*")) {
                int n = Integer.parseInt(number.strip());
                if (n >= 1 && n <= sent) {
                    int shown = numbers.computeIfAbsent(n, k -> numbers.size() + 1);
                    String one = "[" + shown + "]";
                    if (marker.indexOf(one) < 0) {
                        marker.append(one);
                    }
                }
            }
            if (!marker.isEmpty()) {
                clean.append(m.group(1)).append(marker);
            }
            last = m.end();
        }
        clean.append(text, last, text.length());
        String cleaned = clean.toString();
        if (cleaned.contains(PromptBuilder.NOT_IN_KB)) {
            signalled = true;
            cleaned = cleaned.replace(PromptBuilder.NOT_IN_KB, "");
        }
        if (!cleaned.isEmpty()) {
            if (emitted.isEmpty()) {
                cleaned = cleaned.stripLeading();
                if (cleaned.isEmpty()) {
                    return;
                }
            }
            emitted.append(cleaned);
            out.accept(cleaned);
        }
    }

    /** Where the text that cannot be released yet starts (the length of what can be released). */
    private static int holdFrom(CharSequence text) {
        Matcher open = OPEN_MARKER.matcher(text);
        int hold = open.find() ? open.start() : text.length();
        // A tail that may be the beginning of the signal ("NOT_I").
        String s = text.subSequence(0, hold).toString();
        for (int len = Math.min(HOLD_SIGNAL - 1, s.length()); len > 0; len--) {
            if (PromptBuilder.NOT_IN_KB.startsWith(s.substring(s.length() - len))) {
                return s.length() - len;
            }
        }
        // Trailing white space waits: it belongs before a marker that may still be removed.
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static String stripDecoration(String text) {
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || "`*\"'_".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return text.substring(i);
    }
}
