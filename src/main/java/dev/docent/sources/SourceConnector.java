package dev.docent.sources;

import java.nio.file.Path;

/**
 * A kind of place Docent can index and keep current. A connector only walks its place and hands over what it finds;
 * the sync decides what is new, changed or gone. Confluence, SharePoint or S3 connectors implement this too.
 */
public interface SourceConnector {

    /** The type name admins choose and Docent stores, e.g. {@code website}. */
    String type();

    /**
     * Checks what an admin entered before the source is saved.
     *
     * @return the location in its normal form
     * @throws dev.docent.system.InvalidInputException 400 naming what is wrong (bad URL, scheme, address, path)
     */
    String validate(String location);

    /**
     * Walks the source, handing each item to {@code visitor} with its content in a file that is readable during the call
     * (the connector owns it: a download it deletes afterwards, or the source's own file).
     *
     * @throws SourceUnavailableException when the source as a whole cannot be read (then nothing is removed)
     */
    void walk(SourceDefinition source, Visitor visitor) throws SourceUnavailableException;

    /** Receives what a walk finds. */
    interface Visitor {
        /**
         * An item and its content.
         *
         * @param key what identifies the item across syncs (URL, relative path)
         * @param label the document's file name: keeps folders, and the extension that tells its format
         */
        void item(String key, String label, Path content);

        /** An item that exists but could not be read this time: its previous version is kept. */
        void failed(String key, String reason);

        /** The walk stopped early (a page limit): items not reached are kept, not removed. */
        void truncated(String reason);
    }
}
