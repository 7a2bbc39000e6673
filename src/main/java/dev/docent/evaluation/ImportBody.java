package dev.docent.evaluation;

import dev.docent.system.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** An imported file's text: read up to a limit (never the whole of an oversized body), and UTF-8 or refused. */
final class ImportBody {

    private ImportBody() {}

    static String read(InputStream in, long maxBytes) {
        byte[] bytes;
        try (in) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw new InvalidInputException(
                    413, "The file is larger than " + maxBytes / (1024 * 1024) + " MB: split it into several sets.");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(400, "The file is not UTF-8 text: save it as UTF-8 and import it again.");
        }
    }
}
