// The documents page: parallel uploads with progress and cancel, live ingestion status over
// server-sent events, a filterable and sortable table, parse reports, re-index and delete.
"use strict";

(() => {
  const MAX_PARALLEL_UPLOADS = 3;
  const $ = (selector) => document.querySelector(selector);
  const state = { documents: new Map(), sort: "uploadedAt", queue: [], active: 0 };

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  };

  const size = (bytes) => {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  };
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");
  const shortType = (type) => (type ? type.replace(/^application\/(vnd\.openxmlformats-officedocument\.)?/, "").replace(/^text\//, "") : "");

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  async function api(path, options = {}) {
    const response = await fetch(path, { credentials: "same-origin", ...options });
    if (response.status === 401 || response.redirected) {
      throw new Error("Your session has expired: reload the page to sign in again.");
    }
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  // ---- collections ----
  async function loadCollections(select) {
    const collections = await api("/api/collections");
    for (const target of [$("#collection"), $("#filter-collection")]) {
      const keep = target.value;
      target.querySelectorAll("option[data-collection]").forEach((o) => o.remove());
      for (const c of collections) {
        const label = c.groups.length ? `${c.name} (${c.groups.join(", ")})` : c.name;
        target.append(el("option", { value: c.name, "data-collection": true }, c.localOnly ? `${label} · local only` : label));
      }
      target.value = select && target.id === "collection" ? select : keep || (target.id === "collection" ? "general" : "");
    }
  }

  function setUpCollectionForm() {
    const form = $("#new-collection");
    const toggle = $("#new-collection-toggle");
    toggle.addEventListener("click", () => {
      form.hidden = !form.hidden;
      toggle.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) form.elements.name.focus();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const error = form.querySelector(".form-error");
      error.textContent = "";
      const groups = form.elements.groups.value.split(",").map((g) => g.trim()).filter(Boolean);
      try {
        const created = await api("/api/collections", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name: form.elements.name.value.trim(), groups, localOnly: form.elements.localOnly.checked }),
        });
        form.reset();
        form.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        await loadCollections(created.name);
      } catch (e) {
        error.textContent = e.message;
      }
    });
  }

  // ---- uploads ----
  function enqueue(files) {
    const collection = $("#collection").value;
    for (const file of files) {
      const bar = el("progress", { max: 100, value: 0, "aria-label": `Uploading ${file.name}` });
      const status = el("span", { class: "upload-status" }, "waiting");
      const item = el("li", { class: "upload" }, el("span", { class: "upload-name" }, file.name), bar, status);
      const task = { file, collection, item, bar, status, xhr: null, cancelled: false };
      const cancel = el("button", { type: "button", class: "secondary small", onclick: () => cancelUpload(task) }, "Cancel");
      item.append(cancel);
      task.cancel = cancel;
      $("#uploads").prepend(item);
      state.queue.push(task);
    }
    pump();
  }

  function cancelUpload(task) {
    task.cancelled = true;
    if (task.xhr) task.xhr.abort();
    finishUpload(task, "cancelled", "cancelled");
  }

  function finishUpload(task, text, kind) {
    task.status.textContent = text;
    task.item.classList.add(kind);
    task.cancel.remove();
  }

  function pump() {
    while (state.active < MAX_PARALLEL_UPLOADS && state.queue.length) {
      const task = state.queue.shift();
      if (task.cancelled) continue;
      state.active++;
      upload(task).finally(() => {
        state.active--;
        pump();
      });
    }
  }

  function upload(task) {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("file", task.file);
      form.append("collection", task.collection);
      const xhr = new XMLHttpRequest();
      task.xhr = xhr;
      xhr.open("POST", "/api/documents");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          task.bar.value = Math.round((100 * e.loaded) / e.total);
          task.status.textContent = `uploading ${task.bar.value} %`;
        }
      };
      xhr.onload = () => {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON: keep the status text */
        }
        if (xhr.status === 202 || xhr.status === 200) {
          task.bar.value = 100;
          finishUpload(task, xhr.status === 200 ? "already in the knowledge base" : "uploaded, ingesting…", "done");
          upsert(body);
        } else {
          finishUpload(task, body.detail || `failed (HTTP ${xhr.status})`, "failed");
        }
        resolve();
      };
      xhr.onerror = () => {
        finishUpload(task, "network error: check your connection and try again", "failed");
        resolve();
      };
      xhr.onabort = () => resolve();
      task.status.textContent = "uploading";
      xhr.send(form);
    });
  }

  function setUpDropzone() {
    const zone = $("#dropzone");
    const picker = $("#file-picker");
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      enqueue([...e.dataTransfer.files]);
    });
    zone.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") picker.click();
    });
    picker.addEventListener("change", () => {
      enqueue([...picker.files]);
      picker.value = "";
    });
  }

  // ---- the table ----
  function upsert(doc) {
    if (!doc || !doc.id) return;
    state.documents.set(doc.id, { ...(state.documents.get(doc.id) || {}), ...doc });
    render();
  }

  function visible() {
    const text = $("#filter-text").value.trim().toLowerCase();
    const collection = $("#filter-collection").value;
    const status = $("#filter-status").value;
    const compare = {
      title: (a, b) => (a.title || a.fileName).localeCompare(b.title || b.fileName),
      size: (a, b) => b.sizeBytes - a.sizeBytes,
      chunks: (a, b) => (b.chunks || 0) - (a.chunks || 0),
      status: (a, b) => a.status.localeCompare(b.status),
      uploadedAt: (a, b) => (b.uploadedAt || "").localeCompare(a.uploadedAt || ""),
    }[state.sort];
    return [...state.documents.values()]
      .filter((d) => !collection || d.collection === collection)
      .filter((d) => !status || d.status === status)
      .filter((d) => !text || `${d.title || ""} ${d.fileName}`.toLowerCase().includes(text))
      .sort(compare);
  }

  function statusCell(doc) {
    const cell = el("td", { class: `status status-${doc.status}` }, el("span", { class: "badge" }, doc.status));
    if (doc.status === "processing") {
      cell.append(el("progress", { max: 100, value: Math.round(100 * (doc.progress || 0)), "aria-label": `Ingesting ${doc.fileName}` }));
      if (doc.stage) cell.append(el("span", { class: "muted stage" }, doc.stage));
    }
    if (doc.error) cell.append(el("p", { class: doc.status === "failed" ? "error-detail" : "muted" }, doc.error));
    return cell;
  }

  function row(doc) {
    const actions = el(
      "td",
      { class: "actions" },
      el("button", { type: "button", class: "secondary small", onclick: () => showReport(doc.id), disabled: doc.status !== "ready" }, "Report"),
      el("button", { type: "button", class: "secondary small", onclick: () => reindex(doc.id) }, "Re-index"),
      el("button", { type: "button", class: "danger small", onclick: () => remove(doc) }, "Delete"),
    );
    return el(
      "tr",
      { "data-id": doc.id },
      el("td", {}, el("a", { href: `/api/documents/${doc.id}/file`, target: "_blank", rel: "noopener" }, doc.title || doc.fileName),
        doc.title && doc.title !== doc.fileName ? el("div", { class: "muted" }, doc.fileName) : null),
      el("td", {}, doc.collection),
      el("td", {}, shortType(doc.mediaType)),
      el("td", {}, size(doc.sizeBytes)),
      el("td", {}, doc.pages ?? ""),
      el("td", {}, doc.chunks ?? ""),
      statusCell(doc),
      el("td", {}, el("div", {}, doc.uploadedBy), el("div", { class: "muted" }, when(doc.uploadedAt))),
      actions,
    );
  }

  function render() {
    const docs = visible();
    $("#documents tbody").replaceChildren(...docs.map(row));
    $("#empty").hidden = state.documents.size > 0;
    $("#documents").hidden = state.documents.size === 0;
    document.querySelectorAll("[data-sort]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.sort === state.sort)));
  }

  async function showReport(id) {
    const doc = await api(`/api/documents/${id}`);
    const report = doc.report || {};
    const rows = [
      ["Document", doc.title || doc.fileName],
      ["Type", report.mediaType],
      ["Pages", report.pages],
      ["Characters extracted", report.characters],
      ["Empty pages", report.emptyPages],
      ["Headings found", report.headings],
      ["Chunks", report.chunks],
      ["Tokens", report.tokens],
      ["Embedding model", report.embeddingModel],
      ["Parsing", report.parseMs !== undefined ? `${report.parseMs} ms` : ""],
      ["Chunking", report.chunkMs !== undefined ? `${report.chunkMs} ms` : ""],
      ["Embedding", report.embedMs !== undefined ? `${report.embedMs} ms` : ""],
      ["Storing", report.storeMs !== undefined ? `${report.storeMs} ms` : ""],
    ];
    $("#report-body").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v ?? "")]));
    $("#report").showModal();
  }

  async function reindex(id) {
    try {
      upsert(await api(`/api/documents/${id}/reindex`, { method: "POST" }));
    } catch (e) {
      showError(e.message);
    }
  }

  async function remove(doc) {
    if (!confirm(`Delete "${doc.title || doc.fileName}"? Its passages disappear from answers at once.`)) return;
    try {
      await api(`/api/documents/${doc.id}`, { method: "DELETE" });
      state.documents.delete(doc.id);
      render();
    } catch (e) {
      showError(e.message);
    }
  }

  function listen() {
    const events = new EventSource("/api/documents/events");
    events.onmessage = (e) => upsert(JSON.parse(e.data));
    events.onerror = () => {
      // The browser reconnects by itself; refresh the list so nothing missed while away stays stale.
      setTimeout(() => refresh().catch((e) => showError(e.message)), 2000);
    };
  }

  async function refresh() {
    const docs = await api("/api/documents?limit=5000");
    state.documents = new Map(docs.map((d) => [d.id, d]));
    render();
  }

  function showError(message) {
    const banner = $("#page-error");
    banner.textContent = message;
    banner.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", async () => {
    setUpDropzone();
    setUpCollectionForm();
    ["#filter-text", "#filter-collection", "#filter-status"].forEach((s) => $(s).addEventListener("input", render));
    document.querySelectorAll("[data-sort]").forEach((b) =>
      b.addEventListener("click", () => {
        state.sort = b.dataset.sort;
        render();
      }),
    );
    try {
      await loadCollections();
      listen();
      await refresh();
    } catch (e) {
      showError(e.message);
    }
  });
})();
