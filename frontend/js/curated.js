// The curated-answer panel in a gap's detail: shows the gap's curated answer (edit, retire) or writes one, with a
// document picker over the search the knowledge manager may run. Text is always inserted as text, never as HTML.
"use strict";

(() => {
  const { el, problem } = window.Docent;
  const $ = (id) => document.getElementById(id);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  let gap = null;
  let answer = null; // the gap's newest curated answer, or null
  let chosen = new Map(); // document id -> title (null when only the id is known)

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(await problem(response));
    return response.json();
  }

  async function load(g) {
    gap = g;
    answer = null;
    $("curated-form").hidden = true;
    $("curated-error").textContent = "";
    $("curated-saved").textContent = "";
    try {
      const answers = await getJson(`/api/curated?gap=${encodeURIComponent(g.id)}`);
      if (gap !== g) return;
      answer = answers.find((a) => a.status === "active") || answers[0] || null;
    } catch (e) {
      $("curated-error").textContent = `The curated answer could not be loaded: ${e.message}`;
    }
    show();
  }

  function show() {
    const active = answer && answer.status === "active";
    $("curated-current").hidden = !answer;
    $("curated-write").hidden = active || !$("curated-form").hidden;
    $("curated-intro").hidden = Boolean(answer);
    if (!answer) return;
    $("curated-meta").textContent =
      `${active ? "Active" : "Retired"} · version ${answer.version} · by ${answer.updatedBy}, ${new Date(answer.updatedAt).toLocaleString()}` +
      ` · answers ${answer.questions.length} question${answer.questions.length === 1 ? "" : "s"}`;
    $("curated-text").textContent = answer.answer;
    $("curated-documents").replaceChildren(
      ...answer.documents.map((d) =>
        el("li", {}, d.available
          ? el("a", { href: `/api/documents/${d.id}/file`, target: "_blank", rel: "noopener" }, d.title || d.id)
          : `${d.id} (no longer available: this answer is not served until you replace it)`),
      ),
    );
    $("curated-edit").hidden = !active;
    $("curated-retire").hidden = !active;
  }

  function showChosen() {
    $("curated-chosen").replaceChildren(
      ...[...chosen].map(([id, title]) =>
        el("li", {}, title || id, " ",
          el("button", { type: "button", class: "secondary small", "aria-label": `Remove ${title || id}`, onclick: () => { chosen.delete(id); showChosen(); } }, "Remove")),
      ),
    );
  }

  function openForm(editing) {
    chosen = new Map();
    if (editing) {
      $("curated-answer").value = answer.answer;
      $("curated-questions").value = answer.questions.join("\n");
      answer.documents.forEach((d) => chosen.set(d.id, d.title));
    } else {
      $("curated-answer").value = "";
      const questions = [gap.label, ...gap.examples.map((x) => x.question)];
      $("curated-questions").value = [...new Set(questions)].join("\n");
    }
    $("curated-form").dataset.editing = editing ? "true" : "";
    showChosen();
    $("curated-found").replaceChildren();
    $("curated-form").hidden = false;
    $("curated-write").hidden = true;
    $("curated-current").hidden = true;
    $("curated-answer").focus();
  }

  async function find() {
    const q = $("curated-search").value.trim();
    if (!q) return;
    if (UUID.test(q)) {
      chosen.set(q.toLowerCase(), null);
      $("curated-search").value = "";
      showChosen();
      return;
    }
    try {
      const hits = await getJson(`/api/search?q=${encodeURIComponent(q)}&k=10`);
      const documents = new Map();
      hits.forEach((h) => { if (!documents.has(h.documentId)) documents.set(h.documentId, h.title); });
      $("curated-found").replaceChildren(
        ...(documents.size
          ? [...documents].map(([id, title]) =>
            el("li", {}, title || id, " ",
              el("button", { type: "button", class: "secondary small", onclick: () => { chosen.set(id, title); showChosen(); } }, "Add")))
          : [el("li", { class: "muted" }, "No document you can read matches.")]),
      );
    } catch (e) {
      $("curated-error").textContent = `The search failed: ${e.message}`;
    }
  }

  async function save(event) {
    event.preventDefault();
    const editing = $("curated-form").dataset.editing === "true";
    const body = {
      answer: $("curated-answer").value,
      documents: [...chosen.keys()],
      questions: $("curated-questions").value.split("\n").map((q) => q.trim()).filter(Boolean),
    };
    if (!editing) body.gapId = gap.id;
    const response = await Docent.send(editing ? `/api/curated/${answer.id}` : "/api/curated", {
      method: editing ? "PATCH" : "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      $("curated-error").textContent = await problem(response);
      return;
    }
    answer = await response.json();
    $("curated-error").textContent = "";
    $("curated-form").hidden = true;
    show();
    $("curated-saved").textContent = editing ? "Saved: questions like these now get the new text." : "Saved: questions like these now get this answer. The gap is marked resolved.";
    if (!editing && window.Docent.gaps) {
      await window.Docent.gaps.open(gap.id);
      window.Docent.gaps.reload();
    }
  }

  async function retire() {
    if (!answer || !window.confirm("Retire this curated answer? Questions will be answered from the documents again.")) return;
    const response = await Docent.send(`/api/curated/${answer.id}/retire`, { method: "POST", headers: { Accept: "application/json" } });
    if (!response.ok) {
      $("curated-error").textContent = await problem(response);
      return;
    }
    answer = await response.json();
    show();
    $("curated-write").hidden = false;
    $("curated-saved").textContent = "Retired: it is no longer given to anyone.";
  }

  document.addEventListener("docent:gap", (event) => {
    // Reopening the same gap after a save keeps the saved message; another gap starts afresh.
    const saved = gap && gap.id === event.detail.id ? $("curated-saved").textContent : "";
    load(event.detail).then(() => { $("curated-saved").textContent = saved; });
  });
  document.addEventListener("DOMContentLoaded", () => {
    $("curated-write").addEventListener("click", () => openForm(false));
    $("curated-edit").addEventListener("click", () => openForm(true));
    $("curated-retire").addEventListener("click", retire);
    $("curated-cancel").addEventListener("click", () => { $("curated-form").hidden = true; show(); });
    $("curated-find").addEventListener("click", find);
    $("curated-search").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); find(); } });
    $("curated-form").addEventListener("submit", save);
  });
})();
