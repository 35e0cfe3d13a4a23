/**
 * Reads the imports of a Python file — `import a.b [as c], d`, `from a.b import c, d`, relative
 * `from ..pkg import x`, star and bracketed multi-line imports, also nested in functions or after
 * `if TYPE_CHECKING:` — with a small tokenizer and a parser over its tokens, not line regexes:
 * comments and strings of every form (triple-quoted, prefixed, raw, f-strings with quotes inside
 * their fields) are skipped, and backslash continuations and open brackets join physical lines.
 * No library: the registry's in-process Python parsers are megabytes (antlr4-based) or tree-sitter
 * WebAssembly compiled at start-up, while the pre-commit hook needs only this small grammar.
 */
import { lineOf, lineStarts } from '../text-position.js';

export interface PythonName {
  name: string;
  line: number;
  column: number;
}

export interface PythonImport {
  /** As written, with a relative import's leading dots: `a.b`, `.`, `..pkg.mod`. */
  module: string;
  /** 1-based position of the module's first character. */
  line: number;
  column: number;
  /** The names of a `from` import (`*` for a star import); empty for `import`. */
  names: PythonName[];
}

type Kind = 'name' | 'op' | 'newline' | 'other';
interface Token {
  kind: Kind;
  value: string;
  offset: number;
}

const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER = /[0-9][0-9A-Za-z_]*|\.[0-9][0-9A-Za-z_]*/y;
/** String prefixes: r, b, u, f, t (3.14) and their combinations, in any case. */
const STRING_PREFIX = /^(?:[rR]?[bBfFtTuU]?|[bBfFtT][rR])$/;
const OPENERS = '([{';
const NAME_START = /[\p{L}_]/u;

/** A name's first character: ASCII letters and `_` without a regular expression (the hot path), else any letter. */
function isNameStart(c: string): boolean {
  const code = c.charCodeAt(0) | 0x20; // folds ASCII upper case onto lower case
  return (code >= 97 && code <= 122) || c === '_' || (c.charCodeAt(0) > 127 && NAME_START.test(c));
}
const CLOSERS = ')]}';

/**
 * @example readPythonImports('from .core import util  # import x\n')
 *   // [{ module: '.core', line: 1, column: 6, names: [{ name: 'util', line: 1, column: 19 }] }]
 */
export function readPythonImports(text: string): PythonImport[] {
  const tokens = tokenize(text);
  const starts = lineStarts(text);
  const at = (offset: number) => {
    const line = lineOf(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1 };
  };
  const found: PythonImport[] = [];
  let depth = 0;
  let statementStart = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const startsHere = statementStart;
    statementStart = t.kind === 'newline' || (depth === 0 && t.kind === 'op' && (t.value === ';' || t.value === ':'));
    if (t.kind === 'op' && OPENERS.includes(t.value)) depth++;
    else if (t.kind === 'op' && CLOSERS.includes(t.value)) depth = Math.max(0, depth - 1);
    if (!startsHere || t.kind !== 'name' || (t.value !== 'import' && t.value !== 'from')) continue;
    const parsed = t.value === 'import' ? parseImport(tokens, k + 1) : parseFrom(tokens, k + 1);
    for (const p of parsed.imports) found.push({ module: p.module, ...at(p.offset), names: p.names.map((n) => ({ name: n.name, ...at(n.offset) })) });
    // Resume after the statement: its brackets are balanced or the line ended.
    k = parsed.next - 1;
    depth = 0;
    statementStart = false;
  }
  return found;
}

interface Parsed {
  imports: Array<{ module: string; offset: number; names: Array<{ name: string; offset: number }> }>;
  next: number;
}

/** A dotted name `a.b.c` from token `k`; empty when no name stands there. */
function dotted(tokens: readonly Token[], k: number): { name: string; next: number } {
  let name = '';
  while (tokens[k]?.kind === 'name') {
    name += tokens[k]!.value;
    k++;
    if (tokens[k]?.value !== '.' || tokens[k + 1]?.kind !== 'name') break;
    name += '.';
    k++;
  }
  return { name, next: k };
}

/** Skips `as alias` at token `k`. */
function skipAlias(tokens: readonly Token[], k: number): number {
  return tokens[k]?.value === 'as' && tokens[k + 1]?.kind === 'name' ? k + 2 : k;
}

