package dev.docent.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format (what vLLM's {@code /metrics} and llama.cpp's {@code --metrics} serve):
 * the samples' names and values; labels are skipped, since Docent sums a family over them. Lines it cannot read are
 * skipped, so one odd line never hides the rest.
 */
final class PrometheusSamples {

    // name, optional {labels} (quoted values may hold braces), value, optional timestamp.
    private static final Pattern LINE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*})?\\s+(\\S+)(?:\\s+-?\\d+)?\\s*$");

    /** One sample. */
    record Sample(String name, double value) {}

    private final List<Sample> samples;

    private PrometheusSamples(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusSamples parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                continue;
            }
            Double value = value(m.group(2));
            if (value != null) {
                out.add(new Sample(m.group(1), value));
            }
        }
        return new PrometheusSamples(out);
    }

    private static Double value(String text) {
        try {
            double v = Double.parseDouble(text.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            return Double.isNaN(v) ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The sum of the first of {@code names} present (all its label sets), or null when none is. */
    Double sum(String... names) {
        for (String name : names) {
            double total = 0;
            boolean found = false;
            for (Sample s : samples) {
                if (s.name().equals(name)) {
                    total += s.value();
                    found = true;
                }
            }
            if (found) {
                return total;
            }
        }
        return null;
    }

    /** The mean of the first of {@code names} present (a gauge such as cache use, over several models), or null. */
    Double mean(String... names) {
        for (String name : names) {
            List<Double> values = samples.stream()
                    .filter(s -> s.name().equals(name))
                    .map(Sample::value)
                    .toList();
            if (!values.isEmpty()) {
                return values.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
            }
        }
        return null;
    }
}
