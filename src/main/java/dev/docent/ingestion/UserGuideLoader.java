package dev.docent.ingestion;

import dev.docent.cluster.Leadership;
import dev.docent.collection.CollectionService;
import dev.docent.system.Jdbc;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Gives a new installation something to ask about: on the first start with an empty knowledge base, Docent's own user
 * guide (Markdown, HTML and text) is ingested into the {@value #COLLECTION} collection. It happens once: an admin who
 * deletes the guide does not see it come back.
 */
@ApplicationScoped
public class UserGuideLoader {

    static final String COLLECTION = "docent-guide";
    static final String LOADED = "user-guide-loaded";
    static final List<String> FILES = List.of("getting-started.md", "administration.html", "faq.txt");

    private static final Logger LOG = Logger.getLogger(UserGuideLoader.class);

    @Inject
    IngestionConfig config;

    @Inject
    DocumentService documents;

    @Inject
    DocumentRepository repository;

    @Inject
    CollectionService collections;

    @Inject
    Jdbc jdbc;

    @Inject
    Leadership leadership;

    void onStart(@Observes StartupEvent event) {
        if (!config.loadUserGuide()) {
            return;
        }
        // Instances of a fleet starting together on a new database: the first one loads, the others then see it.
        leadership.exclusively("first-start", () -> {
            if (repository.count() == 0 && !loadedBefore()) {
                load();
            }
            return null;
        });
    }

    /** Ingests the guide and remembers that it did. */
    public void load() {
        if (collections.all().stream().noneMatch(c -> c.name().equals(COLLECTION))) {
            collections.create(
                    new CollectionService.Spec(COLLECTION, "Docent's own user guide", List.of(), false), "docent");
        }
        for (String name : FILES) {
            Path copy = copy(name);
            try {
                documents.upload(copy, name, copy.toFile().length(), COLLECTION, "docent");
            } finally {
                copy.toFile().delete();
            }
        }
        jdbc.update(
                "INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'",
                LOADED);
        LOG.infof("Queued Docent's user guide (%d files) in collection '%s'", FILES.size(), COLLECTION);
    }

    private boolean loadedBefore() {
        return jdbc.one("SELECT value FROM settings WHERE key = ?", row -> row.getString(1), LOADED)
                .isPresent();
    }

    private static Path copy(String name) {
        try (InputStream in = UserGuideLoader.class.getResourceAsStream("/user-guide/" + name)) {
            if (in == null) {
                throw new IllegalStateException("user-guide/" + name + " is missing from the application");
            }
            Path copy = Files.createTempFile("docent-guide-", "-" + name);
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
