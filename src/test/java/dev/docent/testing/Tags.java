package dev.docent.testing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Tags that make a test's questions, documents and names unique to one run. Letters only: Docent masks digit runs of
 * six or more as personal data in knowledge-gap examples and exports, so a hex tag such as {@code d0215326} came back
 * as {@code [number]} and a test looking for its own tag there failed about one run in twenty.
 */
public final class Tags {

    private Tags() {}

    /** Eight random lowercase letters (26^8, about 2 * 10^11 values). */
    public static String random() {
        char[] tag = new char[8];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = (char) ('a' + ThreadLocalRandom.current().nextInt(26));
        }
        return new String(tag);
    }
}
