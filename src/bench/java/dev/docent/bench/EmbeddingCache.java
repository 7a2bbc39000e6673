package dev.docent.bench;

import dev.docent.embedding.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Vectors of texts kept in a file under {@code target/}, keyed by the model's name and the text's SHA-256, so that
 * repeated benchmark runs embed SciFact's 5,183 abstracts and SQuAD's paragraphs once (minutes on 2 cores), not per run.
 * Each record: the 32-byte key, then the vector's floats. A truncated last record (a run killed while writing) is
 * ignored.
 */
final class EmbeddingCache {

    private static final Logger LOG = Logger.getLogger(EmbeddingCache.class);
    private static final int BATCH = 64;

    private final Embedder embedder;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();

    EmbeddingCache(Embedder embedder, Path folder) {
        this.embedder = embedder;
        this.file = folder.resolve(embedder.modelName().replaceAll("[^A-Za-z0-9.-]", "_") + ".vectors");
        read();
    }

    /** Vectors of {@code texts}, in order; those not cached yet are embedded and appended to the file. */
    List<float[]> embedAll(List<String> texts) {
        List<String> missing = texts.stream()
                .filter(t -> !vectors.containsKey(key(t)))
                .distinct()
                .toList();
        if (!missing.isEmpty()) {
            long start = System.nanoTime();
            for (int from = 0; from < missing.size(); from += BATCH) {
                List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
                append(batch, embedder.embedAll(batch));
                if (from % (BATCH * 16) == 0) {
                    LOG.infof("embedded %d of %d texts", from + batch.size(), missing.size());
                }
            }
            LOG.infof("embedded %d texts in %.0f s", missing.size(), (System.nanoTime() - start) / 1e9);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(vectors.get(key(t))));
        return out;
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        int dimension = embedder.dimension();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] key = new byte[32];
            while (true) {
                float[] vector = new float[dimension];
                try {
                    in.readFully(key);
                    for (int i = 0; i < dimension; i++) {
                        vector[i] = in.readFloat();
                    }
                } catch (EOFException end) {
                    break;
                }
                vectors.put(HexFormat.of().formatHex(key), vector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.infof("%d cached vectors in %s", vectors.size(), file);
    }

    private void append(List<String> texts, List<float[]> embedded) {
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (int i = 0; i < texts.size(); i++) {
                    String key = key(texts.get(i));
                    out.write(HexFormat.of().parseHex(key));
                    for (float v : embedded.get(i)) {
                        out.writeFloat(v);
                    }
                    vectors.put(key, embedded.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(embedder.modelName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
