package dev.docent.safety;

import dev.docent.embedding.Embedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reference set of texts shipped with the application (one per line, {@code #} comments), embedded with the
 * application's model the first time a guard needs it, so start-up pays nothing for it. Known attacks
 * ({@link QuestionGuard}) and planted tasks ({@link PlantedTasks}) are two.
 */
final class ReferenceTexts {

    private final String resource;
    private final Embedder embedder;
    private volatile List<String> texts;
    private volatile List<float[]> vectors;

    ReferenceTexts(String resource, Embedder embedder) {
        this.resource = resource;
        this.embedder = embedder;
    }

    /** The texts, in file order; {@link #vectors()} has theirs at the same positions. */
    List<String> texts() {
        vectors();
        return texts;
    }

    List<float[]> vectors() {
        List<float[]> v = vectors;
        if (v == null) {
            synchronized (this) {
                if (vectors == null) {
                    texts = read(resource);
                    vectors =
                            embedder.embedAll(texts.stream().map(Disguise::fold).toList());
                }
                v = vectors;
            }
        }
        return v;
    }

    /** The lines of {@code resource} (a class-path path such as {@code /safety/attacks.txt}). */
    static List<String> read(String resource) {
        try (InputStream in = ReferenceTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource.substring(1) + " is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
