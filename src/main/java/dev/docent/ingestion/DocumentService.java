package dev.docent.ingestion;

import dev.docent.collection.Collection;
import dev.docent.collection.CollectionService;
import dev.docent.ingestion.parse.DocumentParser;
import dev.docent.ingestion.parse.DocumentRejectedException;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accepts uploads, lists, deletes and re-indexes documents; the workers do the ingesting. */
@ApplicationScoped
public class DocumentService {

    /** What an upload produced: the document, and whether it is new or the same bytes seen before. */
    public record Upload(DocumentView document, boolean created) {}

    @Inject
    DocumentRepository documents;

    @Inject
    CollectionService collections;

    @Inject
    IngestionQueue queue;

    @Inject
    IngestionWorkers workers;

    @Inject
    DocumentEvents events;

    @Inject
    DocumentParser parser;

    @Inject
    IngestionConfig config;

    @Inject
    IngestionThroughput throughput;

    /**
     * Stores an upload and queues it. Refuses at once what can never be ingested (empty, too large, a type Docent does
     * not read); the same bytes uploaded again to the same collection return the existing document.
     */
    public Upload upload(Path file, String fileName, long size, String collectionName, String uploadedBy) {
        return accept(file, FileNames.clean(fileName), size, collections.byName(collectionName), uploadedBy);
    }

    /**
     * Stores an item a source or an archive found, under a label that keeps its folders ("handbook/leave.md",
     * "docs.example.com/guide/start"): a plain upload keeps only the last segment, which would let two items of the
     * same name replace each other. The same checks and outcomes as {@link #upload}.
     */
    public Upload uploadItem(Path file, String label, long size, String collectionName, String uploadedBy) {
        return accept(file, FileNames.label(label), size, collections.byName(collectionName), uploadedBy);
    }

    /** The name of the collection uploads naming {@code name} go to (the default one for none). */
    public String collectionName(String name) {
        return collections.byName(name).name();
    }

    private Upload accept(Path file, String name, long size, Collection collection, String uploadedBy) {
        if (size <= 0) {
            throw new InvalidInputException(400, "'" + name + "' is empty: there is nothing to ingest.");
        }
        if (size > config.maxUploadSize().asLongValue()) {
            throw UploadLimit.tooLarge(config.maxUploadSize().asLongValue());
        }
        collections.checkCanEmbed(collection);
        try {
            parser.checkSupported(file, name);
        } catch (DocumentRejectedException e) {
            throw new InvalidInputException(415, e.getMessage());
        }
        String sha256 = sha256(file);
        Upload upload = store(file, name, size, collection, sha256, uploadedBy);
        workers.wakeUp();
        events.publish(upload.document());
        return upload;
    }

    @Transactional
    Upload store(Path file, String name, long size, Collection collection, String sha256, String by) {
        var created = documents.insertNew(UUID.randomUUID(), collection.id(), name, file, size, sha256, by);
        UUID id = created.or(() -> documents.idBySha(collection.id(), sha256)).orElseThrow();
        DocumentView existing = documents.find(id).orElseThrow();
        if (created.isPresent()) {
            queue.enqueue(id);
        } else if (DocumentStatus.FAILED.is(existing.status())) {
            documents.requeue(id, null);
            queue.enqueue(id);
        }
        return new Upload(documents.find(id).orElseThrow(), created.isPresent());
    }

