/**
 * Lays out the report's architecture graph with ELK (elkjs, the Eclipse Layout Kernel compiled to
 * JavaScript): contexts as compound nodes, components inside them, layered. The layout runs here,
 * once, when the report is written, and the page receives coordinates: the page stays small (no
 * 1.6 MB layout library in every report) and opens at once even with 500 components.
 *
 * Each context is laid out on its own (its components and the dependencies among them), and the
 * contexts are laid out by the dependencies between them (allowed by the architecture, or used by
 * a component). A component's dependency into another context is drawn as a straight segment
 * between the two boxes: routing hundreds of such edges through the hierarchy costs seconds and
 * yields a tangle, while the page shows them on demand (a selected component, forbidden ones).
 */
import type { ReportData, ReportEdge } from '../../core/report.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidEdge extends ReportEdge {
  /** Absolute polyline: start, bends, end. */
  points: Array<[number, number]>;
  /** True when ELK routed it; false for the straight cross-context segments. */
  routed: boolean;
}

export interface ReportLayout {
  width: number;
  height: number;
  /** By context id, plus NO_CONTEXT for components no context owns. */
  groups: Record<string, Box>;
  /** By component id. */
  nodes: Record<string, Box>;
  edges: LaidEdge[];
}

/** The group of components that no context owns. */
export const NO_CONTEXT = '(no context)';

const NODE_HEIGHT = 26;
const CHAR_WIDTH = 7;
const GROUP_LABEL = 30;

/** A component box fits its id in the page's 12px monospace font, within bounds. */
export function nodeWidth(id: string): number {
  return Math.min(320, Math.max(90, Math.round(id.length * CHAR_WIDTH + 20)));
}

interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  edges?: Array<{ id: string; sources: string[]; targets: string[]; sections?: Array<{ startPoint: Point; endPoint: Point; bendPoints?: Point[] }> }>;
  layoutOptions?: Record<string, string>;
}
interface Point {
  x: number;
  y: number;
}

/**
 * @example const layout = await layoutReport(data); layout.nodes['core/errors'] // { x: 40, y: 72, width: 104, height: 26 }
 */
