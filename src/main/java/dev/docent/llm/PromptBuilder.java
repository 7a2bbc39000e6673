package dev.docent.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.prompts.PromptKind;
import dev.docent.prompts.PromptTemplates;
import dev.docent.prompts.PromptVersion;
import dev.docent.prompts.PromptVersions;
import dev.docent.retrieval.Passage;
import dev.docent.system.InvalidInputException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the messages sent to a language model from the active prompt versions ({@link PromptVersions}, seeded from
 * the Qute templates in {@code templates/prompts}): instructions, optional worked examples, then the passages (each
 * delimited and tagged with its citation number) and the question. The version's label is recorded with every answer,
 * so answers can be compared across prompt changes.
 */
@ApplicationScoped
public class PromptBuilder {

    /** The label of the answer prompt shipped in the files (version 1), active until another one is promoted. */
    public static final String VERSION = "answer-v1";

    /** What the model says when the passages do not answer the question (rule 3 of the system prompt). */
    public static final String NOT_IN_KB = "NOT_IN_KB";

    private static final Pattern TAGS = Pattern.compile(
            "(?iU)<[\\s\\u00AD\\u180E\\u200B-\\u200F\\u2060\\uFEFF/]*(passages?|question|answer|expected_answer)\\b");

    @Inject
    PromptVersions versions;

    @Inject
    PromptTemplates templates;

    @Inject
    LlmConfig config;

    @Inject
    PromptCanary canary;

    private final List<Example> examples;

    /** A numbered, delimited passage as the template shows it. */
    public record PromptPassage(int n, String source, String text) {}

    record Example(String question, List<PromptPassage> passages, String answer) {}

    /** Messages for a model, and the label of the prompt version they were written from. */
    public record Prompt(List<ChatMessage> messages, String version) {}

    @Inject
    public PromptBuilder(ObjectMapper json) {
        try (InputStream in = PromptBuilder.class.getResourceAsStream("/prompts/examples.v1.json")) {
            List<Example> read = json.readValue(in, new TypeReference<>() {});
            List<Example> numbered = new ArrayList<>();
            for (Example e : read) {
                List<PromptPassage> passages = new ArrayList<>();
                for (int i = 0; i < e.passages().size(); i++) {
                    passages.add(new PromptPassage(
                            i + 1,
                            e.passages().get(i).source(),
                            e.passages().get(i).text()));
                }
                numbered.add(new Example(e.question(), passages, e.answer()));
            }
            this.examples = List.copyOf(numbered);
        } catch (IOException e) {
            throw new UncheckedIOException("The prompt examples (prompts/examples.v1.json) cannot be read", e);
        }
    }

    /** The messages asking for an answer to {@code question} from {@code passages}, numbered from 1 in order. */
    public List<ChatMessage> answer(String question, List<Passage> passages, boolean concise) {
        return answer(question, passages, concise, null).messages();
    }

    /**
     * The messages asking for an answer, written from prompt version {@code label} ({@code answer-v2}), or from the
     * active one when it is null (an evaluation run tries a version without promoting it).
     */
    public Prompt answer(String question, List<Passage> passages, boolean concise, String label) {
        PromptVersion version = version(PromptKind.ANSWER, label);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(canary.line()
                + templates.render(
                        version.system(),
                        Map.of("concise", concise || config.prompt().concise()))));
        if (config.prompt().fewShot()) {
            for (Example e : examples) {
                messages.add(UserMessage.from(userMessage(version, e.question(), e.passages())));
                messages.add(AiMessage.from(e.answer()));
            }
        }
        messages.add(UserMessage.from(userMessage(version, question, numbered(passages))));
        return new Prompt(messages, version.label());
    }

    /** The message asking to turn the last of {@code earlier} questions plus {@code question} into a standalone one. */
    public List<ChatMessage> rewrite(List<String> earlier, String question) {
        PromptVersion version = versions.active(PromptKind.REWRITE);
        Map<String, Object> data =
                Map.of("earlier", earlier.stream().map(PromptBuilder::defuse).toList(), "question", defuse(question));
        return List.of(UserMessage.from(templates.render(version.user(), data)));
    }

    /**
     * The messages asking a model to score {@code answer} (model-as-judge, for evaluation runs), from the active judge
     * prompt. Every text is data inside delimiters, defused like the answer prompt's.
     */
    public Prompt judge(String question, List<Passage> passages, String expectedAnswer, String answer) {
        PromptVersion version = versions.active(PromptKind.JUDGE);
        Map<String, Object> data = new HashMap<>();
        data.put("question", defuse(question));
        data.put("passages", safe(numbered(passages)));
        data.put("expectedAnswer", defuse(expectedAnswer));
        data.put("answer", defuse(answer));
        List<ChatMessage> messages = new ArrayList<>();
        if (version.system() != null) {
            messages.add(SystemMessage.from(templates.render(version.system(), Map.of())));
        }
        messages.add(UserMessage.from(templates.render(version.user(), data)));
        return new Prompt(messages, version.label());
    }

    private PromptVersion version(PromptKind kind, String label) {
        if (label == null) {
            return versions.active(kind);
        }
        return versions.find(label)
                .filter(v -> v.kind().equals(kind.id()))
                .orElseThrow(() -> new InvalidInputException(
                        400, "There is no " + kind.id() + " prompt version '" + label + "'."));
    }

    private static List<PromptPassage> numbered(List<Passage> passages) {
        List<PromptPassage> numbered = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            numbered.add(new PromptPassage(i + 1, source(p), p.content()));
        }
        return numbered;
    }

    private String userMessage(PromptVersion version, String question, List<PromptPassage> passages) {
        return templates.render(version.user(), Map.of("passages", safe(passages), "question", defuse(question)));
    }

    /** The passages as the template sees them (maps: templates get no access to Java objects), defused. */
    private static List<Map<String, Object>> safe(List<PromptPassage> passages) {
        return passages.stream()
                .map(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("n", p.n());
                    m.put("source", defuse(p.source()).replace('"', '\''));
                    m.put("text", defuse(p.text()));
                    return (Map<String, Object>) m;
                })
                .toList();
    }

    static String source(Passage p) {
        StringBuilder s = new StringBuilder(p.title() == null ? "untitled" : p.title());
        if (p.page() != null) {
            s.append(", page ").append(p.page());
        } else if (p.headingPath() != null && !p.headingPath().isEmpty()) {
            s.append(", section ").append(String.join(" > ", p.headingPath()));
        }
        return s.toString();
    }

    /**
     * Text from documents or users cannot close or open the delimiters around it: {@code </passage>} inside a document
     * would otherwise let the text after it pose as instructions. NFKC first, so look-alikes the model reads as the
     * same tag (full-width {@code ＜／passage＞}, no-break and other Unicode spaces) are defused too.
     */
    static String defuse(String text) {
        if (text == null) {
            return "";
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return TAGS.matcher(normalised).replaceAll(m -> m.group().replace("<", "‹"));
    }
}
