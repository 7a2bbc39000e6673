package dev.docent.ingestion;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Encrypts stored original files at rest with Tink's streaming AEAD (AES-256-GCM with HKDF-derived per-file keys, 1 MB
 * segments, so a 50 MB file never sits decrypted in memory as a whole). Each file is bound to its document id as
 * associated data: a ciphertext copied onto another document's row does not decrypt. A key is named by the first
 * 8 bytes of its SHA-256 (stored beside each file), so files under earlier keys stay readable while they are
 * re-encrypted ({@link FileKeyRotation}).
 */
@ApplicationScoped
public class FileCipher {

    private static final int SEGMENT_BYTES = 1 << 20;

    /** Keys by id, the current one first. */
    private final Map<String, StreamingAead> keys = new LinkedHashMap<>();

    private final String current;

    @Inject
    public FileCipher(IngestionConfig config) {
        this(config.files().key(), config.files().previousKeys().orElse(List.of()));
    }

    public FileCipher(Optional<String> key, List<String> previous) {
        this.current = key.map(k -> add("DOCENT_FILES_KEY", k)).orElse(null);
        previous.stream().filter(k -> !k.isBlank()).forEach(k -> add("DOCENT_FILES_PREVIOUS_KEYS", k));
    }

    private String add(String variable, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    variable + " is not base64: generate a key with 'openssl rand -base64 32'.");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(variable + " holds " + bytes.length
                    + " bytes; it must be 32 random bytes in base64 ('openssl rand -base64 32').");
        }
        try {
            String id = idOf(bytes);
            keys.putIfAbsent(id, new AesGcmHkdfStreaming(bytes, "HmacSha256", 32, SEGMENT_BYTES, 0));
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The files key cannot be used: " + e.getMessage(), e);
        }
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the key new files are stored under; empty when files are stored in clear. */
    public Optional<String> currentKey() {
        return Optional.ofNullable(current);
    }

    /** Wraps {@code out} so that what is written is stored encrypted for {@code document} under the current key. */
    public OutputStream encrypting(OutputStream out, UUID document) throws IOException {
        try {
            return keys.get(current).newEncryptingStream(out, associatedData(document));
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not encrypt the file: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps {@code in}, stored under {@code keyId} (null: in clear), so that reading it gives the original bytes;
     * fails when the key is not configured any more or the bytes were tampered with.
     */
    public InputStream decrypting(InputStream in, String keyId, UUID document) throws IOException {
        if (keyId == null) {
            return in;
        }
        StreamingAead key = keys.get(keyId);
        if (key == null) {
            throw new IOException("The file of document " + document + " is encrypted under key " + keyId
                    + ", which is configured neither as DOCENT_FILES_KEY nor in DOCENT_FILES_PREVIOUS_KEYS.");
        }
        try {
            return key.newDecryptingStream(in, associatedData(document));
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not decrypt the file of document " + document + ": " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(UUID document) {
        return ByteBuffer.allocate(28)
                .put("docent-file:".getBytes(StandardCharsets.US_ASCII), 0, 12)
                .putLong(document.getMostSignificantBits())
                .putLong(document.getLeastSignificantBits())
                .array();
    }
}
