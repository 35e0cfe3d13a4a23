/**
 * Reads a design document's frontmatter strictly: the leading `---` … `---` block, parsed as YAML 1.2
 * core with no anchors, aliases, tags or duplicate keys, capped in size and depth. Approval state is
 * read from this data, so anything a lenient parser would guess at is refused with `file:line:col`.
 * No JS frontmatter engine and no remark: a line-by-line split, the subset reader of
 * core/yaml-simple for the common shapes, and the `yaml` package — loaded only when a block falls
 * outside that subset — for everything else, so a whole-repository scan stays cheap.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CST, Document, Node } from 'yaml';
import { DesignGateError, type Cause } from './errors.js';
import { parseSimpleYaml } from './yaml-simple.js';
import { packageFile } from './package-root.js';
import { hasUnpairedSurrogate } from './canonical-json.js';
import { frontmatterMessages as m } from './messages/frontmatter.js';

/** One problem, 1-based, in the file's coordinates. `fix` says what to change when it is specific. */
export interface YamlIssue {
  line: number;
  column: number;
  message: string;
  fix?: string;
}

/** A position in the file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

export type Locate = (path: readonly (string | number)[]) => Position | undefined;

export type YamlResult =
  | { ok: true; data: Record<string, unknown>; locate: Locate }
  | { ok: false; issues: YamlIssue[] };

export interface FrontmatterSplit {
  /** The YAML between the delimiters, CRLF turned into LF (lines and columns are unchanged). */
  yaml: string;
  /** File line of the YAML's first line (the line after the opening `---`). */
  yamlStartLine: number;
  /** Everything after the closing delimiter's line, as written (BOM removed, line endings kept). */
  body: string;
  /** File line where the body starts. */
  bodyStartLine: number;
}

export interface FrontmatterDoc {
  data: Record<string, unknown>;
  body: string;
  split: FrontmatterSplit;
  /** Where the value at `path` is written (a scalar or flow value), or its key (a block value). */
  locate: Locate;
}

/** Frontmatter larger than this is refused before parsing (a design's metadata is a few lines). */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;
/** A whole document larger than this is refused before it is split. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** Deepest nesting of mappings and lists; the top-level mapping is level 1. */
export const MAX_DEPTH = 32;
/**
 * A raw, quote-blind count of open `[`/`{` beyond this refuses the text before the YAML parser sees
 * it: yaml 2.9.1 spends ~0.3 s tokenising 64 KiB of nested brackets, and composing them exhausts the
 * stack and then the heap (the process dies). The count is only a cheap first guard (brackets in
 * quoted text can fool it either way); what keeps the composer safe is the exact MAX_DEPTH check on
 * the parser's tokens, which runs before anything is composed.
 */
const MAX_RAW_BRACKETS = 8 * MAX_DEPTH;

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/**
 * The yaml package, required on first use: synchronous like the parse itself, and kept out of the
 * start-up of every command whose designs the subset reader covers (~10 ms to load and compile).
 * The build's one-file bundle of it (dist/vendor/yaml.cjs) loads faster than the package's files.
 */
function yaml(): YamlModule {
  if (yamlModule === undefined) {
    const require = createRequire(import.meta.url);
    const bundled = packageFile('dist', 'vendor', 'yaml.cjs');
    yamlModule = (existsSync(bundled) ? require(bundled) : require('yaml')) as YamlModule;
  }
  return yamlModule;
}

// YAML 1.2 core schema only; stringKeys makes `1:` and `"1":` the same key, so uniqueKeys sees them.
const COMPOSE_OPTIONS = {
  schema: 'core',
  version: '1.2',
  merge: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  prettyErrors: false,
  logLevel: 'error',
} as const;

/**
 * Strict YAML 1.2 core parse of a frontmatter block's text. `lineOffset` is the file line of the
 * block's first line minus 1, so every issue and `locate` answer is in the file's coordinates.
 * @example parseYamlStrict('status: on\n', { lineOffset: 1 }) // { ok: true, data: { status: 'on' }, … }
 */
export function parseYamlStrict(source: string, options: { lineOffset?: number } = {}): YamlResult {
  const lineOffset = options.lineOffset ?? 0;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_FRONTMATTER_BYTES) {
    return fail([{ line: lineOffset + 1, column: 1, message: m.yamlTooLarge(bytes, MAX_FRONTMATTER_BYTES), fix: m.yamlTooLargeFix }]);
  }
  const simple = parseSimpleYaml(source, lineOffset, MAX_DEPTH);
  if (simple !== undefined) return { ok: true, data: simple.data, locate: simple.locate };
  return parseYamlWithLibrary(source, options);
}

