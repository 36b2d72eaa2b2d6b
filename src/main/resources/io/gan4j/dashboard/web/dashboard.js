// gan4j dashboard: keeps each run's metrics lines, sample grid steps and config as the server
// pushes them (server-sent events; a reconnect replays everything), and redraws the charts.
"use strict";

const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
const NOT_LOSSES = new Set(["step", "epoch", "time_s", "eval"]);
// Evaluation fields that describe the measurement rather than the samples.
const NOT_EVAL = new Set(["n", "n_test", "seed", "score_std", "score_splits", "classifier_test_accuracy", "time_s"]);

const runs = [];
const charts = {};
const $ = (id) => document.getElementById(id);
let redrawPending = false;

function run(id) {
  while (runs.length <= id) runs.push({ id: runs.length, name: "run " + runs.length, config: null, finished: false, lines: [], grids: [] });
  return runs[id];
}

const source = new EventSource("/events");
source.onopen = () => setConnection(true);
source.onerror = () => setConnection(false);
source.addEventListener("config", (e) => {
  const d = JSON.parse(e.data);
  Object.assign(run(d.run), { name: d.name, config: d.config, finished: d.finished });
  renderRuns();
  renderConfig();
  renderSampleRuns();
});
source.addEventListener("metrics", (e) => {
  const d = JSON.parse(e.data);
  const r = run(d.run);
  if (d.reset) r.lines = [];
  for (const line of d.lines) if (line && typeof line.step === "number") r.lines.push(line);
  scheduleRedraw();
});
source.addEventListener("samples", (e) => {
  const d = JSON.parse(e.data);
  const r = run(d.run);
  if (d.reset) r.grids = [];
  r.grids.push(...d.steps);
  r.grids.sort((a, b) => a - b);
  renderSampleRuns();
  renderSamples();
});

function setConnection(on) {
  const el = $("connection");
  el.className = on ? "on" : "off";
  el.textContent = on ? "live" : "disconnected, retrying…";
}

function scheduleRedraw() {
  if (!redrawPending) {
    redrawPending = true;
    requestAnimationFrame(() => { redrawPending = false; renderRuns(); renderCharts(); });
  }
}

const lossLines = (r) => r.lines.filter((l) => !l.eval && !l.event);
// Training-health warnings ({"step", "event", "message"} lines of metrics.jsonl).
const eventLines = (r) => r.lines.filter((l) => l.event);
const evalLines = (r) => r.lines.filter((l) => l.eval);

// ---- progress -------------------------------------------------------------------------------
function totalSteps(config) {
  return config ? config.totalSteps || config.steps || null : null;
}

/** Seconds per step over the current training session (time_s restarts when a run is resumed). */
function secondsPerStep(lines) {
  let start = lines.length - 1;
  while (start > 0 && lines[start - 1].time_s <= lines[start].time_s) start--;
  const first = lines[start], last = lines[lines.length - 1];
  if (last.step > first.step) return (last.time_s - first.time_s) / (last.step - first.step);
  return first.step > 0 ? first.time_s / first.step : null;
}

function duration(s) {
  if (s == null || !isFinite(s)) return "?";
  s = Math.round(s);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
}

function dashSample(i) {
  return `<svg width="28" height="8"><line x1="0" y1="4" x2="28" y2="4" stroke="#333" stroke-width="2" stroke-dasharray="${DASHES[i % DASHES.length].join(",")}"/></svg>`;
}

