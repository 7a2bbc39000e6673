// The documents page's sources: websites and server folders kept in sync, with each source's latest sync report.
"use strict";

(() => {
  const { el, problem } = window.Docent;
  const $ = (selector) => document.querySelector(selector);
  const REFRESH_WHILE_SYNCING_MS = 2000;

  async function api(path, options = {}) {
    const response = await Docent.send(path, { credentials: "same-origin", ...options });
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function summary(sync) {
    if (!sync) return el("span", { class: "muted" }, "not synced yet");
    if (sync.status === "running") return el("span", { class: "badge" }, "syncing…");
    const when = sync.finishedAt ? new Date(sync.finishedAt).toLocaleString() : "";
    if (sync.status === "failed") return el("span", { class: "sync-failed" }, `failed ${when}: ${sync.error}`);
    const text = `${sync.added} added, ${sync.changed} changed, ${sync.removed} removed, ${sync.unchanged} unchanged, ${sync.failed} failed · ${when}`;
    const details = sync.details || {};
    const lines = [
      ...(details.failed || []).map((f) => el("li", {}, el("strong", {}, f.item), ": ", f.reason)),
      ...["added", "changed", "removed"].flatMap((kind) => (details[kind] || []).map((item) => el("li", {}, `${kind}: `, item))),
    ];
    if (details.truncated) lines.unshift(el("li", {}, details.truncated));
    if (!lines.length) return el("span", {}, text);
    return el("details", { class: "sync-report" }, el("summary", {}, text), el("ul", {}, lines));
  }

  function row(source) {
    const sync = el("button", { type: "button", class: "secondary small" }, "Sync now");
    sync.addEventListener("click", async () => {
      try {
        await api(`/api/sources/${source.id}/sync`, { method: "POST" });
        await load();
      } catch (e) {
        alert(e.message);
      }
    });
    const remove = el("button", { type: "button", class: "secondary small danger" }, "Delete");
    remove.addEventListener("click", async () => {
      if (!confirm(`Delete the source "${source.name}" and the ${plural(source.items, "document", "documents")} it added?`)) return;
      try {
        await api(`/api/sources/${source.id}`, { method: "DELETE" });
        await load();
      } catch (e) {
        alert(e.message);
      }
    });
    return el(
      "tr",
      { "data-source": source.name },
      el("td", { class: "title-cell" }, el("div", {}, el("strong", {}, source.name), ` · ${source.type}`),
        el("div", { class: "muted small-text" }, source.location),
        el("div", { class: "muted small-text" }, `every ${source.syncEveryMinutes} min`)),
      el("td", { "data-label": "Collection" }, source.collection),
      el("td", { class: "num", "data-label": "Items" }, source.items),
      el("td", { class: "last-sync", "data-label": "Last sync" }, summary(source.lastSync)),
      el("td", { class: "actions" }, sync, remove),
    );
  }

  async function load() {
    const sources = await api("/api/sources");
    $("#sources tbody").replaceChildren(...sources.map(row));
    $("#no-sources").hidden = sources.length > 0;
    clearTimeout(load.timer);
    const due = sources.some((s) => !s.lastSync || s.lastSync.status === "running" || (s.nextSyncAt && new Date(s.nextSyncAt) <= new Date()));
    if (due) load.timer = setTimeout(() => load().catch(() => {}), REFRESH_WHILE_SYNCING_MS);
  }

  async function loadCollections() {
    const collections = await api("/api/collections");
    $("#source-collection").replaceChildren(...collections.map((c) => el("option", { value: c.name }, c.name)));
    $("#source-collection").value = "general";
  }

  function setUpForm() {
    const form = $("#new-source");
    const type = form.elements.type;
    type.addEventListener("change", () => {
      form.elements.location.placeholder = type.value === "website" ? "https://docs.example.com/" : "/mnt/shares/handbook";
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const error = form.querySelector(".form-error");
      error.textContent = "";
      const body = Object.fromEntries(new FormData(form));
      body.syncEveryMinutes = Number(body.syncEveryMinutes);
      try {
        await api("/api/sources", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        form.elements.name.value = "";
        form.elements.location.value = "";
        await load();
      } catch (err) {
        error.textContent = err.message;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    setUpForm();
    loadCollections().catch(() => {});
    load().catch((e) => ($("#new-source .form-error").textContent = e.message));
  });
})();
