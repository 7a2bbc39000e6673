// The Safety page: counts per day, flagged chunks (release or delete the document), blocked and flagged questions.
"use strict";

(() => {
  const { el, problem, send } = window.Docent;
  const $ = (selector) => document.querySelector(selector);
  const reason = (code) => String(code || "").replaceAll("_", " ");
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
  const status = (text) => { $("#safety-status").textContent = text; };

  async function load() {
    const response = await fetch("/api/safety", { headers: { Accept: "application/json" } });
    if (!response.ok) {
      status(`The safety records could not be loaded: ${await problem(response)}`);
      return;
    }
    const data = await response.json();
    $("#days tbody").replaceChildren(...data.days.map((d) => el("tr", {},
      el("td", {}, d.day), el("td", {}, d.blockedQuestions), el("td", {}, d.flaggedQuestions),
      el("td", {}, d.answersCleaned), el("td", {}, d.chunksFlagged))));
    $("#chunks tbody").replaceChildren(...data.flaggedChunks.map(chunkRow));
    $("#no-chunks").hidden = data.flaggedChunks.length > 0;
    $("#events tbody").replaceChildren(...data.events.map((e) => el("tr", {},
      el("td", {}, when(e.createdAt)), el("td", {}, e.guard), el("td", {}, e.action),
      el("td", {}, reason(e.cause), el("div", { class: "muted" }, e.detail)),
      el("td", {}, e.username || "—"), el("td", { class: "excerpt" }, e.excerpt))));
    $("#no-events").hidden = data.events.length > 0;
  }

  function chunkRow(c) {
    const released = c.releasedAt ? `released by ${c.releasedBy}, ${when(c.releasedAt)}` : null;
    const actions = released ? el("span", { class: "muted" }, released) : el("span", {},
      el("button", { type: "button", "data-action": "release", onclick: () => release(c) }, "Release"), " ",
      el("button", { type: "button", class: "danger", "data-action": "delete", onclick: () => remove(c) }, "Delete document"));
    return el("tr", { "data-document": c.documentId, "data-ordinal": c.ordinal },
      el("td", {}, c.fileName), el("td", {}, c.ordinal + 1),
      el("td", {}, reason(c.cause), el("div", { class: "muted" }, c.detail)),
      el("td", { class: "excerpt" }, c.excerpt), el("td", {}, when(c.createdAt)), el("td", {}, actions));
  }

  async function release(c) {
    const response = await send(`/api/safety/chunks/${c.documentId}/${c.ordinal}/release`, { method: "POST" });
    status(response.ok ? `Chunk ${c.ordinal + 1} of ${c.fileName} released: answers may use it again.`
      : `Not released: ${await problem(response)}`);
    await load();
  }

  async function remove(c) {
    if (!window.confirm(`Delete ${c.fileName} from the knowledge base? This cannot be undone.`)) return;
    const response = await send(`/api/documents/${c.documentId}`, { method: "DELETE" });
    status(response.ok ? `${c.fileName} deleted.` : `Not deleted: ${await problem(response)}`);
    await load();
  }

  load();
})();
