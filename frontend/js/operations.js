// The Operations page: answer, usage, ingestion, storage and resource charts over a chosen window, and open alerts with
// their evidence. Every chart reads a typed JSON endpoint under /api/monitoring/operations; text is inserted as text.
"use strict";

(() => {
  const { el, problem } = window.Docent;
  const $ = (id) => document.getElementById(id);
  const charts = {};
  const COLORS = ["#1f6feb", "#d29922", "#2da44e", "#cf222e", "#8250df", "#57606a", "#bf3989", "#0a7f83"];

  async function json(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(await problem(response));
    return response.json();
  }

  const query = () => {
    const form = $("window-form");
    const params = new URLSearchParams({ window: form.window.value });
    if (form.bucket.value) params.set("bucket", form.bucket.value);
    return params.toString();
  };

  const label = (iso, bucket) => {
    const d = new Date(iso);
    const day = d.toISOString().slice(0, 10);
    return bucket === "day" ? day : `${day} ${d.toISOString().slice(11, 16)}`;
  };
  const share = (x, n) => (n > 0 ? Math.round((1000 * x) / n) / 10 : null);
  const mb = (bytes) => Math.round(bytes / 1048576);

  /** Draws (or redraws) a chart; data-points on the canvas counts the values drawn, for people and tests alike. */
  function draw(id, type, labels, datasets, options = {}) {
    const canvas = $(id);
    if (charts[id]) charts[id].destroy();
    datasets.forEach((d, i) => {
      d.backgroundColor = d.backgroundColor || COLORS[i % COLORS.length];
      d.borderColor = d.borderColor || COLORS[i % COLORS.length];
    });
    charts[id] = new window.Chart(canvas, {
      type,
      data: { labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...options },
    });
    const points = datasets.reduce((n, d) => n + d.data.filter((v) => v !== null && v !== undefined).length, 0);
    canvas.dataset.points = String(points);
    canvas.closest(".chart-box").hidden = labels.length === 0;
  }

  const stacked = { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };

  async function loadAlerts() {
    const alerts = await json("/api/monitoring/alerts");
    const open = alerts.filter((a) => !a.clearedAt);
    $("alerts").replaceChildren(
      ...open.map((a) =>
        el("li", { "data-check": a.check },
          el("strong", {}, a.check.replaceAll("_", " ")), ` since ${new Date(a.raisedAt).toLocaleString()}`,
          el("div", { class: "evidence" }, evidence(a.evidence)),
          a.precedingChange ? el("div", { class: "evidence" }, `Preceded by: ${a.precedingChange}`) : null,
        ),
      ),
    );
    $("alerts-empty").hidden = open.length > 0;
  }

  function evidence(e) {
    const side = (name, s) => {
      if (!s) return "";
      const count = s.count !== undefined ? ` (${s.count} of ${s.of})` : s.of !== undefined ? ` (of ${s.of})` : "";
      return `${name}: ${s.value}${s.unit ? " " + s.unit : ""}${count}`;
    };
    return [side("recent", e.recent), side("baseline", e.baseline), e.test, e.z !== undefined ? `z = ${e.z}` : ""]
      .filter(Boolean)
      .join("; ");
  }

  async function loadAnswers() {
    const data = await json(`/api/monitoring/operations/answers?${query()}`);
    const b = data.buckets;
    const labels = b.map((x) => label(x.start, data.window.bucket));
    $("answers-empty").hidden = b.length > 0;
    draw("outcomes-chart", "bar", labels, [
      { label: "answered", data: b.map((x) => x.answered) },
      { label: "no content", data: b.map((x) => x.noContent) },
      { label: "abstained", data: b.map((x) => x.abstained) },
      { label: "fallback", data: b.map((x) => x.fallback) },
      { label: "stopped", data: b.map((x) => x.stopped) },
    ], stacked);
    draw("quality-chart", "line", labels, [
      { label: "answered %", data: b.map((x) => share(x.answered, x.answers)) },
      { label: "thumbs down % of rated", data: b.map((x) => share(x.thumbsDown, x.rated)) },
      { label: "groundedness %", data: b.map((x) => (x.groundedness === null ? null : Math.round(x.groundedness * 1000) / 10)) },
    ], { scales: { y: { min: 0, max: 100 } }, spanGaps: true });
    draw("latency-chart", "line", labels, [
      { label: "p50", data: b.map((x) => x.firstTokenP50Ms) },
      { label: "p95", data: b.map((x) => x.firstTokenP95Ms) },
    ], { scales: { y: { beginAtZero: true } }, spanGaps: true });
  }

  async function loadUsage() {
    const data = await json(`/api/monitoring/operations/usage?${query()}`);
    const days = [...new Set([...data.byModel.map((m) => m.day), ...data.noModel.map((d) => d.day)])].sort();
    const labels = days.map((d) => label(d, "day"));
    const models = [...new Set(data.byModel.map((m) => `${m.provider} / ${m.model}`))];
    const series = (field) =>
      models.map((name) => ({
        label: name,
        data: days.map((day) => {
          const row = data.byModel.find((m) => m.day === day && `${m.provider} / ${m.model}` === name);
          return row ? Number(row[field]) : 0;
        }),
      }));
    const tokens = models.flatMap((name) => {
      const rows = (day) => data.byModel.find((m) => m.day === day && `${m.provider} / ${m.model}` === name);
      return [
        { label: `${name} in`, stack: name, data: days.map((d) => (rows(d) ? rows(d).tokensIn : 0)) },
        { label: `${name} out`, stack: name, data: days.map((d) => (rows(d) ? rows(d).tokensOut : 0)) },
      ];
    });
    draw("tokens-chart", "bar", labels, tokens, stacked);
    draw("cost-chart", "bar", labels, series("costUsd"), stacked);
    const noModel = (day) => data.noModel.find((d) => d.day === day) || { extractive: 0, belowThreshold: 0, modelAnswers: 0 };
    draw("nomodel-chart", "bar", labels, [
      { label: "extractive", data: days.map((d) => noModel(d).extractive) },
      { label: "below threshold", data: days.map((d) => noModel(d).belowThreshold) },
      { label: "model", data: days.map((d) => noModel(d).modelAnswers) },
    ], stacked);
    const all = data.noModel.reduce((n, d) => n + d.answers, 0);
    const without = data.noModel.reduce((n, d) => n + d.extractive + d.belowThreshold, 0);
    const cost = data.byModel.reduce((n, m) => n + Number(m.costUsd), 0);
    $("usage-summary").textContent = all
      ? `${share(without, all)}% of ${all} answers needed no model; estimated model cost $${cost.toFixed(4)}.`
      : "";
    $("usage-empty").hidden = days.length > 0;
    showConcise(data.concise);
  }

  function showConcise(rows) {
    const body = $("concise-table").querySelector("tbody");
    body.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement("tr");
        const compared = r.fullAnswers > 0;
        const cells = [
          `${r.provider} / ${r.model}`,
          `${r.conciseAnswers} / ${r.fullAnswers}`,
          compared ? `${Math.round(r.conciseTokensOutMean)} / ${Math.round(r.fullTokensOutMean)}` : `${Math.round(r.conciseTokensOutMean)} / none to compare`,
          compared ? Math.round(r.tokensSaved).toLocaleString() : "",
          compared ? `$${r.costSavedUsd.toFixed(4)}` : "",
        ];
        for (const text of cells) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
    $("concise-table").hidden = rows.length === 0;
    $("concise-note").hidden = rows.length === 0;
    $("concise-empty").hidden = rows.length > 0;
  }

  async function loadIngestion() {
    const data = await json(`/api/monitoring/operations/ingestion?${query()}`);
    const b = data.buckets;
    $("queue-now").textContent = `Queue now: ${data.waiting} waiting, ${data.running} being ingested.`;
    draw("ingestion-chart", "bar", b.map((x) => label(x.start, data.window.bucket)), [
      { label: "ready", data: b.map((x) => x.ready) },
      { label: "failed", data: b.map((x) => x.failed) },
      { label: "chunks", data: b.map((x) => x.chunks), type: "line", yAxisID: "chunks" },
    ], { scales: { y: { beginAtZero: true }, chunks: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } } });
    draw("queue-chart", "line", data.queue.map((q) => label(q.at, "hour")), [
      { label: "waiting", data: data.queue.map((q) => q.waiting) },
      { label: "running", data: data.queue.map((q) => q.running) },
    ], { scales: { y: { beginAtZero: true } } });
    $("ingestion-empty").hidden = b.length > 0;
  }

  async function loadStorage() {
    const data = await json("/api/monitoring/operations/storage");
    $("database-size").textContent = `Database size: ${mb(data.databaseBytes)} MB.`;
    const c = data.collections;
    draw("collections-chart", "bar", c.map((x) => x.collection), [
      { label: "chunks", data: c.map((x) => x.chunks) },
      { label: "documents", data: c.map((x) => x.documents) },
    ], { indexAxis: "y" });
    $("storage-empty").hidden = c.length > 0;
  }

  async function loadResources() {
    const data = await json(`/api/monitoring/operations/resources?${query()}`);
    const s = data.samples;
    const labels = s.map((x) => label(x.at, "hour"));
    draw("memory-chart", "line", labels, [
      { label: "heap used", data: s.map((x) => mb(x.heapUsedBytes)) },
      { label: "heap max", data: s.map((x) => (x.heapMaxBytes > 0 ? mb(x.heapMaxBytes) : null)) },
      { label: "non-heap used", data: s.map((x) => mb(x.nonHeapUsedBytes)) },
    ], { scales: { y: { beginAtZero: true } } });
    const pct = (v) => (v === null ? null : Math.round(v * 1000) / 10);
    draw("cpu-chart", "line", labels, [
      { label: "Docent", data: s.map((x) => pct(x.processCpu)) },
      { label: "whole machine", data: s.map((x) => pct(x.systemCpu)) },
    ], { scales: { y: { min: 0, max: 100 } } });
  }

  async function loadModelServer() {
    const data = await json("/api/monitoring/operations/model-server");
    $("model-server-message").textContent = data.message || "";
    $("model-server-now").hidden = !data.available;
    $("model-server-charts").hidden = data.samples.length === 0;
    const fmt = (v, digits = 0) => (v === null || v === undefined ? "–" : v.toFixed(digits));
    if (data.available) {
      const p = data.latest;
      $("ms-server").textContent = `${data.kind} at ${data.server}`;
      $("ms-running").textContent = fmt(p.running);
      $("ms-waiting").textContent = fmt(p.waiting);
      $("ms-tokens").textContent = fmt(p.generationTokensPerSecond, 1);
      $("ms-cache").textContent = p.cacheUsage === null ? "–" : `${(p.cacheUsage * 100).toFixed(1)}%`;
    }
    if (data.samples.length === 0) return;
    const labels = data.samples.map((x) => new Date(x.at).toISOString().slice(11, 19));
    draw("ms-requests-chart", "line", labels, [
      { label: "running", data: data.samples.map((x) => x.running) },
      { label: "waiting", data: data.samples.map((x) => x.waiting) },
    ], { scales: { y: { beginAtZero: true } } });
    draw("ms-throughput-chart", "line", labels, [
      { label: "generated tokens/s", data: data.samples.map((x) => x.generationTokensPerSecond) },
      { label: "cache %", data: data.samples.map((x) => (x.cacheUsage === null ? null : x.cacheUsage * 100)), yAxisID: "cache" },
    ], { spanGaps: true, scales: { y: { beginAtZero: true }, cache: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } } } });
  }

  async function loadAll() {
    const errors = [];
    await Promise.all(
      [loadAlerts, loadAnswers, loadUsage, loadIngestion, loadStorage, loadResources, loadModelServer].map((f) =>
        f().catch((e) => errors.push(e.message)),
      ),
    );
    $("ops-error").textContent = errors.length ? `Some charts could not load: ${[...new Set(errors)].join("; ")}` : "";
    document.body.dataset.opsLoaded = "true";
  }

  $("window-form").addEventListener("change", loadAll);
  $("window-form").addEventListener("submit", (e) => e.preventDefault());
  loadAll();
})();
