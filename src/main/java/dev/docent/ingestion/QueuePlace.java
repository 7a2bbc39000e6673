package dev.docent.ingestion;

/**
 * Where a queued document waits.
 *
 * @param position 1 for the next document a worker takes
 * @param waitSeconds the expected wait before its ingestion starts (once resumed, if paused), from the throughput
 *     measured recently; null until a document has been ingested since start-up
 * @param priority true when an admin's re-index put it ahead of uploads
 * @param paused true while ingestion is paused (the wait then grows until it resumes)
 */
public record QueuePlace(int position, Long waitSeconds, boolean priority, boolean paused) {}
