package dev.docent.sources;

import dev.docent.collection.CollectionService;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Defines, lists and deletes sources, and starts a sync when an admin asks. */
@ApplicationScoped
public class SourceService {

    /** How many past syncs a source's history shows. */
    static final int HISTORY = 20;

    @Inject
    SourceRepository sources;

    @Inject
    SourceSync sync;

    @Inject
    SourceScheduler scheduler;

    @Inject
    SourcesConfig config;

    @Inject
    CollectionService collections;

    @Inject
    DocumentService documents;

    public SourceView create(SourceRequest request, String by) {
        if (request == null) {
            throw new InvalidInputException(400, "Send the source as JSON: name, type, location, syncEveryMinutes.");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidInputException(400, "Give the source a name of 1 to 100 characters.");
        }
        SourceConnector connector = sync.connector(
                        request.type() == null ? "" : request.type().strip())
                .orElseThrow(() -> new InvalidInputException(
                        400, "Unknown source type '" + request.type() + "': use one of " + types() + "."));
        String location = connector.validate(request.location());
        boolean website = connector.type().equals("website");
        int defaultItems =
                website ? config.website().maxPages() : config.directory().maxFiles();
        int maxItems = request.maxItems() == null ? defaultItems : request.maxItems();
        int maxDepth = request.maxDepth() == null ? config.website().maxDepth() : request.maxDepth();
        if (maxItems < 1 || maxItems > defaultItems) {
            throw new InvalidInputException(400, "maxItems must be between 1 and " + defaultItems + ".");
        }
        if (maxDepth < 0 || maxDepth > 20) {
            throw new InvalidInputException(400, "maxDepth must be between 0 and 20.");
        }
        long minimum = Math.max(1, config.minInterval().toMinutes());
        if (request.syncEveryMinutes() == null || request.syncEveryMinutes() < minimum) {
            throw new InvalidInputException(
                    400, "syncEveryMinutes must be at least " + minimum + " (each sync re-reads the whole source).");
        }
        var collection = collections.byName(request.collection());
        collections.checkCanEmbed(collection);
        boolean enabled = request.enabled() == null || request.enabled();
        long id = sources.insert(
                        name,
                        connector.type(),
                        collection.id(),
                        location,
                        maxDepth,
                        maxItems,
                        Boolean.TRUE.equals(request.otherHosts()),
                        Duration.ofMinutes(request.syncEveryMinutes()),
                        enabled,
                        by)
                .orElseThrow(() -> new InvalidInputException(409, "There is a source named '" + name + "' already."));
        if (!enabled) {
            sources.parkIfDisabled(id);
        }
        scheduler.wakeUp();
        return get(id);
    }

    public List<SourceView> list() {
        return sources.all().stream().map(this::withLastSync).toList();
    }

    public SourceView get(long id) {
        return withLastSync(sources.find(id).orElseThrow(() -> notFound(id)));
    }

    public List<SyncReport> syncs(long id) {
        get(id);
        return sources.syncs(id, HISTORY);
    }

    /** Deletes a source and the documents it added (documents it found already there stay). */
    public void delete(long id) {
        get(id);
        List<UUID> owned = sources.ownedDocuments(id);
        sources.delete(id);
        for (UUID document : owned) {
            try {
                documents.delete(document);
            } catch (InvalidInputException e) {
                // already deleted by an admin
            }
        }
    }

    /** Queues a sync now; 409 while one runs. */
    public SourceView syncNow(long id) {
        SourceView source = get(id);
        if (!sources.dueNow(id)) {
            throw new InvalidInputException(
                    409, "'" + source.name() + "' is syncing now: its report appears when the sync ends.");
        }
        scheduler.wakeUp();
        return get(id);
    }

    private SourceView withLastSync(SourceView source) {
        return source.withLastSync(
                sources.syncs(source.id(), 1).stream().findFirst().orElse(null));
    }

    private String types() {
        return String.join(", ", sync.types());
    }

    private static InvalidInputException notFound(long id) {
        return new InvalidInputException(404, "There is no source " + id + " (it may have been deleted).");
    }
}