/**
 * The same parse by the `yaml` package alone, without the subset fast path: what `parseYamlStrict`
 * falls back to, and the reference the subset is tested against.
 */
export function parseYamlWithLibrary(source: string, options: { lineOffset?: number } = {}): YamlResult {
  const { Composer, LineCounter, Parser, isMap } = yaml();
  const lineOffset = options.lineOffset ?? 0;
  const first = { line: lineOffset + 1, column: 1 };
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_FRONTMATTER_BYTES) {
    return fail([{ ...first, message: m.yamlTooLarge(bytes, MAX_FRONTMATTER_BYTES), fix: m.yamlTooLargeFix }]);
  }
  const lines = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line: line + lineOffset, column: col };
  };

  const bracketAt = rawBracketOverflow(source);
  if (bracketAt !== -1) {
    // The parser has not run, so the line counter is empty: count the lines by hand.
    const before = source.slice(0, bracketAt);
    const line = before.split('\n').length + lineOffset;
    const column = bracketAt - before.lastIndexOf('\n');
    return fail([{ line, column, message: m.tooDeep(MAX_DEPTH), fix: m.tooDeepFix }]);
  }

  // The parser is iterative; checking its tokens first means nothing is composed (no alias
  // expanded, no tag resolved, no deep recursion) unless the text passed.
  const tokens = Array.from(new Parser(lines.addNewLine).parse(source));
  const tokenIssues = checkTokens(tokens, at);
  if (tokenIssues.length > 0) return fail(tokenIssues);

  const composer = new Composer(COMPOSE_OPTIONS);
  const docs = Array.from(composer.compose(tokens, true, source.length));
  const doc = docs[0];
  if (doc === undefined) return { ok: true, data: {}, locate: () => undefined };
  const issues: YamlIssue[] = [];
  for (const extra of docs.slice(1)) issues.push({ ...at(extra.range[0]), message: m.multipleDocuments, fix: m.yamlFix });
  for (const error of [...doc.errors, ...doc.warnings]) issues.push({ ...at(error.pos[0]), message: describe(error, doc), fix: m.yamlFix });
  if (issues.length > 0) return fail(issues);

  const contents = doc.contents;
  // An empty block (only comments or nothing) is an empty mapping; the schema then names what is missing.
  if (contents === null) return { ok: true, data: {}, locate: () => undefined };
  if (!isMap(contents)) {
    return fail([{ ...at(rangeStart(contents) ?? 0), message: m.notMapping(kindOf(contents)), fix: m.yamlFix }]);
  }
  checkNodes(contents, source, at, issues);
  if (issues.length > 0) return fail(issues);

  const data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  return { ok: true, data, locate: (path) => locateIn(doc, path, at) };
}

/**
 * Finds the leading `---` … `---` block. A BOM, CRLF line ends, spaces or tabs after either
 * delimiter and a closing `---` at the end of the file without a newline are tolerated; `----` is
 * not a delimiter and `---js` (or any text after the dashes) is refused, never executed.
 * @example splitFrontmatter('---\ntype: module\n---\n# T\n') // { ok: true, split: { yaml: 'type: module\n', yamlStartLine: 2, body: '# T\n', bodyStartLine: 4 } }
 */
export function splitFrontmatter(text: string): { ok: true; split: FrontmatterSplit } | { ok: false; issue: YamlIssue } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstEnd = lineEnd(source, 0);
  const opening = stripCr(source.slice(0, firstEnd));
  const start = { line: 1, column: 1 };
  if (!/^---[ \t]*$/.test(opening)) {
    if (/^----/.test(opening)) return { ok: false, issue: { ...start, message: m.banner(opening.trimEnd()), fix: m.missingFix } };
    if (/^---\S/.test(opening)) return { ok: false, issue: { ...start, message: m.notYaml(opening.trimEnd()), fix: m.notYamlFix } };
    return { ok: false, issue: { ...start, message: m.missing, fix: m.missingFix } };
  }
  if (firstEnd >= source.length) {
    return { ok: false, issue: { ...start, message: m.unterminated, fix: m.unterminatedFix(1) } };
  }
  const yamlStart = firstEnd + 1;
  let line = 2;
  let firstBlank = 0;
  for (let pos = yamlStart; pos <= source.length; line++) {
    const end = lineEnd(source, pos);
    if (firstBlank === 0 && end < source.length && source.slice(pos, end).trim() === '') firstBlank = line;
    if (isDelimiter(source, pos, end)) {
      return {
        ok: true,
        split: {
          yaml: source.slice(yamlStart, pos).replace(/\r\n/g, '\n'),
          yamlStartLine: 2,
          body: end >= source.length ? '' : source.slice(end + 1),
          bodyStartLine: line + 1,
        },
      };
    }
    if (end >= source.length) break;
    pos = end + 1;
  }
  // Guess where the YAML was meant to end: before the first blank line (frontmatter rarely holds
  // one and the body usually follows one), else after the last line of the file.
  const lastLine = firstBlank > 0 ? firstBlank - 1 : source.endsWith('\n') ? line - 1 : line;
  return { ok: false, issue: { ...start, message: m.unterminated, fix: m.unterminatedFix(lastLine) } };
}

