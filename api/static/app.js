// coaltext upload page: posts the file to the JSON API and renders the report.
// Every piece of report text goes into the page as a text node (never as HTML).
"use strict";

const ENDPOINTS = { agreement: "/v1/agreements", minutes: "/v1/minutes", alignment: "/v1/alignment" };
const QUOTE_CHARS = 600;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function table(headers, rows, attrs) {
  return el("table", attrs,
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows));
}

function fmt(score) {
  return typeof score === "number" ? score.toFixed(2) : "";
}

function clip(text, n) {
  // without the rows of dashes that EDGAR text puts under underlined words (as the reports do)
  const s = String(text || "").replace(/(^|\s)(?:-{2,}(?:\s+-{2,})+|-{3,})(?=\s|$)/g, "$1").replace(/\s+/g, " ").trim();
  return s.length > n ? s.slice(0, n).trimEnd() + " …" : s;
}

function oneLine(text) {
  // PDF text keeps the source's line breaks; a quote reads better as running text.
  return String(text || "").replace(/\s+/g, " ").trim();
}

const SHOWN = { "<unintelligible/>": " […] ", "<unint/>": " […] ", "<another_language/>": " […] ",
  "<parallel_talk/>": " […] ", "<censored/>": " [censored] " };

function spoken(text) {
  // a transcript's noise tags, as the reports show them: "[…]" where words were lost, else nothing
  return oneLine(String(text || "").replace(/<(?:[a-z_]{2,30}\/|\/?(?:another_language|aside))>/g, (t) => SHOWN[t] || " "));
}

// Clause type id → the name the reports show ("ip_ownership" → "IP ownership"), from
// GET /v1/clause-types; an id stands for itself until (or unless) the list has loaded.
const TYPE_LABELS = new Map();
let typesLoading = Promise.resolve();

function typeLabel(id) {
  return TYPE_LABELS.get(id) || id;
}

function authHeaders() {
  const token = document.getElementById("token").value.trim();
  if (token) sessionStorage.setItem("coaltext-token", token);
  return token ? { Authorization: "Bearer " + token } : {};
}

// ---------------------------------------------------------------- agreement

function clauseLabel(clause) {
  const parts = [];
  // the citation ("8.3(a)(i)") names a sub-clause where its bare number ("(i)") would not
  if (clause.citation || clause.number) parts.push(clause.citation || clause.number);
  // "7, Oncology" names its sub-heading already
  if (clause.heading && !(clause.citation || "").endsWith(`, ${clause.heading.trim()}`)) parts.push(clause.heading);
  const KINDS = { preamble: "preamble", title: "title", signature: "signature blocks" };
  if (!parts.length) parts.push(KINDS[clause.kind] || clause.id);
  let pages = "";
  if (clause.page_start) {
    pages = clause.page_end && clause.page_end !== clause.page_start
      ? `pp. ${clause.page_start}–${clause.page_end}` : `p. ${clause.page_start}`;
  }
  return { section: parts.join(" "), pages };
}

const MAX_EVIDENCE = 3;

function coverageRank(item) {
  // Problems first (required, then recommended; missing before weak), then what is present,
  // then types the playbook does not ask for and the draft does not have.
  const tier = item.required ? 0 : item.recommended ? 1 : 2;
  if (item.status !== "present" && tier < 2) return tier * 2 + (item.status === "missing" ? 0 : 1);
  if (item.status === "present") return 4 + tier;
  return 7 + (item.status === "weak" ? 0 : 1);
}

function coverageOrder(a, b) {
  return coverageRank(a) - coverageRank(b) || b.score - a.score || a.type.localeCompare(b.type);
}

const TERM_LABELS = { governing_law: "Governing law", effective_date: "Effective date", expiry: "Ends", initial_term: "Initial term",
  renewal: "Renews for", renewal_notice: "Notice to stop renewal", arbitration_seat: "Seat of arbitration",
  arbitration_rules: "Arbitration rules", arbitrators: "Arbitrators", arbitration_language: "Language of arbitration" };

