package dev.docent.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Evaluation sets: created from a request or an imported file, extended, read and deleted. */
@ApplicationScoped
public class EvalSets {

    /** Most items one set holds: a run over more would take hours on the extractive answerer alone. */
    public static final int MAX_ITEMS = 5000;

    @Inject
    EvalSetRepository sets;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /** The import formats. */
    public enum Format {
        JSONL,
        CSV;

        static Format of(String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidInputException(400, "Say which format the file is in: format=jsonl or format=csv.");
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "jsonl", "ndjson" -> JSONL;
                case "csv" -> CSV;
                default -> throw new InvalidInputException(400, "The format must be jsonl or csv.");
            };
        }
    }

    public EvalSetSummary create(EvalSetRequest request, String user) {
        return create(request.name().strip(), "manual", request.items(), user);
    }

    /** A set from a JSONL or CSV file; every bad line is reported and then nothing is stored. */
    public EvalSetSummary importFile(String name, String format, String body, String user) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException(400, EvalSetRequest.NAME);
        }
        if (body == null || body.isBlank()) {
            throw new InvalidInputException(400, "The file is empty: nothing was imported.");
        }
        List<EvalItem> items = switch (Format.of(format)) {
            case JSONL -> EvalImport.jsonl(body, json, validator);
            case CSV -> EvalImport.csv(body, json, validator);
        };
        return create(name.strip(), "import", items, user);
    }

    EvalSetSummary create(String name, String source, List<EvalItem> items, String user) {
        UUID id = UUID.randomUUID();
        sets.create(id, name, source, user, items);
        return sets.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A set from real traffic: each question remembers the message it came from (by question text), so that erasing
     * the message takes the item with it.
     */
    @Transactional
    EvalSetSummary createFromTraffic(String name, List<EvalItem> items, String user, Map<String, UUID> messages) {
        UUID id = UUID.randomUUID();
        sets.create(id, name, "gap", user, items);
        sets.linkSources(id, messages);
        return sets.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A set from recorded answers ({@code source} says which kind): each item remembers its message, so erasing the
     * message takes the item with it. All or nothing.
     */
    @Transactional
    EvalSetSummary createFromAnswers(
            String name, String source, List<EvalItem> items, List<UUID> messages, String user) {
        UUID id = UUID.randomUUID();
        sets.create(id, name, source, user, List.of());
        sets.addSourcedItems(id, items, messages);
        return sets.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** Items built from these messages, with their set's name (for the personal-data export of whoever asked them). */
    public List<Map<String, Object>> itemsFrom(List<UUID> messages) {
        return messages.isEmpty() ? List.of() : sets.itemsFrom(messages);
    }

    /** Adds items to a set, all or none. */
    @Transactional
    public EvalSetSummary addItems(UUID id, EvalItemsRequest request) {
        if (!sets.lock(id)) {
            throw notFound(id);
        }
        int now = sets.countItems(id);
        if (now + request.items().size() > MAX_ITEMS) {
            throw new InvalidInputException(
                    400,
                    "The set has " + now + " items; with " + request.items().size()
                            + " more it would pass the limit of " + MAX_ITEMS + ". Nothing was added.");
        }
        sets.addItems(id, request.items());
        return sets.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    public List<EvalSetSummary> list() {
        return sets.list();
    }

    public EvalSetDetail get(UUID id) {
        return sets.find(id).orElseThrow(() -> notFound(id));
    }

    public void delete(UUID id) {
        if (!sets.delete(id)) {
            throw notFound(id);
        }
    }

    static InvalidInputException notFound(UUID id) {
        return new InvalidInputException(404, "There is no evaluation set " + id + ".");
    }
}
