// The prompt versions panel of the Evaluation page: versions of each prompt, two side by side with their line diff, a
// new version (checked by the server before it is saved), "Evaluate on a set" (fills the run form) and "Promote".
// Template text is always inserted as text, never as HTML.
"use strict";

(() => {
  const { el, problem, send } = window.Docent;
  const $ = (id) => document.getElementById(id);
  let overview = { kinds: [], versions: [] };
  const selected = [];

  async function json(url, options = {}) {
    const response = await send(url, { ...options, headers: { Accept: "application/json", ...(options.headers || {}) } });
    if (!response.ok) throw new Error(await problem(response));
    return response.json();
  }

  const kind = () => overview.kinds.find((k) => k.kind === $("prompt-kind").value) || overview.kinds[0];
  const day = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  async function load() {
    try {
      overview = await json("/api/prompts");
      $("prompts-error").textContent = "";
    } catch (e) {
      $("prompts-error").textContent = `The prompt versions could not be loaded: ${e.message}`;
      return;
    }
    const chosen = $("prompt-kind").value || "answer";
    $("prompt-kind").replaceChildren(...overview.kinds.map((k) => el("option", { value: k.kind }, k.kind)));
    $("prompt-kind").value = chosen;
    fillRunForm();
    show();
  }

  /** The run form's prompt choice: the answer versions, the active one marked. */
  function fillRunForm() {
    const select = document.querySelector("#run-form select[name=promptVersion]");
    if (!select) return;
    const chosen = select.value;
    const answers = overview.versions.filter((v) => v.kind === "answer");
    select.replaceChildren(
      el("option", { value: "" }, "as configured"),
      ...answers.map((v) => el("option", { value: v.label }, v.active ? `${v.label} (in use)` : v.label)),
    );
    select.value = chosen;
  }

  function show() {
    const k = kind();
    if (!k) return;
    $("prompt-kind-description").textContent = k.description;
    const versions = overview.versions.filter((v) => v.kind === k.kind);
    selected.length = 0;
    $("prompt-compare").disabled = true;
    $("prompt-versions").querySelector("tbody").replaceChildren(...versions.map(row));
    $("prompts-empty").hidden = versions.length > 1;
    $("prompt-system").hidden = !k.hasSystem;
    const list = (vars) => vars.map((v) => el("li", {}, el("code", {}, `{${v.name}}`), v.description));
    $("prompt-variables").replaceChildren(
      el("p", {}, "Variables (Qute syntax: {question}, {#for p in passages}{p.text}{/for}, {#if concise}…{/if}):"),
      k.hasSystem ? el("p", {}, "System message:") : null,
      k.hasSystem ? el("ul", {}, k.systemVariables.length ? list(k.systemVariables) : el("li", {}, "none")) : null,
      el("p", {}, "User message:"),
      el("ul", {}, list(k.userVariables)),
    );
  }

  function row(v) {
    const box = el("input", {
      type: "checkbox",
      "aria-label": `Compare ${v.label}`,
      onchange: (e) => pick(v.label, e.target.checked),
    });
    const actions = [
      el("button", { type: "button", class: "secondary small", onclick: () => startFrom(v.label) }, "Start a new version from it"),
    ];
    if (v.kind === "answer") {
      actions.push(el("button", { type: "button", class: "secondary small", onclick: () => evaluate(v.label) }, "Evaluate on a set"));
    }
    if (!v.active) {
      actions.push(el("button", { type: "button", class: "small", onclick: () => promote(v) }, "Promote"));
    }
    const status = v.active
      ? `in use${v.promotedBy ? ` (promoted by ${v.promotedBy}, ${day(v.promotedAt)})` : ""}`
      : v.promotedBy ? `was promoted by ${v.promotedBy}, ${day(v.promotedAt)}` : "not used yet";
    return el("tr", { "data-label": v.label, "data-active": String(v.active) },
      el("td", {}, box),
      el("td", {}, v.label),
      el("td", { class: "prompt-status" }, status),
      el("td", {}, `${v.createdBy}, ${day(v.createdAt)}`),
      el("td", {}, v.note || ""),
      el("td", {}, actions),
    );
  }

  function pick(label, on) {
    const at = selected.indexOf(label);
    if (on && at < 0) selected.push(label);
    if (!on && at >= 0) selected.splice(at, 1);
    while (selected.length > 2) {
      const dropped = selected.shift();
      const box = document.querySelector(`#prompt-versions tr[data-label="${dropped}"] input[type=checkbox]`);
      if (box) box.checked = false;
    }
    $("prompt-compare").disabled = selected.length !== 2;
  }

  async function compare() {
    const [a, b] = [...selected].sort((x, y) => Number(x.split("-v")[1]) - Number(y.split("-v")[1]));
    let d;
    try {
      d = await json(`/api/prompts/${a}/diff/${b}`);
    } catch (e) {
      $("prompts-error").textContent = e.message;
      return;
    }
    $("prompt-diff-title").textContent = d.changed === 0 ? `${a} and ${b} are the same` : `${a} → ${b}: ${d.changed} lines changed`;
    $("prompt-diff-a").textContent = a;
    $("prompt-diff-b").textContent = b;
    const rows = [];
    for (const [part, lines] of [["System message", d.system], ["User message", d.user]]) {
      if (lines.length === 0) continue;
      rows.push(el("tr", { class: "part" }, el("td", { colspan: 2 }, part)));
      for (const line of lines) {
        if (line.op === "=") rows.push(el("tr", {}, el("td", {}, line.text), el("td", {}, line.text)));
        else if (line.op === "-") rows.push(el("tr", {}, el("td", { class: "removed" }, line.text), el("td", {}, "")));
        else rows.push(el("tr", {}, el("td", {}, ""), el("td", { class: "added" }, line.text)));
      }
    }
    document.querySelector(".prompt-diff tbody").replaceChildren(...rows);
    $("prompt-diff").hidden = false;
  }

  async function startFrom(label) {
    try {
      const v = await json(`/api/prompts/${label}`);
      const form = $("prompt-form");
      form.system.value = v.system || "";
      form.user.value = v.user;
      form.note.value = "";
      $("new-prompt").open = true;
      (v.system === null ? form.user : form.system).focus();
    } catch (e) {
      $("prompts-error").textContent = e.message;
    }
  }

  async function create(event) {
    event.preventDefault();
    const form = event.target;
    const error = $("prompt-form-error");
    error.textContent = "";
    const k = kind();
    const body = { kind: k.kind, user: form.user.value, note: form.note.value };
    if (k.hasSystem) body.system = form.system.value;
    try {
      const created = await json("/api/prompts", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      form.reset();
      $("new-prompt").open = false;
      await load();
      $("prompts-error").textContent = "";
      $("prompt-kind-description").textContent = `${created.label} saved. Evaluate it on a set, then promote it.`;
    } catch (e) {
      // The form keeps what was written, so the line the message names can be fixed.
      error.textContent = e.message;
    }
  }

  function evaluate(label) {
    const form = $("run-form");
    fillRunForm();
    form.promptVersion.value = label;
    form.scrollIntoView({ behavior: "smooth", block: "center" });
    form.setId.focus();
  }

  async function promote(v) {
    if (!window.confirm(`Promote ${v.label}? Chat uses it for every answer from now on.`)) return;
    try {
      await json(`/api/prompts/${v.label}/promote`, { method: "POST" });
      await load();
    } catch (e) {
      $("prompts-error").textContent = e.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("prompt-kind").addEventListener("change", show);
    $("prompt-compare").addEventListener("click", compare);
    $("prompt-form").addEventListener("submit", create);
    $("new-prompt").addEventListener("toggle", () => {
      const form = $("prompt-form");
      const k = kind();
      if ($("new-prompt").open && k && !form.user.value) {
        const active = k.active;
        if (active) startFrom(active);
      }
    });
    load();
  });
})();
