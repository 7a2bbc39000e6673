package dev.docent.ingestion;

/**
 * The ingestion queue at a glance.
 *
 * @param waiting documents waiting for a worker
 * @param running documents being ingested now
 * @param paused true while workers start no new document
 * @param documentsPerMinute the pace measured on recent documents; null until one was ingested since start-up
 * @param drainSeconds the expected time until the last waiting document starts; counted from resuming while paused; null while
 *     unmeasured
 */
public record QueueStatus(long waiting, long running, boolean paused, Double documentsPerMinute, Long drainSeconds) {}