function renderAgreement(report) {
  const clauses = new Map(report.clauses.map((c) => [c.id, c]));
  const out = [];
  out.push(el("h2", {}, report.title || report.source.name));
  const meta = [`${report.clauses.length} clauses`];
  if (report.source.pages) meta.push(`${report.source.pages} pages`);
  if (report.date) meta.push(report.date);
  meta.push(`playbook: ${report.coverage.playbook}`);
  out.push(el("p", { class: "meta" }, meta.join(" · ")));
  if (report.parties.length) {
    out.push(el("p", {}, "Parties: ",
      report.parties.map((p) => p.name + (p.alias || p.role ? ` (“${p.alias || p.role}”)` : "")).join("; ")));
    const groups = new Map();  // a collective name → its members, as the Markdown report lists them
    report.parties.forEach((p) => (p.groups || []).forEach((g) => groups.set(g, [...(groups.get(g) || []), p.alias || p.name])));
    if (groups.size) {
      out.push(el("p", {}, "Groups of parties: ",
        [...groups].map(([g, members]) => `“${g}”: ${members.join(" + ")}`).join("; ")));
    }
  }
  if ((report.key_terms || []).length) {
    out.push(el("h3", {}, "Key terms"));
    out.push(table(["term", "value", "where"], report.key_terms.map((t) => el("tr", { "data-term": t.name },
      el("td", {}, TERM_LABELS[t.name] || t.name),
      el("td", {}, t.value + (t.rule.endsWith("start_plus_term") ? " (its start plus the initial term)" : "")),
      el("td", { class: "cite" }, clauses.get(t.clause) ? clauseLabel(clauses.get(t.clause)).section : ""))),
    { id: "key-terms" }));
  }

  const items = [...report.coverage.items].sort(coverageOrder);
  const missingRequired = items.filter((i) => i.required && i.status === "missing");
  out.push(el("h3", {}, "Coverage"));
  out.push(el("p", { id: "coverage-summary" },
    missingRequired.length
      ? `${missingRequired.length} required clause type(s) missing: ${missingRequired.map((i) => typeLabel(i.type)).join(", ")}`
      : "No required clause type is missing."));
  if (report.flags.length) {
    out.push(el("h3", {}, `Flags (${report.flags.length})`));
    out.push(el("ul", { id: "flags" }, report.flags.map((f) => el("li", {},
      el("span", { class: `sev-${f.severity}` }, f.severity), " ", f.message,
      f.clauses.length ? el("span", { class: "cite" }, " — ",
        f.clauses.map((id) => (clauses.get(id) ? clauseLabel(clauses.get(id)).section : id)).join(", ")) : ""))));
  }
  const rows = items.map((item) => {
    const evidence = item.evidence.slice(0, MAX_EVIDENCE).map((id) => {
      const clause = clauses.get(id);
      if (!clause) return el("div", { class: "cite" }, id);
      const { section, pages } = clauseLabel(clause);
      return el("div", {},
        el("div", { class: "cite" }, section, pages ? ` — ${pages}` : ""),
        el("blockquote", {}, clip(oneLine(clause.text), QUOTE_CHARS)));
    });
    if (item.evidence.length > MAX_EVIDENCE) {
      evidence.push(el("div", { class: "cite" }, `and ${item.evidence.length - MAX_EVIDENCE} more clause(s)`));
    }
    return el("tr", { "data-type": item.type, "data-status": item.status, "data-required": String(item.required) },
      el("td", { title: item.type }, typeLabel(item.type)),
      el("td", {}, item.required ? "required" : item.recommended ? "recommended" : ""),
      el("td", { class: `status-${item.status}` }, item.status),
      el("td", { class: "score" }, fmt(item.score)),
      el("td", {}, evidence));
  });
  out.push(el("h3", {}, "Clause types against the playbook"));
  out.push(table(["type", "playbook", "status", "score", "evidence (section, page, text)"], rows,
    { id: "coverage" }));

  if (report.warnings.length) {
    out.push(el("h3", {}, "Warnings"), el("ul", {}, report.warnings.map((w) => el("li", {}, w))));
  }
  return out;
}

// ---------------------------------------------------------------- minutes

const KIND_TITLES = { decision: "Decisions", action: "Action items", disagreement: "Disagreements", goal: "Goals" };

function renderMinutes(report) {
  const out = [];
  const m = report.meeting;
  out.push(el("h2", {}, m.title || report.source.name));
  if (m.date) out.push(el("p", { class: "meta" }, m.date));
  if (m.attendees.length) {
    out.push(el("p", { id: "attendees" }, "Attendees: ",
      m.attendees.map((a) => a.name + (a.organization ? ` (${a.organization})` : "")).join("; ")));
  }
  if (report.agenda.length) {
    out.push(el("h3", {}, "Agenda"), el("ol", {}, report.agenda.map((a) => el("li", {}, a.text))));
  }
  for (const kind of ["decision", "action", "disagreement", "goal"]) {
    const items = report.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    out.push(el("h3", {}, `${KIND_TITLES[kind]} (${items.length})`));
    const rows = items.map((i) => el("tr", { "data-kind": kind },
      el("td", {}, spoken(i.text)),
      el("td", {}, i.speaker || i.party || ""),
      el("td", {}, i.owner || ""),
      el("td", {}, i.due || "")));
    out.push(table(["text", "speaker / party", "owner", "due"], rows, { class: `items-${kind}` }));
  }
  if (!report.items.length) out.push(el("p", {}, "No decisions, actions, goals or disagreements found."));
  return out;
}

// ---------------------------------------------------------------- alignment

