/**
 * `Trace → string` in the formats of `designgate trace`: an indented text tree, a Markdown table
 * (one row per design, so it pastes into a pull request), and a Mermaid flowchart (story → context →
 * design → code → test, one node per thing, a class per state). Pure functions of the data.
 */
import type { Trace, TraceContext, TraceDesign } from '../../core/trace.js';
import { traceMessages as m } from '../messages-trace.js';

/**
 * @example formatTraceText({ stories: [] }) // 'no stories found …'
 */
export function formatTraceText(trace: Trace): string {
  if (trace.stories.length === 0) return m.noStories;
  const out: string[] = [];
  for (const story of trace.stories) {
    out.push(m.story(story.id, story.title, story.file));
    if (story.contexts.length === 0) out.push(`  ${m.noContext(story.id)}`);
    for (const c of story.contexts) {
      out.push(`  ${c.name === undefined ? m.outside : m.context(c.name, c.state) + (c.declared ? '' : m.undeclared(story.id))}`);
      if (c.designs.length === 0) out.push(`    ${m.noDesign(story.id)}`);
      for (const d of c.designs) {
        out.push(`    ${m.link('design', d.design, d.state)}`, `      ${m.link('code', d.code.path, d.code.state)}`, `      ${m.link('test', d.test.path, d.test.state)}`);
        for (const s of d.test.scenariosWithoutTest ?? []) out.push(`        ${m.scenarioWithoutTest(s.text, d.design, s.line)}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** `--json`: the data as it is. */
export function formatTraceJson(trace: Trace): string {
  return `${JSON.stringify(trace, null, 2)}\n`;
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * One row per (story, context, design); a missing link reads *missing*.
 * @example formatTraceMarkdown(trace).split('\n')[0] // '| Story | Context | Design | Code | Test |'
 */
export function formatTraceMarkdown(trace: Trace): string {
  if (trace.stories.length === 0) return m.noStories;
  const rows: string[][] = [];
  for (const story of trace.stories) {
    const s = `${story.id} ${story.title}`;
    if (story.contexts.length === 0) rows.push([s, m.missingCell, m.missingCell, '', '']);
    for (const c of story.contexts) {
      const ctx = contextCell(c);
      if (c.designs.length === 0) rows.push([s, ctx, m.missingCell, '', '']);
      for (const d of c.designs) rows.push([s, ctx, m.cell(d.design, d.state), m.cell(d.code.path, d.code.state), m.cell(d.test.path, d.test.state)]);
    }
  }
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return `${[line(m.header), `|${m.header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')}\n`;
}

function contextCell(c: TraceContext): string {
  if (c.name === undefined) return m.outsideCell;
  return m.cell(c.name, c.declared ? c.state : `${c.state}, undeclared`);
}

/**
 * Mermaid's entity codes for the characters a quoted label cannot hold as they are (`#` first,
 * since the codes themselves start with it).
 */
export function mermaidLabel(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/&/g, '#amp;').replace(/\r?\n/g, ' ');
}

/** The classes of `formatTraceMermaid`, one per state; the CSS is Mermaid's `classDef` syntax. */
export const MERMAID_CLASSES: Readonly<Record<string, string>> = {
  story: 'fill:#eef,stroke:#557',
  approved: 'fill:#dfd,stroke:#393',
  'approved-unsigned': 'fill:#efd,stroke:#793',
  draft: 'fill:#fff,stroke:#999',
  stale: 'fill:#fdd,stroke:#c33',
  suspect: 'fill:#ffd,stroke:#cc3',
  unverified: 'fill:#fdd,stroke:#c33',
  invalid: 'fill:#fdd,stroke:#c33',
  present: 'fill:#fff,stroke:#393',
  missing: 'fill:#fff,stroke:#c33,stroke-dasharray:4 3',
  untested: 'fill:#fff,stroke:#c33,stroke-dasharray:4 3',
};

/**
 * A `flowchart LR`: one node per story, context, design, code file and test file (shared where two
 * stories reach the same one), `-->` for a declared link and `-.->` for a story reaching a context
 * (or the designs outside every context) only through a design, without the architecture listing
 * it; missing links end in a `missing` node. Node ids are generated (`n1`, `n2`, …), never taken from user text.
 * @example formatTraceMermaid(trace).split('\n')[0] // 'flowchart LR'
 */
export function formatTraceMermaid(trace: Trace): string {
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const edges = new Set<string>();
  const classes = new Map<string, string[]>();
  const node = (key: string, label: string, state: string): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `n${ids.size + 1}`;
      ids.set(key, id);
      nodes.push(`  ${id}["${mermaidLabel(label)}"]`);
      const cls = state in MERMAID_CLASSES ? state : 'draft';
      classes.set(cls, [...(classes.get(cls) ?? []), id]);
    }
    return id;
  };
  const edge = (from: string, to: string, dotted = false) => edges.add(`  ${from} ${dotted ? '-.->' : '-->'} ${to}`);
  const design = (from: string, d: TraceDesign) => {
    const dn = node(`design\0${d.design}`, m.designLabel(d.component, d.state), d.state);
    edge(from, dn);
    const code = node(`code\0${d.code.path}`, m.fileLabel(d.code.path, d.code.state), d.code.state);
    edge(dn, code);
    edge(code, node(`test\0${d.test.path}`, m.fileLabel(d.test.path, d.test.state), d.test.state));
  };
  for (const story of trace.stories) {
    const s = node(`story\0${story.file}`, m.storyLabel(story.id, story.title), 'story');
    if (story.contexts.length === 0) edge(s, node(`missing-context\0${story.file}`, m.missingContextLabel, 'missing'));
    for (const c of story.contexts) {
      const cn = c.name === undefined ? node(`outside\0${story.file}`, m.outsideLabel, 'missing') : node(`context\0${c.name}`, m.contextLabel(c.name, c.state), c.state);
      edge(s, cn, !c.declared);
      if (c.designs.length === 0) edge(cn, node(`missing-design\0${story.file}\0${c.name ?? ''}`, m.missingDesignLabel, 'missing'));
      for (const d of c.designs) design(cn, d);
    }
  }
  // Class names keep to letters and `_` (approved-unsigned → approved_unsigned).
  const classLines = [...classes].flatMap(([cls, members]) => {
    const name = cls.replace(/-/g, '_');
    return [`  classDef ${name} ${MERMAID_CLASSES[cls]}`, `  class ${members.join(',')} ${name}`];
  });
  return `${['flowchart LR', ...nodes, ...edges, ...classLines].join('\n')}\n`;
}
