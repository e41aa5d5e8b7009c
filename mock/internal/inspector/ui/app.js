// bcmock's inspector: a view of the control API's JSON endpoints. It reads
// one page at a time (newest page first), so it stays fast on long runs,
// and polls while "live" is on. Nothing is fetched from anywhere else.
"use strict";

const API = "/__bcmock";
const LIMIT = 50;
const POLL_MS = 2000;

const state = {
  filters: { store: "", scope: "", hook: "", outcome: "" },
  pages: { deliveries: 0, events: 0, attempts: 0 }, // 0: the newest page
  delivery: null, // the selected delivery id
  attempt: null, // the selected attempt id
  attempts: [], // the selected delivery's attempts shown
  clock: null,
  rendered: {}, // last JSON rendered per section, to skip unchanged ones
  firstRender: false,
};

// el builds an element; text children are text nodes, never HTML.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "style") e.style.cssText = v; // CSSOM: allowed by the page's Content-Security-Policy
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function badge(s) { return el("span", { class: "badge s-" + s }, s); }
function time(t) { return t ? t.replace("T", " ").replace(/(\.\d+)?Z$/, "Z") : ""; }
function $(id) { return document.getElementById(id); }

async function get(path) {
  const r = await fetch(API + path, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(path + ": " + r.status + " " + (body.title || "") + (body.detail ? ": " + body.detail : ""));
  return body;
}

async function post(path, body) {
  const r = await fetch(API + path, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = await r.json();
  if (!r.ok) throw new Error(path + ": " + r.status + " " + (out.title || "") + (out.detail ? ": " + out.detail : ""));
  return out;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== undefined && v !== null) q.set(k, v);
  return q.toString();
}

// lastPages remembers how many pages each listing had, so that reading
// the newest page usually takes one request.
const lastPages = new Map();

// list reads page `page` of a listing (0: the newest, that is the last).
async function list(path, params, page) {
  if (page) return get(path + "?" + query({ ...params, limit: LIMIT, page }));
  const key = path + "?" + query(params);
  let guess = lastPages.get(key);
  if (guess === undefined) { // a one-record probe learns the total cheaply
    const probe = await get(path + "?" + query({ ...params, limit: 1 }));
    guess = Math.max(1, Math.ceil(probe.meta.pagination.total / LIMIT));
  }
  for (;;) {
    const l = await get(path + "?" + query({ ...params, limit: LIMIT, page: guess }));
    const pages = Math.max(1, l.meta.pagination.total_pages);
    lastPages.set(key, pages);
    if (pages === guess) return l;
    guess = pages; // the listing grew or shrank meanwhile
  }
}

function pager(id, key, meta) {
  const p = meta.pagination;
  const box = $(id);
  box.replaceChildren();
  if (p.total_pages <= 1) return;
  const cur = p.current_page;
  const go = (n) => () => { state.pages[key] = n; refresh(); };
  box.append(
    el("button", { disabled: cur <= 1, onclick: go(1) }, "oldest"),
    el("button", { disabled: cur <= 1, onclick: go(cur - 1) }, "older"),
    ` page ${cur} of ${p.total_pages} (${p.total} in all) `,
    el("button", { disabled: cur >= p.total_pages, onclick: go(cur + 1) }, "newer"),
    el("button", { disabled: cur >= p.total_pages, onclick: go(0) }, "newest"),
  );
}

// changed reports whether a section's data differs from what is shown.
function changed(key, data) {
  const s = JSON.stringify(data);
  if (state.rendered[key] === s) return false;
  state.rendered[key] = s;
  return true;
}

function setStatus(text, bad) {
  const s = $("status");
  s.textContent = text;
  s.className = "status" + (bad ? " warn" : "");
}

// ---- clock

async function loadClock() {
  const c = await get("/clock");
  state.clock = c;
  if (!changed("clock", c)) return;
  $("clock").replaceChildren(`clock ${c.mode}: ${time(c.now)}`, c.next_due ? ` · next due ${time(c.next_due)}` : " · nothing due");
  $("advance").hidden = c.mode !== "fake";
  $("advance-next").disabled = !c.next_due;
}

async function advance(seconds) {
  try {
    await post("/clock/advance", { seconds });
    await refresh();
  } catch (e) { setStatus(e.message, true); }
}

// ---- stores

async function loadStores() {
  const l = await get("/stores?" + query({ limit: 250 }));
  const select = $("f-store");
  const known = new Set([...select.options].map((o) => o.value));
  for (const s of l.data) if (!known.has(s.store_hash)) select.append(el("option", { value: s.store_hash }, s.store_hash));
  const shown = l.data.filter((s) => !state.filters.store || s.store_hash === state.filters.store);
  if (!changed("stores", shown)) return;
  const box = $("stores");
  if (shown.length === 0) { box.replaceChildren(el("p", { class: "empty" }, "no stores yet")); return; }
  box.replaceChildren(...shown.map(storeView));
}

function storeView(s) {
  const st = s.stats;
  const dropped = st.events_dropped + st.deliveries_dropped + st.attempts_dropped + st.notifications_dropped;
  return el("div", { class: "store", dataset: { store: s.store_hash } },
    el("h3", {}, el("span", { class: "mono", "data-testid": "store-hash" }, s.store_hash),
      el("span", { class: "count" }, `${st.events} events · ${st.deliveries} deliveries (${st.pending} pending) · ${st.attempts} attempts · ${st.notifications} notifications` + (dropped ? ` · ${dropped} dropped by the log caps` : "")),
      el("button", { class: "small", onclick: () => resetStore(s.store_hash) }, "reset store")),
    s.hooks.length === 0 ? el("p", { class: "empty" }, "no hooks") :
      el("table", { class: "hooks" },
        el("thead", {}, el("tr", {}, ["id", "account", "scope", "destination", "status", "production"].map((h) => el("th", {}, h)))),
        el("tbody", {}, s.hooks.map((h) => el("tr", { class: "clickable", onclick: () => setFilters({ store: s.store_hash, hook: String(h.id) }) },
          el("td", {}, h.id), el("td", { class: "mono" }, h.client_id), el("td", { class: "mono" }, h.scope),
          el("td", { class: "mono" }, h.destination), el("td", {}, badge(h.status)),
          el("td", { class: "warn" }, h.warning ? "⚠ " + h.warning : ""))))),
    s.blocked_domains.length === 0 ? null : el("div", {},
      el("h3", {}, "Blocklisted domains"),
      el("ul", {}, s.blocked_domains.map((b) => el("li", { class: "s-failed" },
        el("span", { class: "mono" }, b.destination), ` (account ${b.client_id}) for ${b.time_left} s more: `,
        b.reasons.map((r) => `${r.failure_description} ×${r.count}`).join(", "))))));
}

async function resetStore(hash) {
  if (!confirm(`Forget store ${hash}: its hooks, emails and delivery log?`)) return;
  try {
    await post(`/stores/${encodeURIComponent(hash)}/reset`);
    if (state.filters.store === hash) state.delivery = null;
    await refresh();
  } catch (e) { setStatus(e.message, true); }
}

// ---- deliveries

function logFilters(withOutcome) {
  const f = state.filters;
  return { store: f.store, scope: f.scope, hook: f.hook, outcome: withOutcome ? f.outcome : "" };
}

async function loadDeliveries() {
  const l = await list("/deliveries", logFilters(true), state.pages.deliveries);
  $("deliveries-count").textContent = `(${l.meta.pagination.total})`;
  pager("deliveries-pager", "deliveries", l.meta);
  if (!changed("deliveries", [l.data, state.delivery])) return;
  const rows = l.data.slice().reverse().map((d) => el("tr", {
    class: "clickable" + (d.id === state.delivery ? " selected" : ""), dataset: { delivery: d.id, status: d.status },
    onclick: () => selectDelivery(d.id),
  },
  el("td", {}, d.id), el("td", {}, d.event_id), el("td", { class: "mono" }, d.store_hash), el("td", {}, d.hook_id),
  el("td", { class: "mono" }, d.scope), el("td", { class: "mono" }, d.destination, d.warning ? el("div", { class: "warn" }, "⚠ " + d.warning) : null),
  el("td", {}, badge(d.status)), el("td", {}, d.attempts), el("td", {}, time(d.next_attempt_at))));
  $("deliveries").tBodies[0].replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 9, class: "empty" }, "no deliveries"))]));
}

