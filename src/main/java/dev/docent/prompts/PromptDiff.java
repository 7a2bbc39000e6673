package dev.docent.prompts;

import java.util.List;

/**
 * {@code GET /api/prompts/{a}/diff/{b}}: the line changes from version {@code a} to {@code b}, per part.
 *
 * @param system the system parts' diff (empty when neither has one)
 * @param changed lines added or removed, both parts together
 */
public record PromptDiff(String a, String b, List<LineDiff.Line> system, List<LineDiff.Line> user, int changed) {}
