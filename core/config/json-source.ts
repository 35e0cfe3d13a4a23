/**
 * A small strict-JSON parser that keeps what `JSON.parse` throws away: the line and column of every
 * key and value, and the mistakes people make in hand-edited config files. `JSON.parse` silently
 * keeps the last of two duplicate keys and stops at the first trailing comma with an offset; this
 * parser reports duplicate keys, trailing commas and comments all at once, still producing the value
 * (as `JSON.parse` would, last duplicate wins), and stops only at a real syntax error.
 */

/** 1-based line and column (UTF-16 code units, a tab counts as one). */
export interface Position {
  line: number;
  column: number;
}

/** One step of a path into the document: a key of an object or an index into an array. */
export type PathSegment = string | number;

export interface Located {
  /** The path to the value, e.g. `['components', 0, 'code']`. */
  path: PathSegment[];
  /** Where the value starts. */
  value: Position;
  /** Where the member's key starts (absent for array items and the top-level value). */
  key?: Position;
}

export type SourceProblem =
  | { kind: 'empty'; at: Position }
  | { kind: 'comment'; at: Position }
  | { kind: 'trailing-comma'; at: Position }
  | { kind: 'duplicate-key'; at: Position; path: PathSegment[]; key: string; first: Position }
  | { kind: 'syntax'; at: Position; found: string | undefined; expected: Expected }
  | { kind: 'too-deep'; at: Position };

export interface JsonSource {
  /** The parsed value; `undefined` when a syntax error stopped the parser (see `problems`). */
  value: unknown;
  /** Whether `value` holds the document (it may still have recoverable `problems`). */
  complete: boolean;
  problems: SourceProblem[];
  /** Where the value at an RFC 6901 JSON pointer (`/components/0/code`, `` for the top) starts. */
  locate(pointer: string): Located | undefined;
}

/** What the parser wanted where it stopped; `core/messages/config.ts` words it. */
export type Expected =
  | 'value'
  | 'key'
  | 'colon'
  | 'comma-or-object-end'
  | 'comma-or-array-end'
  | 'string-end'
  | 'escaped-control'
  | 'escape'
  | 'comment-end'
  | 'end-of-file';

/** Deeper than this is no config anyone writes; refusing it keeps the recursion off the stack limit. */
const MAX_DEPTH = 256;

/** Encodes a path as an RFC 6901 JSON pointer, the form ajv's `instancePath` uses. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

class Stop extends Error {}

/**
 * Parses JSON text, recording positions and recoverable mistakes.
 * @example parseJsonSource('{"a": [1,]}').problems // [{ kind: 'trailing-comma', at: { line: 1, column: 9 } }]
 */
export function parseJsonSource(text: string): JsonSource {
  const problems: SourceProblem[] = [];
  const located = new Map<string, Located>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // editors on Windows write a BOM; JSON.parse rejects it
  let line = 1;
  let lineStart = i;

  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const syntax = (expected: Expected, at: Position = here(), found = describe(text, i)): never => {
    problems.push({ kind: 'syntax', at, found, expected });
    throw new Stop();
  };

  const skipBlank = (): void => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        i++;
        line++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i++;
      } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
        problems.push({ kind: 'comment', at: here() });
        if (text[i + 1] === '/') {
          while (i < text.length && text[i] !== '\n') i++;
        } else {
          const start = here();
          i += 2;
          while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
            if (text[i] === '\n') {
              line++;
              lineStart = i + 1;
            }
            i++;
          }
          if (i >= text.length) syntax('comment-end', start, undefined);
          i += 2;
        }
      } else {
        return;
      }
    }
  };

  const parseString = (): string => {
    const start = here();
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) syntax('string-end', start, undefined);
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\n' || (c !== undefined && c < ' ')) syntax('escaped-control');
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          i++;
          syntax('escape');
        }
      } else {
        out += c;
        i++;
      }
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || /[\w.]/.test(text[i + m[0].length] ?? '')) return syntax('value');
    i += m[0].length;
    return Number(m[0]);
  };

  const parseValue = (path: PathSegment[], key: Position | undefined, depth: number): unknown => {
    skipBlank();
    const at = here();
    if (depth > MAX_DEPTH) {
      problems.push({ kind: 'too-deep', at });
      throw new Stop();
    }
    const entry: Located = key === undefined ? { path, value: at } : { path, value: at, key };
    located.set(toPointer(path), entry);
    const c = text[i];
    if (c === '{') return parseObject(path, depth);
    if (c === '[') return parseArray(path, depth);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i) && !/\w/.test(text[i + word.length] ?? '')) {
        i += word.length;
        return value;
      }
    }
    return syntax('value');
  };

  const parseObject = (path: PathSegment[], depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const firstSeen = new Map<string, Position>();
    i++;
    skipBlank();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipBlank();
      if (text[i] !== '"') syntax('key');
      const keyAt = here();
      const key = parseString();
      skipBlank();
      if (text[i] !== ':') syntax('colon');
      i++;
      const first = firstSeen.get(key);
      if (first !== undefined) problems.push({ kind: 'duplicate-key', at: keyAt, path, key, first });
      else firstSeen.set(key, keyAt);
      // defineProperty, not assignment, so a key named __proto__ is data, as with JSON.parse.
      Object.defineProperty(out, key, { value: parseValue([...path, key], keyAt, depth + 1), enumerable: true, writable: true, configurable: true });
      skipBlank();
      if (text[i] === '}') {
        i++;
        return out;
      }
      if (text[i] !== ',') syntax('comma-or-object-end');
      const comma = here();
      i++;
      skipBlank();
      if (text[i] === '}') {
        problems.push({ kind: 'trailing-comma', at: comma });
        i++;
        return out;
      }
    }
  };

  const parseArray = (path: PathSegment[], depth: number): unknown[] => {
    const out: unknown[] = [];
    i++;
    skipBlank();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(parseValue([...path, out.length], undefined, depth + 1));
      skipBlank();
      if (text[i] === ']') {
        i++;
        return out;
      }
      if (text[i] !== ',') syntax('comma-or-array-end');
      const comma = here();
      i++;
      skipBlank();
      if (text[i] === ']') {
        problems.push({ kind: 'trailing-comma', at: comma });
        i++;
        return out;
      }
    }
  };

  let value: unknown;
  let complete = false;
  try {
    skipBlank();
    if (i >= text.length) {
      problems.push({ kind: 'empty', at: { line: 1, column: 1 } });
    } else {
      value = parseValue([], undefined, 0);
      skipBlank();
      if (i < text.length) syntax('end-of-file');
      complete = true;
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    value = undefined;
  }
  return {
    value: complete ? value : undefined,
    complete,
    problems,
    locate: (pointer) => located.get(pointer),
  };
}

/** The token at `i` as a user would name it: a word, one character, or undefined at the end. */
function describe(text: string, i: number): string | undefined {
  if (i >= text.length) return undefined;
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
  if (word !== null) return word[0];
  return String.fromCodePoint(text.codePointAt(i) ?? 0);
}