function renderRuns() {
  const box = $("runs");
  box.innerHTML = "";
  for (const r of runs) {
    const lines = lossLines(r);
    const last = lines[lines.length - 1];
    const total = totalSteps(r.config);
    const step = last ? last.step : 0;
    let text = last ? `step ${step}` + (total ? ` / ${total} (${Math.floor(100 * step / total)}%)` : "") : "waiting for the first metrics…";
    if (last) {
      text += ` · ${duration(last.time_s)} elapsed`;
      const rate = secondsPerStep(lines);
      if (r.finished) text += " · finished";
      else if (total && step >= total) text += " · writing final outputs…";
      else if (total && rate != null) text += ` · ETA ${duration(rate * (total - step))}`;
    }
    const c = r.config || {};
    const div = document.createElement("div");
    div.className = "run";
    div.dataset.run = r.id;
    div.innerHTML = `<div class="name" title="${escapeHtml(r.name)}">${dashSample(r.id)} ${escapeHtml(r.name)}
        <small>${escapeHtml(c.model || "")}${c.data && c.data !== "none" ? " · " + escapeHtml(c.data) : ""}</small></div>
      <div class="bar"><div style="width:${total ? Math.min(100, 100 * step / total) : 0}%"></div></div>
      <div class="text">${escapeHtml(text)}</div>`;
    box.appendChild(div);
  }
}

// ---- charts ---------------------------------------------------------------------------------
/** TensorBoard's smoothing: an exponential moving average, debiased so the first points are not pulled to 0. */
function smooth(values, weight) {
  let last = 0, n = 0;
  return values.map((v) => {
    if (v == null || !isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    n++;
    return last / (1 - Math.pow(weight, n));
  });
}

/**
 * series: [{label, color, dash, points: [[step, value]...]}]; every series is drawn smoothed, and raw
 * (thin, faded) when asked. uPlot wants one shared x array, so steps are merged and gaps left null.
 */
function chartData(series, raw, weight) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const data = [xs];
  const defs = [{ label: "step" }];
  for (const s of series) {
    const ys = s.points.map((p) => p[1]);
    const variants = weight > 0 ? [[smooth(ys, weight), s.label, 2, s.color]] : [[ys, s.label, 2, s.color]];
    if (raw && weight > 0) variants.push([ys, s.label + " (raw)", 1, s.color + "55"]);
    for (const [values, label, width, stroke] of variants) {
      const column = new Array(xs.length).fill(null);
      s.points.forEach((p, i) => { column[index.get(p[0])] = values[i]; });
      data.push(column);
      defs.push({ label, stroke, width, dash: s.dash, spanGaps: true });
    }
  }
  return { data, defs };
}

function drawChart(id, el, series, width, height, raw, weight) {
  const { data, defs } = chartData(series, raw, weight);
  const signature = JSON.stringify([defs.map((d) => d.label), width, height]);
  const existing = charts[id];
  if (existing && existing.signature === signature) {
    existing.plot.setData(data);
  } else {
    if (existing) existing.plot.destroy();
    const opts = { width, height, series: defs, scales: { x: { time: false } }, axes: [{ label: "step" }, {}], legend: { live: true } };
    charts[id] = { signature, plot: new uPlot(opts, data, el) };
  }
  el.dataset.points = series.reduce((n, s) => n + s.points.length, 0);
}

function lossSeries(keys) {
  const series = [];
  runs.forEach((r) => {
    const lines = lossLines(r);
    keys(lines).forEach((key) => {
      series.push({
        label: (runs.length > 1 ? r.name + " · " : "") + key,
        color: COLORS[allKeys().indexOf(key) % COLORS.length],
        dash: DASHES[r.id % DASHES.length],
        points: lines.filter((l) => typeof l[key] === "number").map((l) => [l.step, l[key]]),
      });
    });
  });
  return series;
}

/** Every loss name of every run, in a fixed order, so a loss keeps its color across runs. */
function allKeys() {
  const keys = new Set();
  runs.forEach((r) => lossLines(r).forEach((l) => Object.keys(l).forEach((k) => { if (!NOT_LOSSES.has(k)) keys.add(k); })));
  return [...keys];
}

function renderCharts() {
  const weight = Number($("smoothing").value);
  const raw = $("raw").checked;
  const width = Math.max(380, Math.floor((window.innerWidth - 130) / 2));
  const keysOf = (lines) => [...new Set(lines.flatMap((l) => Object.keys(l)))].filter((k) => !NOT_LOSSES.has(k));
  drawChart("loss", $("loss-chart"), lossSeries((lines) => keysOf(lines).filter((k) => k === "d_loss" || k === "g_loss")),
    width, 300, raw, weight);
  drawChart("parts", $("parts-chart"), lossSeries((lines) => keysOf(lines).filter((k) => k !== "d_loss" && k !== "g_loss")),
    width, 300, raw, weight);
  renderEval(width);
  renderWarnings();
}

