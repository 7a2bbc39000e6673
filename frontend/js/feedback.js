// Thumbs up / down under every finished answer (chat.js announces each one with a "docent:answer" event). A thumbs
// down may say why and add a comment; "Didn't answer my question" makes the question a knowledge gap.
"use strict";

(() => {
  const { el, problem } = window.Docent;
  // The reasons come from the server (FeedbackReason), rendered into the page as a hidden <select>.
  const REASONS = [["", "No reason given"]].concat(
    Array.from(document.querySelectorAll("#feedback-reasons option"), (o) => [o.value, o.textContent]));
  const MAX_COMMENT = 1000;

  function url(messageId) {
    return `/api/chat/${encodeURIComponent(messageId)}/feedback`;
  }

  function attach(messageId, answer) {
    answer.querySelector(".feedback")?.remove();
    const status = el("span", { class: "feedback-status muted", role: "status" });
    const up = el("button", { type: "button", class: "secondary small thumb", "aria-label": "Helpful", "aria-pressed": "false", title: "Helpful" }, "👍");
    const down = el("button", { type: "button", class: "secondary small thumb", "aria-label": "Not helpful", "aria-pressed": "false", title: "Not helpful" }, "👎");
    const reason = el("select", { name: "reason", "aria-label": "What was wrong" }, REASONS.map(([value, text]) => el("option", { value }, text)));
    const comment = el("textarea", { name: "comment", rows: "2", maxlength: String(MAX_COMMENT), placeholder: "Anything else? (optional)", "aria-label": "Comment" });
    const error = el("p", { class: "form-error", role: "alert" });
    const form = el("form", { class: "feedback-form", hidden: true, novalidate: true }, reason, comment, el("button", { type: "submit", class: "small" }, "Send"), error);
    const bar = el("div", { class: "feedback" }, el("span", { class: "muted" }, "Was this helpful?"), up, down, status, form);

    const pressed = (rating) => {
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
    };

    async function send(body) {
      error.textContent = "";
      const response = await Docent.send(url(messageId), {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        error.textContent = await problem(response);
        form.hidden = false;
        return false;
      }
      pressed(body.rating);
      status.textContent = body.rating === "up" ? "Thanks!" : "Thanks, the knowledge managers will see this.";
      return true;
    }

    up.addEventListener("click", async () => {
      form.hidden = true;
      await send({ rating: "up" });
    });
    down.addEventListener("click", () => {
      pressed("down");
      form.hidden = false;
      reason.focus();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { rating: "down" };
      if (reason.value) body.reason = reason.value;
      if (comment.value.trim()) body.comment = comment.value.trim();
      if (await send(body)) form.hidden = true;
    });

    answer.append(bar);
    // A reopened conversation shows the verdict given before.
    fetch(url(messageId), { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((latest) => {
        if (latest?.rating) {
          pressed(latest.rating);
          if (latest.reason) reason.value = latest.reason;
          if (latest.comment) comment.value = latest.comment;
        }
      })
      .catch(() => {});
  }

  document.addEventListener("docent:answer", (event) => {
    const { messageId, answer } = event.detail || {};
    if (messageId && answer) attach(messageId, answer);
  });
})();
