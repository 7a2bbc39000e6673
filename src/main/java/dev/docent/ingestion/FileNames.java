package dev.docent.ingestion;

import java.util.ArrayList;
import java.util.List;

/** Upload file names are only labels: no path, no control characters, a sane length. */
final class FileNames {

    static final int MAX_LENGTH = 200;

    private FileNames() {}

    /** "../../etc/passwd.md" becomes "passwd.md"; a name with nothing left becomes "upload". */
    static String clean(String fileName) {
        if (fileName == null) {
            return "upload";
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return name.isBlank() ? "upload" : name;
    }

    /**
     * A label with folders, still only a label: "../../etc/./passwd.md" becomes "etc/passwd.md" (no empty, "." or
     * ".." segments, no leading slash, each segment cleaned like a file name); too long, it keeps its end, where the
     * file name is.
     */
    static String label(String path) {
        if (path == null) {
            return "upload";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            String part = segment.replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                segments.add(part);
            }
        }
        if (segments.isEmpty()) {
            return "upload";
        }
        segments.set(segments.size() - 1, clean(segments.getLast()));
        String label = String.join("/", segments);
        return label.length() <= MAX_LENGTH ? label : label.substring(label.length() - MAX_LENGTH);
    }
}
