package dev.docent.prompts;

import dev.docent.audit.AuditLog;
import dev.docent.system.InvalidInputException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt versions: seeded from the shipped files, written and checked by knowledge managers, compared, and promoted.
 * The active version of each kind is read from the database for every prompt, so a promotion on one instance reaches
 * every instance at its next answer.
 */
@ApplicationScoped
public class PromptVersions {

    /** Audit actions. */
    public static final String CREATED = "prompt.created";

    public static final String PROMOTED = "prompt.promoted";

    private static final Pattern LABEL = Pattern.compile("(answer|rewrite|judge)-v([0-9]{1,6})");

    @Inject
    PromptVersionRepository versions;

    @Inject
    PromptTemplates templates;

    @Inject
    PromptsConfig config;

    @Inject
    AuditLog audit;

    /** Version 1 of each kind from the files, on every start: a no-op once stored. */
    void seed(@Observes StartupEvent event) {
        versions.seed(PromptKind.ANSWER, file("answer-system.v1.txt"), file("answer-user.v1.txt"));
        versions.seed(PromptKind.REWRITE, null, file("rewrite.v1.txt"));
        versions.seed(PromptKind.JUDGE, file("judge-system.v1.txt"), file("judge-user.v1.txt"));
    }

    /** The version chat uses now. */
    public PromptVersion active(PromptKind kind) {
        return versions.active(kind)
                .orElseThrow(
                        () -> new IllegalStateException("No active " + kind.id() + " prompt: the seed did not run"));
    }

    /** A version by its label ({@code answer-v2}), if it exists. */
    public Optional<PromptVersion> find(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return versions.find(PromptKind.of(m.group(1)).orElseThrow(), Integer.parseInt(m.group(2)));
    }

    public PromptVersion get(String label) {
        return find(label).orElseThrow(() -> notFound(label));
    }

    public PromptOverview overview() {
        List<PromptOverview.Kind> kinds = java.util.Arrays.stream(PromptKind.values())
                .map(k -> new PromptOverview.Kind(
                        k.id(),
                        k.description(),
                        k.hasSystem(),
                        k.systemVariables(),
                        k.userVariables(),
                        k.required(),
                        versions.active(k).map(PromptVersion::label).orElse(null)))
                .toList();
        return new PromptOverview(
                kinds, versions.list().stream().map(PromptVersion::summary).toList());
    }

    /** Checks and stores a new version; it is not active until promoted. */
    @Transactional
    public PromptVersion create(NewPromptVersion request, String user) {
        PromptKind kind =
                PromptKind.of(request.kind()).orElseThrow(() -> new InvalidInputException(400, NewPromptVersion.KIND));
        String system = blankToNull(request.system());
        if (kind.hasSystem() && system == null) {
            throw new InvalidInputException(400, "The " + kind.id() + " prompt needs a system template ('system').");
        }
        if (!kind.hasSystem() && system != null) {
            throw new InvalidInputException(
                    400, "The " + kind.id() + " prompt has no system message: leave 'system' out and write 'user'.");
        }
        String note = blankToNull(request.note());
        if (note != null && note.length() > config.maxNoteChars()) {
            throw new InvalidInputException(
                    400,
                    "The note is " + note.length() + " characters long; the limit is " + config.maxNoteChars() + ".");
        }
        if (system != null) {
            templates.check(kind, "system", system, kind.systemVariables(), List.of());
        }
        templates.check(kind, "user", request.user(), kind.userVariables(), kind.required());
        int number = versions.add(kind, system, request.user(), note, user);
        audit.record(user, CREATED, kind.label(number), Map.of("kind", kind.id()));
        return versions.find(kind, number).orElseThrow();
    }

    /** Makes {@code label} the version chat uses; who and when are kept with it and in the audit log. */
    @Transactional
    public PromptVersion promote(String label, String user) {
        PromptVersion version = get(label);
        PromptKind kind = PromptKind.of(version.kind()).orElseThrow();
        String previous = versions.active(kind).map(PromptVersion::label).orElse(null);
        versions.promote(kind, version.number(), user);
        audit.record(
                user,
                PROMOTED,
                label,
                previous == null ? Map.of("kind", kind.id()) : Map.of("kind", kind.id(), "previous", previous));
        return versions.find(kind, version.number()).orElseThrow();
    }

    public PromptDiff diff(String a, String b) {
        PromptVersion first = get(a);
        PromptVersion second = get(b);
        List<LineDiff.Line> system = LineDiff.of(first.system(), second.system());
        List<LineDiff.Line> user = LineDiff.of(first.user(), second.user());
        int changed = (int) java.util.stream.Stream.concat(system.stream(), user.stream())
                .filter(l -> !l.op().equals("="))
                .count();
        return new PromptDiff(first.label(), second.label(), system, user, changed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static InvalidInputException notFound(String label) {
        return new InvalidInputException(
                404,
                "There is no prompt version '" + label + "'. Versions are named like answer-v2; GET /api/prompts"
                        + " lists them.");
    }

    private static String file(String name) {
        try (InputStream in = PromptVersions.class.getResourceAsStream("/templates/prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The shipped prompt templates/prompts/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