/**
 * Non-throwing form of {@link readFrontmatter} for whole-repository scans: the same checks, the
 * error as a value. Only a line split and a YAML parse; no remark.
 */
export function tryReadFrontmatter(
  text: string,
  file: string,
): { ok: true; doc: FrontmatterDoc } | { ok: false; error: DesignGateError } {
  const failWith = (issues: readonly YamlIssue[]) => ({ ok: false as const, error: toError(file, issues) });
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is refused without counting bytes.
  if (text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    return failWith([{ line: 1, column: 1, message: m.documentTooLarge(MAX_DOCUMENT_BYTES), fix: m.documentTooLargeFix }]);
  }
  const split = splitFrontmatter(text);
  if (!split.ok) return failWith([split.issue]);
  const parsed = parseYamlStrict(split.split.yaml, { lineOffset: split.split.yamlStartLine - 1 });
  if (!parsed.ok) return failWith(parsed.issues);
  return { ok: true, doc: { data: parsed.data, body: split.split.body, split: split.split, locate: parsed.locate } };
}

/**
 * `splitFrontmatter` + `parseYamlStrict`, with the whole document capped at 1 MiB. Throws
 * `DesignGateError('FRONTMATTER')` whose causes are every located problem and whose fix says what
 * to change.
 * @example readFrontmatter(text, 'docs/design/core/x.md').data.type // 'module'
 */
export function readFrontmatter(text: string, file: string): FrontmatterDoc {
  const result = tryReadFrontmatter(text, file);
  if (!result.ok) throw result.error;
  return result.doc;
}

function toError(file: string, issues: readonly YamlIssue[]): DesignGateError {
  const causes: Cause[] = issues.map((i) => ({ file, line: i.line, column: i.column, message: i.message }));
  const fixes = [...new Set(issues.map((i) => i.fix).filter((f): f is string => f !== undefined))];
  return new DesignGateError('FRONTMATTER', m.unreadable(file), {
    causes,
    ...(fixes.length > 0 ? { fix: fixes.join('; ') } : {}),
  });
}

function fail(issues: YamlIssue[]): YamlResult {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.line}:${i.column}:${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  unique.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, issues: unique };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** `---` followed only by spaces, tabs and an optional CR, between `from` and `end`. */
function isDelimiter(text: string, from: number, end: number): boolean {
  if (!text.startsWith('---', from)) return false;
  for (let i = from + 3; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && !(c === 0x0d && i === end - 1)) return false;
  }
  return true;
}

/** Offset of the first `[`/`{` whose raw (quote-blind) nesting passes MAX_RAW_BRACKETS, or -1. */
function rawBracketOverflow(source: string): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_RAW_BRACKETS) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

/** Walks the parser's tokens without recursion: refuses anchors, aliases, tags, directives and depth. */
function checkTokens(tokens: readonly CST.Token[], at: (offset: number) => Position): YamlIssue[] {
  const issues: YamlIssue[] = [];
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  const push = (list: readonly CST.Token[] | undefined | null, depth: number) => {
    for (const token of list ?? []) stack.push({ token, depth });
  };
  const pushOne = (token: CST.Token | null | undefined, depth: number) => {
    if (token) stack.push({ token, depth });
  };
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'anchor':
        issues.push({ ...at(token.offset), message: m.anchor, fix: m.yamlFix });
        break;
      case 'tag':
        issues.push({ ...at(token.offset), message: m.tag(token.source), fix: m.yamlFix });
        break;
      case 'alias':
        issues.push({ ...at(token.offset), message: m.alias, fix: m.yamlFix });
        break;
      case 'directive':
        issues.push({ ...at(token.offset), message: m.directive(token.source.trim()), fix: m.yamlFix });
        break;
      case 'document':
        push(token.start, depth);
        pushOne(token.value, depth);
        push(token.end, depth);
        break;
      case 'doc-end':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        push(token.end, depth);
        break;
      case 'block-scalar':
        push(token.props, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const inner = depth + 1;
        if (inner > MAX_DEPTH) return [...issues, { ...at(token.offset), message: m.tooDeep(MAX_DEPTH), fix: m.tooDeepFix }];
        if (token.type === 'flow-collection') {
          pushOne(token.start, inner);
          push(token.end, inner);
        }
        for (const item of token.items as readonly CST.CollectionItem[]) {
          push(item.start, inner);
          pushOne(item.key, inner);
          push(item.sep, inner);
          pushOne(item.value, inner);
        }
        break;
      }
      default:
        break;
    }
  }
  return issues;
}