/** `import a.b [as c], d` after the keyword. */
function parseImport(tokens: readonly Token[], k: number): Parsed {
  const imports: Parsed['imports'] = [];
  for (;;) {
    const offset = tokens[k]?.offset ?? 0;
    const { name, next } = dotted(tokens, k);
    if (name === '') break;
    imports.push({ module: name, offset, names: [] });
    k = skipAlias(tokens, next);
    if (tokens[k]?.value !== ',') break;
    k++;
  }
  return { imports, next: k };
}

/** `from [.…]module import names | (names) | *` after the keyword. */
function parseFrom(tokens: readonly Token[], k: number): Parsed {
  const offset = tokens[k]?.offset ?? 0;
  let dots = '';
  while (tokens[k]?.value === '.') {
    dots += '.';
    k++;
  }
  // `import` is a keyword, never a module: `from . import x` names no module after its dots.
  const { name, next } = tokens[k]?.value === 'import' ? { name: '', next: k } : dotted(tokens, k);
  k = next;
  const module = dots + name;
  if (module === '' || tokens[k]?.value !== 'import') return { imports: [], next: k };
  k++;
  const names: Array<{ name: string; offset: number }> = [];
  if (tokens[k]?.value === '*') {
    names.push({ name: '*', offset: tokens[k]!.offset });
    return { imports: [{ module, offset, names }], next: k + 1 };
  }
  const bracketed = tokens[k]?.value === '(';
  if (bracketed) k++;
  while (tokens[k]?.kind === 'name') {
    names.push({ name: tokens[k]!.value, offset: tokens[k]!.offset });
    k = skipAlias(tokens, k + 1);
    if (tokens[k]?.value !== ',') break;
    k++;
  }
  if (bracketed && tokens[k]?.value === ')') k++;
  return { imports: [{ module, offset, names }], next: k };
}

/**
 * The tokens that matter for import statements: names, one-character operators, and a newline
 * token where a logical line ends (outside brackets). Strings, numbers and comments become nothing
 * or an opaque token, so their contents are never read as code.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: Kind, value: string, offset: number) => {
    if (kind === 'newline' && (tokens.length === 0 || tokens[tokens.length - 1]!.kind === 'newline')) return;
    tokens.push({ kind, value, offset });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      if (depth === 0) push('newline', '\n', i);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') i++;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // An explicit line join: the next physical line continues this logical line.
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '"' || c === "'") {
      push('other', 'string', i);
      i = skipString(text, i, false);
    } else if (isNameStart(c)) {
      NAME.lastIndex = i;
      const name = NAME.exec(text)![0];
      const quote = text[i + name.length];
      if ((quote === '"' || quote === "'") && STRING_PREFIX.test(name)) {
        push('other', 'string', i);
        i = skipString(text, i + name.length, /[fFtT]/.test(name));
      } else {
        push('name', name, i);
        i += name.length;
      }
    } else if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      push('other', 'number', i);
      i += NUMBER.exec(text)![0].length;
    } else {
      if (OPENERS.includes(c)) depth++;
      else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
      push('op', c, i);
      i++;
    }
  }
  return tokens;
}

/**
 * Skips the string whose opening quote is at `i`; returns the offset after its closing quote. A
 * backslash always keeps the next character inside the string (in raw strings too, where it stays
 * part of the value). In an f-string (or t-string), a `{` field is code up to its matching `}` and
 * may hold strings with the same quotes (Python 3.12).
 */
function skipString(text: string, i: number, formatted: boolean): number {
  const quote = text[i]!;
  const triple = text.startsWith(quote.repeat(3), i);
  const fence = triple ? quote.repeat(3) : quote;
  i += fence.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (text.startsWith(fence, i)) return i + fence.length;
    else if (c === '\n' && !triple) return i; // an unterminated one-line string ends with its line
    else if (formatted && c === '{') {
      if (text[i + 1] === '{') i += 2;
      else i = skipField(text, i + 1);
    } else i++;
  }
  return i;
}

/** Skips the code of an f-string field from just after its `{`; returns the offset after the matching `}`. */
function skipField(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") i = skipString(text, i, false);
    else if (OPENERS.includes(c)) {
      depth++;
      i++;
    } else if (CLOSERS.includes(c)) {
      i++;
      if (depth === 0) return i;
      depth--;
    } else i++;
  }
  return i;
}
