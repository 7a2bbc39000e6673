package dev.docent.ingestion;

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
}
