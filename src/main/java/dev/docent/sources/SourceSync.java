package dev.docent.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.ingestion.DocumentService;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One sync of a source: new items are uploaded, changed ones (a new content hash) uploaded again and re-indexed, the
 * unchanged cost one hash each, and items that are gone are removed with their documents. A source that cannot be read
 * as a whole, or a walk cut short by a limit, removes nothing.
 */
@ApplicationScoped
public class SourceSync {

    private static final Logger LOG = Logger.getLogger(SourceSync.class);

    /** Items listed per outcome in a report; the counts are always complete. */
    static final int MAX_LISTED = 200;

    @Inject
    SourceRepository sources;

    @Inject
    DocumentService documents;

    @Inject
    @Any
    Instance<SourceConnector> connectors;

    @Inject
    ObjectMapper json;

    /** The connector for a type, if Docent has one. */
    Optional<SourceConnector> connector(String type) {
        return connectors.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** The source types Docent has connectors for. */
    List<String> types() {
        return connectors.stream().map(SourceConnector::type).sorted().toList();
    }

    /** Runs a sync of the source (already claimed by the caller) and records its report. */
    public void run(long sourceId) {
        SourceView source = sources.find(sourceId).orElse(null);
        if (source == null) {
            return;
        }
        long syncId = sources.startSync(sourceId);
        Outcome outcome = new Outcome(source, sources.items(sourceId));
        try {
            SourceConnector connector = connector(source.type())
                    .orElseThrow(() -> new SourceUnavailableException("No connector for type " + source.type()));
            connector.walk(source.definition(), outcome);
            if (outcome.truncated == null) {
                outcome.removeVanished();
            }
            sources.finishSync(syncId, "done", outcome.counts(), null, outcome.json());
        } catch (SourceUnavailableException e) {
            sources.finishSync(syncId, "failed", outcome.counts(), e.getMessage(), outcome.json());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sync of source %d failed", sourceId);
            sources.finishSync(
                    syncId, "failed", outcome.counts(), "Unexpected error: " + e.getMessage(), outcome.json());
        }
    }

    /** What a walk found, compared with what the source had. */
    private final class Outcome implements SourceConnector.Visitor {
        private final SourceView source;
        private final Map<String, SourceRepository.Item> known;
        private final Set<String> seen = new HashSet<>();
        private final List<String> added = new ArrayList<>();
        private final List<String> changed = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<Map<String, String>> failed = new ArrayList<>();
        private int unchanged;
        private String truncated;

        Outcome(SourceView source, Map<String, SourceRepository.Item> known) {
            this.source = source;
            this.known = known;
        }

        @Override
        public void item(String key, String label, Path content) {
            if (!seen.add(key)) {
                return;
            }
            String sha = DocumentService.sha256(content);
            SourceRepository.Item before = known.get(key);
            if (before != null && before.documentId() != null && before.sha256().equals(sha)) {
                unchanged++;
                return;
            }
            DocumentService.Upload upload;
            try {
                upload = documents.uploadItem(
                        content, label, Files.size(content), source.collection(), "source:" + source.name());
            } catch (InvalidInputException e) {
                failed(key, e.getMessage());
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sources.saveItem(source.id(), key, upload.document().id(), sha, upload.created());
            if (before == null || before.documentId() == null) {
                added.add(key);
            } else {
                changed.add(key);
                // A new version under the same label replaces the old one once it is ready; bytes that matched
                // another document left the old version behind, so it goes now.
                if (!upload.created()
                        && !before.documentId().equals(upload.document().id())) {
                    deleteIfOwned(key, before);
                }
            }
        }

        @Override
        public void failed(String key, String reason) {
            seen.add(key);
            failed.add(Map.of("item", key, "reason", reason));
        }

        @Override
        public void truncated(String reason) {
            truncated = reason;
        }

        void removeVanished() {
            for (var entry : known.entrySet()) {
                if (!seen.contains(entry.getKey())) {
                    sources.removeItem(source.id(), entry.getKey());
                    deleteIfOwned(entry.getKey(), entry.getValue());
                    removed.add(entry.getKey());
                }
            }
        }

        private void deleteIfOwned(String key, SourceRepository.Item item) {
            if (item.ownsDocument()
                    && item.documentId() != null
                    && !sources.documentUsedElsewhere(item.documentId(), source.id(), key)) {
                try {
                    documents.delete(item.documentId());
                } catch (InvalidInputException e) {
                    // deleted by an admin meanwhile
                }
            }
        }

        int[] counts() {
            return new int[] {added.size(), changed.size(), unchanged, removed.size(), failed.size()};
        }

        String json() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("added", capped(added));
            details.put("changed", capped(changed));
            details.put("removed", capped(removed));
            details.put("failed", capped(failed));
            if (truncated != null) {
                details.put("truncated", truncated + ": nothing was removed");
            }
            try {
                return json.writeValueAsString(details);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> List<T> capped(List<T> items) {
        return items.size() <= MAX_LISTED ? items : items.subList(0, MAX_LISTED);
    }
}