    /**
     * One page of the documents matching a filter, with the total; queued documents carry their place in the queue.
     * Refuses an unknown sort or status and a negative offset; a limit above the maximum is capped (and the page says
     * so in its {@code limit}).
     */
    public DocumentPage page(
            String collection,
            String status,
            String text,
            String sort,
            String direction,
            Integer offset,
            Integer limit) {
        DocumentSort order = sort == null || sort.isBlank()
                ? DocumentSort.UPLOADED_AT
                : DocumentSort.of(sort.strip())
                        .orElseThrow(() -> new InvalidInputException(
                                400, "Unknown sort '" + sort + "': use one of " + DocumentSort.names() + "."));
        String state = blankToNull(status);
        if (state != null && DocumentStatus.fromCode(state).isEmpty()) {
            throw new InvalidInputException(
                    400, "Unknown status '" + status + "': use one of " + String.join(", ", DocumentStatus.ALL) + ".");
        }
        boolean descending = descending(direction, order);
        int skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw new InvalidInputException(400, "The offset must be 0 or more.");
        }
        var paging = config.documentList();
        int size = limit == null ? paging.pageSize() : Math.clamp(limit, 1, paging.maxPageSize());
        DocumentFilter filter = new DocumentFilter(blankToNull(collection), state, blankToNull(text));
        List<DocumentView> items = withQueuePlaces(documents.page(filter, order, descending, skip, size));
        return new DocumentPage(documents.count(filter), skip, size, order.apiName(), descending, items);
    }

    /** Documents, chunks and statuses per collection. */
    public List<CollectionCounts> counts() {
        return documents.countsByCollection();
    }

    /** The queue as a whole: waiting and running jobs, whether it is paused, and the measured pace. */
    public QueueStatus queueStatus() {
        IngestionQueue.Counts counts = queue.counts();
        boolean paused = queue.paused();
        var each = throughput.secondsPerDocument();
        Double perMinute = each.isPresent() && each.getAsDouble() > 0 ? 60 / each.getAsDouble() : null;
        Long drain = counts.waiting() == 0 ? Long.valueOf(0) : throughput.waitSeconds((int) counts.waiting());
        return new QueueStatus(counts.waiting(), counts.running(), paused, perMinute, drain);
    }

    /** Stops workers from starting documents (those being processed finish), or lets them start again. */
    public QueueStatus pause(boolean paused) {
        queue.setPaused(paused);
        if (!paused) {
            workers.wakeUp();
        }
        return queueStatus();
    }

    /**
     * Takes a waiting document out of the queue. A new document becomes failed ("cancelled", re-index to queue it
     * again); a re-index that is cancelled leaves the document as it was, ready with its current chunks.
     */
    @Transactional
    public DocumentView cancel(UUID id) {
        DocumentView document = get(id);
        if (!queue.cancelWaiting(id)) {
            throw new InvalidInputException(
                    409,
                    "\"" + document.fileName() + "\" is not waiting in the queue (it is " + document.status()
                            + "): only queued documents can be cancelled.");
        }
        if (document.readyAt() != null && document.chunks() != null) {
            documents.restoreReady(id);
        } else {
            documents.fail(id, "Cancelled by an admin before ingestion. Re-index it to queue it again.");
        }
        DocumentView after = get(id);
        events.publish(after);
        return after;
    }

    /** Document ids by file name, for evaluation sets that name their expected documents by file. */
    public java.util.Map<String, List<UUID>> idsByFileName(java.util.Collection<String> names) {
        return documents.idsByFileName(names);
    }

    public DocumentView get(UUID id) {
        DocumentView document = documents.find(id).orElseThrow(() -> notFound(id));
        return withQueuePlaces(List.of(document)).getFirst();
    }

    /** The original file, for users who may read its collection. */
    public DocumentView readable(UUID id, CurrentUser user) {
        DocumentView document = get(id);
        if (!user.isAdmin() && !collections.byName(document.collection()).openTo(user.getGroups())) {
            throw notFound(id);
        }
        return document;
    }

    /** Streams the original file of a document already checked with {@link #readable}. */
    public void writeFile(UUID id, java.io.OutputStream out) {
        if (!documents.writeFile(id, out)) {
            throw notFound(id);
        }
    }

    @Transactional
    public void delete(UUID id) {
        if (!documents.delete(id)) {
            throw notFound(id);
        }
    }

    /**
     * Queues a document again at an admin's request: an admin who asks is waiting for it, so it goes ahead of bulk
     * uploads. Its chunks stay searchable until the new ones replace them.
     */
    @Transactional
    public DocumentView reindex(UUID id) {
        return reindex(id, IngestionQueue.PRIORITY_ADMIN);
    }

    /** Queues a document again behind the uploads already waiting (re-embedding after a model change). */
    @Transactional
    public DocumentView reindexInBackground(UUID id) {
        return reindex(id, IngestionQueue.PRIORITY_NORMAL);
    }

    private DocumentView reindex(UUID id, int priority) {
        get(id);
        documents.requeue(id, null);
        queue.enqueue(id, priority);
        DocumentView document = get(id);
        events.publish(document);
        workers.wakeUp();
        return document;
    }

    private List<DocumentView> withQueuePlaces(List<DocumentView> page) {
        List<UUID> queued = page.stream()
                .filter(d -> DocumentStatus.QUEUED.is(d.status()))
                .map(DocumentView::id)
                .toList();
        if (queued.isEmpty()) {
            return page;
        }
        Map<UUID, IngestionQueue.Place> places = queue.positions(queued);
        boolean paused = queue.paused();
        return page.stream()
                .map(d -> {
                    IngestionQueue.Place place = places.get(d.id());
                    return place == null
                            ? d
                            : d.withQueue(new QueuePlace(
                                    place.position(),
                                    throughput.waitSeconds(place.position()),
                                    place.priority(),
                                    paused));
                })
                .toList();
    }

    private static boolean descending(String direction, DocumentSort order) {
        if (direction == null || direction.isBlank()) {
            return order.descendingByDefault();
        }
        return switch (direction.strip()) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new InvalidInputException(400, "Unknown direction '" + direction + "': use asc or desc.");
        };
    }

    private static InvalidInputException notFound(UUID id) {
        return new InvalidInputException(404, "There is no document " + id + " (it may have been deleted).");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The SHA-256 of a file's bytes, in hex: how Docent tells the same content from new content. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