function renderWarnings() {
  const items = runs.flatMap((r) => eventLines(r).map((l) =>
    `<li>${escapeHtml(r.name)}, step ${Number(l.step)}: ${escapeHtml(String(l.message))}</li>`));
  $("warnings-section").hidden = items.length === 0;
  $("warnings").innerHTML = items.join("");
}

/** One small chart per evaluation metric (their scales differ: FD in tens, precision in [0, 1]). */
function renderEval(width) {
  const keys = new Set();
  runs.forEach((r) => evalLines(r).forEach((l) => Object.entries(l.eval).forEach(([k, v]) => {
    if (typeof v === "number" && !NOT_EVAL.has(k)) keys.add(k);
  })));
  $("eval-section").hidden = keys.size === 0;
  for (const key of keys) {
    let el = $("eval-" + key);
    if (!el) {
      const fig = document.createElement("figure");
      fig.innerHTML = `<figcaption>${escapeHtml(key)}</figcaption><div id="eval-${escapeHtml(key)}" class="chart"></div>`;
      $("eval-charts").appendChild(fig);
      el = $("eval-" + key);
    }
    const series = runs.map((r) => ({
      label: r.name, color: COLORS[r.id % COLORS.length], dash: DASHES[r.id % DASHES.length],
      points: evalLines(r).filter((l) => typeof l.eval[key] === "number").map((l) => [l.step, l.eval[key]]),
    })).filter((s) => s.points.length > 0);
    drawChart("eval-" + key, el, series, Math.floor(width / 1.5), 200, false, 0);
  }
}

// ---- samples --------------------------------------------------------------------------------
function renderSampleRuns() {
  const select = $("sample-run");
  const chosen = select.value;
  select.innerHTML = runs.map((r) => `<option value="${r.id}">${escapeHtml(r.name)}</option>`).join("");
  select.value = chosen !== "" ? chosen : "0";
  select.hidden = runs.length < 2;
}

function renderSamples() {
  const r = runs[Number($("sample-run").value) || 0];
  const slider = $("sample-slider");
  if (!r || r.grids.length === 0) return;
  const atEnd = Number(slider.value) >= Number(slider.max);
  slider.max = r.grids.length - 1;
  if ($("sample-follow").checked || atEnd) slider.value = slider.max;
  const step = r.grids[Number(slider.value)];
  $("sample-step").textContent = `step ${step} (${Number(slider.value) + 1} of ${r.grids.length})`;
  const src = `/files/${r.id}/samples/step-${String(step).padStart(7, "0")}.png`;
  if ($("grid").getAttribute("src") !== src) $("grid").src = src;
}

// ---- config ---------------------------------------------------------------------------------
function renderConfig() {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.config || {})))];
  const show = (v) => (v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  let html = "<tr><th></th>" + runs.map((r) => `<th>${escapeHtml(r.name)}</th>`).join("") + "</tr>";
  for (const k of keys) {
    const values = runs.map((r) => show((r.config || {})[k]));
    const differ = new Set(values).size > 1;
    html += `<tr${differ ? ' style="font-weight:600"' : ""}><td>${escapeHtml(k)}</td>` + values.map((v) => `<td>${escapeHtml(v)}</td>`).join("") + "</tr>";
  }
  $("config").innerHTML = html;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

$("smoothing").addEventListener("input", () => { $("smoothing-value").textContent = Number($("smoothing").value).toFixed(2); renderCharts(); });
$("raw").addEventListener("change", renderCharts);
$("sample-run").addEventListener("change", () => { $("sample-slider").value = $("sample-slider").max; renderSamples(); });
$("sample-slider").addEventListener("input", () => { $("sample-follow").checked = false; renderSamples(); });
$("sample-follow").addEventListener("change", renderSamples);
window.addEventListener("resize", scheduleRedraw);
