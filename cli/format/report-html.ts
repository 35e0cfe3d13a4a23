/**
 * The report as ONE self-contained HTML page: style and script inline, the data and the graph's
 * coordinates in a JSON block, nothing fetched (a Content-Security-Policy forbids every request,
 * so the page works from a file, an e-mail attachment or a CI artifact, offline). Repository text
 * reaches the page only inside that JSON block, escaped so it cannot end the block, and the script
 * puts it into the page as text, never as markup.
 */
import type { ReportData } from '../../core/report.js';
import { reportMessages as m } from '../../core/messages/report.js';
import { baselineMessages } from '../../core/messages/baseline.js';
import type { ReportLayout } from './report-layout.js';
import { REPORT_CSS, REPORT_SCRIPT, STATE_COLOURS } from './report-assets.js';

/** No request of any kind: only the inline style and script run. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Text for the page as HTML: the five characters that could start or end markup or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<` (so no `</script>` or `<!--`),
 * `>`, `&` and the two line separators are written as \u escapes, which JSON.parse reads back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * @example writeFileSync('report.html', renderReportHtml(data, await layoutReport(data)))
 */
export function renderReportHtml(data: ReportData, layout: ReportLayout): string {
  const title = m.title(data.repository);
  const payload = { data, layout, text: pageText(), colours: STATE_COLOURS };
  const h = m.headings;
  const c = m.controls;
  const col = m.columns;
  const th = (...names: string[]) => names.map((n) => `<th>${escapeHtml(n)}</th>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="designgate">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(m.generated(data.generatedAt, data.head))}</p>
</header>
<main>
<noscript><p>${escapeHtml(m.noScript)}</p></noscript>
<section id="summary-section" aria-labelledby="summary-heading">
<h2 id="summary-heading">${escapeHtml(h.summary)}</h2>
<ul id="legend"></ul>
<p id="baseline">${escapeHtml(baselineMessages.reportSize(data.baseline.size))}</p>
</section>
<div id="controls">
<label>${escapeHtml(c.context)}<select id="filter-context"></select></label>
<label>${escapeHtml(c.state)}<select id="filter-state"></select></label>
<label>${escapeHtml(c.search)}<input id="search" type="search" placeholder="${escapeHtml(c.searchPlaceholder)}" autocomplete="off"></label>
<span id="showing" aria-live="polite"></span>
</div>
<section id="graph-section" aria-labelledby="graph-heading">
<h2 id="graph-heading">${escapeHtml(h.graph)}</h2>
<div id="graph-wrap">
<div id="graph-view">
<svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="graph-heading"></svg>
<div id="zoom"><button type="button" id="zoom-in" title="${escapeHtml(c.zoomIn)}">+</button><button type="button" id="zoom-out" title="${escapeHtml(c.zoomOut)}">&#8722;</button><button type="button" id="zoom-fit">${escapeHtml(c.fit)}</button></div>
</div>
<aside id="details" aria-labelledby="details-heading"><h2 id="details-heading">${escapeHtml(h.details)}</h2><div id="details-body"></div></aside>
</div>
<div id="edge-legend">${edgeLegend()}</div>
</section>
<section id="matrix-section" aria-labelledby="matrix-heading">
<h2 id="matrix-heading">${escapeHtml(h.matrix)}</h2>
<p id="matrix-empty" class="empty"></p>
<div class="scroll"><table id="matrix"></table></div>
</section>
<section id="problems-section" aria-labelledby="problems-heading">
<h2 id="problems-heading">${escapeHtml(h.problems)} (${data.problems.length})</h2>
<p id="problems-empty" class="empty"></p>
<div class="scroll"><table id="problems"><thead><tr>${th(col.file, col.rule, col.severity, col.message, col.fix)}</tr></thead><tbody id="problems-body"></tbody></table></div>
</section>
<section id="approvers-section" aria-labelledby="approvers-heading">
<h2 id="approvers-heading">${escapeHtml(h.approvers)}</h2>
<p id="approvers-empty" class="empty"></p>
<table id="approvers"><thead><tr>${th(col.name, col.email, col.keys, col.paths, col.approved)}</tr></thead><tbody id="approvers-body"></tbody></table>
</section>
<section id="notes-section" aria-labelledby="notes-heading">
<h2 id="notes-heading">${escapeHtml(h.notes)}</h2>
<ul id="notes"></ul>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(payload)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** The sentences the script shows, handed over in the JSON block so the script holds no prose. */
function pageText() {
  return {
    states: m.states,
    controls: m.controls,
    legend: m.legend,
    columns: m.columns,
    detailLabels: m.detailLabels,
    noContext: m.noContext,
    noStories: m.noStories,
    noProblems: m.noProblems,
    noApprovers: m.noApprovers,
    everything: m.everything,
    viaContext: m.viaContext,
    declared: m.declared,
    unknownStory: m.unknownStory,
  };
}

function edgeLegend(): string {
  const line = (stroke: string, dash: string, width: number) =>
    `<svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" stroke="${stroke}" stroke-width="${width}"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/></svg>`;
  return [
    `<span>${line('#7d8797', '7 5', 2)}${escapeHtml(m.legend.allowed)}</span>`,
    `<span>${line('#9aa3b2', '', 1)}${escapeHtml(m.legend.actual)}</span>`,
    `<span>${line('#d00000', '', 2.5)}${escapeHtml(m.legend.forbidden)}</span>`,
  ].join('');
}
