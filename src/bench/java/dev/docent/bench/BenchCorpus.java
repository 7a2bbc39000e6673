package dev.docent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files an ingestion benchmark uploads, and a sentence that says what they are for the report.
 *
 * @param description what the corpus is, e.g. "SQuAD v1.1 dev (48 articles as Markdown) + 16 files from ..."
 * @param files the files, uploaded in this order
 * @param skipped files left out on purpose (licence and notice files of the shared data)
 */
public record BenchCorpus(String description, List<Path> files, List<Path> skipped) {

    /** The shared evaluation data, relative to the project root (see ../shared/data/README.md). */
    public static final Path SHARED_DATA = Path.of("..", "shared", "data");

    /** Value of {@code bench.corpus} that asks for the generated corpus even when the shared data is present. */
    public static final String GENERATED = "generated";

    /**
     * The corpus a benchmark run ingests: the folder named by {@code property} (a system property's value), the
     * generated corpus when it says {@value #GENERATED}, else the shared data when present, else the generated corpus.
     */
    public static BenchCorpus choose(String property, Path workDir) {
        String choice = property == null ? "" : property.strip();
        if (choice.equalsIgnoreCase(GENERATED)) {
            return GeneratedDocuments.standard().writeTo(workDir.resolve("generated"));
        }
        if (!choice.isEmpty()) {
            return folder(Path.of(choice));
        }
        if (Files.isDirectory(SHARED_DATA)) {
            return shared(SHARED_DATA, workDir.resolve("squad"));
        }
        return GeneratedDocuments.standard().writeTo(workDir.resolve("generated"));
    }

    /** Every regular file under a folder, in path order. */
    public static BenchCorpus folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("bench.corpus: " + folder.toAbsolutePath() + " is not a folder");
        }
        List<Path> files = filesUnder(folder);
        return new BenchCorpus(
                "folder " + folder.toAbsolutePath().normalize() + " (" + files.size() + " files)", files, List.of());
    }

    /** SQuAD's articles as Markdown (written to {@code squadDir}) plus the documents of {@code data/docs}. */
    static BenchCorpus shared(Path data, Path squadDir) {
        List<Path> files = new ArrayList<>(SquadArticles.writeMarkdown(data.resolve("squad/dev-v1.1.json"), squadDir));
        int articles = files.size();
        List<Path> skipped = new ArrayList<>();
        for (Path file : filesUnder(data.resolve("docs"))) {
            (isLicenceFile(file) ? skipped : files).add(file);
        }
        return new BenchCorpus(
                "SQuAD v1.1 dev (" + articles + " articles as Markdown) + " + (files.size() - articles)
                        + " files from ../shared/data/docs (Tika test documents, RFC 2616 as text and HTML, pgvector"
                        + " README and CHANGELOG); licence and notice files left out",
                files,
                skipped);
    }

    private static boolean isLicenceFile(Path file) {
        String name = file.getFileName().toString().toUpperCase(Locale.ROOT);
        return name.startsWith("LICENSE")
                || name.startsWith("NOTICE")
                || name.startsWith("SOURCES")
                || name.endsWith("-LICENSE");
    }

    private static List<Path> filesUnder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
