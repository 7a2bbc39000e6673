// The knowledge-gaps report: overview chart (Chart.js), the cluster list with filters, one cluster's panel and its
// workflow. Text from questions is always inserted as text, never as HTML.
"use strict";

(() => {
  const { el, problem } = window.Docent;
  const $ = (id) => document.getElementById(id);
  // Causes and statuses come from the server's enums, rendered into the filter menus: one list, never two.
  const labels = (name) =>
    Object.fromEntries(
      [...document.querySelectorAll(`#filters select[name="${name}"] option`)].filter((o) => o.value).map((o) => [o.value, o.textContent]),
    );
  let CAUSES = {};
  let STATUSES = {};
  const charts = {};
  let current = null;

  const day = (iso) => (iso ? new Date(iso).toLocaleDateString() : "");
  const causeList = (causes) => Object.entries(causes || {}).map(([c, n]) => `${CAUSES[c] || c} ${n}`).join(", ");
  const statusBadge = (status) => el("span", { class: `status ${status}` }, STATUSES[status] || status);

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(await problem(response));
    return response.json();
  }

  function drawChart(name, canvas, config) {
    if (charts[name]) charts[name].destroy();
    charts[name] = new window.Chart(canvas, config);
  }

  async function loadOverview() {
    try {
      const overview = await getJson("/api/gaps/overview?days=30");
      const labels = overview.days.map((d) => d.day.slice(5));
      drawChart("rate", $("rate-chart"), {
        data: {
          labels,
          datasets: [
            { type: "bar", label: "Answered", data: overview.days.map((d) => d.answered), backgroundColor: "#8fb3f0", stack: "q" },
            { type: "bar", label: "Unanswered", data: overview.days.map((d) => d.unanswered), backgroundColor: "#e08a7e", stack: "q" },
            {
              type: "line", label: "Unanswered rate (%)", yAxisID: "rate", borderColor: "#b3261e", pointRadius: 2, spanGaps: true,
              data: overview.days.map((d) => (d.unansweredRate === null ? null : Math.round(d.unansweredRate * 100))),
            },
          ],
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked: true },
            y: { stacked: true, beginAtZero: true, title: { display: true, text: "questions" }, ticks: { precision: 0 } },
            rate: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: "% unanswered" } },
          },
        },
      });
      $("rate-chart").dataset.ready = "true";
      // Questions the retention purge removed are still counted per day; say so, since they can no longer be read.
      const purged = overview.days.reduce((sum, d) => sum + (d.purged || 0), 0);
      $("purged-note").hidden = purged === 0;
      $("purged-note").textContent = purged === 0 ? "" : `Includes ${purged} purged question${purged === 1 ? "" : "s"} (counted; removed after the retention period).`;
      $("causes").replaceChildren(...Object.entries(overview.causes).map(([c, n]) => el("li", {}, `${CAUSES[c] || c}: ${n}`)));
      $("top-week").replaceChildren(
        ...overview.topThisWeek.map((g) => el("li", {}, el("button", { type: "button", class: "gap-open", onclick: () => openGap(g.id) }, g.label), ` (${g.count})`)),
      );
      $("top-week-empty").hidden = overview.topThisWeek.length > 0;
      $("overview-error").textContent = "";
    } catch (e) {
      $("overview-error").textContent = `The overview could not be loaded: ${e.message}`;
    }
  }

  function filterQuery() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData($("filters"))) if (value) params.set(key, value);
    return params.toString();
  }

  async function loadList() {
    const query = filterQuery();
    $("export").href = `/api/gaps/export.csv${query ? `?${query}` : ""}`;
    try {
      const gaps = await getJson(`/api/gaps${query ? `?${query}` : ""}`);
      $("gaps").querySelector("tbody").replaceChildren(
        ...gaps.map((g) =>
          el(
            "tr",
            { "data-gap-id": g.id },
            el("td", {}, el("button", { type: "button", class: "gap-open", onclick: () => openGap(g.id) }, g.label)),
            el("td", { class: "num" }, g.count),
            el("td", { class: "num" }, g.users),
            el("td", {}, day(g.lastSeen)),
            el("td", {}, causeList(g.causes)),
            el("td", {}, statusBadge(g.status), g.owner ? el("span", { class: "muted" }, ` · ${g.owner}`) : null),
          ),
        ),
      );
      $("gaps").hidden = gaps.length === 0;
      $("gaps-empty").hidden = gaps.length > 0;
      $("list-error").textContent = "";
    } catch (e) {
      $("list-error").textContent = `The gaps could not be loaded: ${e.message}`;
    }
  }

  async function openGap(id) {
    try {
      current = await getJson(`/api/gaps/${encodeURIComponent(id)}`);
    } catch (e) {
      $("list-error").textContent = `That gap could not be opened: ${e.message}`;
      return;
    }
    showGap(current);
    $("gap").hidden = false;
    $("gap").focus();
    history.replaceState(null, "", `/gaps?gap=${current.id}`);
  }

  function showGap(g) {
    $("gap-title").textContent = g.label;
    $("gap-stats").textContent =
      `${g.count} question${g.count === 1 ? "" : "s"} from ${g.users} user${g.users === 1 ? "" : "s"}, first ${day(g.firstSeen)}, last ${day(g.lastSeen)}` +
      ` · causes: ${causeList(g.causes)}` + (g.collections.length ? ` · collections: ${g.collections.join(", ")}` : "");
    $("gap-examples").replaceChildren(
      ...g.examples.map((x) => el("li", {}, x.question, el("span", { class: "muted" }, ` · ${day(x.askedAt)} · ${CAUSES[x.cause] || x.cause}`))),
    );
    drawChart("trend", $("trend-chart"), {
      type: "bar",
      data: { labels: g.trend.map((d) => d.day.slice(5)), datasets: [{ label: "Questions", data: g.trend.map((d) => d.questions), backgroundColor: "#e08a7e" }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const evidence = g.evidence;
    $("evidence").hidden = !evidence;
    if (evidence) {
      $("evidence-summary").textContent =
        `Replayed ${new Date(evidence.replayedAt).toLocaleString()}: ${evidence.answered} of ${evidence.replayed} questions now answered. "${evidence.question}"`;
      $("evidence-answer").textContent = evidence.answer;
      $("evidence-sources").replaceChildren(
        ...evidence.sources.map((s) =>
          el("li", {}, `[${s.n}] `, el("a", { href: `/api/documents/${s.documentId}/file${s.page ? `#page=${s.page}` : ""}`, target: "_blank", rel: "noopener" }, s.title || "untitled")),
        ),
      );
    }
    const status = $("gap-status");
    status.value = g.status;
    status.querySelector('option[value="likely_resolved"]').hidden = g.status !== "likely_resolved";
    $("gap-owner").value = g.owner || "";
    $("gap-notes").value = g.notes || "";
    $("workflow-saved").textContent = "";
    $("workflow-error").textContent = "";
    // The curated-answer panel (curated.js) follows the open gap.
    document.dispatchEvent(new CustomEvent("docent:gap", { detail: g }));
  }

  async function saveWorkflow(event) {
    event.preventDefault();
    if (!current) return;
    const changes = { owner: $("gap-owner").value, notes: $("gap-notes").value };
    if ($("gap-status").value !== current.status) changes.status = $("gap-status").value;
    const response = await Docent.send(`/api/gaps/${current.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(changes),
    });
    if (!response.ok) {
      $("workflow-error").textContent = await problem(response);
      return;
    }
    current = await response.json();
    showGap(current);
    $("workflow-saved").textContent = "Saved.";
    loadList();
  }

  // For the curated-answer panel (curated.js): a saved answer changes the gap's status.
  window.Docent.gaps = { open: openGap, reload: loadList };

  document.addEventListener("DOMContentLoaded", () => {
    CAUSES = labels("cause");
    STATUSES = labels("status");
    $("filters").addEventListener("change", loadList);
    $("filters").addEventListener("submit", (e) => {
      e.preventDefault();
      loadList();
    });
    $("workflow").addEventListener("submit", saveWorkflow);
    $("gap-close").addEventListener("click", () => {
      $("gap").hidden = true;
      history.replaceState(null, "", "/gaps");
    });
    loadOverview();
    loadList();
    const requested = new URLSearchParams(location.search).get("gap");
    if (requested) openGap(requested);
  });
})();