function renderAlignment(report) {
  const out = [];
  out.push(el("h2", {}, `Alignment of ${report.parties.length} parties`));
  const pair = new Map();
  for (const p of report.pairs) {
    pair.set(`${p.a}\u0000${p.b}`, p);
    pair.set(`${p.b}\u0000${p.a}`, p);
  }
  const header = el("tr", {}, el("th", {}, ""), report.parties.map((p) => el("th", { scope: "col" }, p)));
  const rows = report.parties.map((a) => el("tr", {}, el("th", { scope: "row" }, a),
    report.parties.map((b) => {
      if (a === b) return el("td", { class: "cell" }, "—");
      const p = pair.get(`${a}\u0000${b}`);
      return el("td", { class: "cell", title: p ? `${p.shared} shared, ${p.conflicts} conflicts` : "" },
        p ? fmt(p.alignment) : "");
    })));
  out.push(el("table", { id: "alignment-matrix", class: "matrix" }, el("thead", {}, header), el("tbody", {}, rows)));

  const goals = new Map(report.goals.map((g) => [g.id, g]));
  const goalText = (id) => (goals.get(id) ? `${goals.get(id).party}: ${spoken(goals.get(id).text)}` : id);
  if (report.matches.length) {
    out.push(el("h3", {}, "Matched goals"));
    const order = { conflict: 0, shared: 1, related: 2 };
    const matches = [...report.matches].sort((x, y) => order[x.relation] - order[y.relation]);
    out.push(table(["relation", "goal", "goal", "similarity"], matches.map((m) => el("tr", {},
      el("td", { class: `relation-${m.relation}`, title: m.reason || null }, m.relation,
        m.reason ? el("div", { class: "cite" }, m.reason) : null),
      el("td", {}, goalText(m.a)), el("td", {}, goalText(m.b)),
      el("td", { class: "score" }, fmt(m.similarity)))), { id: "matches" }));
  }
  if (report.unmatched.length) {
    out.push(el("h3", {}, "Held by one party only: no other party shares or opposes it"),
      el("ul", {}, report.unmatched.map((id) => el("li", {}, goalText(id)))));
  }
  if (report.draft && report.draft.length) {
    out.push(el("h3", {}, "Against the draft"), el("ul", {}, report.draft.map((d) =>
      el("li", {}, el("strong", {}, d.status), " ", d.text))));
  }
  return out;
}

// ---------------------------------------------------------------- page

const RENDERERS = { agreement: renderAgreement, minutes: renderMinutes, alignment: renderAlignment };

function selectedKind() {
  return document.querySelector('input[name="kind"]:checked').value;
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

async function loadPlaybooks() {
  try {
    const res = await fetch("/v1/playbooks", { headers: authHeaders() });
    if (!res.ok) return;
    const { playbooks } = await res.json();
    const select = document.getElementById("playbook");
    select.replaceChildren(...playbooks.map((name) => el("option", { value: name }, name)));
  } catch (err) {
    /* keep "auto" */
  }
}

async function loadClauseTypes() {
  try {
    const res = await fetch("/v1/clause-types", { headers: authHeaders() });
    if (!res.ok) return;
    const { clause_types: types } = await res.json();
    for (const t of types) TYPE_LABELS.set(t.id, t.label);
  } catch (err) {
    /* keep the ids */
  }
}

async function submit(event) {
  event.preventDefault();
  const file = document.getElementById("file").files[0];
  if (!file) { setStatus("Choose a file first.", true); return; }
  const kind = selectedKind();
  const form = new FormData();
  form.append("file", file, file.name);
  const draft = document.getElementById("agreement").files[0];
  if (kind === "alignment" && draft) form.append("agreement", draft, draft.name);
  let url = ENDPOINTS[kind];
  if (kind === "agreement") url += "?playbook=" + encodeURIComponent(document.getElementById("playbook").value);
  const report = document.getElementById("report");
  report.replaceChildren();
  setStatus(`Analysing ${file.name} …`, false);
  document.getElementById("submit").disabled = true;
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: "POST", body: form, headers: authHeaders() });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const err = body && body.error ? body.error : { code: `http_${res.status}`, message: res.statusText };
      setStatus(`${err.code}: ${err.message}`, true);
      return;
    }
    const json = new Blob([JSON.stringify(body, null, 2)], { type: "application/json" });
    const download = el("a", { id: "download", href: URL.createObjectURL(json),
      download: `${file.name}.${kind}.json` }, "Download the JSON report");
    await typesLoading; // a report names types by their labels
    report.replaceChildren(el("p", { class: "meta" }, download), ...RENDERERS[kind](body));
    setStatus(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`, false);
  } catch (err) {
    setStatus(`The service could not be reached (${err.message}).`, true);
  } finally {
    document.getElementById("submit").disabled = false;
  }
}

function init() {
  const saved = sessionStorage.getItem("coaltext-token");
  if (saved) document.getElementById("token").value = saved;
  document.getElementById("upload").addEventListener("submit", submit);
  for (const radio of document.querySelectorAll('input[name="kind"]')) {
    radio.addEventListener("change", () => {
      document.getElementById("playbook-row").hidden = selectedKind() !== "agreement";
      document.getElementById("agreement-row").hidden = selectedKind() !== "alignment";
    });
  }
  document.getElementById("token").addEventListener("change", () => {
    loadPlaybooks();
    typesLoading = loadClauseTypes();
  });
  loadPlaybooks();
  typesLoading = loadClauseTypes();
}

document.addEventListener("DOMContentLoaded", init);
