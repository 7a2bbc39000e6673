package dev.docent.ingestion.parse;

/** Chooses the title Docent shows for a document, and the file-name hint Tika sees. */
final class DocumentTitle {

    /** Long enough for any real title, short enough for a list of sources. */
    static final int MAX_LENGTH = 200;

    private static final String UNTITLED = "Untitled document";

    private DocumentTitle() {}

    /** The metadata title, else the first heading, else the file name without extension. */
    static String choose(String metadataTitle, String firstHeading, String fileName) {
        for (String candidate : new String[] {clean(metadataTitle), clean(firstHeading), clean(stem(fileName))}) {
            if (!candidate.isEmpty()) {
                return candidate;
            }
        }
        return UNTITLED;
    }

    /**
     * As {@link #choose(String, String, String)}, but a title that is only a number (evaluation sets name files
     * "12345.txt") gives way to the document's first line, which says what it is about.
     */
    static String choose(String metadataTitle, String firstHeading, String fileName, String firstLine) {
        String title = choose(metadataTitle, firstHeading, fileName);
        String line = clean(firstLine);
        if (!title.matches("[\\d\\s._-]+") || line.isEmpty()) {
            return title;
        }
        if (line.length() <= FIRST_LINE_LENGTH) {
            return line;
        }
        int space = line.lastIndexOf(' ', FIRST_LINE_LENGTH);
        return line.substring(0, space > 20 ? space : FIRST_LINE_LENGTH).strip() + "…";
    }

    /** A first line used as a title is cut at about this many characters, at a word boundary. */
    static final int FIRST_LINE_LENGTH = 80;

    /**
     * The last segment of a client-supplied name: "../../etc/passwd.md" becomes "passwd.md". The name is only ever
     * a hint for type detection and a fallback title; it is never used as a path.
     */
    static String baseName(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        return clean(name);
    }

    private static String stem(String fileName) {
        String name = baseName(fileName);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned =
                text.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
        return cleaned.length() <= MAX_LENGTH
                ? cleaned
                : cleaned.substring(0, MAX_LENGTH - 1).strip() + "…";
    }
}
