package dev.docent.ingestion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stored originals encrypted at rest: readable only with their key, for their own document, untampered. */
class FileCipherTest {

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static byte[] encrypt(FileCipher cipher, byte[] plain, UUID document) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypting(stored, document)) {
            out.write(plain);
        }
        return stored.toByteArray();
    }

    static byte[] decrypt(FileCipher cipher, byte[] stored, String keyId, UUID document) throws IOException {
        return cipher.decrypting(new ByteArrayInputStream(stored), keyId, document)
                .readAllBytes();
    }

    @Test
    void aFileLargerThanOneSegmentComesBackExactlyAndIsNotStoredInClear() throws IOException {
        FileCipher cipher = new FileCipher(Optional.of(newKey()), List.of());
        byte[] plain = ("Salary bands of the board. ".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        UUID document = UUID.randomUUID();
        byte[] stored = encrypt(cipher, plain, document);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("Salary bands"));
        assertArrayEquals(plain, decrypt(cipher, stored, cipher.currentKey().orElseThrow(), document));
    }

    @Test
    void tamperedBytesAnotherDocumentsRowOrAMissingKeyAreRefused() throws IOException {
        FileCipher cipher = new FileCipher(Optional.of(newKey()), List.of());
        String keyId = cipher.currentKey().orElseThrow();
        UUID document = UUID.randomUUID();
        byte[] stored = encrypt(cipher, "Quarterly results".getBytes(StandardCharsets.UTF_8), document);

        byte[] tampered = stored.clone();
        tampered[tampered.length - 5] ^= 1;
        assertThrows(IOException.class, () -> decrypt(cipher, tampered, keyId, document));
        assertThrows(IOException.class, () -> decrypt(cipher, stored, keyId, UUID.randomUUID()), "bound to its row");
        IOException unknown =
                assertThrows(IOException.class, () -> decrypt(cipher, stored, "0011223344556677", document));
        assertTrue(unknown.getMessage().contains("DOCENT_FILES_PREVIOUS_KEYS"), unknown.getMessage());
    }

    @Test
    void anEarlierKeyStillReadsItsFilesAndClearFilesPassThrough() throws IOException {
        String old = newKey();
        FileCipher before = new FileCipher(Optional.of(old), List.of());
        UUID document = UUID.randomUUID();
        byte[] stored = encrypt(before, "Old minutes".getBytes(StandardCharsets.UTF_8), document);
        FileCipher after = new FileCipher(Optional.of(newKey()), List.of(old));
        assertEquals(
                "Old minutes",
                new String(
                        decrypt(after, stored, before.currentKey().orElseThrow(), document), StandardCharsets.UTF_8));
        assertEquals("clear", new String(decrypt(after, "clear".getBytes(StandardCharsets.UTF_8), null, document)));
        assertTrue(new FileCipher(Optional.empty(), List.of()).currentKey().isEmpty(), "no key: files in clear");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBase64BytesStopsStartUpNamingTheVariable() {
        IllegalStateException shortKey =
                assertThrows(IllegalStateException.class, () -> new FileCipher(Optional.of("c2hvcnQ="), List.of()));
        assertTrue(shortKey.getMessage().contains("DOCENT_FILES_KEY"), shortKey.getMessage());
        assertTrue(shortKey.getMessage().contains("openssl rand -base64 32"), shortKey.getMessage());
        IllegalStateException notBase64 = assertThrows(
                IllegalStateException.class, () -> new FileCipher(Optional.of(newKey()), List.of("not base64!")));
        assertTrue(notBase64.getMessage().contains("DOCENT_FILES_PREVIOUS_KEYS"), notBase64.getMessage());
    }
}
