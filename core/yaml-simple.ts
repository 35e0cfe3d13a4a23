/**
 * The frontmatter reader's fast path: a small, line-based subset of YAML 1.2 core (see
 * docs/design/core/yaml-simple.md). It never reports an error: anything outside the subset answers
 * `undefined` and the strict `yaml` path (core/frontmatter) decides. For what it accepts, data and
 * positions equal the strict path's, so most commands never load the yaml package at all.
 */
import { hasUnpairedSurrogate } from './canonical-json.js';

export interface SimplePosition {
  line: number;
  column: number;
}

export interface SimpleYaml {
  data: Record<string, unknown>;
  locate: (path: readonly (string | number)[]) => SimplePosition | undefined;
}

type Node =
  | { kind: 'map'; entries: Map<string, { key: SimplePosition; node: Node }> }
  | { kind: 'seq'; flow: boolean; at: SimplePosition; items: Node[] }
  | { kind: 'scalar'; at: SimplePosition | undefined };

/** Control characters, NEL, BOM, non-characters and the Unicode line separators: left to yaml. */
const UNSAFE_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const KEY_LINE = /^( *)([A-Za-z_][A-Za-z0-9_.-]*):(?:( +)(.*))?$/;
const ITEM_LINE = /^( *)-( +)(.*)$/;
/** Keys the core schema would not read as plain text, and the one `toJS` would not set as data. */
const SPECIAL_KEYS = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** What the core schema reads as a number; only the canonical decimal form is read here. */
const NUMBER_LIKE = [
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const DECLINE = Symbol('decline');

/**
 * @example parseSimpleYaml('type: module\ndepends_on: [core/errors]\n', 1)?.data // { type: 'module', depends_on: ['core/errors'] }
 */
export function parseSimpleYaml(source: string, lineOffset: number, maxDepth = 32): SimpleYaml | undefined {
  if (UNSAFE_CHARS.test(source) || hasUnpairedSurrogate(source)) return undefined;
  const lines = source.split('\n');
  // Content lines only: blank lines and whole-line comments carry nothing.
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) content.push(i);
  }
  if (content.length === 0) return { data: {}, locate: () => undefined };
  const pos = (line: number, index: number): SimplePosition => ({ line: line + 1 + lineOffset, column: index + 1 });
  const indentOf = (line: number) => lines[line]!.length - lines[line]!.trimStart().length;
  let next = 0;

  const mapping = (indent: number, depth: number): { data: Record<string, unknown>; node: Node } | typeof DECLINE => {
    if (depth > maxDepth) return DECLINE;
    const data: Record<string, unknown> = {};
    const entries = new Map<string, { key: SimplePosition; node: Node }>();
    const seen = new Set<string>();
    while (next < content.length) {
      const line = content[next]!;
      const indentHere = indentOf(line);
      if (indentHere < indent) break;
      const match = KEY_LINE.exec(lines[line]!);
      if (indentHere > indent || match === null) return DECLINE;
      const key = match[2]!;
      const normal = key.normalize('NFC');
      if (SPECIAL_KEYS.test(key) || seen.has(normal)) return DECLINE;
      seen.add(normal);
      const keyAt = pos(line, indent);
      next++;
      const text = (match[4] ?? '').trimEnd();
      let value: unknown;
      let node: Node;
      if (text !== '') {
        const inline = inlineValue(text, line, indent + key.length + 1 + match[3]!.length, pos);
        if (inline === DECLINE) return DECLINE;
        ({ value, node } = inline);
        // A deeper line after an inline value would continue it (a multi-line scalar): not ours.
        if (next < content.length && indentOf(content[next]!) > indent) return DECLINE;
      } else if (next < content.length && ITEM_LINE.test(lines[content[next]!]!) && indentOf(content[next]!) >= indent) {
        const list = sequence(indentOf(content[next]!), depth + 1);
        if (list === DECLINE) return DECLINE;
        ({ value, node } = list);
      } else if (next < content.length && indentOf(content[next]!) > indent) {
        const nested = mapping(indentOf(content[next]!), depth + 1);
        if (nested === DECLINE) return DECLINE;
        value = nested.data;
        node = nested.node;
      } else {
        value = null;
        node = { kind: 'scalar', at: undefined };
      }
      data[key] = value;
      entries.set(key, { key: keyAt, node });
    }
    return { data, node: { kind: 'map', entries } };
  };

  const sequence = (indent: number, depth: number): { value: unknown[]; node: Node } | typeof DECLINE => {
    if (depth > maxDepth) return DECLINE;
    const items: Node[] = [];
    const value: unknown[] = [];
    let first: SimplePosition | undefined;
    while (next < content.length) {
      const line = content[next]!;
      const indentHere = indentOf(line);
      if (indentHere < indent) break;
      const match = ITEM_LINE.exec(lines[line]!);
      if (match === null) {
        // The key that follows a list written at its parent key's indentation ends the list.
        if (indentHere === indent && KEY_LINE.test(lines[line]!)) break;
        return DECLINE;
      }
      if (indentHere > indent) return DECLINE;
      first ??= pos(line, indent);
      const text = match[3]!.trimEnd();
      if (text === '' || text.startsWith('[')) return DECLINE;
      const inline = inlineValue(text, line, indent + 1 + match[2]!.length, pos);
      if (inline === DECLINE) return DECLINE;
      items.push(inline.node);
      value.push(inline.value);
      next++;
      if (next < content.length && indentOf(content[next]!) > indent) return DECLINE;
    }
    return { value, node: { kind: 'seq', flow: false, at: first!, items } };
  };

  const root = mapping(0, 1);
  if (root === DECLINE || next < content.length) return undefined;
  const tree = root.node;
  return { data: root.data, locate: (path) => locate(tree, path) };
}

