package dev.docent.evaluation;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
final class Csv {

    /** One record with the line it starts on (1-based). */
    record Row(int line, List<String> cells) {}

    /** A quote that is never closed, or text right after a closing quote. */
    static final class MalformedCsv extends RuntimeException {
        private final int line;

        MalformedCsv(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private Csv() {}

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        boolean any = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && cell.isEmpty()) {
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedCsv(quoteLine, "a quoted cell is never closed.");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    cell.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new MalformedCsv(line, "text follows a closing quote; double a quote inside a quoted cell.");
                }
                any = true;
                continue;
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                rows.add(new Row(rowLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                any = false;
                line++;
                rowLine = line;
            } else {
                cell.append(c);
                any = true;
            }
            i++;
        }
        if (any || !cell.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }
}
