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

    /**
     * Stores an upload and queues it. Refuses at once what can never be ingested (empty, too large, a type Docent does
     * not read); the same bytes uploaded again to the same collection return the existing document.
     */
    public Upload upload(Path file, String fileName, long size, String collectionName, String uploadedBy) {
        String name = FileNames.clean(fileName);
        if (size <= 0) {
            throw new InvalidInputException(400, "'" + name + "' is empty: there is nothing to ingest.");
        }
        if (size > config.maxUploadSize().asLongValue()) {
            throw UploadLimit.tooLarge(config.maxUploadSize().asLongValue());
        }
        Collection collection = collections.byName(collectionName);
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
        } else if ("failed".equals(existing.status())) {
            documents.requeue(id, null);
            queue.enqueue(id);
        }
        return new Upload(documents.find(id).orElseThrow(), created.isPresent());
    }

    public List<DocumentView> list(String collection, String status, String text, String sort, Integer limit) {
        String like = text == null || text.isBlank()
                ? null
                : text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        int max = limit == null ? 500 : Math.clamp(limit, 1, 5000);
        return documents.list(blankToNull(collection), blankToNull(status), like, sort, max);
    }

    public DocumentView get(UUID id) {
        return documents.find(id).orElseThrow(() -> notFound(id));
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

    /** Queues a document again: its chunks stay searchable until the new ones replace them. */
    @Transactional
    public DocumentView reindex(UUID id) {
        get(id);
        documents.requeue(id, null);
        queue.enqueue(id);
        DocumentView document = get(id);
        events.publish(document);
        workers.wakeUp();
        return document;
    }

    private static InvalidInputException notFound(UUID id) {
        return new InvalidInputException(404, "There is no document " + id + " (it may have been deleted).");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String sha256(Path file) {
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
