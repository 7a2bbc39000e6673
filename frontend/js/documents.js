// The documents page: parallel uploads with progress and cancel, live ingestion status over
// server-sent events, a filterable and sortable table, parse reports, re-index and delete.
"use strict";

(() => {
  const MAX_PARALLEL_UPLOADS = 3;
  const STATUS_ORDER = { queued: 0, processing: 1, ready: 2, failed: 2 };
  const TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "application/rtf": "RTF",
    "text/html": "HTML",
    "text/markdown": "Markdown",
    "text/plain": "Text",
  };
  const $ = (selector) => document.querySelector(selector);
  const state = {
    documents: new Map(),
    sort: "uploadedAt",
    descending: true,
    queue: [],
    active: 0,
    uploads: new Map(), // document id -> upload list entry
  };

  const { el, problem } = window.Docent;

  const size = (bytes) => {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  };
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");
  const typeName = (type) => (type ? TYPES[type] || type.replace(/^[a-z]+\//, "") : "—");
  const title = (doc) => doc.title || doc.fileName;

  function toast(message, isError = false) {
    const box = $("#toast");
    box.querySelector(".toast-text").textContent = message;
    box.classList.toggle("error", isError);
    box.hidden = false;
    clearTimeout(toast.timer);
    if (!isError) toast.timer = setTimeout(() => (box.hidden = true), 5000);
  }


  async function api(path, options = {}) {
    const response = await Docent.send(path, { credentials: "same-origin", ...options });
    if (response.status === 401 || response.redirected) {
      throw new Error("Your session has expired: reload the page to sign in again.");
    }
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  // ---- collections ----
  function collectionRow(c) {
    const groups = el("input", { value: c.groups.join(", "), "aria-label": `Groups that may read ${c.name}`, placeholder: "everyone" });
    const local = el("input", { type: "checkbox", "aria-label": `${c.name}: local models only` });
    local.checked = c.localOnly;
    const save = el("button", { type: "button", class: "secondary small", "data-action": "save" }, "Save");
    save.addEventListener("click", async () => {
      try {
        const updated = await api(`/api/collections/${encodeURIComponent(c.name)}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ groups: groups.value.split(",").map((g) => g.trim()).filter(Boolean), localOnly: local.checked }),
        });
        await loadCollections();
        toast(`"${updated.name}" is now readable by ${updated.groups.length ? updated.groups.join(", ") : "everyone"}.`);
      } catch (e) {
        toast(e.message, true);
      }
    });
    return el("tr", { "data-collection": c.name }, el("td", {}, c.name, c.description ? el("div", { class: "muted small-text" }, c.description) : null),
      el("td", {}, groups), el("td", {}, local), el("td", { class: "actions" }, save));
  }

  async function loadCollections(select) {
    const collections = await api("/api/collections");
    $("#collections tbody").replaceChildren(...collections.map(collectionRow));
    for (const target of [$("#collection"), $("#filter-collection")]) {
      const keep = target.value;
      target.querySelectorAll("option[data-collection]").forEach((o) => o.remove());
      for (const c of collections) {
        const label = c.groups.length ? `${c.name} (${c.groups.join(", ")})` : c.name;
        target.append(el("option", { value: c.name, "data-collection": true }, c.localOnly ? `${label} · local only` : label));
      }
      const fallback = target.id === "collection" ? "general" : "";
      target.value = select && target.id === "collection" ? select : keep || fallback;
    }
  }

  function setUpCollectionForm() {
    const form = $("#new-collection");
    const toggle = $("#new-collection-toggle");
    const show = (visible) => {
      form.hidden = !visible;
      toggle.setAttribute("aria-expanded", String(visible));
    };
    toggle.addEventListener("click", () => {
      show(form.hidden);
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
        show(false);
        await loadCollections(created.name);
        $("#collection").focus();
        toast(`Collection "${created.name}" created: new uploads go there.`);
      } catch (e) {
        error.textContent = e.message;
      }
    });
  }

  // ---- uploads ----
  function enqueue(files) {
    const collection = $("#collection").value;
    const maxBytes = Number($("#dropzone").dataset.maxBytes);
    $(".uploads-head").hidden = false;
    for (const file of files) {
      const bar = el("progress", { max: 100, value: 0, "aria-label": `Uploading ${file.name}` });
      const status = el("span", { class: "upload-status" }, "waiting");
      const item = el("li", { class: "upload" }, el("span", { class: "upload-name", title: file.name }, file.name), bar, status);
      const task = { file, collection, item, bar, status, xhr: null, cancelled: false };
      task.cancel = el("button", { type: "button", class: "secondary small", onclick: () => cancelUpload(task) }, "Cancel");
      item.append(task.cancel);
      $("#uploads").prepend(item);
      if (maxBytes && file.size > maxBytes) {
        finishUpload(task, `larger than the ${Math.round(maxBytes / 1024 / 1024)} MB upload limit: split it into smaller documents`, "failed");
        continue;
      }
      if (file.size === 0) {
        finishUpload(task, "empty file: there is nothing to ingest", "failed");
        continue;
      }
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
    task.item.classList.remove("done", "failed", "cancelled");
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
      xhr.setRequestHeader("X-CSRF-Token", Docent.csrfToken());
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
          /* not JSON: the status code says enough */
        }
        if (xhr.status === 202 || xhr.status === 200) {
          task.bar.value = 100;
          state.uploads.set(body.id, task);
          finishUpload(task, xhr.status === 200 ? "already in the knowledge base" : "uploaded, queued", "done");
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

  /** Keeps an upload's line in step with its document's ingestion. */
  function followUpload(doc) {
    const task = state.uploads.get(doc.id);
    if (!task) return;
    if (doc.status === "ready") finishUpload(task, `ready: ${doc.chunks} chunks`, "done");
    else if (doc.status === "failed") finishUpload(task, `failed: ${doc.error}`, "failed");
    else if (doc.status === "processing") task.status.textContent = `${doc.stage || "processing"} ${Math.round(100 * doc.progress)} %`;
  }

  function setUpDropzone() {
    const zone = $("#dropzone");
    const picker = $("#file-picker");
    zone.addEventListener("click", () => picker.click());
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
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        picker.click();
      }
    });
    picker.addEventListener("change", () => {
      enqueue([...picker.files]);
      picker.value = "";
    });
    $("#clear-uploads").addEventListener("click", () => {
      document.querySelectorAll("#uploads li.done, #uploads li.failed, #uploads li.cancelled").forEach((li) => li.remove());
    });
  }

  // ---- the table ----
  /** Applies a document version, unless a newer one was already seen (events and replies can cross). */
  function upsert(doc) {
    if (!doc || !doc.id) return;
    const known = state.documents.get(doc.id);
    const age = (d) => (d && d.updatedAt ? Date.parse(d.updatedAt) : 0);
    if (known && age(doc) < age(known)) return;
    if (known && age(doc) === age(known) && STATUS_ORDER[doc.status] < STATUS_ORDER[known.status]) return;
    state.documents.set(doc.id, { ...(known || {}), ...doc });
    followUpload(doc);
    render();
  }

  function visible() {
    const text = $("#filter-text").value.trim().toLowerCase();
    const collection = $("#filter-collection").value;
    const status = $("#filter-status").value;
    const compare = {
      title: (a, b) => title(a).localeCompare(title(b)),
      size: (a, b) => a.sizeBytes - b.sizeBytes,
      chunks: (a, b) => (a.chunks || 0) - (b.chunks || 0),
      status: (a, b) => a.status.localeCompare(b.status),
      uploadedAt: (a, b) => (a.uploadedAt || "").localeCompare(b.uploadedAt || ""),
    }[state.sort];
    const direction = state.descending ? -1 : 1;
    return [...state.documents.values()]
      .filter((d) => !collection || d.collection === collection)
      .filter((d) => !status || d.status === status)
      .filter((d) => !text || `${d.title || ""} ${d.fileName}`.toLowerCase().includes(text))
      .sort((a, b) => direction * compare(a, b));
  }

  function statusCell(doc) {
    const cell = el("td", { class: `status status-${doc.status}` }, el("span", { class: "badge" }, doc.status));
    if (doc.status === "processing") {
      cell.append(el("progress", { max: 100, value: Math.round(100 * (doc.progress || 0)), "aria-label": `Ingesting ${doc.fileName}` }));
      if (doc.stage) cell.append(el("span", { class: "muted stage" }, doc.stage));
    }
    return cell;
  }

  function fileLink(doc) {
    const inline = doc.mediaType === "application/pdf" || doc.mediaType === "text/plain";
    const attrs = inline ? { target: "_blank", rel: "noopener" } : { download: doc.fileName };
    return el("a", { href: `/api/documents/${doc.id}/file`, ...attrs, title: `Open the original file ${doc.fileName}` }, title(doc));
  }

  function rows(doc) {
    const action = (name, label, handler, options = {}) =>
      el("button", { type: "button", class: `${options.danger ? "danger" : "secondary"} small`, "data-action": name, onclick: handler, disabled: options.disabled }, label);
    const main = el(
      "tr",
      { "data-id": doc.id, class: doc.error ? "has-error" : "" },
      el("td", {}, fileLink(doc), doc.title && doc.title !== doc.fileName ? el("div", { class: "muted small-text" }, doc.fileName) : null),
      el("td", { class: "wide-only" }, doc.collection),
      el("td", { class: "wide-only" }, typeName(doc.mediaType)),
      el("td", { class: "num" }, size(doc.sizeBytes)),
      el("td", { class: "num wide-only" }, doc.pages ? doc.pages : "—"),
      el("td", { class: "num" }, doc.chunks ?? "—"),
      statusCell(doc),
      el("td", {}, el("div", {}, doc.uploadedBy), el("div", { class: "muted small-text" }, when(doc.uploadedAt))),
      el(
        "td",
        { class: "actions" },
        action("report", "Report", () => showReport(doc.id), { disabled: doc.status === "queued" || doc.status === "processing" }),
        action("reindex", "Re-index", () => reindex(doc)),
        action("delete", "Delete", () => remove(doc), { danger: true }),
      ),
    );
    if (!doc.error) return [main];
    const note = el("tr", { class: "error-row", "data-error-for": doc.id },
      el("td", { colspan: 9, class: doc.status === "failed" ? "error-detail" : "muted" }, doc.error));
    return [main, note];
  }

  function render() {
    // Rebuilding the rows must not lose the keyboard user's place: remember and restore the focused button.
    const focused = document.activeElement;
    const focusRow = focused && focused.closest ? focused.closest("tr[data-id]") : null;
    const focusKey = focusRow ? [focusRow.dataset.id, focused.dataset.action] : null;

    const docs = visible();
    $("#documents tbody").replaceChildren(...docs.flatMap(rows));
    const none = state.documents.size === 0;
    $("#empty").hidden = !none;
    $("#no-match").hidden = none || docs.length > 0;
    $("#documents").hidden = none || docs.length === 0;
    document.querySelectorAll("th[aria-sort]").forEach((th) => {
      const sorted = th.querySelector("[data-sort]").dataset.sort === state.sort;
      th.setAttribute("aria-sort", sorted ? (state.descending ? "descending" : "ascending") : "none");
    });

    if (focusKey) {
      const row = document.querySelector(`tr[data-id="${focusKey[0]}"]`);
      const button = row && row.querySelector(`[data-action="${focusKey[1]}"]`);
      if (button && !button.disabled) button.focus();
    }
  }

  async function showReport(id) {
    try {
      const doc = await api(`/api/documents/${id}`);
      const report = doc.report || {};
      const ms = (value) => (value !== undefined ? `${value} ms` : "—");
      const rowsOf = [
        ["Document", title(doc)],
        ["Status", doc.error ? `${doc.status}: ${doc.error}` : doc.status],
        ["Type", typeName(report.mediaType || doc.mediaType)],
        ["Pages", report.pages || "—"],
        ["Characters extracted", report.characters],
        ["Empty pages", report.emptyPages],
        ["Headings found", report.headings],
        ["Chunks", report.chunks],
        ["Tokens", report.tokens],
        ["Embedding model", report.embeddingModel],
        ["Parsing", ms(report.parseMs)],
        ["Chunking", ms(report.chunkMs)],
        ["Embedding", ms(report.embedMs)],
        ["Storing", ms(report.storeMs)],
      ];
      $("#report-body").replaceChildren(...rowsOf.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v ?? "—")]));
      $("#report").showModal();
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function reindex(doc) {
    try {
      upsert(await api(`/api/documents/${doc.id}/reindex`, { method: "POST" }));
      toast(`Re-indexing "${title(doc)}": its current chunks stay searchable until the new ones are ready.`);
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function remove(doc) {
    if (!confirm(`Delete "${title(doc)}"? Its passages disappear from answers at once.`)) return;
    const row = document.querySelector(`tr[data-id="${doc.id}"]`);
    const next = row && row.parentElement.querySelector(`tr[data-id="${doc.id}"] ~ tr[data-id]`);
    try {
      await api(`/api/documents/${doc.id}`, { method: "DELETE" });
      state.documents.delete(doc.id);
      render();
      const target = next && document.querySelector(`tr[data-id="${next.dataset.id}"] [data-action="delete"]`);
      (target || $("#filter-text")).focus();
      toast(`Deleted "${title(doc)}".`);
    } catch (e) {
      toast(e.message, true);
    }
  }

  function listen() {
    const events = new EventSource("/api/documents/events");
    events.onmessage = (e) => upsert(JSON.parse(e.data));
    events.onerror = () => {
      // The browser reconnects by itself; refresh the list so nothing missed meanwhile stays stale.
      setTimeout(() => refresh().catch((e) => toast(e.message, true)), 2000);
    };
  }

  async function refresh() {
    const docs = await api("/api/documents?limit=5000");
    state.documents = new Map(docs.map((d) => [d.id, d]));
    render();
  }

  document.addEventListener("DOMContentLoaded", async () => {
    setUpDropzone();
    setUpCollectionForm();
    $("#toast-close").addEventListener("click", () => ($("#toast").hidden = true));
    ["#filter-text", "#filter-collection", "#filter-status"].forEach((s) => $(s).addEventListener("input", render));
    $("#clear-filters").addEventListener("click", () => {
      ["#filter-text", "#filter-collection", "#filter-status"].forEach((s) => ($(s).value = ""));
      render();
    });
    document.querySelectorAll("[data-sort]").forEach((b) =>
      b.addEventListener("click", () => {
        state.descending = state.sort === b.dataset.sort ? !state.descending : ["size", "chunks", "uploadedAt"].includes(b.dataset.sort);
        state.sort = b.dataset.sort;
        render();
      }),
    );
    try {
      await loadCollections();
      listen();
      await refresh();
    } catch (e) {
      toast(e.message, true);
    }
  });
})();