function selectDelivery(id) {
  state.delivery = id;
  state.attempt = null;
  state.pages.attempts = 0;
  refresh();
}

async function loadDetail() {
  const section = $("detail-section");
  if (!state.delivery) { section.hidden = true; return; }
  let d;
  try { d = await get(`/deliveries/${state.delivery}`); } catch (e) { state.delivery = null; section.hidden = true; return; }
  const l = await list("/attempts", { delivery: d.id }, state.pages.attempts);
  pager("attempts-pager", "attempts", l.meta);
  section.hidden = false;
  state.attempts = l.data;
  if (!changed("detail", [d, l.data, state.attempt])) return;
  $("detail-title").textContent = `${d.id} (event ${d.event_id})`;
  $("detail").replaceChildren(el("dl", { class: "kv" },
    kv("status", badge(d.status)), kv("store", d.store_hash), kv("hook", `${d.hook_id} (account ${d.client_id})`),
    kv("scope", d.scope), kv("destination", d.destination), kv("webhook-id", d.message_id),
    kv("attempts", d.attempts + (d.postponements ? ` (postponed ${d.postponements}× by the blocklist)` : "")),
    kv("created", time(d.created_at)), d.completed_at ? kv("completed", time(d.completed_at)) : null,
    d.last_error ? kv("last error", d.last_error) : null, d.warning ? kv("production", el("span", { class: "warn" }, d.warning)) : null,
    kv("ladder ahead", d.ahead.length === 0 ? "none: the delivery is finished" :
      el("ol", { class: "ahead", "data-testid": "ladder" }, d.ahead.map((a) => el("li", { value: a.attempt }, `attempt ${a.attempt} at ${time(a.due_at)}`))))));
  timeline(l.data, d.ahead);
  $("attempts").tBodies[0].replaceChildren(...l.data.map((a) => el("tr", {
    class: "clickable" + (a.id === state.attempt ? " selected" : ""), dataset: { attempt: a.id, outcome: a.outcome },
    onclick: () => { state.attempt = a.id; refresh(); },
  },
  el("td", {}, a.attempt), el("td", {}, time(a.at)), el("td", {}, a.response_status || "no answer"),
  el("td", {}, badge(a.outcome)), el("td", {}, a.duration_ms.toFixed(1) + " ms"), el("td", { class: "mono" }, a.error || ""))));
  attemptView(l.data.find((a) => a.id === state.attempt));
}

