package dev.docent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.bench.IngestionResult.CpuUse;
import dev.docent.bench.IngestionResult.DocumentOutcome;
import dev.docent.bench.IngestionResult.Rate;
import dev.docent.bench.IngestionResult.RawRun;
import dev.docent.bench.IngestionResult.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** Writes a run as {@code ingest.json} (everything) and {@code ingest.md} (tables a person reads). */
public final class IngestionReport {

    private static final int SLOWEST = 8;

    private IngestionReport() {}

    /**
     * Writes both files into {@code folder} for the run with the median ratio, listing every run when there are
     * several; returns the Markdown.
     */
    public static String write(List<IngestionResult> runs, Path folder, ObjectMapper json) {
        List<IngestionResult> byRatio = runs.stream()
                .sorted(Comparator.comparingDouble(IngestionResult::ratio))
                .toList();
        IngestionResult median = byRatio.get((byRatio.size() - 1) / 2);
        IngestionResult result = runs.size() == 1
                ? median
                : median.withRepeats(IntStream.range(0, runs.size())
                        .mapToObj(i -> IngestionResult.Repeat.of(i + 1, runs.get(i)))
                        .toList());
        String markdown = markdown(result);
        try {
            Files.createDirectories(folder);
            json.writerWithDefaultPrettyPrinter()
                    .writeValue(folder.resolve("ingest.json").toFile(), result);
            Files.writeString(folder.resolve("ingest.md"), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return markdown;
    }

    static String markdown(IngestionResult r) {
        StringBuilder md = new StringBuilder("# Ingestion throughput\n\n");
        md.append(f(
                "%s on %s cores (%s), %s.%n%n",
                r.date(),
                r.machine().get("cores"),
                r.machine().get("cpu"),
                r.machine().get("jdk")));
        md.append(f(
                "Model `%s`, %s ingestion worker(s), chunks of at most %s tokens, embedAll batches of %s.%n%n",
                r.settings().get("embeddingModel"),
                r.settings().get("workers"),
                r.settings().get("chunkMaxTokens"),
                r.settings().get("pipelineBatch")));
        md.append(f("Corpus: %s.%n", r.corpus()));
        md.append("Both measurements start warm: the smallest file of each type is ingested first (in a collection of"
                + " its own) and the model has embedded 64 texts.\n");
        var c = r.counts();
        md.append(f(
                "Files: %d uploaded, %d ready, %d refused, %d errors%s.%n%n",
                c.files(),
                c.ready(),
                c.refused(),
                c.errors(),
                c.skipped() == 0 ? "" : f(" (%d licence/notice files left out)", c.skipped())));
        if (!r.validity().valid()) {
            md.append("**Not a valid measurement:** ")
                    .append(invalidity(r.validity()))
                    .append("\n\n");
        }
        md.append(f(
                "**Pipeline / raw embedding throughput: %.3f** (target %.2f: %s)%n%n",
                r.ratio(), r.target(), r.targetMet() ? "met" : "**not met**"));
        repeats(md, r);
        md.append("| | seconds | documents | pages | chunks | tokens | docs/s | pages/s | chunks/s | tokens/s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rate(md, "pipeline (first upload to last ready)", r.pipeline());
        for (RawRun run : r.rawByBatch()) {
            rate(
                    md,
                    "raw embedding, same chunks, batch " + run.batch()
                            + (run.perDocument() ? ", restarted at each document" : ""),
                    run.rate());
        }
        md.append("\nPages: PDF pages as parsed; a document without pages counts one page per 3,000 characters.\n\n");
        stages(md, r);
        cpu(md, r);
        problems(md, r);
        slowest(md, r);
        return md.toString();
    }

    private static void repeats(StringBuilder md, IngestionResult r) {
        if (r.repeats().isEmpty()) {
            return;
        }
        md.append(f(
                "The median of %d runs; the tables below are that run's.%n%n",
                r.repeats().size()));
        md.append("| run | ratio | pipeline chunks/s | raw chunks/s | embed share | load at start | load at end |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (IngestionResult.Repeat run : r.repeats()) {
            md.append(f(
                    "| %d%s | %.3f | %.1f | %.1f | %.1f %% | %.2f | %.2f |%n",
                    run.run(),
                    run.valid() ? "" : " (invalid)",
                    run.ratio(),
                    run.pipelineChunksPerSecond(),
                    run.rawChunksPerSecond(),
                    100 * run.embedShareOfWorkerTime(),
                    run.loadAtStart(),
                    run.loadAtEnd()));
        }
        md.append('\n');
    }

    private static void rate(StringBuilder md, String label, Rate rate) {
        md.append(f(
                "| %s | %.1f | %d | %d | %d | %d | %.2f | %.1f | %.1f | %.0f |%n",
                label,
                rate.seconds(),
                rate.documents(),
                rate.pages(),
                rate.chunks(),
                rate.tokens(),
                rate.documentsPerSecond(),
                rate.pagesPerSecond(),
                rate.chunksPerSecond(),
                rate.tokensPerSecond()));
    }

    private static void stages(StringBuilder md, IngestionResult r) {
        md.append(
                "## Time per stage\n\nSummed over ready documents (their parse reports); share of wall time x workers.\n\n");
        md.append("| stage | seconds | share | ms per chunk |\n|---|---:|---:|---:|\n");
        for (Stage stage : r.stages()) {
            md.append(f(
                    "| %s | %.2f | %.1f %% | %.2f |%n",
                    stage.name(), stage.seconds(), 100 * stage.shareOfWorkerTime(), stage.msPerChunk()));
        }
        md.append(f(
                "%nEmbed stage inside the pipeline: %.1f chunks/s per worker (raw: %.1f). Uploads took %.2f s in"
                        + " total. Queue wait (upload to start of processing): mean %.1f s, max %.1f s.%n%n",
                r.embedStageChunksPerSecond(),
                r.raw().chunksPerSecond(),
                r.uploadSeconds(),
                r.queueWait().meanSeconds(),
                r.queueWait().maxSeconds()));
    }

    private static void cpu(StringBuilder md, IngestionResult r) {
        md.append("## CPU and load\n\nCPU of this JVM (application and benchmark) and of the PostgreSQL server it uses"
                + " (its processes alive at the end of a phase); the load is the one-minute load average (the machine has "
                + r.machine().get("cores") + " cores).\n\n");
        md.append("| phase | JVM CPU s | PostgreSQL CPU s | CPU ms per chunk | load at start | load at end |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (CpuUse cpu : r.cpu()) {
            md.append(f(
                    "| %s | %.1f | %.1f | %.1f | %.2f | %.2f |%n",
                    cpu.phase(),
                    cpu.jvmSeconds(),
                    cpu.postgresSeconds(),
                    cpu.msPerChunk(),
                    cpu.loadAtStart(),
                    cpu.loadAtEnd()));
        }
        md.append(f(
                "%nRaw CPU per chunk / pipeline CPU per chunk: %.3f (the ratio a quiet machine would show if both"
                        + " phases kept the cores busy; ONNX Runtime's spinning threads blur it).%n%n",
                r.cpuRatio()));
    }

    private static void problems(StringBuilder md, IngestionResult r) {
        var problems =
                r.documents().stream().filter(d -> !d.status().equals("ready")).toList();
        if (problems.isEmpty()) {
            return;
        }
        md.append("## Refused and failed files\n\n| file | outcome | reason |\n|---|---|---|\n");
        for (DocumentOutcome d : problems) {
            md.append(f("| %s | %s | %s |%n", d.file(), d.status(), oneLine(d.error())));
        }
        md.append('\n');
    }

    private static void slowest(StringBuilder md, IngestionResult r) {
        md.append("## Slowest documents\n\n");
        md.append("| file | pages | chunks | parse ms | chunk ms | embed ms | store ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        r.documents().stream()
                .filter(d -> d.status().equals("ready"))
                .sorted(Comparator.comparingLong(
                                (DocumentOutcome d) -> d.parseMs() + d.chunkMs() + d.embedMs() + d.storeMs())
                        .reversed())
                .limit(SLOWEST)
                .forEach(d -> md.append(f(
                        "| %s | %d | %d | %d | %d | %d | %d |%n",
                        d.file(), d.pages(), d.chunks(), d.parseMs(), d.chunkMs(), d.embedMs(), d.storeMs())));
    }

    private static String invalidity(IngestionResult.Validity validity) {
        if (validity.foreignWorkers().isEmpty()) {
            return "the stages add up to more than the wall time, so documents were processed elsewhere too.";
        }
        return validity.foreignWorkers().size() + " documents were processed by ingestion workers of another process"
                + " on the same database ("
                + String.join(", ", new TreeSet<>(validity.foreignWorkers().values()))
                + "). Run the benchmark when no other Docent uses the test database.";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace("|", "\\|");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
