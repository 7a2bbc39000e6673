package dev.docent.gaps;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster list as CSV (RFC 4180), safe to open in a spreadsheet: a cell that starts like a formula (=, +, -, @,
 * tab, carriage return) is prefixed with a single quote, so user-typed questions can never run as formulas (OWASP
 * "CSV injection").
 */
public final class GapCsv {

    static final String HEADER =
            "id,label,count,users,firstSeen,lastSeen,status,owner,impact,causes,collections,examples";

    private GapCsv() {}

    public static String write(List<GapSummary> gaps) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (GapSummary g : gaps) {
            out.append(String.join(
                            ",",
                            cell(String.valueOf(g.id())),
                            cell(g.label()),
                            cell(String.valueOf(g.count())),
                            cell(String.valueOf(g.users())),
                            cell(String.valueOf(g.firstSeen())),
                            cell(String.valueOf(g.lastSeen())),
                            cell(g.status().code()),
                            cell(g.owner()),
                            cell(String.valueOf(g.impact())),
                            cell(causes(g.causes())),
                            cell(String.join("; ", g.collections())),
                            cell(g.examples().stream()
                                    .map(GapSummary.Example::question)
                                    .collect(Collectors.joining(" | ")))))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** One cell: neutralized if it could start a formula, quoted if it holds a comma, quote or line break. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static String causes(Map<String, Long> causes) {
        return causes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