export async function layoutReport(data: Pick<ReportData, 'contexts' | 'components' | 'edges'>): Promise<ReportLayout> {
  const groupOf = new Map(data.components.map((c) => [c.id, c.context ?? NO_CONTEXT]));
  const groupIds = [...data.contexts.map((c) => c.id), ...(data.components.some((c) => c.context === undefined) ? [NO_CONTEXT] : [])];
  const groups: ElkShape[] = groupIds.map((id) => ({
    id: `g:${id}`,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.aspectRatio': '1.6',
      'elk.padding': `[top=${GROUP_LABEL},left=12,bottom=12,right=12]`,
      'elk.spacing.nodeNode': '12',
      'elk.layered.spacing.nodeNodeBetweenLayers': '24',
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${Math.max(160, nodeWidth(id) + 24)},${GROUP_LABEL + 24})`,
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Measured on designgate itself (89 components, 286 edges in one context): 2.1 s with the
      // defaults, 0.4 s with these, and a squarer box; the picture is for reading, not printing.
      'elk.layered.thoroughness': '1',
      'elk.layered.nodePlacement.strategy': 'SIMPLE',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
    },
    children: [],
    edges: [],
  }));
  const groupById = new Map(groups.map((g) => [g.id.slice(2), g]));
  for (const c of data.components) {
    groupById.get(groupOf.get(c.id)!)!.children!.push({ id: `n:${c.id}`, width: nodeWidth(c.id), height: NODE_HEIGHT });
  }

  // Edges ELK routes: inside one group, and one per pair of groups that depend on each other.
  const rootEdges = new Map<string, { from: string; to: string }>();
  data.edges.forEach((e, i) => {
    if (e.kind === 'allowed') {
      if (groupById.has(e.from) && groupById.has(e.to)) rootEdges.set(`${e.from}\u0000${e.to}`, { from: e.from, to: e.to });
      return;
    }
    const from = groupOf.get(e.from);
    const to = groupOf.get(e.to);
    if (from === undefined || to === undefined) return;
    if (from === to) groupById.get(from)!.edges!.push({ id: `e:${i}`, sources: [`n:${e.from}`], targets: [`n:${e.to}`] });
    else rootEdges.set(`${from}\u0000${to}`, { from, to });
  });
  const root: ElkShape = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      'elk.aspectRatio': '1.6',
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: groups,
    edges: [...rootEdges.values()].map((e, i) => ({ id: `r:${i}`, sources: [`g:${e.from}`], targets: [`g:${e.to}`] })),
  };

  const module = await import('elkjs/lib/elk.bundled.js');
  // CommonJS through ESM: the constructor is the default export (or its `default`, as the types say).
  const Elk = ((module.default as unknown as { default?: unknown }).default ?? module.default) as unknown as new () => { layout(graph: ElkShape): Promise<ElkShape> };
  const laid = await new Elk().layout(root);

  const layout: ReportLayout = { width: laid.width ?? 0, height: laid.height ?? 0, groups: {}, nodes: {}, edges: [] };
  const routes = new Map<string, Array<[number, number]>>();
  const polyline = (section: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }, dx: number, dy: number): Array<[number, number]> =>
    [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => [round(p.x + dx), round(p.y + dy)]);
  for (const g of laid.children ?? []) {
    const gx = g.x ?? 0;
    const gy = g.y ?? 0;
    layout.groups[g.id.slice(2)] = { x: round(gx), y: round(gy), width: round(g.width ?? 0), height: round(g.height ?? 0) };
    for (const n of g.children ?? []) {
      layout.nodes[n.id.slice(2)] = { x: round(gx + (n.x ?? 0)), y: round(gy + (n.y ?? 0)), width: round(n.width ?? 0), height: round(n.height ?? 0) };
    }
    // Edge sections inside a compound node are relative to it.
    for (const e of g.edges ?? []) {
      const section = e.sections?.[0];
      if (section !== undefined) routes.set(e.id, polyline(section, gx, gy));
    }
  }
  const rootRoutes = new Map<string, Array<[number, number]>>();
  for (const e of laid.edges ?? []) {
    const section = e.sections?.[0];
    if (section !== undefined) rootRoutes.set(`${e.sources[0]!.slice(2)}\u0000${e.targets[0]!.slice(2)}`, polyline(section, 0, 0));
  }

  data.edges.forEach((e, i) => {
    if (e.kind === 'allowed') {
      const points = rootRoutes.get(`${e.from}\u0000${e.to}`);
      if (points !== undefined) layout.edges.push({ ...e, points, routed: true });
      return;
    }
    const routed = routes.get(`e:${i}`);
    if (routed !== undefined) {
      layout.edges.push({ ...e, points: routed, routed: true });
      return;
    }
    const a = layout.nodes[e.from];
    const b = layout.nodes[e.to];
    if (a !== undefined && b !== undefined) layout.edges.push({ ...e, points: segment(a, b), routed: false });
  });
  return layout;
}

/** The straight segment between two boxes, from border to border along the line joining their centres. */
export function segment(a: Box, b: Box): Array<[number, number]> {
  const ca: [number, number] = [a.x + a.width / 2, a.y + a.height / 2];
  const cb: [number, number] = [b.x + b.width / 2, b.y + b.height / 2];
  return [clip(a, ca, cb), clip(b, cb, ca)];
}

/** Where the ray from `from` (the box's centre) towards `to` leaves the box. */
function clip(box: Box, from: [number, number], to: [number, number]): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  if (dx === 0 && dy === 0) return [round(from[0]), round(from[1])];
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return [round(from[0] + dx * s), round(from[1] + dy * s)];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
