/**
 * The style and the script the report page carries inline (no network, no CDN). The script draws
 * the laid-out graph as SVG, builds the traceability matrix and the tables, and filters all of them
 * by context, state and search; it reads everything from the page's JSON block and puts repository
 * text into the page only as text nodes (`textContent`), never as markup. It is plain ES2017 with
 * no dependency, kept as a string because the page, not node, runs it; the browser test runs it.
 */

/** The colour of each component state, shared by nodes, badges, matrix cells and the legend. */
export const STATE_COLOURS: Readonly<Record<string, string>> = {
  missing: '#bdbdbd',
  invalid: '#b388eb',
  draft: '#ffd166',
  unverified: '#f8961e',
  stale: '#ef476f',
  suspect: '#f4a3c0',
  untested: '#8ecae6',
  approved: '#06d6a0',
};

export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5c6475; --line: #d5d9e0; --bg: #ffffff; --panel: #f5f6f8; --forbidden: #d00000; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 2px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
main { padding: 8px 24px 48px; }
section { margin-top: 20px; }
h2 { font-size: 16px; margin: 0 0 8px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
#controls { position: sticky; top: 0; z-index: 5; background: var(--bg); display: flex; flex-wrap: wrap; gap: 12px; align-items: end; padding: 10px 0; border-bottom: 1px solid var(--line); }
#controls label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
#controls select, #controls input { font: inherit; padding: 4px 6px; min-width: 180px; }
#showing { color: var(--muted); margin-left: auto; }
#legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
#legend button { font: inherit; font-size: 12px; border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; background: var(--bg); cursor: pointer; }
#legend button[aria-pressed="true"] { outline: 2px solid var(--fg); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; border: 1px solid rgba(0,0,0,.25); }
#graph-wrap { display: flex; gap: 12px; align-items: stretch; }
#graph-view { position: relative; flex: 1; height: 68vh; min-height: 360px; border: 1px solid var(--line); border-radius: 6px; background: #fbfbfc; overflow: hidden; }
#graph { width: 100%; height: 100%; cursor: grab; user-select: none; }
#graph.panning { cursor: grabbing; }
#zoom { position: absolute; right: 8px; top: 8px; display: flex; gap: 4px; }
#zoom button { font: inherit; font-size: 12px; padding: 2px 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; cursor: pointer; }
#edge-legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin-top: 6px; }
#edge-legend svg { vertical-align: middle; margin-right: 4px; }
#details { width: 320px; flex: none; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--panel); overflow: auto; max-height: 68vh; }
#details dl { margin: 0; }
#details dt { font-size: 11px; text-transform: uppercase; color: var(--muted); margin-top: 8px; }
#details dd { margin: 0; word-break: break-all; }
#details a { color: inherit; }
.context rect { fill: #eef1f5; stroke: #aab2bf; rx: 8; }
.context text { font: 600 13px system-ui, sans-serif; fill: #3a4150; }
.node rect { stroke: rgba(0,0,0,.35); stroke-width: 1; rx: 4; }
.node text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; fill: #111; pointer-events: none; }
.node { cursor: pointer; }
.node.missing rect { stroke-dasharray: 4 3; }
.node.selected rect { stroke: #000; stroke-width: 3; }
.node:focus { outline: none; }
.node:focus rect { stroke: #000; stroke-width: 2; }
.dim { opacity: .12; }
.edge { fill: none; }
.edge.allowed { stroke: #7d8797; stroke-width: 2; stroke-dasharray: 7 5; }
.edge.actual { stroke: #9aa3b2; stroke-width: 1; stroke-opacity: .45; }
.edge.cross { display: none; }
.edge.forbidden { display: inline; stroke: var(--forbidden); stroke-width: 2.5; stroke-opacity: 1; }
.edge.related { display: inline; stroke: #1d3557; stroke-width: 2; stroke-opacity: 1; }
.edge.forbidden.related { stroke: var(--forbidden); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--panel); z-index: 1; }
.scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
#matrix td.cell, #matrix th.story { text-align: center; padding: 4px 2px; min-width: 34px; }
#matrix th.story { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; font-size: 12px; }
#matrix th.story.unknown { color: var(--forbidden); }
.mark { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 1px solid rgba(0,0,0,.35); }
.mark.via { background: transparent !important; border-style: dashed; }
.badge { display: inline-block; font-size: 11px; padding: 0 7px; border-radius: 9px; border: 1px solid rgba(0,0,0,.25); white-space: nowrap; }
.severity-error { color: var(--forbidden); font-weight: 600; }
.severity-warning { color: #9c6500; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
tr.hidden { display: none; }
`;

/**
 * The page script. It expects `<script type="application/json" id="report-data">` holding
 * `{ data, layout, text, colours }` and the containers of report-html.ts.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('report-data').textContent);
  var data = payload.data, layout = payload.layout, T = payload.text, colours = payload.colours;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var states = Object.keys(colours);
  var filter = { context: '', state: '', q: '' };
  var selected = null;
  var byId = {};
  data.components.forEach(function (c) { byId[c.id] = c; });
  var contextOf = function (c) { return c.context === undefined ? T.noContext : c.context; };

  function h(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function s(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function swatch(state) { var sw = h('span', { 'class': 'swatch' }); sw.style.background = colours[state]; return sw; }
  function badge(state) { var b = h('span', { 'class': 'badge', 'data-state': state }, state); b.style.background = colours[state]; return b; }

  // ---- summary: the legend doubles as a state filter ----
  var legend = document.getElementById('legend');
  states.forEach(function (state) {
    var li = h('li');
    var button = h('button', { type: 'button', 'data-state': state, title: T.states[state], 'aria-pressed': 'false' });
    button.appendChild(swatch(state));
    button.appendChild(document.createTextNode(state + ' ' + data.counts[state]));
    button.addEventListener('click', function () { setState(filter.state === state ? '' : state); });
    li.appendChild(button);
    legend.appendChild(li);
  });

  // ---- controls ----
  var contextSelect = document.getElementById('filter-context');
  var stateSelect = document.getElementById('filter-state');
  var search = document.getElementById('search');
  contextSelect.appendChild(h('option', { value: '' }, T.controls.allContexts));
  data.contexts.forEach(function (c) { contextSelect.appendChild(h('option', { value: c.id }, c.id)); });
  if (data.components.some(function (c) { return c.context === undefined; })) contextSelect.appendChild(h('option', { value: T.noContext }, T.noContext));
  stateSelect.appendChild(h('option', { value: '' }, T.controls.allStates));
  states.forEach(function (state) { stateSelect.appendChild(h('option', { value: state }, state + ' (' + data.counts[state] + ')')); });
  contextSelect.addEventListener('change', function () { filter.context = contextSelect.value; apply(true); });
  stateSelect.addEventListener('change', function () { setState(stateSelect.value); });
  search.addEventListener('input', function () { filter.q = search.value.trim().toLowerCase(); apply(true); });
  function setState(state) { filter.state = state; stateSelect.value = state; apply(true); }

  function matches(c) {
    if (filter.context !== '' && contextOf(c) !== filter.context) return false;
    if (filter.state !== '' && c.state !== filter.state) return false;
    if (filter.q === '') return true;
    var hay = [c.id, c.code, c.design, c.test, contextOf(c)].concat(c.stories).join('\\n').toLowerCase();
    return hay.indexOf(filter.q) >= 0;
  }

  // ---- the graph ----
  var svg = document.getElementById('graph');
  var viewport = s('g', { id: 'viewport' });
  svg.appendChild(viewport);
  var defs = s('defs');
  [['arrow', '#7d8797'], ['arrow-actual', '#9aa3b2'], ['arrow-forbidden', '#d00000'], ['arrow-related', '#1d3557']].forEach(function (m) {
    var marker = s('marker', { id: m[0], viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
    var path = s('path', { d: 'M0,0 L10,5 L0,10 z', fill: m[1] });
    marker.appendChild(path);
    defs.appendChild(marker);
  });
  svg.appendChild(defs);
  var groupLayer = s('g', { id: 'contexts' }), edgeLayer = s('g', { id: 'edges' }), nodeLayer = s('g', { id: 'nodes' });
  viewport.appendChild(groupLayer); viewport.appendChild(edgeLayer); viewport.appendChild(nodeLayer);

  var groupEls = {};
  Object.keys(layout.groups).forEach(function (id) {
    var box = layout.groups[id];
    var g = s('g', { 'class': 'context', 'data-context': id });
    g.appendChild(s('rect', { x: box.x, y: box.y, width: box.width, height: box.height }));
    var label = s('text', { x: box.x + 10, y: box.y + 19 });
    var ctx = null;
    data.contexts.forEach(function (c) { if (c.id === id) ctx = c; });
    var count = data.components.filter(function (c) { return contextOf(c) === id; }).length;
    label.textContent = id + ' (' + count + ')';
    g.appendChild(label);
    var title = s('title');
    title.textContent = ctx && ctx.purpose ? id + ': ' + ctx.purpose : id;
    g.appendChild(title);
    groupLayer.appendChild(g);
    groupEls[id] = g;
  });

  var edgeEls = [];
  layout.edges.forEach(function (e) {
    var cls = 'edge ' + e.kind + (e.kind === 'actual' && !e.routed ? ' cross' : '') + (e.forbidden ? ' forbidden' : '');
    var d = e.points.map(function (p, i) { return (i === 0 ? 'M' : 'L') + p[0] + ',' + p[1]; }).join(' ');
    var marker = e.forbidden ? 'arrow-forbidden' : e.kind === 'allowed' ? 'arrow' : 'arrow-actual';
    var path = s('path', { 'class': cls, d: d, 'marker-end': 'url(#' + marker + ')', 'data-from': e.from, 'data-to': e.to });
    if (e.forbidden) { var t = s('title'); t.textContent = T.legend.forbidden + ': ' + e.from + ' \\u2192 ' + e.to; path.appendChild(t); }
    edgeLayer.appendChild(path);
    edgeEls.push({ edge: e, el: path });
  });

  var nodeEls = {};
  data.components.forEach(function (c) {
    var box = layout.nodes[c.id];
    if (!box) return;
    var g = s('g', { 'class': 'node ' + c.state, 'data-id': c.id, 'data-state': c.state, tabindex: '0', role: 'button' });
    var rect = s('rect', { x: box.x, y: box.y, width: box.width, height: box.height });
    rect.style.fill = colours[c.state];
    g.appendChild(rect);
    var text = s('text', { x: box.x + 8, y: box.y + box.height / 2 + 4 });
    var max = Math.floor((box.width - 14) / 7);
    text.textContent = c.id.length > max ? c.id.slice(0, Math.max(1, max - 1)) + '\\u2026' : c.id;
    g.appendChild(text);
    var title = s('title');
    title.textContent = c.id + ' \\u2014 ' + T.states[c.state];
    g.appendChild(title);
    g.addEventListener('click', function () { select(c.id); });
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(c.id); } });
    nodeLayer.appendChild(g);
    nodeEls[c.id] = g;
  });

  // Pan and zoom through the viewBox.
  var view = { x: 0, y: 0, w: Math.max(layout.width, 1), h: Math.max(layout.height, 1) };
  function setView(v) { view = v; svg.setAttribute('viewBox', v.x + ' ' + v.y + ' ' + v.w + ' ' + v.h); }
  function fitTo(boxes) {
    if (boxes.length === 0) boxes = [{ x: 0, y: 0, width: layout.width, height: layout.height }];
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    boxes.forEach(function (b) { x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height); });
    var pad = 24;
    setView({ x: x0 - pad, y: y0 - pad, w: Math.max(x1 - x0 + 2 * pad, 200), h: Math.max(y1 - y0 + 2 * pad, 120) });
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    setView({ x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: view.w * factor, h: view.h * factor });
  }
  function toGraph(ev) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * scale - view.w) / 2, oy = (r.height * scale - view.h) / 2;
    return { x: view.x - ox + (ev.clientX - r.left) * scale, y: view.y - oy + (ev.clientY - r.top) * scale, scale: scale };
  }
  svg.addEventListener('wheel', function (ev) { ev.preventDefault(); var p = toGraph(ev); zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y); }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) { if (ev.target.closest && ev.target.closest('.node')) return; drag = { x: ev.clientX, y: ev.clientY, view: view, scale: toGraph(ev).scale }; svg.classList.add('panning'); });
  window.addEventListener('pointermove', function (ev) { if (!drag) return; setView({ x: drag.view.x - (ev.clientX - drag.x) * drag.scale, y: drag.view.y - (ev.clientY - drag.y) * drag.scale, w: drag.view.w, h: drag.view.h }); });
  window.addEventListener('pointerup', function () { drag = null; svg.classList.remove('panning'); });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1 / 1.4); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(1.4); });
  document.getElementById('zoom-fit').addEventListener('click', function () { fitVisible(); });
  function fitVisible() {
    var boxes = data.components.filter(matches).map(function (c) { return layout.nodes[c.id]; }).filter(Boolean);
    // A chosen context is shown whole, its name included.
    if (filter.context !== '' && layout.groups[filter.context]) boxes.push(layout.groups[filter.context]);
    fitTo(boxes.length === data.components.length ? [] : boxes);
  }

  // ---- details of the selected component ----
  var details = document.getElementById('details-body');
  function select(id) {
    if (selected && nodeEls[selected]) nodeEls[selected].classList.remove('selected');
    selected = id;
    if (nodeEls[id]) nodeEls[id].classList.add('selected');
    edgeEls.forEach(function (x) { x.el.classList.toggle('related', x.edge.kind === 'actual' && (x.edge.from === id || x.edge.to === id)); });
    renderDetails(byId[id]);
  }
  function link(id) {
    var a = h('a', { href: '#' }, id);
    a.addEventListener('click', function (ev) { ev.preventDefault(); select(id); });
    return a;
  }
  function renderDetails(c) {
    details.textContent = '';
    if (!c) return;
    details.appendChild(h('h3', { 'class': 'mono' }, c.id));
    var dl = h('dl');
    function row(label, value) { dl.appendChild(h('dt', null, label)); var dd = h('dd'); if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value); dl.appendChild(dd); }
    var stateNode = h('span'); stateNode.appendChild(badge(c.state)); stateNode.appendChild(document.createTextNode(' ' + T.states[c.state] + ' (' + c.designState + ')'));
    row(T.detailLabels.state, stateNode);
    row(T.detailLabels.code, c.code + (c.codeExists ? '' : ' ' + T.detailLabels.noFile));
    row(T.detailLabels.design, c.design + (c.state === 'missing' ? ' ' + T.detailLabels.noFile : ''));
    row(T.detailLabels.test, c.test + (c.testExists ? '' : ' ' + T.detailLabels.noFile));
    if (c.type) row(T.detailLabels.type, c.type);
    row(T.detailLabels.stories, c.stories.length ? c.stories.join(', ') : T.detailLabels.none);
    function links(ids) { var span = h('span'); if (ids.length === 0) span.textContent = T.detailLabels.none; ids.forEach(function (x, i) { if (i) span.appendChild(document.createTextNode(', ')); span.appendChild(byId[x] ? link(x) : h('span', null, x)); }); return span; }
    row(T.detailLabels.dependsOn, links(data.edges.filter(function (e) { return e.kind === 'actual' && e.from === c.id; }).map(function (e) { return e.to; })));
    row(T.detailLabels.usedBy, links(data.edges.filter(function (e) { return e.kind === 'actual' && e.to === c.id; }).map(function (e) { return e.from; })));
    row(T.detailLabels.approvers, c.approvers.length ? c.approvers.join(', ') : T.detailLabels.none);
    var mine = data.problems.filter(function (p) { return p.file === c.code || p.file === c.design || p.file === c.test; });
    var list = h('ul');
    mine.forEach(function (p) { var li = h('li', null, p.message); if (p.fix) { li.appendChild(h('br')); li.appendChild(h('code', null, p.fix)); } list.appendChild(li); });
    row(T.detailLabels.problems, mine.length ? list : T.detailLabels.none);
    details.appendChild(dl);
  }

  // ---- the traceability matrix: one row per component, one column per story ----
  var matrix = document.getElementById('matrix');
  var matrixRows = {};
  if (data.stories.length === 0) {
    document.getElementById('matrix-empty').textContent = T.noStories;
  }
  var contextStories = {};
  data.contexts.forEach(function (c) { contextStories[c.id] = c.stories; });
  var headRow = h('tr');
  headRow.appendChild(h('th', null, T.columns.component));
  headRow.appendChild(h('th', null, T.columns.context));
  headRow.appendChild(h('th', null, T.columns.state));
  data.stories.forEach(function (st) {
    var th = h('th', { 'class': 'story' + (st.file ? '' : ' unknown'), 'data-story': st.id, title: st.title ? st.id + ': ' + st.title : st.id + ' (' + T.unknownStory + ')' }, st.id);
    headRow.appendChild(th);
  });
  var thead = h('thead'); thead.appendChild(headRow); matrix.appendChild(thead);
  var tbody = h('tbody');
  var fragment = document.createDocumentFragment();
  data.components.forEach(function (c) {
    var tr = h('tr', { 'data-id': c.id, 'data-state': c.state });
    var first = h('td', { 'class': 'mono' }); first.appendChild(link(c.id)); tr.appendChild(first);
    tr.appendChild(h('td', null, contextOf(c)));
    var stateCell = h('td'); stateCell.appendChild(badge(c.state)); tr.appendChild(stateCell);
    var inherited = c.context !== undefined ? contextStories[c.context] || [] : [];
    data.stories.forEach(function (st) {
      var td = h('td', { 'class': 'cell' });
      var declared = c.stories.indexOf(st.id) >= 0;
      if (declared || inherited.indexOf(st.id) >= 0) {
        var mark = h('span', { 'class': 'mark' + (declared ? '' : ' via'), title: c.id + ' \\u00d7 ' + st.id + ': ' + (declared ? T.declared : T.viaContext) + ', ' + c.state });
        mark.style.background = colours[c.state];
        mark.style.borderColor = colours[c.state];
        td.setAttribute('data-mark', declared ? 'declared' : 'context');
        td.appendChild(mark);
      }
      tr.appendChild(td);
    });
    matrixRows[c.id] = tr;
    fragment.appendChild(tr);
  });
  tbody.appendChild(fragment);
  matrix.appendChild(tbody);

  // ---- problems with their fixes ----
  var problemsBody = document.getElementById('problems-body');
  var problemRows = [];
  var componentByFile = {};
  data.components.forEach(function (c) { componentByFile[c.code] = c; componentByFile[c.design] = c; componentByFile[c.test] = c; });
  if (data.problems.length === 0) document.getElementById('problems-empty').textContent = T.noProblems;
  data.problems.forEach(function (p) {
    var tr = h('tr', { 'data-rule': p.ruleId });
    tr.appendChild(h('td', { 'class': 'mono' }, p.file + (p.line ? ':' + p.line + (p.column ? ':' + p.column : '') : '')));
    tr.appendChild(h('td', { 'class': 'mono' }, p.ruleId));
    tr.appendChild(h('td', { 'class': 'severity-' + p.severity }, p.severity));
    tr.appendChild(h('td', null, p.message));
    var fix = h('td'); if (p.fix) fix.appendChild(h('code', null, p.fix)); tr.appendChild(fix);
    problemsBody.appendChild(tr);
    problemRows.push({ problem: p, el: tr });
  });

  // ---- approvers and notes ----
  var approversBody = document.getElementById('approvers-body');
  if (data.approvers.length === 0) document.getElementById('approvers-empty').textContent = T.noApprovers;
  data.approvers.forEach(function (a) {
    var tr = h('tr');
    tr.appendChild(h('td', null, a.name));
    tr.appendChild(h('td', { 'class': 'mono' }, a.email));
    tr.appendChild(h('td', null, String(a.keys)));
    tr.appendChild(h('td', { 'class': 'mono' }, a.paths.length ? a.paths.join(', ') : T.everything));
    tr.appendChild(h('td', null, String(a.approved)));
    approversBody.appendChild(tr);
  });
  var notes = document.getElementById('notes');
  data.notes.forEach(function (n) { notes.appendChild(h('li', null, n)); });
  if (data.notes.length === 0) document.getElementById('notes-section').hidden = true;

  // ---- filtering: one pass over every view ----
  var showing = document.getElementById('showing');
  function apply(refit) {
    var shown = 0, visibleGroups = {};
    data.components.forEach(function (c) {
      var ok = matches(c);
      if (ok) { shown++; visibleGroups[contextOf(c)] = true; }
      if (nodeEls[c.id]) nodeEls[c.id].classList.toggle('dim', !ok);
      matrixRows[c.id].classList.toggle('hidden', !ok);
    });
    var filtering = filter.context !== '' || filter.state !== '' || filter.q !== '';
    Object.keys(groupEls).forEach(function (id) { groupEls[id].classList.toggle('dim', filtering && !visibleGroups[id] && filter.context !== id); });
    edgeEls.forEach(function (x) {
      var a = byId[x.edge.from], b = byId[x.edge.to];
      var ok = x.edge.kind === 'allowed' ? !filtering || filter.context === '' || filter.context === x.edge.from || filter.context === x.edge.to : (a && matches(a)) || (b && matches(b));
      x.el.classList.toggle('dim', !ok);
    });
    problemRows.forEach(function (x) {
      var c = componentByFile[x.problem.file];
      var ok = c ? matches(c) : !filtering || (filter.q !== '' && (x.problem.file + '\\n' + x.problem.message).toLowerCase().indexOf(filter.q) >= 0 && filter.context === '' && filter.state === '');
      x.el.classList.toggle('hidden', !ok);
    });
    legend.querySelectorAll('button').forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-state') === filter.state)); });
    showing.textContent = T.controls.showing.replace('{shown}', String(shown)).replace('{total}', String(data.components.length));
    if (refit) fitVisible();
  }
  fitTo([]);
  apply(false);
  document.body.setAttribute('data-ready', 'true');
})();
`;
