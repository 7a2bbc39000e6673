package dev.docent.ingestion;

import dev.docent.cluster.Leadership;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Brings every stored original under the current files key, in the background after start-up: files stored in clear
 * before encryption was turned on, and files under an earlier key ({@code DOCENT_FILES_PREVIOUS_KEYS}). Once it logs
 * that all files are under the current key, the earlier keys can be removed from the configuration.
 */
@ApplicationScoped
public class FileKeyRotation {

    private static final Logger LOG = Logger.getLogger(FileKeyRotation.class);
    private static final int BATCH = 50;

    @Inject
    DocumentRepository documents;

    @Inject
    FileCipher cipher;

    @Inject
    IngestionConfig config;

    @Inject
    Leadership leadership;

    void onStart(@Observes StartupEvent event) {
        if (cipher.currentKey().isPresent() && config.files().rotateAtStart()) {
            // One instance of a fleet rotates; the others find nothing left when they start next.
            Thread.ofVirtual()
                    .name("files-key-rotation")
                    .start(() -> leadership.tryExclusively("files-key-rotation", this::rotateAll));
        }
    }

    /** Re-encrypts until no file is left under another key; returns how many were re-encrypted. */
    public int rotateAll() {
        int done = 0;
        try {
            Path folder = IngestionTempFiles.folder();
            List<UUID> batch;
            while (!(batch = documents.filesNotUnderCurrentKey(BATCH)).isEmpty()) {
                int before = done;
                for (UUID id : batch) {
                    Path scratch = Files.createTempFile(folder, "rotate-", ".bin");
                    if (documents.reencryptFile(id, scratch)) {
                        done++;
                    }
                }
                if (done == before) {
                    break; // only documents deleted meanwhile: nothing more to do
                }
            }
            if (done > 0) {
                LOG.infof("Stored originals: %d file(s) re-encrypted under the current key", done);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            LOG.errorf(
                    "Stored originals could not all be brought under the current key (%d done): %s",
                    done, e.getMessage());
        }
        return done;
    }
}