/** A value written on the key's (or item's) line, starting at column index `at`. */
function inlineValue(
  text: string,
  line: number,
  at: number,
  pos: (line: number, index: number) => SimplePosition,
): { value: unknown; node: Node } | typeof DECLINE {
  const here = pos(line, at);
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return DECLINE;
    const inner = text.slice(1, -1);
    // Quotes may sit inside a plain item (`O'Brien <o@x.org>`); an item that starts with one is declined by `plain`.
    if (/[[\]{}#:]/.test(inner)) return DECLINE;
    const value: unknown[] = [];
    const items: Node[] = [];
    if (inner.trim() !== '') {
      let offset = at + 1;
      for (const part of inner.split(',')) {
        const lead = part.length - part.trimStart().length;
        const item = part.trim();
        if (item === '') return DECLINE;
        const scalar = plain(item);
        if (scalar === DECLINE) return DECLINE;
        value.push(scalar);
        items.push({ kind: 'scalar', at: pos(line, offset + lead) });
        offset += part.length + 1;
      }
    }
    return { value, node: { kind: 'seq', flow: true, at: here, items } };
  }
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith(quote) || inner.includes(quote) || inner.includes('\\')) return DECLINE;
    return { value: inner, node: { kind: 'scalar', at: here } };
  }
  const scalar = plain(text);
  return scalar === DECLINE ? DECLINE : { value: scalar, node: { kind: 'scalar', at: here } };
}

/** A plain scalar as the core schema resolves it, or DECLINE for what only yaml should judge. */
function plain(text: string): unknown {
  if (INDICATORS.has(text[0]!) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return DECLINE;
  if (/^(?:0|[1-9][0-9]*)$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : DECLINE;
  }
  if (NUMBER_LIKE.some((re) => re.test(text))) return DECLINE;
  if (/^(?:~|[Nn]ull|NULL)$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return false;
  return text;
}

/** The value's position for scalars and flow lists, the key's for block collections and empty values. */
function locate(root: Node, path: readonly (string | number)[]): SimplePosition | undefined {
  let node: Node = root;
  let key: SimplePosition | undefined;
  for (const segment of path) {
    key = undefined;
    if (node.kind === 'map') {
      const entry = node.entries.get(String(segment));
      if (entry === undefined) return undefined;
      key = entry.key;
      node = entry.node;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return undefined;
      node = item;
    } else {
      return undefined;
    }
  }
  const block = node.kind === 'map' || (node.kind === 'seq' && !node.flow);
  const empty = node.kind === 'scalar' && node.at === undefined;
  if (key !== undefined && (block || empty)) return key;
  if (node.kind === 'map') return firstKey(node);
  return node.at;
}

function firstKey(node: Extract<Node, { kind: 'map' }>): SimplePosition | undefined {
  for (const entry of node.entries.values()) return entry.key;
  return undefined;
}
