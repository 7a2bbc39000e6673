// The documents page: parallel uploads with progress and cancel, live ingestion status over
// server-sent events, a table the server pages, filters and sorts (100,000 documents stay fast), the
// queue with pause/resume and cancel, parse reports, re-index and delete.
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
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/tiff": "TIFF image",
  };
  const $ = (selector) => document.querySelector(selector);
  const state = {
    documents: new Map(), // the current page, in the server's order
    total: 0,
    offset: 0,
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
    const training = el("input", { type: "checkbox", "aria-label": `${c.name}: usable for training data`, "data-field": "trainingUse" });
    training.checked = c.trainingUse;
    const save = el("button", { type: "button", class: "secondary small", "data-action": "save" }, "Save");
    save.addEventListener("click", async () => {
      try {
        const updated = await api(`/api/collections/${encodeURIComponent(c.name)}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ groups: groups.value.split(",").map((g) => g.trim()).filter(Boolean), localOnly: local.checked, trainingUse: training.checked }),
        });
        await loadCollections();
        toast(`"${updated.name}" is now readable by ${updated.groups.length ? updated.groups.join(", ") : "everyone"}.`);
      } catch (e) {
        toast(e.message, true);
      }
    });
    const actions = el("td", { class: "actions" }, save);
    // "general" takes uploads that name no collection: it can be neither renamed nor deleted.
    if (c.name !== "general") {
      const rename = el("button", { type: "button", class: "secondary small", "data-action": "rename" }, "Rename");
      rename.addEventListener("click", async () => {
        const to = window.prompt(`New name for "${c.name}" (lower-case letters, digits, - and _):`, c.name);
        if (to === null || to.trim() === c.name) return;
        try {
          const renamed = await api(`/api/collections/${encodeURIComponent(c.name)}`, {
            method: "PUT",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ name: to.trim() }),
          });
          await loadCollections();
          toast(`"${c.name}" is now "${renamed.name}"; its documents moved with it.`);
        } catch (e) {
          toast(e.message, true);
        }
      });
      const remove = el("button", { type: "button", class: "danger small", "data-action": "delete" }, "Delete");
      remove.addEventListener("click", async () => {
        const typed = window.prompt(
          `Deleting "${c.name}" deletes all its documents, their chunks and original files. This cannot be undone.\n\nType the collection's name to confirm:`,
        );
        if (typed === null) return;
        try {
          await api(`/api/collections/${encodeURIComponent(c.name)}?confirm=${encodeURIComponent(typed.trim())}`, { method: "DELETE" });
          await loadCollections();
          refresh().catch((e) => toast(e.message, true));
          toast(`Collection "${c.name}" and its documents were deleted.`);
        } catch (e) {
          toast(e.message, true);
        }
      });
      actions.append(rename, remove);
    }
    return el("tr", { "data-collection": c.name }, el("td", { class: "collection-name" }, c.name, c.description ? el("div", { class: "muted small-text" }, c.description) : null),
      el("td", { class: "num count-documents", "data-label": "Documents" }, "…"), el("td", { class: "num count-chunks", "data-label": "Chunks" }, "…"),
      el("td", { "data-label": "Readable by" }, groups), el("td", { "data-label": "Local only" }, local),
      el("td", { "data-label": "Training data" }, training), actions);
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
    loadCounts().catch((e) => toast(e.message, true));
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
      const isZip = /\.zip$/i.test(file.name);
      task.zip = isZip;
      if (isZip && file.size > Number($("#dropzone").dataset.maxZipBytes)) {
        finishUpload(task, `larger than the ${Math.round(Number($("#dropzone").dataset.maxZipBytes) / 1024 / 1024)} MB limit for a ZIP: split it`, "failed");
        continue;
      }
      if (!isZip && maxBytes && file.size > maxBytes) {
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
      xhr.open("POST", task.zip ? "/api/documents/zip" : "/api/documents");
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
        if ((xhr.status === 202 || xhr.status === 200) && task.zip) {
          task.bar.value = 100;
          showZipReport(task, body);
        } else if (xhr.status === 202 || xhr.status === 200) {
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

  /** A ZIP's outcome on its upload line: counts, and each refused or skipped file with the reason. */
  function showZipReport(task, report) {
    const added = report.accepted.filter((a) => a.created).length;
    const present = report.accepted.length - added;
    const parts = [`${added} ${added === 1 ? "document" : "documents"} added`];
    if (present) parts.push(`${present} already there`);
    parts.push(`${report.refused.length} refused`);
    if (report.skipped.length) parts.push(`${report.skipped.length} skipped`);
    finishUpload(task, parts.join(", "), report.refused.length ? "failed" : "done");
    for (const a of report.accepted) upsert(a.document);
    const lines = [
      ...report.refused.map((r) => el("li", { class: "zip-refused" }, el("strong", {}, r.entry), ": ", r.reason)),
      ...report.skipped.map((r) => el("li", { class: "zip-skipped muted" }, el("strong", {}, r.entry), ": skipped, ", r.reason)),
    ];
    if (lines.length) {
      task.item.append(
        el("details", { class: "zip-report" }, el("summary", {}, "What was refused or skipped, and why"), el("ul", {}, lines)),
      );
    }
  }

  /** Keeps an upload's line in step with its document's ingestion. */
  function followUpload(doc) {
    const task = state.uploads.get(doc.id);
    if (!task) return;
    if (doc.status === "ready") finishUpload(task, `ready: ${doc.chunks === 1 ? "1 chunk" : `${doc.chunks} chunks`}`, "done");
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

  // ---- the table: one page from the server, which filters, sorts and counts ----
  const PAGE_SIZE = 50;
  const REFRESH_AT_MOST_EVERY_MS = 3000;

  /** Applies a document version to the page, unless a newer one was already seen (events and replies can cross). */
  function upsert(doc) {
    if (!doc || !doc.id) return;
    followUpload(doc);
    const known = state.documents.get(doc.id);
    if (!known) {
      // Not on this page: the page and the counts change, so reload them (at most every few seconds).
      scheduleRefresh();
      return;
    }
    const age = (d) => (d && d.updatedAt ? Date.parse(d.updatedAt) : 0);
    if (age(doc) < age(known)) return;
    if (age(doc) === age(known) && STATUS_ORDER[doc.status] < STATUS_ORDER[known.status]) return;
    const merged = { ...known, ...doc };
    if (doc.status !== "queued") delete merged.queue;
    state.documents.set(doc.id, merged);
    if (known.status !== doc.status) scheduleRefresh();
    renderRow(merged);
  }

  function scheduleRefresh() {
    if (state.refreshTimer) return;
    const wait = Math.max(0, REFRESH_AT_MOST_EVERY_MS - (Date.now() - (state.lastRefresh || 0)));
    state.refreshTimer = setTimeout(() => {
      state.refreshTimer = null;
      refresh().catch((e) => toast(e.message, true));
    }, wait);
  }

  const duration = (seconds) => {
    if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
    if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
    return `${(seconds / 3600).toFixed(1)} h`;
  };

  function statusCell(doc) {
    const cell = el("td", { class: `status status-${doc.status}` }, el("span", { class: "badge" }, doc.status));
    if (doc.status === "processing") {
      cell.append(el("progress", { max: 100, value: Math.round(100 * (doc.progress || 0)), "aria-label": `Ingesting ${doc.fileName}` }));
      if (doc.stage) cell.append(el("span", { class: "muted stage" }, doc.stage));
    }
    if (doc.status === "queued" && doc.queue) {
      const place = [`#${doc.queue.position} in queue`];
      if (doc.queue.priority) place.push("first: re-index");
      if (doc.queue.waitSeconds != null) place.push(`starts in ~${duration(doc.queue.waitSeconds)}`);
      if (doc.queue.paused) place.push("paused");
      cell.append(el("span", { class: "muted stage queue-place" }, place.join(" · ")));
    }
    return cell;
  }

  function fileLink(doc) {
    const inline = doc.mediaType === "application/pdf" || doc.mediaType === "text/plain";
    const attrs = inline ? { target: "_blank", rel: "noopener" } : { download: doc.fileName };
    return el("a", { href: `/api/documents/${doc.id}/file`, ...attrs, title: `Open the original file ${doc.fileName}` }, title(doc));
  }

  const plural = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

  function rows(doc) {
    const action = (name, label, handler, options = {}) =>
      el("button", { type: "button", class: `${options.danger ? "danger" : "secondary"} small`, "data-action": name, onclick: handler, disabled: options.disabled }, label);
    const actions = [
      action("report", "Report", () => showReport(doc.id), { disabled: doc.status === "queued" || doc.status === "processing" }),
      doc.status === "queued" ? action("cancel", "Cancel", () => cancel(doc)) : action("reindex", "Re-index", () => reindex(doc)),
      action("delete", "Delete", () => remove(doc), { danger: true }),
    ];
    const main = el(
      "tr",
      { "data-id": doc.id, class: doc.error ? "has-error" : "" },
      el("td", { class: "title-cell", "data-label": "Title" }, fileLink(doc), doc.title && doc.title !== doc.fileName ? el("div", { class: "muted small-text" }, doc.fileName) : null),
      el("td", { class: "wide-only" }, doc.collection),
      el("td", { class: "wide-only type" }, typeName(doc.mediaType)),
      el("td", { class: "num", "data-label": "Size" }, size(doc.sizeBytes)),
      el("td", { class: "num wide-only" }, doc.pages ? doc.pages : "—"),
      el("td", { class: "num", "data-label": "Chunks" }, doc.chunks ?? "—"),
      statusCell(doc),
      el("td", { class: "uploaded" }, el("div", {}, doc.uploadedBy), el("div", { class: "muted small-text" }, when(doc.uploadedAt))),
      el("td", { class: "actions" }, ...actions),
    );
    if (!doc.error) return [main];
    const note = el("tr", { class: "error-row", "data-error-for": doc.id },
      el("td", { colspan: 9, class: doc.status === "failed" ? "error-detail" : "muted" }, doc.error));
    return [main, note];
  }

  /** Replaces one document's rows in place, keeping the focus where it was. */
  function renderRow(doc) {
    keepingFocus(() => {
      const row = document.querySelector(`#documents tr[data-id="${doc.id}"]`);
      if (!row) return;
      const note = document.querySelector(`#documents tr[data-error-for="${doc.id}"]`);
      if (note) note.remove();
      row.replaceWith(...rows(doc));
    });
  }

  /** Rebuilding rows must not lose the keyboard user's place: remember and restore the focused button. */
  function keepingFocus(work) {
    const focused = document.activeElement;
    const focusRow = focused && focused.closest ? focused.closest("tr[data-id]") : null;
    const focusKey = focusRow ? [focusRow.dataset.id, focused.dataset.action] : null;
    work();
    if (focusKey) {
      const row = document.querySelector(`tr[data-id="${focusKey[0]}"]`);
      const button = row && row.querySelector(`[data-action="${focusKey[1]}"]`);
      if (button && !button.disabled) button.focus();
    }
  }

  function filtersSet() {
    return Boolean($("#filter-text").value.trim() || $("#filter-collection").value || $("#filter-status").value);
  }

  function render() {
    const docs = [...state.documents.values()];
    keepingFocus(() => $("#documents tbody").replaceChildren(...docs.flatMap(rows)));
    const none = state.total === 0 && !filtersSet();
    $("#empty").hidden = !none;
    $("#no-match").hidden = none || state.total > 0;
    $("#documents").hidden = state.total === 0;
    const first = state.total === 0 ? 0 : state.offset + 1;
    const last = state.offset + docs.length;
    $("#list-count").textContent = state.total === 0
      ? ""
      : `${first.toLocaleString()}–${last.toLocaleString()} of ${plural(state.total, "document", "documents")}`;
    $("#pager").hidden = state.total <= PAGE_SIZE;
    $("#page-prev").disabled = state.offset === 0;
    $("#page-next").disabled = last >= state.total;
    document.querySelectorAll("th[aria-sort]").forEach((th) => {
      const sorted = th.querySelector("[data-sort]").dataset.sort === state.sort;
      th.setAttribute("aria-sort", sorted ? (state.descending ? "descending" : "ascending") : "none");
    });
  }

  /** Which pages OCR read, with Tesseract's confidence, and what it left out. */
  function ocrRows(ocr) {
    if (!ocr) return [];
    const pages = ocr.pages.map((p) => `p. ${p.page}: ${Math.round(p.confidence)} %`).join(", ");
    const rows = [["Read by OCR", `${ocr.pages.length} ${ocr.pages.length === 1 ? "page" : "pages"} (${ocr.languages})`], ["OCR confidence", pages || "—"]];
    if (ocr.pagesLeftOut) rows.push(["Left out", `${ocr.pagesLeftOut} ${ocr.pagesLeftOut === 1 ? "page" : "pages"} (${ocr.reason})`]);
    return rows;
  }

  async function showReport(id) {
    try {
      const doc = await api(`/api/documents/${id}`);
      const report = doc.report || {};
      // Chunks that address instructions to a model are kept out of answers until an admin releases them.
      const safetyRow = (safety) => !safety ? "—" : safety.flagged === 0 ? "none"
        : `${safety.flagged} chunk(s): ${Object.entries(safety.causes || {}).map(([c, n]) => `${c.replaceAll("_", " ")} ${n}`).join(", ")}`;
      const ms = (value) => (value !== undefined ? `${value} ms` : "—");
      const rowsOf = [
        ["Document", title(doc)],
        ["Status", doc.error ? `${doc.status}: ${doc.error}` : doc.status],
        ["Type", typeName(report.mediaType || doc.mediaType)],
        ["Pages", report.pages || "—"],
        ["Characters extracted", report.characters],
        ["Empty pages", report.emptyPages],
        ["Headings found", report.headings],
        ...ocrRows(report.ocr),
        ["Chunks", report.chunks],
        ["Flagged by the safety scan", safetyRow(report.safety)],
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
      toast(`Re-indexing "${title(doc)}" ahead of the queue: its current chunks stay searchable until the new ones are ready.`);
      scheduleRefresh();
    } catch (e) {
      toast(e.message, true);
    }
  }

  async function cancel(doc) {
    try {
      upsert(await api(`/api/documents/${doc.id}/cancel`, { method: "POST" }));
      toast(`"${title(doc)}" was taken out of the queue.`);
      scheduleRefresh();
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
      state.total = Math.max(0, state.total - 1);
      render();
      const target = next && document.querySelector(`tr[data-id="${next.dataset.id}"] [data-action="delete"]`);
      (target || $("#filter-text")).focus();
      toast(`Deleted "${title(doc)}".`);
      scheduleRefresh();
    } catch (e) {
      toast(e.message, true);
    }
  }

  // ---- the queue ----
  function renderQueue(queue) {
    state.ingestionQueue = queue;
    const parts = [];
    parts.push(queue.waiting ? `${plural(queue.waiting, "document", "documents")} waiting` : "Queue empty");
    if (queue.running) parts.push(`${queue.running} in progress`);
    if (queue.documentsPerMinute) parts.push(`${Math.round(queue.documentsPerMinute)} per minute`);
    if (queue.waiting && queue.drainSeconds) parts.push(`all started in ~${duration(queue.drainSeconds)}`);
    if (queue.paused) parts.push("paused");
    $("#queue-summary").textContent = parts.join(" · ");
    const toggle = $("#queue-toggle");
    toggle.textContent = queue.paused ? "Resume ingestion" : "Pause ingestion";
    toggle.setAttribute("aria-pressed", String(queue.paused));
  }

  async function loadQueue() {
    renderQueue(await api("/api/documents/queue"));
  }

  async function toggleQueue() {
    try {
      const paused = state.ingestionQueue && state.ingestionQueue.paused;
      renderQueue(await api(`/api/documents/queue/${paused ? "resume" : "pause"}`, { method: "POST" }));
      toast(paused ? "Ingestion resumed." : "Ingestion paused: documents being processed finish, queued ones wait.");
      scheduleRefresh();
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

  function query() {
    const params = new URLSearchParams({ sort: state.sort, dir: state.descending ? "desc" : "asc", offset: state.offset, limit: PAGE_SIZE });
    const text = $("#filter-text").value.trim();
    if (text) params.set("q", text);
    if ($("#filter-collection").value) params.set("collection", $("#filter-collection").value);
    if ($("#filter-status").value) params.set("status", $("#filter-status").value);
    return params;
  }

  /** Loads the current page; a newer request supersedes an older one still running (fast typing). */
  async function refresh() {
    state.lastRefresh = Date.now();
    if (state.pending) state.pending.abort();
    const controller = new AbortController();
    state.pending = controller;
    let page;
    try {
      page = await api(`/api/documents?${query()}`, { signal: controller.signal });
    } catch (e) {
      if (e.name === "AbortError") return;
      throw e;
    } finally {
      if (state.pending === controller) state.pending = null;
    }
    if (page.items.length === 0 && page.total > 0 && state.offset > 0) {
      // The page emptied (deletes elsewhere): show the last one that has documents.
      state.offset = Math.max(0, Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE);
      return refresh();
    }
    state.total = page.total;
    state.documents = new Map(page.items.map((d) => [d.id, d]));
    render();
    $("#documents").setAttribute("aria-busy", "false");
    refreshCounts();
  }

  /** Collection counts and the queue change with every document: reload them at most every few seconds. */
  function refreshCounts() {
    if (state.countsTimer) return;
    state.countsTimer = setTimeout(() => (state.countsTimer = null), REFRESH_AT_MOST_EVERY_MS);
    Promise.all([loadCounts(), loadQueue()]).catch((e) => toast(e.message, true));
  }

  async function loadCounts() {
    const counts = await api("/api/documents/counts");
    for (const c of counts) {
      const row = document.querySelector(`#collections tr[data-collection="${CSS.escape(c.collection)}"]`);
      if (!row) continue;
      row.querySelector(".count-documents").textContent = c.documents.toLocaleString();
      row.querySelector(".count-chunks").textContent = c.chunks.toLocaleString();
    }
  }

  function onFilterChange() {
    state.offset = 0;
    refresh().catch((e) => toast(e.message, true));
  }

  document.addEventListener("DOMContentLoaded", async () => {
    setUpDropzone();
    setUpCollectionForm();
    $("#toast-close").addEventListener("click", () => ($("#toast").hidden = true));
    let typing;
    $("#filter-text").addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(onFilterChange, 250);
    });
    ["#filter-collection", "#filter-status"].forEach((s) => $(s).addEventListener("change", onFilterChange));
    $("#clear-filters").addEventListener("click", () => {
      ["#filter-text", "#filter-collection", "#filter-status"].forEach((s) => ($(s).value = ""));
      onFilterChange();
    });
    $("#page-prev").addEventListener("click", () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      refresh().catch((e) => toast(e.message, true));
    });
    $("#page-next").addEventListener("click", () => {
      state.offset += PAGE_SIZE;
      refresh().catch((e) => toast(e.message, true));
    });
    $("#queue-toggle").addEventListener("click", toggleQueue);
    document.querySelectorAll("[data-sort]").forEach((b) =>
      b.addEventListener("click", () => {
        state.descending = state.sort === b.dataset.sort ? !state.descending : ["size", "chunks", "uploadedAt"].includes(b.dataset.sort);
        state.sort = b.dataset.sort;
        onFilterChange();
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
