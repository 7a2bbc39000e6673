// The chat page: conversations in the sidebar (searched, paged, renamed, deleted), answers streamed over server-sent
// events from a POST, citation markers turned into buttons that open the cited passage in a side panel.
"use strict";

(() => {
  const MAX_QUESTION = 4000;
  const COUNTER_FROM = 3600;
  const MARKER = /(\s*)\[(\d+(?:\s*,\s*\d+)*)\]/g;
  const PARTIAL_MARKER = /\s*\[[\d,\s]*$/;
  const $ = (selector) => document.querySelector(selector);
  const state = {
    conversationId: null,
    conversations: [],
    next: null, // where the next page of conversations starts, or null
    search: "",
    listToken: 0,
    title: null,
    streaming: null, // { controller, exchange } while an answer streams
    loadToken: 0,
    citationTrigger: null,
    citation: null,
  };

  const { el, problem } = window.Docent;

  const number = (n) => n.toLocaleString("en");
  const time = (date) => date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  /** A date people read at a glance: "Today, 14:05", "Yesterday, 09:12", "3 Dec" this year, else with the year. */
  function when(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    const now = new Date();
    const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    if (date.toDateString() === now.toDateString()) return `Today, ${time(date)}`;
    if (date.toDateString() === yesterday.toDateString()) return `Yesterday, ${time(date)}`;
    const options = { day: "numeric", month: "short" };
    if (date.getFullYear() !== now.getFullYear()) options.year = "numeric";
    return date.toLocaleDateString([], options);
  }
  const fullDate = (iso) => (iso ? new Date(iso).toLocaleString([], { dateStyle: "full", timeStyle: "short" }) : "");

  class ProblemError extends Error {}


  /** Fetches same-origin; turns an expired session and problem+json answers into errors a user can act on. */
  async function request(path, options = {}) {
    let response;
    try {
      response = await Docent.send(path, { credentials: "same-origin", redirect: "manual", ...options });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new ProblemError("Docent could not be reached: check your connection and try again.");
    }
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 499) {
      throw new ProblemError("Your session has expired: reload the page to sign in again.");
    }
    if (!response.ok) throw new ProblemError(await problem(response));
    return response;
  }

  const getJson = async (path) => (await request(path, { headers: { Accept: "application/json" } })).json();

  // ---- the conversation list ----
  /** Loads the first page of conversations (matching the search), or with `more` the page after the loaded ones. */
  async function loadConversations({ more = false } = {}) {
    const token = ++state.listToken;
    const params = new URLSearchParams();
    if (state.search) params.set("q", state.search);
    if (more && state.next) params.set("before", state.next);
    const moreButton = $("#more-conversations");
    moreButton.disabled = true;
    try {
      const query = params.toString();
      const page = await getJson(`/api/chat/conversations${query ? `?${query}` : ""}`);
      if (token !== state.listToken) return;
      const known = new Set(more ? state.conversations.map((c) => c.id) : []);
      state.conversations = (more ? state.conversations : []).concat(page.conversations.filter((c) => !known.has(c.id)));
      state.next = page.next;
      $("#conversations-error").textContent = "";
    } catch (e) {
      if (token !== state.listToken) return;
      $("#conversations-error").textContent = e.message;
    } finally {
      if (token === state.listToken) moreButton.disabled = false;
    }
    renderConversations();
  }

  function renderConversations() {
    const items = state.conversations.map((c) =>
      el(
        "li",
        {},
        el(
          "a",
          {
            href: `/chat?c=${encodeURIComponent(c.id)}`,
            class: "conversation",
            "data-id": c.id,
            "aria-current": c.id === state.conversationId ? "page" : null,
            onclick: (event) => {
              if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
              event.preventDefault();
              if (c.id !== state.conversationId) openConversation(c.id, { push: true });
            },
          },
          el("span", { class: "conversation-name" }, c.title || "Untitled"),
          el("time", { class: "conversation-date", datetime: c.updatedAt, title: fullDate(c.updatedAt) }, when(c.updatedAt)),
        ),
      ),
    );
    $("#conversations").replaceChildren(...items);
    const none = $("#no-conversations");
    none.hidden = state.conversations.length > 0;
    none.textContent = state.search ? `No conversations match “${state.search}”` : "No conversations yet";
    $("#more-conversations").hidden = !state.next;
  }

  function setConversation(id, title, { push = false, replace = false } = {}) {
    if (id !== state.conversationId) closeRename();
    state.conversationId = id;
    state.title = title || null;
    $("#conversation-title").textContent = title || "New conversation";
    $("#conversation-actions").hidden = !id || !$("#rename-form").hidden;
    document.title = `${title ? `${title} · ` : ""}Chat · Docent`;
    const url = id ? `/chat?c=${encodeURIComponent(id)}` : "/chat";
    if (push && location.pathname + location.search !== url) history.pushState({ c: id }, "", url);
    else if (replace) history.replaceState({ c: id }, "", url);
    renderConversations();
  }

  async function openConversation(id, { push = false } = {}) {
    stopStreaming();
    closeCitation(false);
    const token = ++state.loadToken;
    setConversation(id, state.conversations.find((c) => c.id === id)?.title, { push });
    $("#messages").replaceChildren();
    $("#welcome").hidden = true;
    $("#ask-error").textContent = "";
    $("#conversation-status").textContent = "";
    try {
      const conversation = await getJson(`/api/chat/conversations/${encodeURIComponent(id)}`);
      if (token !== state.loadToken) return;
      setConversation(conversation.id, conversation.title);
      $("#messages").replaceChildren(...conversation.messages.map((m) => exchange(m.question, m).item));
      $("#welcome").hidden = conversation.messages.length > 0;
      showNewest($("#messages").lastElementChild);
    } catch (e) {
      if (token !== state.loadToken) return;
      setConversation(null, null, { replace: true });
      $("#welcome").hidden = false;
      $("#ask-error").textContent = `That conversation could not be opened: ${e.message}`;
    }
  }

  function newConversation({ push = true } = {}) {
    stopStreaming();
    closeCitation(false);
    state.loadToken++;
    setConversation(null, null, { push });
    $("#messages").replaceChildren();
    $("#welcome").hidden = false;
    $("#ask-error").textContent = "";
    $("#conversation-status").textContent = "";
    $("#question").focus();
  }

  // ---- renaming and deleting the open conversation ----
  function openRename() {
    const form = $("#rename-form");
    $("#rename-title").value = state.title || "";
    $("#rename-error").textContent = "";
    form.hidden = false;
    $("#conversation-title").hidden = true;
    $("#conversation-actions").hidden = true;
    $("#rename-title").focus();
    $("#rename-title").select();
  }

  function closeRename({ focus = false } = {}) {
    const form = $("#rename-form");
    if (form.hidden) return;
    form.hidden = true;
    $("#conversation-title").hidden = false;
    $("#conversation-actions").hidden = !state.conversationId;
    if (focus) $("#rename").focus();
  }

  async function rename(event) {
    event.preventDefault();
    const id = state.conversationId;
    const title = $("#rename-title").value.trim();
    if (!title) {
      $("#rename-error").textContent = "Give the conversation a title: it is empty.";
      $("#rename-title").focus();
      return;
    }
    try {
      const renamed = await (
        await request(`/api/chat/conversations/${encodeURIComponent(id)}`, {
          method: "PATCH",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ title }),
        })
      ).json();
      const listed = state.conversations.find((c) => c.id === renamed.id);
      if (listed) listed.title = renamed.title;
      closeRename({ focus: true });
      if (state.conversationId === renamed.id) setConversation(renamed.id, renamed.title);
      $("#conversation-status").textContent = "Renamed.";
    } catch (e) {
      $("#rename-error").textContent = e.message;
      $("#rename-title").focus();
    }
  }

  function askDelete() {
    $("#delete-dialog-name").textContent = state.title || "Untitled";
    $("#delete-error").textContent = "";
    $("#delete-confirm").disabled = false;
    $("#delete-dialog").showModal();
    $("#delete-cancel").focus();
  }

  async function deleteConversation() {
    const id = state.conversationId;
    const button = $("#delete-confirm");
    button.disabled = true;
    try {
      await request(`/api/chat/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
      $("#delete-dialog").close();
      state.conversations = state.conversations.filter((c) => c.id !== id);
      newConversation({ push: true });
      $("#conversation-status").textContent = "The conversation was deleted.";
      loadConversations();
    } catch (e) {
      $("#delete-error").textContent = e.message;
      button.disabled = false;
    }
  }

  // ---- rendering an answer ----
  /** Who answered; extractive mode itself is explained once, at the top of the page, not under every answer. */
  function providerLine(message) {
    let who;
    if (message.provider === "extractive") {
      who = "Quoted from the documents";
    } else if (message.provider === "curated") {
      who = "Answer curated by the knowledge team";
    } else {
      who = ["Answered by", [message.provider, message.model].filter(Boolean).join(" · ")].join(" ");
    }
    return message.createdAt ? `${who} · ${when(message.createdAt)}` : who;
  }

  const where = (c) => {
    if (c.page) return `page ${c.page}`;
    if (c.headingPath && c.headingPath.length) return `Section: ${c.headingPath.join(" › ")}`;
    return "";
  };

  function citeButton(citation, label, className) {
    const detail = [citation.title, where(citation)].filter(Boolean).join(", ");
    return el(
      "button",
      {
        type: "button",
        class: className,
        "data-n": citation.n,
        "aria-label": `Source ${citation.n}: ${detail}`,
        "aria-controls": "citation",
        "aria-expanded": "false",
        onclick: (event) => openCitation(citation, event.currentTarget),
      },
      label,
    );
  }

  /**
   * The answer as safe Markdown (markdown.js: DOM nodes, never HTML): each [n] that matches a citation becomes a
   * button, any other marker is dropped with the space before it. While streaming (citations unknown) markers show as
   * text until the citations arrive. A `verbatim` answer (extractive mode: sentences quoted from the documents) is shown
   * exactly as written, without Markdown, so a `*` or `_` in a quote stays a character.
   */
  function answerParagraphs(text, citations, streaming, verbatim) {
    const byNumber = new Map((citations || []).map((c) => [Number(c.n), c]));
    const body = streaming ? text.replace(PARTIAL_MARKER, "") : text;
    const withCitations = (run) => {
      const nodes = [];
      let last = 0;
      for (const match of run.matchAll(MARKER)) {
        nodes.push(run.slice(last, match.index));
        const found = match[2].split(",").map((n) => byNumber.get(Number(n.trim()))).filter(Boolean);
        if (found.length) nodes.push(match[1], ...found.map((c) => citeButton(c, String(c.n), "cite")));
        last = match.index + match[0].length;
      }
      nodes.push(run.slice(last));
      return nodes;
    };
    if (verbatim) return window.Docent.verbatim(body, withCitations);
    return window.Docent.markdown(body, withCitations);
  }

  /** Extractive answers quote the documents: shown verbatim. */
  const quoted = (provider) => provider === "extractive";

  /**
   * The answer as plain text for the clipboard: paragraphs and list items on their own lines, citations as [n]
   * markers, then the sources they stand for.
   */
  function plainAnswer(view) {
    const text = view.answer.querySelector(".answer-text");
    const run = (node) =>
      Array.from(node.childNodes, (child) => {
        if (child.nodeType === Node.TEXT_NODE) return child.data;
        if (child.nodeType !== Node.ELEMENT_NODE) return "";
        if (child.classList.contains("cite")) return `[${child.dataset.n}]`;
        return run(child);
      }).join("");
    const lines = [];
    for (const block of text ? text.children : []) {
      if (block.tagName === "UL" || block.tagName === "OL") {
        Array.from(block.children).forEach((li, i) => lines.push(`${block.tagName === "OL" ? `${i + 1}.` : "-"} ${run(li).trim()}`));
      } else {
        lines.push(run(block).trim());
      }
    }
    const body = lines.filter(Boolean).join("\n");
    const sources = (view.citations || []).map((c) => `[${c.n}] ${[c.title || "Untitled", where(c)].filter(Boolean).join(", ")}`);
    return sources.length ? `${body}\n\nSources:\n${sources.join("\n")}` : body;
  }

  async function copyAnswer(view, status) {
    try {
      await navigator.clipboard.writeText(plainAnswer(view));
      status.textContent = "Copied";
    } catch {
      status.textContent = "Copying was refused by the browser: select the text and copy it instead.";
    }
    clearTimeout(status.timer);
    status.timer = setTimeout(() => (status.textContent = ""), 4000);
  }

  /** Retry asks the same question again, in the same conversation: a new answer below, the old one kept. */
  function retryButton(view) {
    return el(
      "button",
      {
        type: "button",
        class: "secondary small retry",
        "aria-label": `Retry: ask “${view.question}” again`,
        disabled: Boolean(state.streaming),
        onclick: () => ask(view.question, { fromBox: false }),
      },
      "Retry",
    );
  }

  function answerActions(view) {
    const status = el("span", { class: "muted answer-actions-status", role: "status" });
    const copy = el(
      "button",
      { type: "button", class: "secondary small copy", "aria-label": "Copy the answer", onclick: () => copyAnswer(view, status) },
      "Copy",
    );
    return el("div", { class: "answer-actions" }, copy, retryButton(view), status);
  }

  /** One question and its answer; `message` is null while the answer is still on its way. */
  function exchange(question, message) {
    const answer = el("div", { class: "answer" });
    const item = el(
      "li",
      { class: "exchange" },
      el("div", { class: "question-bubble" }, el("span", { class: "visually-hidden" }, "You asked: "), question),
      answer,
    );
    const view = { item, answer, question, text: "", citations: null };
    if (message) showAnswer(view, message);
    return view;
  }

  function showAnswer(view, message) {
    view.text = message.answer || "";
    view.citations = message.citations || [];
    view.answer.className = message.answered === false ? "answer not-answered" : message.provider === "curated" ? "answer curated" : "answer";
    view.answer.removeAttribute("aria-busy");
    view.item.dataset.messageId = message.messageId || "";
    const parts = [];
    if (message.notice) parts.push(el("p", { class: "notice" }, message.notice));
    if (message.answered === false) parts.push(el("p", { class: "not-answered-label" }, "Not answered from the documents"));
    parts.push(el("div", { class: "answer-text" }, answerParagraphs(view.text, view.citations, false, quoted(message.provider))));
    if (view.citations.length) {
      parts.push(
        el(
          "div",
          { class: "sources" },
          el("span", { class: "muted" }, "Sources: "),
          view.citations.map((c) => citeButton(c, `${c.n} · ${c.title || "untitled"}${c.page ? `, p. ${c.page}` : ""}`, "source")),
        ),
      );
    }
    parts.push(el("p", { class: "provider muted" }, providerLine(message)));
    view.answer.replaceChildren(...parts);
    view.answer.append(answerActions(view));
    // Other scripts (feedback buttons) add to a finished answer through this event.
    document.dispatchEvent(new CustomEvent("docent:answer", { detail: { messageId: message.messageId, answer: view.answer, message } }));
  }

  function showStreamingText(view) {
    const text = answerParagraphs(view.text, view.citations, !view.citations, Boolean(view.provider && view.provider.mode === "extractive"));
    const who = view.provider && view.provider.mode === "model" ? [view.provider.provider, view.provider.model].filter(Boolean).join(" · ") : null;
    const waiting = view.provider ? (who ? `${who} is writing…` : "Composing the answer from the documents…") : "Searching the documents…";
    view.answer.replaceChildren(el("div", { class: "answer-text" }, text.length ? text : el("p", { class: "muted waiting" }, waiting)));
  }

  function showFailure(view, message, kind = "failed") {
    view.answer.removeAttribute("aria-busy");
    const kept = view.text ? answerParagraphs(view.text, view.citations, true, Boolean(view.provider && view.provider.mode === "extractive")) : [];
    view.answer.className = `answer ${kind}`;
    view.answer.replaceChildren(
      el("div", { class: "answer-text" }, kept),
      el("p", { class: kind === "stopped" ? "muted" : "error-detail" }, message),
      el("div", { class: "answer-actions" }, retryButton(view)),
    );
  }

  // ---- the citation panel ----
  function openCitation(citation, trigger) {
    const panel = $("#citation");
    if (state.citationTrigger && state.citationTrigger !== trigger) state.citationTrigger.setAttribute("aria-expanded", "false");
    state.citationTrigger = trigger;
    trigger.setAttribute("aria-expanded", "true");
    $("#citation-title").textContent = `Source ${citation.n}`;
    $("#citation-document").textContent = citation.title || "Untitled document";
    $("#citation-where").textContent = where(citation);
    $("#citation-passage").textContent = citation.passage || citation.snippet || "";
    state.citation = citation;
    showPassage();
    const link = $("#citation-link");
    // Older answers may lack the media type; a #page fragment is harmless on anything but a PDF.
    const pdf = !citation.mediaType || citation.mediaType === "application/pdf";
    const fragment = citation.page && pdf ? `#page=${citation.page}` : "";
    const file = `/api/documents/${encodeURIComponent(citation.documentId)}/file`;
    link.href = `${file}${fragment}`;
    $("#source-download").href = file;
    // HTML and Markdown originals would download (the server never lets a browser render an uploaded page): they open
    // here, in the viewer, as text.
    const inPage = window.Docent.sourceView.viewable(citation.mediaType);
    if (inPage) link.removeAttribute("target");
    else link.setAttribute("target", "_blank");
    const name = citation.title || "the document";
    link.setAttribute("aria-label", inPage ? `Open the source: ${name} (shown here)` : `Open the source: ${name} (opens in a new tab)`);
    // A source the reader may no longer see has no document to open.
    link.hidden = !citation.documentId;
    panel.hidden = false;
    panel.focus();
  }

  function showPassage() {
    $("#source-view").hidden = true;
    $("#citation-passage").hidden = false;
    $("#citation-open").hidden = false;
  }

  /** Shows the cited document's whole text in the panel, the cited passage marked and scrolled to. */
  async function openSource(event) {
    const citation = state.citation;
    if (!citation || !window.Docent.sourceView.viewable(citation.mediaType)) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const view = $("#source-view");
    const status = $("#source-status");
    const text = $("#source-text");
    $("#citation-passage").hidden = true;
    $("#citation-open").hidden = true;
    text.replaceChildren();
    status.textContent = "Loading the document…";
    view.hidden = false;
    view.focus();
    try {
      const response = await request(`/api/documents/${encodeURIComponent(citation.documentId)}/file`);
      const body = await response.text();
      if (state.citation !== citation) return;
      const marked = window.Docent.sourceView.render(text, body, citation.mediaType, citation.passage || citation.snippet);
      status.textContent = marked ? "The cited passage is highlighted." : "";
      if (marked) {
        const panel = $("#citation");
        panel.scrollTop += marked.getBoundingClientRect().top - panel.getBoundingClientRect().top - panel.clientHeight / 3;
      }
    } catch (e) {
      if (state.citation !== citation) return;
      status.textContent = `The document could not be shown: ${e.message}`;
    }
  }

  function closeCitation(restoreFocus = true) {
    const panel = $("#citation");
    if (panel.hidden) return;
    panel.hidden = true;
    state.citation = null;
    const trigger = state.citationTrigger;
    state.citationTrigger = null;
    if (trigger) {
      trigger.setAttribute("aria-expanded", "false");
      if (restoreFocus && trigger.isConnected) trigger.focus();
    }
  }

  // ---- asking ----
  /** Reads a server-sent event stream, calling onEvent(type, data) for each event, however the bytes are split. */
  async function readEvents(body, onEvent) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let type = "";
    let data = [];
    const dispatch = () => {
      if (data.length) onEvent(type || "message", data.join("\n"));
      type = "";
      data = [];
    };
    const line = (text) => {
      if (text === "") return dispatch();
      if (text.startsWith(":")) return; // a comment, e.g. a keep-alive
      const colon = text.indexOf(":");
      const field = colon < 0 ? text : text.slice(0, colon);
      let value = colon < 0 ? "" : text.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
    };
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r\n|\n|\r/)) >= 0) {
        // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
        if (!done && end === buffer.length - 1 && buffer[end] === "\r") break;
        const eol = buffer.startsWith("\r\n", end) ? 2 : 1;
        line(buffer.slice(0, end));
        buffer = buffer.slice(end + eol);
      }
      if (done) {
        if (buffer) line(buffer);
        dispatch();
        return;
      }
    }
  }

  const parse = (data) => {
    try {
      return JSON.parse(data);
    } catch {
      return data;
    }
  };

  function setBusy(busy) {
    const question = $("#question");
    question.disabled = busy;
    $("#send").disabled = busy;
    $("#stop").hidden = !busy;
    document.querySelectorAll("#messages .retry").forEach((button) => (button.disabled = busy));
    $("#ask").setAttribute("aria-busy", String(busy));
  }

  function stopStreaming() {
    if (state.streaming) state.streaming.controller.abort();
  }

  /**
   * Scrolls the newest exchange into view above the question box, which stays over the bottom of the window
   * (scroll-margin-bottom keeps that room: see --ask-height).
   */
  function showNewest(item) {
    item?.scrollIntoView({ block: "end" });
  }

  /** Asks `text`; a question from the box (not a Retry) empties the box once the answer has begun. */
  async function ask(text, { fromBox = true } = {}) {
    const error = $("#ask-error");
    const question = text.trim();
    if (!question) {
      error.textContent = "Type a question first.";
      $("#question").focus();
      return;
    }
    if (state.streaming) return;
    error.textContent = "";
    closeCitation(false);

    const view = exchange(question, null);
    view.answer.setAttribute("aria-live", "polite");
    view.answer.setAttribute("aria-busy", "true");
    showStreamingText(view);
    $("#welcome").hidden = true;
    $("#messages").append(view.item);
    showNewest(view.item);

    const controller = new AbortController();
    state.streaming = { controller, view };
    setBusy(true);
    const conversationAtStart = state.conversationId;
    let finished = false;
    let started = false;
    try {
      const response = await request("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({
          question,
          ...(conversationAtStart ? { conversationId: conversationAtStart } : {}),
          ...($("#concise") && $("#concise").checked ? { concise: true } : {}),
        }),
        signal: controller.signal,
      });
      started = true;
      if (fromBox) {
        $("#question").value = "";
        updateCounter();
      }
      const finish = (message, follow = true) => {
        finished = true;
        showAnswer(view, message);
        // The finished answer grew (sources, actions, feedback): keep its end in view.
        if (follow) showNewest(view.item);
        if (message.conversationId && message.conversationId !== state.conversationId) {
          setConversation(message.conversationId, null, { replace: true });
        }
        loadConversations().then(async () => {
          const id = state.conversationId;
          const current = state.conversations.find((c) => c.id === id);
          if (current) setConversation(current.id, current.title);
          else if (id && !state.title) {
            // A search hides the new conversation from the list: its title comes from the conversation itself.
            const opened = await getJson(`/api/chat/conversations/${encodeURIComponent(id)}`).catch(() => null);
            if (opened && state.conversationId === opened.id) setConversation(opened.id, opened.title);
          }
        });
      };
      if ((response.headers.get("Content-Type") || "").includes("application/json")) {
        finish(await response.json());
        return;
      }
      const nearBottom = () => window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
      await readEvents(response.body, (type, data) => {
        if (finished) return;
        const follow = nearBottom();
        if (type === "start") {
          // The conversation exists from the first word: a stopped first answer can still be continued.
          const begin = parse(data) || {};
          view.item.dataset.messageId = begin.messageId || "";
          view.provider = begin;
          if (begin.conversationId && begin.conversationId !== state.conversationId) {
            setConversation(begin.conversationId, null, { replace: true });
          }
          showStreamingText(view);
        } else if (type === "reset") {
          // The model failed mid-answer: its text is taken back and the fallback answer follows.
          view.text = "";
          showStreamingText(view);
        } else if (type === "delta") {
          const delta = parse(data);
          view.text += typeof delta === "string" ? delta : delta.text || "";
          showStreamingText(view);
        } else if (type === "citations") {
          view.citations = parse(data) || [];
          showStreamingText(view);
        } else if (type === "done") {
          finish(parse(data), follow);
        } else if (type === "error") {
          const body = parse(data);
          finished = true;
          showFailure(view, `The answer failed: ${body.detail || body.title || body}`);
          if (!$("#question").value) $("#question").value = question;
        }
        if (follow) showNewest(view.item);
      });
      if (!finished) {
        showFailure(view, "The answer was interrupted before it finished: ask again.");
        if (!$("#question").value) $("#question").value = question;
      }
    } catch (e) {
      if (e.name === "AbortError") {
        showFailure(view, started ? "Stopped." : "Stopped before the answer arrived.", "stopped");
        if (started) loadConversations();
      } else if (!started) {
        // Refused before any answer began (empty, too long, not yours): nothing was asked, keep the input.
        view.item.remove();
        $("#welcome").hidden = $("#messages").children.length > 0;
        error.textContent = e.message;
      } else {
        showFailure(view, `The answer was interrupted: ${e.message}`);
        if (!$("#question").value) $("#question").value = question;
      }
    } finally {
      state.streaming = null;
      setBusy(false);
      updateCounter();
      const focused = document.activeElement;
      if (!focused || focused === document.body || focused === $("#question") || focused === $("#stop")) $("#question").focus();
    }
  }

  function updateCounter() {
    const question = $("#question");
    const counter = $("#question-count");
    const length = question.value.length;
    counter.hidden = length < COUNTER_FROM;
    counter.textContent = `${number(length)} / ${number(MAX_QUESTION)} characters`;
    counter.classList.toggle("at-limit", length >= MAX_QUESTION);
    question.style.height = "auto";
    question.style.height = `${Math.min(question.scrollHeight + 2, 240)}px`;
  }

  function setUpForm() {
    const question = $("#question");
    $("#ask").addEventListener("submit", (event) => {
      event.preventDefault();
      ask(question.value);
    });
    question.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        ask(question.value);
      }
    });
    question.addEventListener("input", () => {
      updateCounter();
      if (question.value.trim()) $("#ask-error").textContent = "";
    });
    $("#stop").addEventListener("click", stopStreaming);
    document.querySelectorAll(".example").forEach((button) =>
      button.addEventListener("click", () => {
        question.value = button.textContent;
        updateCounter();
        question.focus();
      }),
    );
  }

  function fromUrl() {
    const id = new URLSearchParams(location.search).get("c");
    if (id) openConversation(id);
    else newConversation({ push: false });
  }

  function setUpConversationList() {
    let typing;
    const search = $("#conversation-q");
    const apply = () => {
      const value = search.value.trim();
      if (value === state.search) return;
      state.search = value;
      state.next = null;
      loadConversations();
    };
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(apply, 250);
    });
    $("#conversation-search").addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(typing);
      apply();
    });
    $("#more-conversations").addEventListener("click", () => loadConversations({ more: true }));
  }

  function setUpConversationActions() {
    $("#rename").addEventListener("click", openRename);
    $("#rename-form").addEventListener("submit", rename);
    $("#rename-cancel").addEventListener("click", () => closeRename({ focus: true }));
    $("#rename-form").addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        closeRename({ focus: true });
      }
    });
    $("#delete").addEventListener("click", askDelete);
    $("#delete-cancel").addEventListener("click", () => $("#delete-dialog").close());
    $("#delete-confirm").addEventListener("click", deleteConversation);
    $("#delete-dialog").addEventListener("close", () => {
      if (state.conversationId) $("#delete").focus();
    });
  }

  /** The question box sits over the bottom of the window; scrolled-to answers keep clear of it (chat.css). */
  function trackQuestionBox() {
    const box = $("#ask");
    const publish = () => document.documentElement.style.setProperty("--ask-height", `${Math.ceil(box.getBoundingClientRect().height)}px`);
    publish();
    if (window.ResizeObserver) new ResizeObserver(publish).observe(box);
  }

  document.addEventListener("DOMContentLoaded", () => {
    setUpForm();
    setUpConversationList();
    setUpConversationActions();
    trackQuestionBox();
    $("#skip-to-question").addEventListener("click", (event) => {
      event.preventDefault();
      $("#question").focus();
    });
    $("#new-conversation").addEventListener("click", () => newConversation());
    $("#citation-close").addEventListener("click", () => closeCitation());
    $("#citation-link").addEventListener("click", openSource);
    $("#source-back").addEventListener("click", () => {
      showPassage();
      $("#citation-link").focus();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("#citation").hidden && !$("#delete-dialog").open) {
        event.preventDefault();
        closeCitation();
      }
    });
    window.addEventListener("popstate", fromUrl);
    fromUrl();
    loadConversations();
  });
})();
