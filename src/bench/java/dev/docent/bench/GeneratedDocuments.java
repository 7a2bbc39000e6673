package dev.docent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of policy handbooks in Markdown: headings two levels deep and varied, concrete sentences
 * (roles, amounts, deadlines, systems), so chunking and embedding see text shaped like an organization's documents.
 *
 * @param documents how many documents
 * @param sections {@code ##} sections per document
 * @param subsections {@code ###} subsections per section
 * @param paragraphs paragraphs per subsection
 * @param sentences sentences per paragraph
 * @param seed the same seed writes the same bytes
 */
public record GeneratedDocuments(
        int documents, int sections, int subsections, int paragraphs, int sentences, long seed) {

    private static final String[] TOPICS = {
        "Travel and expenses", "Information security", "Onboarding", "Incident response", "Data retention",
        "Procurement", "Remote work", "Performance reviews", "Customer support", "Release management",
        "Parental leave", "Access control", "Vendor management", "Office safety", "Code review",
        "Backup and recovery", "Hiring", "Budget planning", "Privacy requests", "Equipment"
    };
    private static final String[] PLACES = {"Berlin office", "Lisbon office", "support team", "platform group"};
    private static final String[] SECTIONS = {
        "Purpose", "Scope", "Responsibilities", "Procedure", "Exceptions", "Records", "Contacts", "Questions"
    };
    private static final String[] SUBSECTIONS = {
        "Before you start", "Step by step", "Deadlines", "Approvals", "Tools", "Common mistakes", "Examples"
    };
    private static final String[] ROLES = {
        "the line manager",
        "the requester",
        "the finance team",
        "the security officer",
        "a team lead",
        "the data protection officer",
        "the on-call engineer",
        "human resources",
        "the budget owner"
    };
    private static final String[] VERBS = {
        "review", "approve", "file", "archive", "update", "escalate", "document", "check", "sign", "forward"
    };
    private static final String[] OBJECTS = {
        "the expense report", "every access request", "the incident summary", "the purchase order",
        "the onboarding checklist", "the signed contract", "the quarterly forecast", "the backup log",
        "the travel booking", "the leave request", "the change ticket", "the vendor questionnaire"
    };
    private static final String[] SYSTEMS = {
        "the ticketing system", "the HR portal", "the shared drive", "the finance tool", "the wiki", "the CRM"
    };
    private static final String[] CONDITIONS = {
        "the amount exceeds the monthly limit", "a customer is affected", "the deadline cannot be met",
        "personal data is involved", "the supplier is new", "the request comes from outside the company",
        "two approvers disagree", "the system is unavailable"
    };
    private static final String[] REASONS = {
        "an audit finding",
        "repeated delays",
        "a data breach at a supplier",
        "new legal requirements",
        "feedback from employees",
        "rising costs",
        "a failed restore test"
    };

    /** The benchmark's default: 40 documents, about three thousand chunks of 128 tokens. */
    public static GeneratedDocuments standard() {
        return new GeneratedDocuments(40, 6, 3, 4, 5, 42);
    }

    /** Writes the documents into {@code folder} and describes them. */
    public BenchCorpus writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                Path file = folder.resolve("handbook-%03d.md".formatted(i + 1));
                Files.writeString(file, document(i), StandardCharsets.UTF_8);
                files.add(file);
            }
            String description = "generated: %d Markdown handbooks (%d sections x %d subsections x %d paragraphs x %d"
                            .formatted(documents, sections, subsections, paragraphs, sentences)
                    + " sentences, seed " + seed + ")";
            return new BenchCorpus(description, files, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Document {@code index}: the same text for the same seed and index, whatever the number of documents. */
    String document(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        String topic = TOPICS[index % TOPICS.length];
        String place = PLACES[(index / TOPICS.length) % PLACES.length];
        StringBuilder out = new StringBuilder("# %s: %s\n\n".formatted(topic, place));
        out.append(sentence(random, topic)).append("\n\n");
        for (int s = 0; s < sections; s++) {
            out.append("## ").append(SECTIONS[s % SECTIONS.length]).append("\n\n");
            for (int sub = 0; sub < subsections; sub++) {
                out.append("### ")
                        .append(SUBSECTIONS[(s + sub) % SUBSECTIONS.length])
                        .append("\n\n");
                for (int p = 0; p < paragraphs; p++) {
                    for (int n = 0; n < sentences; n++) {
                        out.append(n == 0 ? "" : " ").append(sentence(random, topic));
                    }
                    out.append("\n\n");
                }
            }
        }
        return out.toString();
    }

    private static String sentence(Random random, String topic) {
        String role = capitalized(pick(random, ROLES));
        return switch (random.nextInt(8)) {
            case 0 ->
                "%s must %s %s within %d working days."
                        .formatted(role, pick(random, VERBS), pick(random, OBJECTS), 2 + random.nextInt(12));
            case 1 ->
                "Requests above %,d euros need the approval of %s and a note in %s."
                        .formatted(100 * (1 + random.nextInt(90)), pick(random, ROLES), pick(random, SYSTEMS));
            case 2 ->
                "If %s, %s should %s %s the same day."
                        .formatted(
                                pick(random, CONDITIONS),
                                pick(random, ROLES),
                                pick(random, VERBS),
                                pick(random, OBJECTS));
            case 3 ->
                "%s keeps %s for %d months, after which it is deleted unless a legal hold applies."
                        .formatted(capitalized(pick(random, SYSTEMS)), pick(random, OBJECTS), 6 + random.nextInt(84));
            case 4 ->
                "In %d the %s rules for %s changed after %s."
                        .formatted(
                                2015 + random.nextInt(10),
                                topic.toLowerCase(),
                                pick(random, OBJECTS),
                                pick(random, REASONS));
            case 5 ->
                "Ask %s through %s when %s; answers usually arrive within %d hours."
                        .formatted(
                                pick(random, ROLES),
                                pick(random, SYSTEMS),
                                pick(random, CONDITIONS),
                                1 + random.nextInt(47));
            case 6 ->
                "%s does not %s %s without a second signature, because %s showed why it matters."
                        .formatted(role, pick(random, VERBS), pick(random, OBJECTS), pick(random, REASONS));
            default ->
                "About %d percent of teams %s %s on time; the rest are reminded by %s."
                        .formatted(
                                50 + random.nextInt(50),
                                pick(random, VERBS),
                                pick(random, OBJECTS),
                                pick(random, ROLES));
        };
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
