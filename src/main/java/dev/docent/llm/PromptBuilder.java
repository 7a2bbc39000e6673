package dev.docent.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.retrieval.Passage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the messages sent to a language model from the versioned Qute templates in {@code templates/prompts}:
 * instructions, optional worked examples, then the passages (each delimited and tagged with its citation number) and
 * the question. The version is recorded with every answer, so answers can be compared across prompt changes.
 */
@ApplicationScoped
public class PromptBuilder {

    /** Recorded with each answer; bump it (and add new template files) whenever the prompt's meaning changes. */
    public static final String VERSION = "answer-v1";

    /** What the model says when the passages do not answer the question (rule 3 of the system prompt). */
    public static final String NOT_IN_KB = "NOT_IN_KB";

    private static final Pattern TAGS =
            Pattern.compile("(?iU)<[\\s\\u00AD\\u180E\\u200B-\\u200F\\u2060\\uFEFF/]*(passages?|question)\\b");

    @Location("prompts/answer-system.v1.txt")
    Template system;

    @Location("prompts/answer-user.v1.txt")
    Template user;

    @Location("prompts/rewrite.v1.txt")
    Template rewrite;

    @Inject
    LlmConfig config;

    @Inject
    PromptCanary canary;

    private final List<Example> examples;

    /** A numbered, delimited passage as the template shows it. */
    public record PromptPassage(int n, String source, String text) {}

    record Example(String question, List<PromptPassage> passages, String answer) {}

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
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(canary.line()
                + system.data("concise", concise || config.prompt().concise()).render()));
        if (config.prompt().fewShot()) {
            for (Example e : examples) {
                messages.add(UserMessage.from(userMessage(e.question(), e.passages())));
                messages.add(AiMessage.from(e.answer()));
            }
        }
        List<PromptPassage> numbered = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            numbered.add(new PromptPassage(i + 1, source(p), p.content()));
        }
        messages.add(UserMessage.from(userMessage(question, numbered)));
        return messages;
    }

    /** The message asking to turn the last of {@code earlier} questions plus {@code question} into a standalone one. */
    public List<ChatMessage> rewrite(List<String> earlier, String question) {
        return List.of(UserMessage.from(rewrite.data(
                        "earlier", earlier.stream().map(PromptBuilder::defuse).toList())
                .data("question", defuse(question))
                .render()));
    }

    private String userMessage(String question, List<PromptPassage> passages) {
        List<PromptPassage> safe = passages.stream()
                .map(p -> new PromptPassage(p.n(), defuse(p.source()).replace('"', '\''), defuse(p.text())))
                .toList();
        return user.data("passages", safe).data("question", defuse(question)).render();
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
