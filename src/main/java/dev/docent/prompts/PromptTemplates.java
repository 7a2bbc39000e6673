package dev.docent.prompts;

import dev.docent.prompts.PromptKind.Variable;
import dev.docent.system.InvalidInputException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Parses, checks and renders prompt templates at run time with an engine of their own: only the sections a prompt
 * needs ({@code if}, {@code for}, {@code each}, {@code unless}), no includes, no namespaces, no method calls, strict
 * rendering (an unknown name fails instead of rendering as empty). Parsed templates are cached by their text, which
 * never changes for a version.
 */
@ApplicationScoped
public class PromptTemplates {

    static final Set<String> SECTIONS = Set.of("if", "for", "each", "unless");
    static final Set<String> LIST_PROPERTIES = Set.of("size", "isEmpty", "empty");
    /** Loops a template may hold: enough for any prompt, few enough that no template renders without end. */
    static final int MAX_LOOPS = 2;

    private final Engine engine = Engine.builder()
            .addDefaults()
            .removeStandaloneLines(true)
            .strictRendering(true)
            .build();
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    @Inject
    PromptsConfig config;

    /** Renders a stored (already checked) template with {@code data}. */
    public String render(String template, Map<String, Object> data) {
        return parsed.computeIfAbsent(template, engine::parse).render(data);
    }

    /**
     * Refuses a template a knowledge manager wrote that would fail or mislead at answer time: it must parse, use only
     * the part's variables, and render with sample values.
     *
     * @param part "system" or "user", for messages
     */
    void check(PromptKind kind, String part, String text, List<Variable> variables, List<String> required) {
        if (text.length() > config.maxTemplateChars()) {
            throw refuse(part, "is " + text.length() + " characters long; the limit is " + config.maxTemplateChars());
        }
        Template template;
        try {
            template = engine.parse(text);
        } catch (TemplateException e) {
            throw refuse(part, "does not parse" + where(e) + ": " + e.getMessage());
        }
        Map<String, Variable> byName =
                variables.stream().collect(Collectors.toMap(Variable::name, v -> v, (a, b) -> a, HashMap::new));
        Map<String, Variable> aliases = new HashMap<>();
        int loops = 0;
        for (TemplateNode node : template.findNodes(TemplateNode::isSection)) {
            SectionNode section = node.asSection();
            String name = section.getName();
            if (name.startsWith("$")) {
                continue;
            }
            if (!SECTIONS.contains(name)) {
                throw refuse(
                        part,
                        "uses {#" + name + "}" + line(node) + "; a prompt may use only {#if}, {#unless}, {#for} and"
                                + " {#each}");
            }
            if (name.equals("for") || name.equals("each")) {
                loops++;
                aliases.put(alias(section), loopOver(part, section, byName));
            }
        }
        if (loops > MAX_LOOPS) {
            throw refuse(part, "has " + loops + " loops; a prompt may have at most " + MAX_LOOPS);
        }
        Set<String> used = new HashSet<>();
        for (Expression e : template.getExpressions()) {
            checkExpression(kind, part, e, byName, aliases, used);
        }
        for (String name : required) {
            if (!used.contains(name)) {
                throw refuse(part, "never uses {" + name + "}: without it the model does not see it");
            }
        }
        for (Map<String, Object> sample : PromptKind.samples()) {
            String out;
            try {
                out = template.render(sample);
            } catch (RuntimeException e) {
                throw refuse(part, "fails to render with sample values" + where(e) + ": " + e.getMessage());
            }
            if (out.length() > config.maxRenderedChars()) {
                throw refuse(part, "renders to more than " + config.maxRenderedChars() + " characters with samples");
            }
        }
    }

    private void checkExpression(
            PromptKind kind,
            String part,
            Expression e,
            Map<String, Variable> variables,
            Map<String, Variable> aliases,
            Set<String> used) {
        String shown = "{" + e.toOriginalString() + "}";
        if (e.hasNamespace()) {
            throw refuse(part, "uses " + shown + "; namespaces are not available in prompts");
        }
        if (e.isLiteral()) {
            return;
        }
        List<Expression.Part> parts = e.getParts();
        if (parts.stream().anyMatch(Expression.Part::isVirtualMethod)) {
            throw refuse(part, "uses " + shown + "; method calls are not available in prompts");
        }
        String head = parts.getFirst().getName();
        String next = parts.size() > 1 ? parts.get(1).getName() : null;
        Variable variable = variables.get(head);
        if (variable != null) {
            used.add(head);
            if (next != null && !(variable.type().equals("list") && LIST_PROPERTIES.contains(next))) {
                throw refuse(part, "uses " + shown + "; " + head + " has no property " + next);
            }
            return;
        }
        Variable over = aliases.get(head);
        if (over != null) {
            used.add(over.name());
            if (next != null && !over.fields().contains(next)) {
                String fields = over.fields().isEmpty() ? "none" : String.join(", ", over.fields());
                throw refuse(part, "uses " + shown + "; each of " + over.name() + " has these fields: " + fields);
            }
            return;
        }
        int underscore = head.lastIndexOf('_');
        if (underscore > 0 && aliases.containsKey(head.substring(0, underscore))) {
            return; // loop metadata such as p_count or p_hasNext
        }
        String known = variables.isEmpty()
                ? "this part has no variables"
                : "the variables are "
                        + String.join(", ", variables.keySet().stream().sorted().toList());
        throw refuse(part, "uses the unknown variable " + shown + "; " + known + " (" + kind.id() + " prompt)");
    }

    private static String alias(SectionNode section) {
        String alias = section.getBlocks().getFirst().parameters.get("alias");
        return alias == null || alias.startsWith("$") ? "it" : alias;
    }

    /** A loop may only go over one of the part's list variables. */
    private static Variable loopOver(String part, SectionNode section, Map<String, Variable> variables) {
        SectionBlock block = section.getBlocks().getFirst();
        Expression iterable = block.expressions.get("iterable");
        String name =
                iterable == null || iterable.isLiteral() || iterable.getParts().size() != 1
                        ? null
                        : iterable.getParts().getFirst().getName();
        Variable variable = name == null || iterable.hasNamespace() ? null : variables.get(name);
        if (variable == null || !variable.type().equals("list")) {
            String lists = variables.values().stream()
                    .filter(v -> v.type().equals("list"))
                    .map(Variable::name)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw refuse(
                    part,
                    "loops over " + (iterable == null ? "nothing" : iterable.toOriginalString()) + line(section)
                            + "; a loop may only go over " + (lists.isEmpty() ? "nothing here" : lists));
        }
        return variable;
    }

    private static String where(RuntimeException e) {
        if (e instanceof TemplateException t && t.getOrigin() != null) {
            return " (line " + t.getOrigin().getLine() + ")";
        }
        return "";
    }

    private static String line(TemplateNode node) {
        return node.getOrigin() == null ? "" : " (line " + node.getOrigin().getLine() + ")";
    }

    private static InvalidInputException refuse(String part, String problem) {
        return new InvalidInputException(400, "The " + part + " template " + problem + ".");
    }
}
