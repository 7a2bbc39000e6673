// The Review page: answers to review (thumbs down, uncited, low groundedness) with the users' reasons and comments,
// a verdict and a correction per answer, and the training-data export. Text from answers, questions and comments is
// always inserted as text, never as HTML.
"use strict";

(() => {
  const { el, problem, send } = window.Docent;
  const $ = (id) => document.getElementById(id);
  const REASONS = { thumbs_down: "Thumbs down", uncited: "Cites nothing", low_groundedness: "Low groundedness" };
  let offset = 0;
  let page = null;

  const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)}%`);
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  async function json(url, options = {}) {
    const response = await send(url, { ...options, headers: { Accept: "application/json", ...(options.headers || {}) } });
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  function query() {
    const form = $("filters");
    const params = new URLSearchParams({ offset: String(offset) });
    for (const name of ["reason", "feedbackReason", "status"]) if (form[name].value) params.set(name, form[name].value);
    return params;
  }

  async function load() {
    try {
      page = await json(`/api/review?${query()}`);
      $("queue-error").textContent = "";
    } catch (e) {
      $("queue-error").textContent = e.message;
      return;
    }
    $("level").textContent = pct(page.lowGroundedness);
    $("queue").replaceChildren(...page.items.map(item));
    $("queue-empty").hidden = page.items.length > 0;
    $("queue-count").textContent = page.total === 0
      ? ""
      : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`;
    $("prev").disabled = page.offset === 0;
    $("next").disabled = page.offset + page.items.length >= page.total;
  }

  function verdictText(review) {
    if (!review) return "Not reviewed yet.";
    const by = `${review.reviewedBy}, ${when(review.reviewedAt)}`;
    return review.verdict === "correct"
      ? `Reviewed: correct (${by}).`
      : `Reviewed: incorrect (${by})${review.correction ? ", corrected." : ", no correction yet."}`;
  }

  function item(a) {
    const status = el("p", { class: "review-status", role: "status" });
    const reviewed = el("p", { class: "reviewed" }, verdictText(a.review));
    const correction = el("textarea", { name: "correction", rows: 3, maxlength: 5000, "aria-label": "Correct answer" });
    correction.value = a.review?.correction || "";
    const save = async (verdict) => {
      status.textContent = "";
      const body = { verdict };
      if (verdict === "incorrect" && correction.value.trim()) body.correction = correction.value;
      try {
        a.review = await json(`/api/review/${a.messageId}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        reviewed.textContent = verdictText(a.review);
        status.textContent = verdict === "correct" ? "Marked correct." : a.review.correction ? "Marked incorrect, with your correction." : "Marked incorrect.";
      } catch (e) {
        // Keep what the reviewer wrote: the message says what to change.
        status.textContent = e.message;
      }
    };
    const feedback = a.feedback && a.feedback.rating === "down"
      ? el("blockquote", { class: "feedback" },
          el("strong", {}, `Thumbs down${a.feedback.reasonLabel ? `: ${a.feedback.reasonLabel}` : ""}`),
          a.feedback.comment ? el("span", { class: "comment" }, ` “${a.feedback.comment}”`) : null)
      : null;
    const citations = a.citations.length
      ? el("details", { class: "citations" },
          el("summary", {}, `Cited passages (${a.citations.length})`),
          el("ol", {}, ...a.citations.map((c) =>
            el("li", { value: c.n },
              el("strong", {}, c.title + (c.page ? `, page ${c.page}` : "")),
              c.text ? el("div", { class: "passage" }, c.text) : null))))
      : el("p", { class: "muted" }, "Cites no passage.");
    return el("li", { class: "review-item", "data-message-id": a.messageId },
      el("h3", {}, a.question),
      el("ul", { class: "reasons", "aria-label": "Why it is here" }, ...a.reasons.map((r) => el("li", { "data-reason": r }, REASONS[r] || r))),
      el("p", { class: "muted small-text" },
        `Asked ${when(a.askedAt)} · ${a.provider}${a.model ? ` (${a.model})` : ""} · groundedness ${pct(a.groundedness)}${a.answered ? "" : " · not answered"}`),
      el("div", { class: "answer" }, a.answer),
      feedback,
      citations,
      reviewed,
      el("label", { class: "stacked" }, "What the answer should say (for an incorrect one; cite passages as [1], [2])", correction),
      el("div", { class: "verdict-buttons" },
        el("button", { type: "button", class: "secondary small", "data-verdict": "correct", onclick: () => save("correct") }, "Correct"),
        el("button", { type: "button", class: "small", "data-verdict": "incorrect", onclick: () => save("incorrect") }, "Incorrect")),
      status,
    );
  }

  async function loadTraining() {
    try {
      const s = await json("/api/training");
      $("training-summary").textContent = s.collections.length === 0
        ? "No collection is marked for training data yet: an admin marks them on the Documents page."
        : `${s.chatExamples} chat examples and ${s.preferencePairs} preference pairs from ${s.collections.join(", ")}` +
          (s.notForTraining ? `; ${s.notForTraining} left out (passages from collections not marked for training).` : ".");
    } catch (e) {
      $("training-summary").textContent = e.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("filters").addEventListener("change", () => {
      offset = 0;
      load();
    });
    $("prev").addEventListener("click", () => {
      offset = Math.max(0, offset - (page?.limit || 20));
      load();
    });
    $("next").addEventListener("click", () => {
      offset += page?.limit || 20;
      load();
    });
    load();
    loadTraining();
  });
})();
