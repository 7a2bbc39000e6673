// Small helpers shared by Docent's pages (loaded before each page's own script).
"use strict";

window.Docent = (() => {
  /** Creates an element: attributes ("class", "on<event>" handlers, booleans) and children (nodes or text, never HTML). */
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

  /** The message of a problem+json answer, or its status when it has none. */
  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  /** The page's CSRF token: Docent refuses state-changing requests that ride on the session cookie without it. */
  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  /** fetch, with the CSRF token on requests that change something (GET and HEAD need none). */
  function send(path, options = {}) {
    const method = (options.method || "GET").toUpperCase();
    if (method === "GET" || method === "HEAD") return fetch(path, options);
    const headers = new Headers(options.headers || {});
    headers.set("X-CSRF-Token", csrfToken());
    return fetch(path, { ...options, headers });
  }

  return { el, problem, csrfToken, send };
})();
