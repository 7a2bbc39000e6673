// The Evaluation page: sets (by hand or imported), runs with live progress, a comparison of two runs with a chart, and
// calibration of the answering threshold. Text from sets and answers is always inserted as text, never as HTML.
"use strict";

(() => {
  const { el, problem, send } = window.Docent;
  const $ = (id) => document.getElementById(id);
  const charts = {};
  const selected = [];
  let sets = [];
  let polling = null;
  let calibration = null;

  const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 1000) / 10}%`);
  const ms = (v) => (v === null || v === undefined ? "–" : String(Math.round(v)));
  const day = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  async function json(url, options = {}) {
    const response = await send(url, { ...options, headers: { Accept: "application/json", ...(options.headers || {}) } });
    if (!response.ok) throw new Error(await problem(response));
    return response.status === 204 ? null : response.json();
  }

  function drawChart(name, canvas, config) {
    if (charts[name]) charts[name].destroy();
    charts[name] = new window.Chart(canvas, config);
    canvas.dataset.ready = "true";
  }

  // --- sets ---

  async function loadSets() {
    try {
      sets = await json("/api/eval/sets");
      $("sets-error").textContent = "";
    } catch (e) {
      $("sets-error").textContent = e.message;
      return;
    }
    $("sets").querySelector("tbody").replaceChildren(
      ...sets.map((s) =>
        el("tr", { "data-set-id": s.id },
          el("td", {}, s.name),
          el("td", { class: "num" }, s.items),
          el("td", {}, s.source),
          el("td", {}, day(s.createdAt)),
          el("td", {}, el("button", { type: "button", class: "secondary small", onclick: () => deleteSet(s) }, "Delete")),
        ),
      ),
    );
    $("sets").hidden = sets.length === 0;
    $("sets-empty").hidden = sets.length > 0;
    $("new-set").open = $("new-set").open || sets.length === 0;
    const chosen = $("run-form").setId.value;
    $("run-form").setId.replaceChildren(...sets.map((s) => el("option", { value: s.id }, `${s.name} (${s.items})`)));
    if (chosen) $("run-form").setId.value = chosen;
  }

  async function deleteSet(set) {
    if (!window.confirm(`Delete the set "${set.name}"? Its runs stay.`)) return;
    try {
      await json(`/api/eval/sets/${set.id}`, { method: "DELETE" });
      await loadSets();
    } catch (e) {
      $("sets-error").textContent = e.message;
    }
  }

  async function createSet(event) {
    event.preventDefault();
    const form = event.target;
    const error = $("set-form-error");
    error.textContent = "";
    const name = form.name.value.trim();
    if (!name) {
      error.textContent = "Give the set a name.";
      form.name.focus();
      return;
    }
    const file = form.file.files[0];
    let body = form.items.value;
    let format = "jsonl";
    if (file) {
      body = await file.text();
      format = /\.csv$/i.test(file.name) ? "csv" : "jsonl";
    }
    if (!body.trim()) {
      error.textContent = "Write at least one item, or choose a file to import.";
      return;
    }
    try {
      await json(`/api/eval/sets/import?format=${format}&name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { "Content-Type": format === "csv" ? "text/csv" : "application/x-ndjson" },
        body,
      });
      form.reset();
      await loadSets();
    } catch (e) {
      // Keep what the user wrote: the message names the lines to fix.
      error.textContent = e.message;
    }
  }

  async function fromTraffic(kind) {
    $("traffic-status").textContent = "";
    try {
      const set = await json(`/api/eval/sets/from-${kind}`, { method: "POST" });
      $("traffic-status").textContent = `Created "${set.name}" with ${set.items} items.`;
      await loadSets();
    } catch (e) {
      $("traffic-status").textContent = e.message;
    }
  }

  // --- runs ---

  function describe(config) {
    const parts = Object.entries(config || {}).filter(([, v]) => v !== null && v !== undefined && v !== "auto");
    return parts.length === 0 ? "live" : parts.map(([k, v]) => `${k} ${v}`).join(", ");
  }

  async function loadRuns() {
    let runs;
    try {
      runs = await json("/api/eval/runs");
      $("run-error").textContent = "";
    } catch (e) {
      $("run-error").textContent = e.message;
      return;
    }
    $("runs").querySelector("tbody").replaceChildren(...runs.map(runRow));
    $("runs").hidden = runs.length === 0;
    $("runs-empty").hidden = runs.length > 0;
    const active = runs.some((r) => r.status === "queued" || r.status === "running");
    if (active && !polling) polling = window.setInterval(loadRuns, 1000);
    if (!active && polling) {
      window.clearInterval(polling);
      polling = null;
    }
  }

  function runRow(run) {
    const m = run.metrics || {};
    const finished = run.status === "done";
    const box = el("input", {
      type: "checkbox",
      "aria-label": `Compare the run of ${run.setName} started ${day(run.createdAt)}`,
      disabled: !finished,
      checked: selected.includes(run.id),
      onchange: (e) => pick(run.id, e.target.checked),
    });
    const status = run.status === "running" || run.status === "queued"
      ? el("span", {}, el("progress", { max: run.progress.total, value: run.progress.done }), ` ${run.progress.done}/${run.progress.total}`)
      : run.status + (run.error ? `: ${run.error}` : "");
    // A model's opinion, never mixed with the measured metrics: always shown under its label.
    const judged = m.modelAsJudge
      ? el("span", { class: "judge-score" }, ` model-as-judge ${pct(m.modelAsJudge.score)}`)
      : null;
    const actions = [];
    if (run.status === "running" || run.status === "queued") {
      actions.push(el("button", { type: "button", class: "secondary small", onclick: () => cancelRun(run.id) }, "Cancel"));
    }
    if (finished) {
      actions.push(el("button", { type: "button", class: "secondary small", onclick: () => calibrate(run.id) }, "Calibrate"));
    }
    return el("tr", { "data-run-id": run.id, "data-status": run.status },
      el("td", {}, box),
      el("td", {}, run.setName),
      el("td", {}, describe(run.config)),
      el("td", { class: "run-status" }, status, judged),
      el("td", { class: "num" }, pct(m.correct)),
      el("td", { class: "num" }, pct(m.hitAt1)),
      el("td", { class: "num" }, pct(m.answeredRate)),
      el("td", { class: "num" }, ms(m.latencyP50Ms)),
      el("td", {}, actions),
    );
  }

  function pick(id, on) {
    const at = selected.indexOf(id);
    if (on && at < 0) selected.push(id);
    if (!on && at >= 0) selected.splice(at, 1);
    while (selected.length > 2) {
      const dropped = selected.shift();
      const box = document.querySelector(`tr[data-run-id="${dropped}"] input[type=checkbox]`);
      if (box) box.checked = false;
    }
    $("compare").disabled = selected.length !== 2;
  }

  async function startRun(event) {
    event.preventDefault();
    const form = event.target;
    const config = {};
    for (const name of ["provider", "mode"]) if (form[name].value) config[name] = form[name].value;
    for (const name of ["k", "candidates", "minSimilarity", "minAnswerability"]) {
      if (form[name].value !== "") config[name] = Number(form[name].value);
    }
    if (form.concise.checked) config.concise = true;
    if (form.promptVersion.value) config.promptVersion = form.promptVersion.value;
    if (form.judge.checked) config.judge = true;
    if (!form.setId.value) {
      $("run-error").textContent = "Create a set first.";
      return;
    }
    try {
      await json("/api/eval/runs", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ setId: form.setId.value, config }),
      });
      await loadRuns();
    } catch (e) {
      $("run-error").textContent = e.message;
    }
  }

  async function cancelRun(id) {
    try {
      await json(`/api/eval/runs/${id}/cancel`, { method: "POST" });
      await loadRuns();
    } catch (e) {
      $("run-error").textContent = e.message;
    }
  }

  // --- comparison ---

  const CHARTED = ["correct", "hitAt1", "hitAt5", "mrr", "containment", "tokenF1", "unansweredPrecision", "unansweredRecall", "citationPrecision", "groundedness"];

  async function compare() {
    const [a, b] = selected;
    let c;
    try {
      c = await json(`/api/eval/runs/${a}/compare/${b}`);
    } catch (e) {
      $("run-error").textContent = e.message;
      return;
    }
    const panel = $("comparison");
    panel.hidden = false;
    const verdict = $("verdict");
    verdict.className = `verdict ${c.verdict}`;
    verdict.textContent = {
      regression: "B is significantly worse than A.",
      improvement: "B is significantly better than A.",
      mixed: "B is significantly better on some outcomes and worse on others.",
    }[c.verdict] || "No significant difference between A and B.";
    const names = CHARTED.filter((n) => c.deltas[n] && (c.deltas[n].a !== null || c.deltas[n].b !== null));
    drawChart("compare", $("compare-chart"), {
      type: "bar",
      data: {
        labels: names,
        datasets: [
          { label: "A", data: names.map((n) => c.deltas[n].a), backgroundColor: "#8fb3f0" },
          { label: "B", data: names.map((n) => c.deltas[n].b), backgroundColor: "#e0b07e" },
        ],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 1 } } },
    });
    $("tests").querySelector("tbody").replaceChildren(
      ...c.tests.map((t) =>
        el("tr", {},
          el("td", {}, t.metric),
          el("td", {}, t.kind),
          el("td", { class: "num" }, t.n),
          el("td", {}, t.kind === "mcnemar-exact" ? `${t.onlyA} only A, ${t.onlyB} only B (${t.direction})` : `mean ${t.meanDelta} [${t.low}, ${t.high}] (${t.direction})`),
          el("td", { class: "num" }, `${t.pValue}${t.significant ? " *" : ""}`),
        ),
      ),
    );
    const change = (x) => el("li", {}, el("strong", {}, x.question), el("br"), `A: ${x.answerA ?? "–"}`, el("br"), `B: ${x.answerB ?? "–"}`);
    $("worse").replaceChildren(...(c.worse.length ? c.worse.map(change) : [el("li", { class: "muted" }, "none")]));
    $("better").replaceChildren(...(c.better.length ? c.better.map(change) : [el("li", { class: "muted" }, "none")]));
    panel.focus();
  }

  // --- calibration ---

  async function calibrate(runId) {
    const panel = $("calibration");
    $("calibration-status").textContent = "";
    try {
      calibration = await json(`/api/eval/runs/${runId}/calibration?threshold=min-answerability`);
    } catch (e) {
      panel.hidden = false;
      $("calibration-summary").textContent = e.message;
      $("apply-threshold").hidden = true;
      return;
    }
    panel.hidden = false;
    $("apply-threshold").hidden = false;
    const b = calibration.best;
    $("calibration-summary").textContent =
      `min-answerability ${calibration.recommended} (now ${calibration.current}) separates the ${calibration.answerable} answerable ` +
      `and ${calibration.unanswerable} unanswerable items best: answers ${pct(b.answeredRecall)} of the answerable ones and ` +
      `says "not covered" to ${pct(b.unansweredRecall)} of the others.`;
    const curve = calibration.curve;
    drawChart("calibration", $("calibration-chart"), {
      type: "line",
      data: {
        labels: curve.map((p) => p.threshold),
        datasets: [
          { label: "answered precision", data: curve.map((p) => p.answeredPrecision), borderColor: "#1f5fbf" },
          { label: "answered recall", data: curve.map((p) => p.answeredRecall), borderColor: "#8fb3f0" },
          { label: "not-answered recall", data: curve.map((p) => p.unansweredRecall), borderColor: "#b3261e" },
        ],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 1 }, x: { title: { display: true, text: "threshold" } } } },
    });
    panel.focus();
  }

  async function applyThreshold() {
    if (!calibration) return;
    try {
      const t = await json("/api/eval/thresholds", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: calibration.name, value: calibration.recommended, runId: calibration.runId }),
      });
      $("calibration-status").textContent = `Applied: ${t.name} is ${t.value} for every answer from now on (recorded in the audit log).`;
    } catch (e) {
      $("calibration-status").textContent = e.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("set-form").addEventListener("submit", createSet);
    $("run-form").addEventListener("submit", startRun);
    $("compare").addEventListener("click", compare);
    $("apply-threshold").addEventListener("click", applyThreshold);
    $("from-helpful").addEventListener("click", () => fromTraffic("helpful"));
    $("from-reviews").addEventListener("click", () => fromTraffic("reviews"));
    loadSets();
    loadRuns();
  });
})();
