/* whimbrel's page: reads only the JSON API of the same server (docs/web.md). No dependencies. */
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict" };
  const $ = (id) => document.getElementById(id);

  // -- helpers -----------------------------------------------------------------------------
  async function api(path, options) {
    const response = await fetch(path, options);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : "HTTP " + response.status;
      throw new Error(message);
    }
    return body;
  }
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function status(id, message, isError) {
    const node = $(id);
    node.textContent = message || "";
    node.classList.toggle("error", !!isError);
  }
  function factualityClass(f) {
    if (f === "hypothetical" || f === "future") return "speculative";
    if (f === "negated" || f === "denied") return "denied";
    return "realised";
  }
  function names(actors) {
    return (actors || []).map((a) => a.name + (a.country ? " (" + a.country + ")" : "")).join(", ");
  }
  function dyadText(e) {
    return (names(e.source) || "?") + " → " + (e.target && e.target.length ? names(e.target) : "(each other)");
  }
  function typeText(e) { return e.event_type + (e.mode ? "/" + e.mode : ""); }

  // -- tabs --------------------------------------------------------------------------------
  const tabs = [$("tab-code"), $("tab-explore")];
  let exploreLoaded = false;
  function select(tab) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (tab.id === "tab-explore" && !exploreLoaded) { exploreLoaded = true; loadExplore(); }
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        const next = tabs[(i + (ev.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        select(next); next.focus(); ev.preventDefault();
      }
    });
  });

  // -- the article with its evidence ------------------------------------------------------
  // Offsets are code points into article.text; JS strings index UTF-16 units, so split first.
  function renderArticle(container, text, events, focusId) {
    const chars = Array.from(text);
    const spans = [];
    events.forEach((e, i) => {
      spans.push({ start: e.sentence_start, end: e.sentence_end, kind: "ev", i: i });
      if (e.trigger) spans.push({ start: e.trigger.start, end: e.trigger.end, kind: "trigger", i: i });
      for (const a of e.source || []) spans.push({ start: a.start, end: a.end, kind: "source", i: i });
      for (const a of e.target || []) spans.push({ start: a.start, end: a.end, kind: "target", i: i });
    });
    const cuts = new Set([0, chars.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    container.textContent = "";
    container.classList.toggle("faint", focusId !== undefined && focusId !== null);
    let focusNode = null;
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1];
      const piece = chars.slice(a, b).join("");
      const over = spans.filter((s) => s.start <= a && s.end >= b);
      if (!over.length) { container.appendChild(document.createTextNode(piece)); continue; }
      const evs = over.filter((s) => s.kind === "ev").map((s) => s.i);
      const classes = [];
      let shown = evs.length ? evs[0] : null;
      if (focusId !== undefined && focusId !== null) {
        const hit = evs.find((i) => events[i].id === focusId);
        if (hit !== undefined) shown = hit;
      }
      if (shown !== null) {
        const e = events[shown];
        classes.push("ev", "q" + e.quad, factualityClass(e.factuality));
        if (e.id === focusId) classes.push("focus");
      }
      const related = (s) => shown === null || s.i === shown || focusId === undefined || focusId === null;
      if (over.some((s) => (s.kind === "source" || s.kind === "target") && related(s))) classes.push("actor");
      if (over.some((s) => s.kind === "target" && related(s))) classes.push("target");
      if (over.some((s) => s.kind === "trigger" && related(s))) classes.push("trigger");
      const span = el("span", { class: classes.join(" "), "data-ev": evs.join(" ") }, piece);
      if (shown !== null) {
        const e = events[shown];
        span.title = typeText(e) + ": " + dyadText(e) + " [" + e.factuality + "]";
      }
      if (shown !== null && events[shown].id === focusId && !focusNode) focusNode = span;
      container.appendChild(span);
    }
    return focusNode;
  }

  function eventItem(e, i) {
    const fc = factualityClass(e.factuality);
    const li = el("li", { class: "q" + e.quad + " " + fc, tabindex: "0", "data-ev": String(i) });
    li.appendChild(el("span", { class: "etype" }, typeText(e)));
    li.appendChild(el("span", { class: "badge " + fc }, e.factuality +
      (fc === "speculative" ? " · speculative" : fc === "denied" ? " · did not happen" : "")));
    li.appendChild(el("span", { class: "dyad-line" }, dyadText(e)));
    li.appendChild(el("span", { class: "small" }, (e.date || "undated") + " · confidence " +
      e.confidence.toFixed(2) + " · " + QUAD_NAMES[e.quad]));
    return li;
  }

  function focusEvent(container, list, i) {
    container.querySelectorAll(".ev.focus").forEach((n) => n.classList.remove("focus"));
    let first = null;
    container.querySelectorAll("span[data-ev]").forEach((n) => {
      if (n.dataset.ev.split(" ").includes(String(i))) { n.classList.add("focus"); if (!first) first = n; }
    });
    list.querySelectorAll("li.active").forEach((n) => n.classList.remove("active"));
    const li = list.querySelector('li[data-ev="' + i + '"]');
    if (li) li.classList.add("active");
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  // -- Code an article ---------------------------------------------------------------------
  $("code-text").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); $("code-form").requestSubmit(); }
  });
  $("code-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("code-text").value.trim();
    const url = $("code-url").value.trim();
    const body = {};
    if (text) body.text = text; else if (url) body.url = url;
    else { status("code-status", "Paste an article or give a URL.", true); return; }
    if ($("code-date").value) body.date = $("code-date").value;
    status("code-status", "Coding…");
    $("code-submit").disabled = true;
    try {
      const result = await api("/api/code", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      showCoded(result);
      status("code-status", result.events.length + " events found.");
    } catch (err) {
      status("code-status", err.message, true);
    } finally {
      $("code-submit").disabled = false;
    }
  });

  function showCoded(result) {
    const article = result.article, events = result.events;
    $("code-result").hidden = false;
    $("code-title").textContent = article.title || "Article";
    $("code-meta").textContent = [article.publisher, article.date, article.url].filter(Boolean).join(" · ");
    const container = $("code-article");
    renderArticle(container, article.text, events);
    const list = $("code-events");
    list.textContent = "";
    $("code-count").textContent = "(" + events.length + ")";
    events.forEach((e, i) => {
      const li = eventItem(e, i);
      const pick = () => focusEvent(container, list, i);
      li.addEventListener("click", pick);
      li.addEventListener("keydown", (k) => { if (k.key === "Enter" || k.key === " ") { k.preventDefault(); pick(); } });
      list.appendChild(li);
    });
    if (!events.length) list.appendChild(el("li", {}, "No events found in this article."));
  }

  // -- Explore: the dyad chart -----------------------------------------------------------
  function drawDyad(report) {
    const box = $("dyad-chart");
    box.textContent = "";
    const series = report.series;
    if (!series.length) return;
    const W = 960, H = 320, left = 44, right = 44, top = 24, bottom = 58;
    const half = (H - top - bottom) / 2, y0 = top + half;
    const max = Math.max(1, ...series.map((r) => Math.max(r.cooperation, r.conflict)));
    const step = (W - left - right) / series.length;
    const bw = Math.max(2, Math.min(40, step * 0.7));
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": report.a + " and " + report.b + ": events per " + report.by + ", cooperation above the axis, conflict below" });
    for (const v of [max, Math.round(max / 2), -Math.round(max / 2), -max]) {
      const y = y0 - (v / max) * half;
      root.appendChild(svg("line", { class: "grid", x1: left, x2: W - right, y1: y, y2: y }));
      root.appendChild(svg("text", { class: "tick", x: left - 6, y: y + 4, "text-anchor": "end" }, String(Math.abs(v))));
    }
    for (const v of [10, 5, 0, -5, -10]) {
      root.appendChild(svg("text", { class: "tick", x: W - right + 6, y: y0 - (v / 10) * half + 4 }, String(v)));
    }
    root.appendChild(svg("text", { class: "tick", x: left + 4, y: top - 8 }, "↑ cooperation (events)"));
    root.appendChild(svg("text", { class: "tick", x: left + 4, y: H - bottom + 2 - 4 }, "↓ conflict (events)"));
    root.appendChild(svg("text", { class: "tick", x: W - 4, y: top - 8, "text-anchor": "end" }, "mean score"));
    const labelEvery = Math.max(1, Math.ceil(series.length / 16));
    const points = [];
    series.forEach((r, i) => {
      const x = left + i * step + (step - bw) / 2;
      const q = r.by_quad;
      let up = y0, down = y0;
      for (const [quad, dir] of [[1, -1], [2, -1], [3, 1], [4, 1]]) {
        const n = q[String(quad)];
        if (!n) continue;
        const h = (n / max) * half;
        const y = dir < 0 ? up - h : down;
        const rect = svg("rect", { class: "bar q" + quad, x: x, y: y, width: bw, height: h });
        rect.appendChild(svg("title", {}, r.period + ": " + n + " " + QUAD_NAMES[quad]));
        root.appendChild(rect);
        if (dir < 0) up -= h; else down += h;
      }
      if (r.mean_score !== null) points.push([x + bw / 2, y0 - (r.mean_score / 10) * half, r]);
      if (i % labelEvery === 0) {
        const lx = x + bw / 2, ly = H - bottom + 14;
        root.appendChild(svg("text", { class: "tick", x: lx, y: ly, "text-anchor": "end",
          transform: "rotate(-40 " + lx + " " + ly + ")" }, r.period));
      }
    });
    root.appendChild(svg("line", { class: "axis", x1: left, x2: W - right, y1: y0, y2: y0 }));
    if (points.length > 1) {
      root.appendChild(svg("polyline", { class: "score-line", points: points.map((p) => p[0] + "," + p[1]).join(" ") }));
    }
    for (const [x, y, r] of points) {
      const dot = svg("circle", { class: "score-dot", cx: x, cy: y, r: 3 });
      dot.appendChild(svg("title", {}, r.period + ": mean score " + r.mean_score + " (" + r.events + " events)"));
      root.appendChild(dot);
    }
    box.appendChild(root);
  }

  async function showDyad(a, b) {
    const by = $("dyad-by").value, directed = $("dyad-directed").checked;
    status("dyad-status", "Loading…");
    try {
      const q = new URLSearchParams({ by: by, directed: String(directed) });
      const report = await api("/api/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + "?" + q);
      drawDyad(report);
      const note = report.left_out ? "; " + report.left_out + " without a precise enough date left out" : "";
      status("dyad-status", report.events
        ? report.events + " events between " + a + " and " + b + " in " + report.series.length + " " + by + "s" + note +
          ". Bars: events by quad (cooperation up, conflict down); line: mean score (right axis)."
        : "No events between " + a + " and " + b + ".");
    } catch (err) {
      status("dyad-status", err.message, true);
    }
  }
  $("dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const a = $("dyad-a").value.trim(), b = $("dyad-b").value.trim();
    if (a && b) showDyad(a, b);
  });
  function chartDyad(a, b) {
    $("dyad-a").value = a; $("dyad-b").value = b;
    showDyad(a, b);
    $("dyad-a").scrollIntoView({ block: "nearest" });
  }

  // -- Explore: the network ----------------------------------------------------------------
  function drawNetwork(graph) {
    const box = $("network");
    box.textContent = "";
    if (!graph.nodes.length) { box.appendChild(el("p", { class: "hint" }, "The store has no events yet.")); return; }
    const W = 560, H = 440, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 50;
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Actor network" });
    const pos = {};
    graph.nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / graph.nodes.length - Math.PI / 2;
      pos[n.id] = [cx + R * Math.cos(angle), cy + R * Math.sin(angle), angle];
    });
    const maxW = Math.max(1, ...graph.edges.map((e) => e.weight));
    const maxN = Math.max(1, ...graph.nodes.map((n) => n.events));
    for (const e of graph.edges) {
      const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
      const kind = e.net_cooperation > 0 ? "coop" : e.net_cooperation < 0 ? "conflict" : "mixed";
      const line = svg("line", { class: "edge " + kind, x1: x1, y1: y1, x2: x2, y2: y2,
        "stroke-width": 1 + (6 * e.weight) / maxW, tabindex: "0", role: "button",
        "aria-label": e.source + " and " + e.target + ": " + e.weight + " events; chart this dyad" });
      line.appendChild(svg("title", {}, e.source + " – " + e.target + ": " + e.weight + " events, mean score " + e.mean_score));
      const open = () => chartDyad(e.source, e.target);
      line.addEventListener("click", open);
      line.addEventListener("keydown", (k) => { if (k.key === "Enter" || k.key === " ") { k.preventDefault(); open(); } });
      root.appendChild(line);
    }
    for (const n of graph.nodes) {
      const [x, y, angle] = pos[n.id];
      const c = svg("circle", { class: "node", cx: x, cy: y, r: 3 + (9 * n.events) / maxN });
      c.appendChild(svg("title", {}, n.label + " (" + n.id + "): " + n.events + " events"));
      root.appendChild(c);
      const lx = x + 16 * Math.cos(angle), ly = y + 16 * Math.sin(angle) + 4;
      root.appendChild(svg("text", { class: "node-label", x: lx, y: ly,
        "text-anchor": Math.cos(angle) > 0.2 ? "start" : Math.cos(angle) < -0.2 ? "end" : "middle" }, n.label));
    }
    box.appendChild(root);
  }

  // -- Explore: the event table and the evidence -------------------------------------------
  let eventsOffset = 0, eventsNext = null;
  const PAGE = 25;
  function eventQuery(offset) {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData($("events-form")).entries()) if (String(v).trim()) q.set(k, String(v).trim());
    q.set("limit", String(PAGE)); q.set("offset", String(offset));
    return q;
  }
  async function loadEvents(offset) {
    status("events-status", "Loading…");
    try {
      const page = await api("/api/events?" + eventQuery(offset));
      eventsOffset = offset; eventsNext = page.next;
      const body = $("events-table").querySelector("tbody");
      body.textContent = "";
      for (const e of page.items) body.appendChild(eventRow(e));
      $("events-prev").disabled = offset === 0;
      $("events-next").disabled = !page.next;
      status("events-status", page.total ? (offset + 1) + "–" + (offset + page.items.length) + " of " + page.total + " events" : "No events match.");
    } catch (err) {
      status("events-status", err.message, true);
    }
  }
  function eventRow(e) {
    const fc = factualityClass(e.factuality);
    const tr = el("tr", { class: "q" + e.quad + " " + fc });
    tr.appendChild(el("td", {}, e.date || "—"));
    tr.appendChild(el("td", {}, typeText(e)));
    tr.appendChild(el("td", {}, dyadText(e)));
    tr.appendChild(el("td", {}, e.factuality));
    tr.appendChild(el("td", {}, e.confidence.toFixed(2)));
    const cell = el("td");
    const snippet = e.sentence.length > 140 ? e.sentence.slice(0, 137) + "…" : e.sentence;
    const button = el("button", { type: "button", class: "link", "aria-label": "Open the evidence of this " + e.event_type + " event in its article" }, snippet);
    cell.appendChild(button);
    tr.appendChild(cell);
    const open = (ev) => { ev.stopPropagation(); showEvidence(e); };
    button.addEventListener("click", open);
    tr.addEventListener("click", open);
    return tr;
  }
  async function showEvidence(e) {
    try {
      const result = await api("/api/articles/" + encodeURIComponent(e.article_id));
      const panel = $("evidence");
      panel.hidden = false;
      $("evidence-title").textContent = "Evidence: " + typeText(e) + ", " + dyadText(e);
      const a = result.article;
      $("evidence-meta").textContent = [a.title, a.publisher, a.date, e.factuality, "confidence " + e.confidence.toFixed(2)].filter(Boolean).join(" · ");
      const focus = renderArticle($("evidence-article"), a.text, result.events, e.id);
      panel.scrollIntoView({ block: "start" });
      $("evidence-title").focus({ preventScroll: true });
      if (focus) focus.scrollIntoView({ block: "center" });
    } catch (err) {
      status("events-status", err.message, true);
    }
  }
  $("events-form").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(0); });
  $("events-prev").addEventListener("click", () => loadEvents(Math.max(0, eventsOffset - PAGE)));
  $("events-next").addEventListener("click", () => { if (eventsNext) loadEvents(eventsOffset + PAGE); });
  for (const t of TYPES) $("f-type").appendChild(el("option", { value: t }, t));

  // -- Explore: first load -----------------------------------------------------------------
  async function loadExplore() {
    try {
      const [actors, graph] = await Promise.all([api("/api/actors?limit=30"), api("/api/network?limit=30")]);
      const list = $("actor-list");
      for (const a of actors.actors) list.appendChild(el("option", { value: a.actor }, a.name));
      const top = $("top-dyads");
      top.textContent = "";
      for (const d of actors.dyads.slice(0, 12)) {
        const li = el("li");
        const b = el("button", { type: "button", class: "link" }, d.a + " – " + d.b);
        b.addEventListener("click", () => chartDyad(d.a, d.b));
        li.appendChild(b);
        li.appendChild(document.createTextNode(" " + d.events + " events, net cooperation " + d.net_cooperation));
        top.appendChild(li);
      }
      drawNetwork(graph);
      if (actors.dyads.length && !$("dyad-a").value && !$("dyad-b").value) {
        chartDyad(actors.dyads[0].a, actors.dyads[0].b);
      }
    } catch (err) {
      status("dyad-status", err.message, true);
    }
    loadEvents(0);
  }
})();
