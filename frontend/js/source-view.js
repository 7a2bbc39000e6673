/*
 * The whole text of a cited document, for the chat's passage viewer: HTML and Markdown originals are shown as text in
 * the page (the server sends them as downloads, because a browser would otherwise run what an uploaded page
 * contains). The HTML is parsed with DOMParser into an inert document (no script runs, no image or style loads) and
 * only its text is taken, as DOM nodes, never as HTML. The blocks the cited passage came from are marked.
 */
(function () {
  "use strict";
  const { el } = window.Docent;

  /** Media types shown in the page instead of downloaded. */
  const HTML = new Set(["text/html", "application/xhtml+xml"]);
  const MARKDOWN = new Set(["text/markdown", "text/x-markdown", "text/x-web-markdown"]);

  const BLOCK = new Set(
    ("address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form " +
      "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul")
      .split(" "),
  );
  const SKIP = new Set(["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas", "button", "select", "textarea"]);

  const viewable = (mediaType) => HTML.has(mediaType) || MARKDOWN.has(mediaType);

  /** Blocks of text ({heading, text}) of an HTML page, in reading order. */
  function htmlBlocks(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const blocks = [];
    let run = "";
    const flush = (heading) => {
      const text = run.replace(/\s+/g, " ").trim();
      if (text) blocks.push({ heading, text });
      run = "";
    };
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) run += child.data;
        else if (child.nodeType === Node.ELEMENT_NODE && !SKIP.has(child.localName)) {
          const block = BLOCK.has(child.localName);
          if (block) flush(false);
          walk(child);
          if (block) flush(/^h[1-6]$/.test(child.localName));
        }
      }
    };
    if (doc.body) walk(doc.body);
    flush(false);
    return { title: doc.title ? doc.title.trim() : "", blocks };
  }

  /** Blocks of a Markdown (or any plain) text: its paragraphs, headings marked, shown as written. */
  function textBlocks(text) {
    const blocks = text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((paragraph) => {
        const heading = /^#{1,6}\s+/.test(paragraph) && !paragraph.includes("\n");
        return { heading, text: heading ? paragraph.replace(/^#{1,6}\s+/, "") : paragraph };
      });
    return { title: "", blocks };
  }

  const normal = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

  /** Whether a block is part of the passage (or the passage starts inside it). */
  function cited(blockText, passage) {
    const block = normal(blockText);
    if (!block || !passage) return false;
    if (block.length >= 12 && passage.includes(block)) return true;
    const start = passage.slice(0, 80);
    return start.length >= 12 && block.includes(start);
  }

  /**
   * Renders `body` (the original's text) of `mediaType` into `container`; marks the blocks of `passage`. Returns the
   * first marked block (to scroll to), or null.
   */
  function render(container, body, mediaType, passage) {
    const { blocks } = HTML.has(mediaType) ? htmlBlocks(body) : textBlocks(body);
    const wanted = normal(passage || "");
    let first = null;
    const nodes = blocks.map((block) => {
      const mark = cited(block.text, wanted);
      const node = el(block.heading ? "h3" : "p", { class: mark ? "cited" : null }, block.text);
      if (mark && !first) first = node;
      return node;
    });
    container.replaceChildren(...(nodes.length ? nodes : [el("p", { class: "muted" }, "This document has no text to show.")]));
    return first;
  }

  window.Docent.sourceView = { viewable, render };
})();
