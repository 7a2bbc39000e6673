package dev.docent.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where workers copy an upload while parsing it: one folder per process, so copies left by a process that was killed
 * (uploads can be confidential) are found and deleted when Docent starts again.
 */
final class IngestionTempFiles {

    private static final Logger LOG = Logger.getLogger(IngestionTempFiles.class);
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "docent-ingest");

    private IngestionTempFiles() {}

    /** This process's folder, created on demand. */
    static Path folder() throws IOException {
        return Files.createDirectories(
                ROOT.resolve(Long.toString(ProcessHandle.current().pid())));
    }

    /** Deletes the folders of processes that no longer run. */
    static void removeLeftovers() {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> folders = Files.list(ROOT)) {
            folders.filter(IngestionTempFiles::ofDeadProcess).forEach(IngestionTempFiles::deleteTree);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not clean up ingestion files left by an earlier run in " + ROOT, e);
        }
    }

    private static boolean ofDeadProcess(Path folder) {
        String name = folder.getFileName().toString();
        return name.matches("\\d{1,19}")
                && ProcessHandle.of(Long.parseLong(name)).isEmpty();
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
            LOG.infof("Deleted ingestion files left by a stopped process in %s", folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
