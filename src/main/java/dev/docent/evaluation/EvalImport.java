package dev.docent.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads evaluation items from JSONL (one JSON object a line) or CSV (a header row naming the columns). Every bad line is
 * reported with its number and what is wrong; one bad line refuses the whole file, so nothing is half-imported.
 */
final class EvalImport {

    /** The fields of an item, as JSONL keys and CSV column names. */
    static final Set<String> FIELDS = Set.of("question", "expectedAnswer", "expectedDocuments", "answerable");

    /** How many line errors the message lists before it says "and N more". */
    private static final int SHOWN_ERRORS = 20;

    private final ObjectMapper json;
    private final Validator validator;
    private final List<EvalItem> items = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int errorCount;

    private EvalImport(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The items of a JSONL text; blank lines are skipped. */
    static List<EvalItem> jsonl(String text, ObjectMapper json, Validator validator) {
        EvalImport in = new EvalImport(json, validator);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                in.jsonLine(i + 1, lines[i]);
            }
        }
        return in.result();
    }

    /** The items of a CSV text with a header row; {@code expectedDocuments} are separated by {@code ;} or {@code |}. */
    static List<EvalItem> csv(String text, ObjectMapper json, Validator validator) {
        EvalImport in = new EvalImport(json, validator);
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (Csv.MalformedCsv e) {
            throw new InvalidInputException(
                    400, "The CSV is malformed at line " + e.line() + ": " + e.getMessage() + " Nothing was imported.");
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(400, "The file is empty: nothing was imported.");
        }
        Map<String, Integer> columns = in.header(rows.getFirst());
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            in.csvRow(row, columns);
        }
        return in.result();
    }

    private Map<String, Integer> header(Csv.Row row) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String name = row.cells().get(i).strip();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(
                        400,
                        "Line 1: unknown column '" + name + "'; the header names the columns question, answerable,"
                                + " expectedAnswer, expectedDocuments. Nothing was imported.");
            }
            columns.put(name, i);
        }
        for (String required : List.of("question", "answerable")) {
            if (!columns.containsKey(required)) {
                throw new InvalidInputException(
                        400, "Line 1: the header has no '" + required + "' column. Nothing was imported.");
            }
        }
        return columns;
    }

    private void csvRow(Csv.Row row, Map<String, Integer> columns) {
        if (row.cells().size() != countColumns(columns)) {
            fail(row.line(), "has " + row.cells().size() + " cells; the header has " + countColumns(columns) + ".");
            return;
        }
        String answerable = cell(row, columns, "answerable");
        Boolean flag = bool(answerable == null ? "" : answerable.strip());
        if (flag == null) {
            fail(row.line(), "'answerable' must be true or false, not '" + shorten(answerable) + "'.");
            return;
        }
        String documents = cell(row, columns, "expectedDocuments");
        List<String> names = documents == null || documents.isBlank()
                ? List.of()
                : List.of(documents.split("[;|]")).stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        add(
                row.line(),
                new EvalItem(cell(row, columns, "question"), cell(row, columns, "expectedAnswer"), names, flag));
    }

    private static int countColumns(Map<String, Integer> columns) {
        return columns.values().stream().mapToInt(i -> i + 1).max().orElse(0);
    }

    private static String cell(Csv.Row row, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? null : row.cells().get(index);
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> null;
        };
    }

    private void jsonLine(int line, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            fail(line, "is not JSON.");
            return;
        }
        if (node == null || !node.isObject()) {
            fail(line, "is not a JSON object.");
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                fail(line, "unknown field '" + shorten(name) + "'.");
                return;
            }
        }
        JsonNode question = node.get("question");
        JsonNode answer = node.get("expectedAnswer");
        JsonNode documents = node.get("expectedDocuments");
        JsonNode answerable = node.get("answerable");
        if (question != null && !question.isTextual()) {
            fail(line, "'question' must be a string.");
        } else if (answer != null && !answer.isNull() && !answer.isTextual()) {
            fail(line, "'expectedAnswer' must be a string.");
        } else if (documents != null && !documents.isNull() && !isTextArray(documents)) {
            fail(line, "'expectedDocuments' must be a list of strings.");
        } else if (answerable == null || !answerable.isBoolean()) {
            fail(line, "'answerable' must be true or false.");
        } else {
            List<String> names = new ArrayList<>();
            if (documents != null && !documents.isNull()) {
                documents.forEach(d -> names.add(d.asText()));
            }
            add(
                    line,
                    new EvalItem(
                            question == null ? null : question.asText(),
                            answer == null || answer.isNull() ? null : answer.asText(),
                            names,
                            answerable.asBoolean()));
        }
    }

    private static boolean isTextArray(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode each : node) {
            if (!each.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private void add(int line, EvalItem item) {
        Set<ConstraintViolation<EvalItem>> violations = validator.validate(item);
        if (violations.isEmpty()) {
            items.add(item);
        } else {
            fail(
                    line,
                    violations.stream()
                            .map(ConstraintViolation::getMessage)
                            .distinct()
                            .sorted()
                            .collect(Collectors.joining(" ")));
        }
    }

    private void fail(int line, String message) {
        errorCount++;
        if (errors.size() < SHOWN_ERRORS) {
            errors.add("line " + line + ": " + message);
        }
    }

    private List<EvalItem> result() {
        if (errorCount > 0) {
            String more = errorCount > errors.size() ? "; and " + (errorCount - errors.size()) + " more" : "";
            throw new InvalidInputException(
                    400,
                    errorCount + (errorCount == 1 ? " line is" : " lines are") + " not a valid item, so nothing was"
                            + " imported. " + String.join("; ", errors) + more + ".");
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(400, "The file has no items: nothing was imported.");
        }
        if (items.size() > EvalSets.MAX_ITEMS) {
            throw new InvalidInputException(
                    400,
                    "The file has " + items.size() + " items; a set holds at most " + EvalSets.MAX_ITEMS
                            + ". Nothing was imported.");
        }
        return List.copyOf(items);
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
