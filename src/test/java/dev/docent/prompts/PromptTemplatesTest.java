package dev.docent.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.system.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A template a knowledge manager writes is checked before it is saved, with a message that says what to fix. */
class PromptTemplatesTest {

    final PromptTemplates templates = templates();

    static PromptTemplates templates() {
        PromptTemplates t = new PromptTemplates();
        t.config = new PromptsConfig() {
            @Override
            public int maxTemplateChars() {
                return 2000;
            }

            @Override
            public int maxNoteChars() {
                return 500;
            }

            @Override
            public int maxRenderedChars() {
                return 5000;
            }
        };
        return t;
    }

    private void user(PromptKind kind, String text) {
        templates.check(kind, "user", text, kind.userVariables(), kind.required());
    }

    private String refusal(PromptKind kind, String text) {
        return assertThrows(InvalidInputException.class, () -> user(kind, text)).getMessage();
    }

    static String shipped(String name) throws IOException {
        try (InputStream in = PromptTemplatesTest.class.getResourceAsStream("/templates/prompts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedTemplatesPassTheirOwnCheck() throws IOException {
        PromptKind answer = PromptKind.ANSWER;
        templates.check(answer, "system", shipped("answer-system.v1.txt"), answer.systemVariables(), List.of());
        user(answer, shipped("answer-user.v1.txt"));
        user(PromptKind.REWRITE, shipped("rewrite.v1.txt"));
        PromptKind judge = PromptKind.JUDGE;
        templates.check(judge, "system", shipped("judge-system.v1.txt"), judge.systemVariables(), List.of());
        user(judge, shipped("judge-user.v1.txt"));
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithItsLine() {
        String message = refusal(PromptKind.ANSWER, "Passages:\n{#for p in passages}{p.text}\nQuestion: {question}");
        assertTrue(message.startsWith("The user template does not parse"), message);
    }

    @Test
    void anUnknownVariableIsRefusedAndTheKnownOnesAreListed() {
        String message = refusal(PromptKind.ANSWER, "{#for p in passages}{p.text}{/for} {question} {questoin}");
        assertEquals(
                "The user template uses the unknown variable {questoin}; the variables are passages, question (answer"
                        + " prompt).",
                message);
    }

    @Test
    void anUnknownFieldOfAPassageIsRefused() {
        String message = refusal(PromptKind.ANSWER, "{#for p in passages}{p.title}{/for} {question}");
        assertTrue(message.contains("{p.title}; each of passages has these fields: n, source, text"), message);
    }

    @Test
    void anUnknownVariableInABranchTheSamplesNeverTakeIsStillRefused() {
        PromptKind kind = PromptKind.ANSWER;
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> templates.check(
                        kind, "system", "Rules.{#if concise}{#else}{verbose}{/if}", kind.systemVariables(), List.of()));
        assertTrue(e.getMessage().contains("unknown variable {verbose}"), e.getMessage());
    }

    @Test
    void aTemplateThatNeverShowsTheQuestionIsRefused() {
        String message = refusal(PromptKind.ANSWER, "{#for p in passages}{p.text}{/for} Answer it.");
        assertEquals("The user template never uses {question}: without it the model does not see it.", message);
    }

    @Test
    void includesNamespacesMethodCallsAndEvalAreNotAvailable() {
        assertTrue(refusal(PromptKind.REWRITE, "{#include other /} {question}").contains("may use only"));
        assertTrue(refusal(PromptKind.REWRITE, "{#eval question /} {question}").contains("{#eval}"));
        assertTrue(refusal(PromptKind.REWRITE, "{config:docent.llm.cloud.api-key} {question}")
                .contains("namespaces are not available"));
        assertTrue(refusal(PromptKind.REWRITE, "{question.repeat(100000)}").contains("method calls are not available"));
    }

    @Test
    void aLoopMayOnlyGoOverAListVariableAndTemplatesHaveFewLoops() {
        assertTrue(refusal(PromptKind.REWRITE, "{#for i in 100000000}x{/for}{question}")
                .contains("a loop may only go over earlier"));
        assertTrue(refusal(PromptKind.REWRITE, "{#for q in question}x{/for}{question}")
                .contains("loops over question"));
        String three = "{#for a in earlier}{#for b in earlier}{#for c in earlier}x{/for}{/for}{/for}{question}";
        assertTrue(refusal(PromptKind.REWRITE, three).contains("at most 2"));
    }

    @Test
    void aTemplateOverTheSizeLimitIsRefusedBeforeItIsParsed() {
        String message = refusal(PromptKind.REWRITE, "{question}" + "x".repeat(2001));
        assertTrue(message.contains("the limit is 2000"), message);
    }

    @Test
    void loopMetadataAndListSizeAreAllowed() {
        user(
                PromptKind.REWRITE,
                "{#for q in earlier}{q_count}. {q}{#if q_hasNext}, {/if}{/for} ({earlier.size}) {question}");
    }

    @Test
    void storedTemplatesRenderPassagesFromMaps() {
        String out = templates.render(
                "{#for p in passages}[{p.n}] {p.text}\n{/for}Q: {question}",
                Map.of("passages", List.of(Map.of("n", 1, "text", "One.")), "question", "Why?"));
        assertEquals("[1] One.\nQ: Why?", out);
    }
}
