/**
 * A parser for the subset of Mermaid flowchart syntax `designgate trace --format mermaid` emits, so
 * tests check the graph by reading it back, not by eye. It is strict: any line it does not know is
 * an error, as are an edge or a class naming an undeclared node, a node declared twice, a class
 * without its classDef, and a node id Mermaid reserves (`end`, `graph`, …, which break a flowchart).
 *
 *   flowchart LR
 *     n1["label with #quot;entities#quot;"]
 *     n1 --> n2        n1 -.-> n2
 *     classDef name fill:#fff,stroke:#393
 *     class n1,n2 name
 */
export interface MermaidGraph {
  direction: string;
  nodes: Map<string, { label: string; classes: string[] }>;
  edges: Array<{ from: string; to: string; dotted: boolean }>;
  classDefs: Map<string, string>;
}

const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'class', 'classdef', 'click', 'linkstyle', 'direction']);
const ID = '[A-Za-z][A-Za-z0-9_]*';
const ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };

/** Decodes Mermaid's `#name;` and `#123;` entity codes. */
export function decodeLabel(text: string): string {
  return text.replace(/#([a-z]+|[0-9]+);/g, (all, code: string) => {
    if (/^[0-9]+$/.test(code)) return String.fromCodePoint(Number(code));
    const named = ENTITIES[code];
    if (named === undefined) throw new Error(`unknown entity ${all}`);
    return named;
  });
}

export function parseMermaidFlowchart(text: string): MermaidGraph {
  const lines = text.split('\n');
  const header = /^flowchart (LR|RL|TB|TD|BT)$/.exec(lines[0] ?? '');
  if (header === null) throw new Error(`line 1: expected "flowchart <direction>", got ${JSON.stringify(lines[0])}`);
  const graph: MermaidGraph = { direction: header[1]!, nodes: new Map(), edges: [], classDefs: new Map() };
  const pendingClasses: Array<{ ids: string[]; name: string; line: number }> = [];
  const checkId = (id: string, line: number) => {
    if (RESERVED.has(id.toLowerCase())) throw new Error(`line ${line}: node id "${id}" is reserved`);
  };
  lines.slice(1).forEach((raw, i) => {
    const n = i + 2;
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) return;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${ID})\\["([^"]*)"\\]$`).exec(line)) !== null) {
      const [, id, label] = m as unknown as [string, string, string];
      checkId(id, n);
      if (graph.nodes.has(id)) throw new Error(`line ${n}: node ${id} declared twice`);
      graph.nodes.set(id, { label: decodeLabel(label), classes: [] });
    } else if ((m = new RegExp(`^(${ID}) (-->|-\\.->) (${ID})$`).exec(line)) !== null) {
      const [, from, arrow, to] = m as unknown as [string, string, string, string];
      for (const id of [from, to]) if (!graph.nodes.has(id)) throw new Error(`line ${n}: edge names undeclared node ${id}`);
      graph.edges.push({ from, to, dotted: arrow === '-.->' });
    } else if ((m = /^classDef ([A-Za-z_][A-Za-z0-9_]*) (\S.*)$/.exec(line)) !== null) {
      const [, name, style] = m as unknown as [string, string, string];
      for (const part of style.split(',')) if (!/^[a-z-]+:[^,;]+$/.test(part.trim())) throw new Error(`line ${n}: bad style ${JSON.stringify(part)}`);
      graph.classDefs.set(name, style);
    } else if ((m = new RegExp(`^class (${ID}(?:,${ID})*) ([A-Za-z_][A-Za-z0-9_]*)$`).exec(line)) !== null) {
      pendingClasses.push({ ids: m[1]!.split(','), name: m[2]!, line: n });
    } else throw new Error(`line ${n}: not flowchart syntax this parser knows: ${JSON.stringify(raw)}`);
  });
  for (const c of pendingClasses) {
    if (!graph.classDefs.has(c.name)) throw new Error(`line ${c.line}: class ${c.name} has no classDef`);
    for (const id of c.ids) {
      const node = graph.nodes.get(id);
      if (node === undefined) throw new Error(`line ${c.line}: class names undeclared node ${id}`);
      node.classes.push(c.name);
    }
  }
  return graph;
}

/** The edges as `label → label` (dotted ones as `label ⇢ label`), sorted: the graph without its ids. */
export function edgesByLabel(graph: MermaidGraph): string[] {
  const label = (id: string) => graph.nodes.get(id)!.label;
  return graph.edges.map((e) => `${label(e.from)} ${e.dotted ? '⇢' : '→'} ${label(e.to)}`).sort();
}
