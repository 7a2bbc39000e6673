package dev.docent.bench;

import java.util.Map;

/** The extractive benchmark's section of the report, as Markdown tables. */
final class ExtractiveReport {

    private ExtractiveReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> data) {
        StringBuilder md = new StringBuilder("## Extractive answers: before and after (SQuAD dev, SciFact train)\n\n");
        md.append("Machine: ").append(data.get("machine")).append("\n\n");
        md.append("| set | answerer | containment | answered | citation precision | unanswered P / R, hard |")
                .append(" unanswered P / R, easy |\n|---|---|---:|---:|---:|---|---|\n");
        for (String set : new String[] {"squad", "scifact"}) {
            Map<String, Object> s = (Map<String, Object>) data.get(set);
            for (String who : new String[] {"before", "after"}) {
                Map<String, Object> m = (Map<String, Object>) s.get(who);
                md.append("| ")
                        .append(set.equals("squad") ? "SQuAD" : "SciFact train")
                        .append(" (")
                        .append(s.get("reportedOn"))
                        .append(") | ")
                        .append(who)
                        .append(" | ")
                        .append(m.get("containment"))
                        .append(" | ")
                        .append(m.get("answeredRate"))
                        .append(" | ")
                        .append(m.get("citationPrecision"))
                        .append(" | ")
                        .append(pr(m.get("hard")))
                        .append(" | ")
                        .append(pr(m.get("easy")))
                        .append(" |\n");
            }
            Map<String, Object> fitted = (Map<String, Object>) s.get("fittedScore");
            if (fitted != null) {
                md.append(
                                "| | score refitted on this run's calibration halves of both sets (same threshold rule) | | | | ")
                        .append(pr(fitted.get("hard")))
                        .append(" | ")
                        .append(pr(fitted.get("easy")))
                        .append(" |\n");
            }
        }
        md.append("\nFitted answerability coefficients: ")
                .append(data.get("fittedCoefficients"))
                .append("\n\n");
        md.append("Sentence weights (containment of the sentence choice alone, SQuAD calibration half): ")
                .append(data.get("sentenceWeights"))
                .append("\n\n");
        md.append("| citation check level | SQuAD precision / recall | SciFact precision / recall |\n|---|---|---|\n");
        Map<String, Object> sq = (Map<String, Object>) ((Map<String, Object>) data.get("squad")).get("citationCheck");
        Map<String, Object> sf = (Map<String, Object>) ((Map<String, Object>) data.get("scifact")).get("citationCheck");
        Map<String, Object> sqLevels = (Map<String, Object>) sq.get("levels");
        Map<String, Object> sfLevels = (Map<String, Object>) sf.get("levels");
        for (String level : sqLevels.keySet()) {
            md.append("| ")
                    .append(level)
                    .append(" | ")
                    .append(pr(sqLevels.get(level)))
                    .append(" | ")
                    .append(pr(sfLevels.get(level)))
                    .append(" |\n");
        }
        md.append("\nSupport medians (supported / unsupported pairs): SQuAD ")
                .append(sq.get("supportMedian"))
                .append(" / ")
                .append(sq.get("unsupportedMedian"))
                .append(", SciFact ")
                .append(sf.get("supportMedian"))
                .append(" / ")
                .append(sf.get("unsupportedMedian"))
                .append(". Load at the end: ")
                .append(data.get("loadAverageAtEnd"))
                .append("\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String pr(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            return "n/a";
        }
        Map<String, Object> m = (Map<String, Object>) o;
        return m.get("precision") + " / " + m.get("recall");
    }
}
