package dev.docent.safety;

import dev.docent.answering.AnswerSink;
import dev.docent.llm.Cancellation;

/**
 * Cleans a model's answer on its way to the asker: text is released up to the last white space (so an address is
 * whole before it is judged), links no allowed passage mentions are removed, and the moment the system prompt's
 * canary appears everything shown is taken back and nothing more goes out. When the passages include a flagged chunk
 * the whole answer waits, so an answer that repeats a planted instruction is never shown, not even for a moment.
 */
final class GuardedSink implements AnswerSink {

    private static final int MAX_HOLD = 2_000;

    private final AnswerSink target;
    private final String canary;
    private final String allowed;
    private final boolean holdAll;
    private final StringBuilder pending = new StringBuilder();
    private boolean leaked;
    private boolean bypass;

    GuardedSink(AnswerSink target, String canary, String allowed, boolean holdAll) {
        this.target = target;
        this.canary = canary;
        this.allowed = allowed;
        this.holdAll = holdAll;
    }

    @Override
    public void start(Start start) {
        target.start(start);
    }

    @Override
    public synchronized void delta(String text) {
        if (bypass) {
            target.delta(text);
            return;
        }
        if (leaked) {
            return;
        }
        pending.append(text);
        if (pending.indexOf(canary) >= 0) {
            leaked = true;
            pending.setLength(0);
            target.reset("withheld");
            return;
        }
        if (holdAll) {
            return;
        }
        int safe = safeEnd();
        if (safe > 0) {
            String piece = pending.substring(0, safe);
            pending.delete(0, safe);
            release(piece);
        }
    }

    /** Sends {@code piece} cleaned, keeping the white space around it so words do not run together. */
    private void release(String piece) {
        String core = piece.strip();
        if (core.isEmpty()) {
            target.delta(piece);
            return;
        }
        int lead = piece.indexOf(core);
        String clean = OutputCleaner.clean(core, allowed).text();
        target.delta(piece.substring(0, lead) + clean + piece.substring(lead + core.length()));
    }

    @Override
    public synchronized void reset(String reason) {
        pending.setLength(0);
        target.reset(reason);
    }

    @Override
    public Cancellation cancellation() {
        return target.cancellation();
    }

    /** The canary went by: what was shown has been taken back. */
    synchronized boolean leaked() {
        return leaked;
    }

    /** From now on text passes unchanged: the guard writes the replacement answer itself. */
    synchronized void bypass() {
        bypass = true;
        pending.setLength(0);
    }

    /** The answer is finished and checked: shows what was held back, as {@code finalText} has it. */
    synchronized void finish(String finalText) {
        if (leaked || bypass) {
            return;
        }
        if (holdAll) {
            target.delta(finalText);
        } else if (!pending.isEmpty()) {
            release(pending.toString());
        }
        pending.setLength(0);
    }

    /** How much of the pending text can go out: up to the last white space, before any link still open. */
    private int safeEnd() {
        int end = pending.length();
        while (end > 0 && !Character.isWhitespace(pending.charAt(end - 1))) {
            end--;
        }
        int open = Math.max(pending.lastIndexOf("["), Math.max(pending.lastIndexOf("("), pending.lastIndexOf("<")));
        if (open >= 0
                && pending.indexOf("]", open) < 0
                && pending.indexOf(")", open) < 0
                && pending.indexOf(">", open) < 0
                && pending.length() - open < MAX_HOLD) {
            // The address of a Markdown link: its text (and an image's "!") waits with it.
            if (open > 0 && pending.charAt(open - 1) == ']' && pending.lastIndexOf("[", open) >= 0) {
                open = pending.lastIndexOf("[", open);
                if (open > 0 && pending.charAt(open - 1) == '!') {
                    open--;
                }
            }
            end = Math.min(end, open);
        }
        // A tail that could be the start of the canary waits for the next piece.
        for (int len = Math.min(canary.length() - 1, end); len > 0; len--) {
            if (canary.startsWith(pending.substring(end - len, end))) {
                return end - len;
            }
        }
        return end;
    }
}
