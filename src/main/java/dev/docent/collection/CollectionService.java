package dev.docent.collection;

import dev.docent.embedding.EmbeddingLocality;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creates collections and decides who may read them. */
@ApplicationScoped
public class CollectionService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}(/[\\p{L}\\p{N} ._-]{1,100}){0,9}");

    @Inject
    CollectionRepository repository;

    @Inject
    EmbeddingLocality locality;

    @Inject
    Event<CollectionDeleting> deleting;

    @Inject
    Event<CollectionRenamed> renamed;

    /**
     * What a collection should look like; a null field keeps the current value.
     *
     * @param trainingUse whether its passages may go into exported fine-tuning data (default off)
     */
    public record Spec(String name, String description, List<String> groups, Boolean localOnly, Boolean trainingUse) {

        public Spec(String name, String description, List<String> groups, Boolean localOnly) {
            this(name, description, groups, localOnly, null);
        }
    }

    /** Every collection (admins manage them all). */
    public List<Collection> all() {
        return repository.all();
    }

    /** The collections a user may read. */
    public List<Collection> readableBy(CurrentUser user) {
        Set<String> groups = user.getGroups();
        return repository.all().stream().filter(c -> c.openTo(groups)).toList();
    }

    public Collection byName(String name) {
        return repository
                .byName(name == null || name.isBlank() ? Collection.DEFAULT : name.strip())
                .orElseThrow(() -> new InvalidInputException(
                        404,
                        "There is no collection '" + name + "'. Create it first, or choose one of: "
                                + String.join(
                                        ", ",
                                        repository.all().stream()
                                                .map(Collection::name)
                                                .toList()) + "."));
    }

    @Transactional
    public Collection create(Spec spec, String by) {
        String name = validName(spec.name());
        if (Boolean.TRUE.equals(spec.localOnly())) {
            refuseLocalOnly();
        }
        Collection created = repository
                .insert(name, description(spec), groups(spec.groups()), Boolean.TRUE.equals(spec.localOnly()), by)
                .orElseThrow(() -> new InvalidInputException(409, "A collection named '" + name + "' exists already."));
        return Boolean.TRUE.equals(spec.trainingUse())
                ? repository.trainingUse(name, true).orElseThrow()
                : created;
    }

    @Transactional
    public Collection update(String name, Spec spec) {
        Collection current = byName(name);
        if (spec.name() != null && !spec.name().strip().equals(current.name())) {
            current = rename(current, validName(spec.name()));
        }
        if (Boolean.TRUE.equals(spec.localOnly()) && !current.localOnly()) {
            refuseLocalOnly();
        }
        Collection updated = repository
                .update(
                        current.name(),
                        spec.description() == null ? current.description() : description(spec),
                        spec.groups() == null ? current.groups() : groups(spec.groups()),
                        spec.localOnly() == null ? current.localOnly() : spec.localOnly())
                .orElseThrow();
        return spec.trainingUse() == null || spec.trainingUse() == updated.trainingUse()
                ? updated
                : repository.trainingUse(updated.name(), spec.trainingUse()).orElseThrow();
    }

    private Collection rename(Collection current, String to) {
        if (Collection.DEFAULT.equals(current.name())) {
            throw new InvalidInputException(
                    409,
                    "'" + Collection.DEFAULT
                            + "' is where uploads go when they name no collection: it keeps its name.");
        }
        Collection updated = repository
                .rename(current.name(), to)
                .orElseThrow(() -> new InvalidInputException(409, "A collection named '" + to + "' exists already."));
        renamed.fire(new CollectionRenamed(current.id(), current.name(), updated.name()));
        return updated;
    }

    /**
     * Deletes a collection with all its documents, chunks and original files, in one transaction. {@code confirm} must
     * repeat the name: this cannot be undone.
     *
     * @return the deleted collection
     */
    @Transactional
    public Collection delete(String name, String confirm) {
        Collection collection = byName(name);
        if (Collection.DEFAULT.equals(collection.name())) {
            throw new InvalidInputException(
                    409,
                    "'" + Collection.DEFAULT
                            + "' is where uploads go when they name no collection: it cannot be deleted.");
        }
        if (confirm == null || !confirm.strip().equals(collection.name())) {
            throw new InvalidInputException(
                    400,
                    "Deleting '" + collection.name() + "' deletes all its documents and cannot be undone: repeat its"
                            + " name in 'confirm' to go ahead.");
        }
        deleting.fire(new CollectionDeleting(collection.id(), collection.name()));
        repository.delete(collection.id());
        return collection;
    }

    /** Refuses an upload into a local-only collection while embedding would send its text off site. */
    public void checkCanEmbed(Collection collection) {
        if (collection.localOnly()) {
            locality.localOnlyRefusal().ifPresent(why -> {
                throw new InvalidInputException(409, "'" + collection.name() + "' is a local-only collection. " + why);
            });
        }
    }

    /** Refuses to make a collection local-only while embedding would send its text off site. */
    private void refuseLocalOnly() {
        locality.localOnlyRefusal().ifPresent(why -> {
            throw new InvalidInputException(409, "This collection cannot be local-only here. " + why);
        });
    }

    /** Why local-only content cannot be embedded now ("" when it can). */
    public String localOnlyRefusalReason() {
        return locality.localOnlyRefusal().orElse("");
    }

    /**
     * The local-only collections that the embedding configuration would leak, by name; empty when there are none or
     * the embedding model keeps text local. Checked at start-up.
     */
    public List<String> localOnlyAtRisk() {
        if (locality.contentStaysLocal()) {
            return List.of();
        }
        return repository.all().stream()
                .filter(Collection::localOnly)
                .map(Collection::name)
                .toList();
    }

    private static String validName(String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new InvalidInputException(
                    400,
                    "A collection name is 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or"
                            + " digit (for example 'hr-policies').");
        }
        return name.strip();
    }

    private static String description(Spec spec) {
        String description =
                spec.description() == null ? "" : spec.description().strip();
        if (description.length() > 500) {
            throw new InvalidInputException(400, "A collection description has at most 500 characters.");
        }
        return description;
    }

    private static List<String> groups(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        Set<String> clean = new TreeSet<>();
        for (String group : groups) {
            String g = group == null ? "" : group.strip().replaceFirst("^/", "");
            if (!GROUP.matcher(g).matches()) {
                throw new InvalidInputException(
                        400,
                        "'" + group
                                + "' is not a Keycloak group name or path (hr, or engineering/hr for a subgroup; letters,"
                                + " digits, spaces, '.', '_', '-').");
            }
            clean.add(g);
        }
        return List.copyOf(clean);
    }
}
