package dev.docent.sources;

import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A folder on the server (a mounted share), read recursively. Only folders under a configured allowed root can be
 * sources, and the walk never leaves the root: symbolic links are resolved and skipped when they point outside it.
 * Hidden files and folders are skipped.
 */
@ApplicationScoped
public class DirectoryConnector implements SourceConnector {

    @Inject
    SourcesConfig config;

    @Override
    public String type() {
        return "directory";
    }

    @Override
    public String validate(String location) {
        List<Path> roots = roots();
        if (roots.isEmpty()) {
            throw new InvalidInputException(
                    400,
                    "Directory sources are off: the administrator allows folders with"
                            + " DOCENT_SOURCES_DIRECTORY_ALLOWED_ROOTS (e.g. /mnt/shares).");
        }
        Path path;
        try {
            path = Path.of(location == null ? "" : location.strip());
        } catch (InvalidPathException e) {
            throw new InvalidInputException(400, "'" + location + "' is not a valid path.");
        }
        if (!path.isAbsolute()) {
            throw new InvalidInputException(400, "Give the folder as an absolute path, e.g. " + roots.getFirst() + ".");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(400, "There is no folder " + path + " on the server.");
        }
        if (rootOf(real).isEmpty()) {
            throw new InvalidInputException(
                    400, path + " is outside the folders directory sources may read: " + roots + ".");
        }
        if (!Files.isDirectory(real)) {
            throw new InvalidInputException(400, path + " is a file, not a folder.");
        }
        return real.toString();
    }

    @Override
    public void walk(SourceDefinition source, Visitor visitor) throws SourceUnavailableException {
        Path folder;
        try {
            folder = Path.of(source.location()).toRealPath();
        } catch (IOException e) {
            throw new SourceUnavailableException("The folder " + source.location() + " cannot be read now.");
        }
        Optional<Path> root = rootOf(folder);
        if (root.isEmpty() || !Files.isDirectory(folder)) {
            throw new SourceUnavailableException(
                    source.location() + " is no longer a folder under an allowed root: nothing was changed.");
        }
        int[] files = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String key = folder.relativize(file).toString().replace('\\', '/');
                    if (attrs.isSymbolicLink()) {
                        Path target;
                        try {
                            target = file.toRealPath();
                        } catch (IOException e) {
                            return FileVisitResult.CONTINUE; // a dangling link
                        }
                        if (!target.startsWith(root.get()) || !Files.isRegularFile(target)) {
                            visitor.failed(key, "a link to outside the allowed folders, not followed");
                            return FileVisitResult.CONTINUE;
                        }
                    } else if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (++files[0] > limit(source)) {
                        visitor.truncated("file limit " + limit(source) + " reached");
                        return FileVisitResult.TERMINATE;
                    }
                    if (!Files.isReadable(file)) {
                        visitor.failed(key, "not readable by Docent (file permissions)");
                        return FileVisitResult.CONTINUE;
                    }
                    visitor.item(key, folder.getFileName() + "/" + key, file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    visitor.failed(folder.relativize(file).toString(), "could not be read: " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int limit(SourceDefinition source) {
        return Math.min(source.maxItems(), config.directory().maxFiles());
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private Optional<Path> rootOf(Path real) {
        return roots().stream().filter(real::startsWith).findFirst();
    }

    private List<Path> roots() {
        return config.directory().allowedRoots().orElse(List.of()).stream()
                .filter(r -> !r.isBlank())
                .map(r -> {
                    try {
                        return Path.of(r.strip()).toRealPath();
                    } catch (IOException e) {
                        return Path.of(r.strip()).toAbsolutePath().normalize();
                    }
                })
                .toList();
    }
}
