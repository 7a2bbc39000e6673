package dev.docent.prompts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence of lines). The common head and tail are trimmed first, so the
 * quadratic table covers only the changed middle; a middle too large for it is shown as removed then added.
 */
public final class LineDiff {

    /** Largest table (lines × lines) computed: 4 million cells is about 16 MB, once. */
    static final long MAX_CELLS = 4_000_000;

    /**
     * One line of a diff.
     *
     * @param op {@code =} unchanged, {@code -} only in the first text, {@code +} only in the second
     */
    public record Line(String op, String text) {}

    private LineDiff() {}

    static List<Line> of(String a, String b) {
        String[] x = lines(a);
        String[] y = lines(b);
        int head = 0;
        while (head < x.length && head < y.length && x[head].equals(y[head])) {
            head++;
        }
        int tail = 0;
        while (tail < x.length - head
                && tail < y.length - head
                && x[x.length - 1 - tail].equals(y[y.length - 1 - tail])) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            out.add(new Line("=", x[i]));
        }
        middle(Arrays.copyOfRange(x, head, x.length - tail), Arrays.copyOfRange(y, head, y.length - tail), out);
        for (int i = x.length - tail; i < x.length; i++) {
            out.add(new Line("=", x[i]));
        }
        return out;
    }

    private static void middle(String[] x, String[] y, List<Line> out) {
        if ((long) x.length * y.length > MAX_CELLS) {
            Arrays.stream(x).forEach(l -> out.add(new Line("-", l)));
            Arrays.stream(y).forEach(l -> out.add(new Line("+", l)));
            return;
        }
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i].equals(y[j])) {
                out.add(new Line("=", x[i++]));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("-", x[i++]));
            } else {
                out.add(new Line("+", y[j++]));
            }
        }
        while (i < x.length) {
            out.add(new Line("-", x[i++]));
        }
        while (j < y.length) {
            out.add(new Line("+", y[j++]));
        }
    }

    private static String[] lines(String text) {
        return text == null || text.isEmpty() ? new String[0] : text.split("\r?\n", -1);
    }
}