function kv(k, v) { return [el("dt", {}, k), el("dd", {}, v)]; }

// timeline draws the attempts made and the ones planned on one time axis.
function timeline(attempts, ahead) {
  const points = attempts.map((a) => ({ t: Date.parse(a.at), cls: "s-" + a.outcome, label: `#${a.attempt}`, id: a.id }))
    .concat(ahead.map((a) => ({ t: Date.parse(a.due_at), cls: "planned", label: `#${a.attempt}?` })));
  const box = $("timeline");
  box.replaceChildren();
  if (points.length === 0) return;
  // A logarithmic axis: the ladder's delays grow from a minute to a day,
  // so early attempts would pile up on a linear one.
  const t0 = Math.min(...points.map((p) => p.t)), t1 = Math.max(...points.map((p) => p.t));
  const scale = (t) => Math.log1p((t - t0) / 1000);
  const span = Math.max(scale(t1), 1e-9);
  for (const p of points) {
    const left = 2 + 96 * scale(p.t) / span + "%";
    box.append(el("span", { class: "tick", style: `left:${left}` }, p.label),
      el("span", { class: "dot " + p.cls, style: `left:${left}`, title: `${p.label} ${new Date(p.t).toISOString()}`,
        onclick: p.id ? () => { state.attempt = p.id; refresh(); } : null }));
  }
}

function headersText(h) {
  return Object.keys(h || {}).sort().map((k) => `${k}: ${h[k]}`).join("\n");
}

function pretty(body) {
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
}

function attemptView(a) {
  const box = $("attempt");
  if (!a) { box.hidden = true; return; }
  box.hidden = false;
  box.replaceChildren(
    el("h3", {}, `Attempt ${a.attempt} of delivery ${a.delivery_id} `, badge(a.outcome)),
    el("dl", { class: "kv" }, kv("at", time(a.at)), kv("duration", a.duration_ms.toFixed(1) + " ms"),
      kv("status", el("span", { "data-testid": "attempt-status" }, a.response_status || "no answer")),
      a.error ? kv("error", el("span", { class: "s-failure", "data-testid": "attempt-error" }, a.error)) : null,
      a.next_attempt_at ? kv("next attempt", time(a.next_attempt_at)) : null,
      a.truncated ? kv("truncated", "the receiver sent more than 1 KiB; the rest is not kept") : null),
    el("div", { class: "cols" },
      el("div", {}, el("h3", {}, `Request: ${a.request.method} ${a.request.url}`),
        el("pre", { "data-testid": "request-headers" }, headersText(a.request.headers)),
        el("pre", { "data-testid": "request-body" }, pretty(a.request.body))),
      el("div", {}, el("h3", {}, "Response (the first KiB of the body)"),
        el("pre", { "data-testid": "response-headers" }, headersText(a.response_headers) || "(no headers)"),
        el("pre", { "data-testid": "response-body" }, a.response_body || "(empty)"))));
}

// ---- events

