package dev.docent.collection;

import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** What a collection should look like. */
    public record Spec(String name, String description, List<String> groups, Boolean localOnly) {}

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
        return repository
                .insert(name, description(spec), groups(spec.groups()), Boolean.TRUE.equals(spec.localOnly()), by)
                .orElseThrow(() -> new InvalidInputException(409, "A collection named '" + name + "' exists already."));
    }

    @Transactional
    public Collection update(String name, Spec spec) {
        Collection current = byName(name);
        return repository
                .update(
                        current.name(),
                        spec.description() == null ? current.description() : description(spec),
                        spec.groups() == null ? current.groups() : groups(spec.groups()),
                        spec.localOnly() == null ? current.localOnly() : spec.localOnly())
                .orElseThrow();
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
