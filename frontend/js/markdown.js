/*
 * A small, safe Markdown renderer for answers: builds DOM nodes only (never HTML strings), so raw HTML in an answer
 * shows as text and cannot run. Supports paragraphs, bulleted and numbered lists, **bold**, *italic*, `code`.
 * Links show their text and address as plain text (no clickable javascript: or tracking links); images are never
 * loaded (a remote image could carry data out in its address): they show as "[image: alt]".
 */
(function () {
  "use strict";
  const { el } = window.Docent;

  const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|!\[[^\]\n]*\]\([^)\n]*\)|\[[^\]\n]+\]\((?:[^)\n]*)\)|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)/g;

  /** Inline Markdown of one block; plain runs go through `text(run)`, which returns nodes (citations, say). */
  function inline(source, text) {
    const out = [];
    let last = 0;
    for (const m of source.matchAll(INLINE)) {
      const token = m[0];
      // A citation marker like [2] followed by "(" is not a link: leave it to `text`.
      if (token.startsWith("[") && /^\[\d[\d,\s]*\]/.test(token)) continue;
      out.push(...text(source.slice(last, m.index)));
      if (token.startsWith("**") || token.startsWith("__")) out.push(el("strong", {}, ...inline(token.slice(2, -2), text)));
      else if (token.startsWith("`")) out.push(el("code", {}, token.slice(1, -1)));
      else if (token.startsWith("![")) out.push(`[image: ${token.slice(2, token.indexOf("]"))}]`);
      else if (token.startsWith("[")) {
        const label = token.slice(1, token.indexOf("]"));
        const address = token.slice(token.indexOf("](") + 2, -1);
        out.push(...text(label), el("span", { class: "muted" }, ` (${address})`));
      } else out.push(el("em", {}, ...inline(token.slice(1, -1), text)));
      last = m.index + token.length;
    }
    out.push(...text(source.slice(last)));
    return out;
  }

  /** Block elements for `source`. */
  function blocks(source, text) {
    const out = [];
    let list = null;
    let paragraph = [];
    const flush = () => {
      if (paragraph.length) out.push(el("p", {}, ...inline(paragraph.join(" "), text)));
      paragraph = [];
    };
    for (const raw of source.split("\n")) {
      const line = raw.trim();
      const bullet = /^[-*•]\s+(.*)$/.exec(line);
      const numbered = /^(\d{1,3})[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        flush();
        const tag = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== tag) {
          list = el(tag);
          out.push(list);
        }
        list.append(el("li", {}, ...inline(bullet ? bullet[1] : numbered[2], text)));
      } else if (!line) {
        flush();
        list = null;
      } else {
        list = null;
        paragraph.push(line.replace(/^#{1,6}\s+/, ""));
      }
    }
    flush();
    return out;
  }

  /** Paragraphs of `source` exactly as written (quotes from documents): no Markdown, plain runs still go through `text`. */
  function verbatim(source, text) {
    return source
      .split(/\n\s*\n/)
      .filter((paragraph) => paragraph.trim())
      .map((paragraph) => el("p", {}, ...text(paragraph)));
  }

  window.Docent.markdown = blocks;
  window.Docent.verbatim = verbatim;
})();