async function loadEvents() {
  const f = state.filters;
  const l = await list("/events", { store: f.store, scope: f.scope, hook: f.hook }, state.pages.events);
  $("events-count").textContent = `(${l.meta.pagination.total})`;
  pager("events-pager", "events", l.meta);
  const scopes = $("scopes");
  const known = new Set([...scopes.options].map((o) => o.value));
  for (const e of l.data) if (!known.has(e.scope)) { known.add(e.scope); scopes.append(el("option", { value: e.scope })); }
  if (!changed("events", l.data)) return;
  const rows = [];
  for (const e of l.data.slice().reverse()) {
    const payload = el("tr", { hidden: true }, el("td", { colspan: 7 }, el("pre", {}, pretty(e.body))));
    rows.push(el("tr", { dataset: { event: e.id } },
      el("td", {}, e.id), el("td", { class: "mono" }, e.store_hash), el("td", { class: "mono" }, e.scope),
      el("td", {}, time(e.raised_at)), el("td", {}, e.source), el("td", {}, e.hook_ids.join(", ") || "none"),
      el("td", {}, el("button", { class: "small", onclick: () => { payload.hidden = !payload.hidden; } }, "payload"),
        " ", el("button", { class: "small", onclick: () => resend(e.id) }, "resend"))), payload);
  }
  $("events").tBodies[0].replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 7, class: "empty" }, "no events"))]));
}

async function resend(id) {
  try {
    const r = await post(`/events/${id}/resend`);
    setStatus(`event ${id} raised again as event ${r.event_id} (${r.delivery_ids.length} deliveries)`);
    state.pages.events = 0;
    await refresh();
  } catch (e) { setStatus(e.message, true); }
}

// ---- notifications and exceptions

async function loadNotices() {
  const f = state.filters;
  const [n, x] = await Promise.all([list("/notifications", { store: f.store, hook: f.hook }, 0),
    list("/events", { store: f.store, scope: "store/hook/deliveryException" }, 0)]);
  if (!changed("notices", [n.data, x.data])) return;
  const nrows = n.data.slice().reverse().map((m) => el("tr", { class: m.kind === "hook_deactivated" ? "s-deactivated" : "warn" },
    el("td", {}, m.id), el("td", {}, m.kind), el("td", { class: "mono" }, m.store_hash), el("td", {}, m.hook_id),
    el("td", { class: "mono" }, m.destination), el("td", {}, time(m.at)), el("td", {}, time(m.until)), el("td", {}, m.message)));
  $("notifications").tBodies[0].replaceChildren(...(nrows.length ? nrows : [el("tr", {}, el("td", { colspan: 8, class: "empty" }, "none"))]));
  const xrows = x.data.slice().reverse().map((e) => {
    let data = {};
    try { data = JSON.parse(e.body).data || {}; } catch { /* shown empty */ }
    return el("tr", {}, el("td", {}, e.id), el("td", { class: "mono" }, e.store_hash), el("td", {}, String(data.error_code || "")),
      el("td", {}, data.id || ""), el("td", {}, time(e.raised_at)), el("td", {}, data.message || ""));
  });
  $("exceptions").tBodies[0].replaceChildren(...(xrows.length ? xrows : [el("tr", {}, el("td", { colspan: 6, class: "empty" }, "none"))]));
}

// ---- filters, refresh and polling

function setFilters(f) {
  Object.assign(state.filters, f);
  $("f-store").value = state.filters.store;
  $("f-scope").value = state.filters.scope;
  $("f-hook").value = state.filters.hook;
  $("f-outcome").value = state.filters.outcome;
  state.pages = { deliveries: 0, events: 0, attempts: 0 };
  refresh();
}

let running = null;
async function refresh() {
  if (running) { running.again = true; return running.done; }
  running = { again: false };
  running.done = (async () => {
    do {
      running.again = false;
      try {
        await Promise.all([loadClock(), loadStores(), loadDeliveries(), loadDetail(), loadEvents(), loadNotices()]);
        setStatus("updated " + new Date().toLocaleTimeString());
        if (!state.firstRender) {
          state.firstRender = true;
          window.bcmockFirstRender = performance.now();
          document.body.dataset.rendered = "true";
        }
      } catch (e) { setStatus(e.message, true); }
    } while (running.again);
    running = null;
  })();
  return running.done;
}

function init() {
  for (const b of document.querySelectorAll("#advance button")) {
    b.addEventListener("click", () => {
      if (b.dataset.next) {
        const c = state.clock;
        if (c && c.next_due) advance(Math.max(0, (Date.parse(c.next_due) - Date.parse(c.now)) / 1000));
        return;
      }
      advance(Number(b.dataset.seconds));
    });
  }
  $("f-store").addEventListener("change", (e) => setFilters({ store: e.target.value }));
  $("f-scope").addEventListener("change", (e) => setFilters({ scope: e.target.value.trim() }));
  $("f-hook").addEventListener("change", (e) => setFilters({ hook: e.target.value }));
  $("f-outcome").addEventListener("change", (e) => setFilters({ outcome: e.target.value }));
  $("f-clear").addEventListener("click", () => setFilters({ store: "", scope: "", hook: "", outcome: "" }));
  $("detail-close").addEventListener("click", () => { state.delivery = null; state.attempt = null; refresh(); });
  setInterval(() => { if ($("live").checked && !document.hidden) refresh(); }, POLL_MS);
  refresh();
}

init();
