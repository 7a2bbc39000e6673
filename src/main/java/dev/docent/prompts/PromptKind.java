package dev.docent.prompts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The prompts Docent versions, each with its parts (system and user message) and the variables each part may use. A
 * new version is checked against this list before it is saved, so a knowledge manager learns of a typo then, not from
 * a broken answer.
 */
public enum PromptKind {
    ANSWER(
            "The instructions and message that ask the model for a cited answer.",
            List.of(Variable.flag("concise", "true when the asker or the configuration wants a short answer")),
            List.of(Variable.passages(), Variable.text("question", "the question, as asked")),
            List.of("question", "passages")),
    REWRITE(
            "Turns a follow-up question into a standalone search query (used with conversation history).",
            null,
            List.of(
                    Variable.list("earlier", "the earlier questions of the conversation, oldest first", List.of()),
                    Variable.text("question", "the follow-up question")),
            List.of("question")),
    JUDGE(
            "Asks the model to score an evaluation answer from 1 to 5 (model-as-judge); its reply starts with SCORE: n.",
            List.of(),
            List.of(
                    Variable.text("question", "the evaluation item's question"),
                    Variable.passages(),
                    Variable.text("expectedAnswer", "the item's expected answer (empty when it has none)"),
                    Variable.text("answer", "the answer Docent gave")),
            List.of("question", "answer"));

    /**
     * A variable a template may use.
     *
     * @param type text, flag (true/false) or list
     * @param fields for a list of objects, the fields of each element (empty for a list of texts)
     */
    public record Variable(String name, String type, String description, List<String> fields) {

        static Variable text(String name, String description) {
            return new Variable(name, "text", description, List.of());
        }

        static Variable flag(String name, String description) {
            return new Variable(name, "flag", description, List.of());
        }

        static Variable list(String name, String description, List<String> fields) {
            return new Variable(name, "list", description, fields);
        }

        static Variable passages() {
            return list(
                    "passages",
                    "the numbered passages; each has n (its citation number), source (title and page) and text",
                    List.of("n", "source", "text"));
        }
    }

    private final String description;
    private final List<Variable> system;
    private final List<Variable> user;
    private final List<String> required;

    PromptKind(String description, List<Variable> system, List<Variable> user, List<String> required) {
        this.description = description;
        this.system = system;
        this.user = user;
        this.required = required;
    }

    /** As written in labels, the API and the database: {@code answer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** Whether the kind has a system message. */
    public boolean hasSystem() {
        return system != null;
    }

    /** The variables of the system part (empty when it has none). */
    public List<Variable> systemVariables() {
        return system == null ? List.of() : system;
    }

    public List<Variable> userVariables() {
        return user;
    }

    /** Variables the user part must use: without them the model never sees what it is asked about. */
    public List<String> required() {
        return required;
    }

    /** The version label: {@code answer-v2}. */
    public String label(int number) {
        return id() + "-v" + number;
    }

    public static Optional<PromptKind> of(String id) {
        for (PromptKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Sample values, full and empty, that a new version must render with. */
    static List<Map<String, Object>> samples() {
        Map<String, Object> passage1 =
                Map.of("n", 1, "source", "HR handbook, page 12", "text", "Employees get 16 weeks.");
        Map<String, Object> passage2 = Map.of("n", 2, "source", "Finance FAQ", "text", "Budgets are due in October.");
        Map<String, Object> full = Map.of(
                "concise",
                true,
                "passages",
                List.of(passage1, passage2),
                "question",
                "How long is parental leave?",
                "earlier",
                List.of("What does the HR handbook cover?", "And for contractors?"),
                "expectedAnswer",
                "16 weeks",
                "answer",
                "Employees get 16 weeks of parental leave [1].");
        Map<String, Object> empty = Map.of(
                "concise",
                false,
                "passages",
                List.of(),
                "question",
                "",
                "earlier",
                List.of(),
                "expectedAnswer",
                "",
                "answer",
                "");
        return List.of(full, empty);
    }
}
