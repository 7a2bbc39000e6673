package dev.docent.review;

/**
 * A reviewer's verdict on an answer.
 *
 * @param verdict {@code correct} or {@code incorrect}
 * @param correction optional, with {@code incorrect} only: what the answer should have said
 */
public record ReviewRequest(String verdict, String correction) {}