/** After composing: keys are non-empty text, unique after NFC; numbers finite and exact; text is Unicode. */
function checkNodes(node: unknown, source: string, at: (offset: number) => Position, issues: YamlIssue[]): void {
  const { isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key;
      const keyValue = isScalar(key) ? key.value : undefined;
      const where = rangeStart(key) ?? rangeStart(pair.value) ?? rangeStart(node) ?? 0;
      if (typeof keyValue !== 'string' || keyValue === '') {
        issues.push({ ...at(where), message: m.nonStringKey, fix: m.yamlFix });
      } else {
        if (hasUnpairedSurrogate(keyValue)) issues.push({ ...at(where), message: m.unpairedSurrogate, fix: m.yamlFix });
        const normal = keyValue.normalize('NFC');
        if (seen.has(normal)) issues.push({ ...at(where), message: m.duplicateKeyNfc(normal), fix: m.yamlFix });
        seen.add(normal);
      }
      checkNodes(pair.value, source, at, issues);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkNodes(item, source, at, issues);
  } else if (isScalar(node)) {
    const value = node.value;
    const where = rangeStart(node) ?? 0;
    const text = () => source.slice(where, node.range?.[1] ?? where).trim();
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) issues.push({ ...at(where), message: m.notFinite(text()), fix: m.yamlFix });
      // Only integer literals: `1e21` is a float and exact, `123456789012345678901` would be rounded.
      else if (!Number.isSafeInteger(value) && /^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/.test(text())) {
        issues.push({ ...at(where), message: m.unsafeInteger(text()), fix: m.yamlFix });
      }
    } else if (typeof value === 'string' && hasUnpairedSurrogate(value)) {
      issues.push({ ...at(where), message: m.unpairedSurrogate, fix: m.yamlFix });
    }
  }
}

function describe(error: { code: string; message: string; pos: [number, number] }, doc: Document.Parsed): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return m.duplicateKey(keyAt(doc, error.pos[0]) ?? '?');
    case 'TAB_AS_INDENT':
      return m.tabIndent;
    case 'MULTIPLE_DOCS':
      return m.multipleDocuments;
    case 'NON_STRING_KEY':
      return m.nonStringKey;
    default: {
      // yaml's own wording, cut to its first line and lower-cased to sit after our prefix.
      const detail = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return m.syntax(detail.charAt(0).toLowerCase() + detail.slice(1));
    }
  }
}

/** The text of the key that starts at `offset` (yaml points a duplicate key's error at its first character only). */
function keyAt(doc: Document.Parsed, offset: number): string | undefined {
  const { isScalar, visit } = yaml();
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] | null } | null | undefined)?.range;
  return range?.[0];
}

function kindOf(node: unknown): string {
  const { isScalar, isSeq } = yaml();
  if (isSeq(node)) return m.kindList;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number') return m.kindNumber;
  if (typeof value === 'boolean') return m.kindBoolean;
  if (value === null) return m.kindNull;
  return m.kindText;
}

/** The value's position for scalars and flow collections, the key's for block collections. */
function locateIn(doc: Document.Parsed, path: readonly (string | number)[], at: (offset: number) => Position): Position | undefined {
  const { isMap, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let keyNode: unknown = undefined;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === String(segment));
      if (pair === undefined) return undefined;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  const isBlockCollection = (isMap(node) || isSeq(node)) && !(node as Node & { flow?: boolean }).flow;
  // `key:` with nothing after it composes to a zero-width null scalar at the line's end.
  const isEmpty = node === null || (isScalar(node) && node.range != null && node.range[0] === node.range[1]);
  const offset = keyNode !== undefined && (isEmpty || isBlockCollection) ? rangeStart(keyNode) : rangeStart(node);
  return offset === undefined ? undefined : at(offset);
}
