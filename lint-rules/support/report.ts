/**
 * How rules report: one `file.message` per finding, at a span (start and end) so an editor can
 * underline it and offer `expected` as a quick fix that replaces exactly that span. The core's
 * `locate` answers a start point; the helpers here extend it over the key or value written there.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import type { DesignDocument } from './document.js';
import type { RuleId } from './options.js';

/** Reports one finding; `expected` only where replacing the span with it fixes the problem. */
export function report(file: VFile, reason: string, place: Point | Position, expected?: readonly string[]): void {
  const message = file.message(reason, { place });
  if (expected !== undefined && expected.length > 0) message.expected = [...expected];
}

/** A point as unist wants it. */
export function point(line: number, column: number): Point {
  return { line, column };
}

/**
 * The span of the YAML scalar (plain or quoted) or flow collection that starts at `at`, on its line.
 * @example scalarSpan(doc, { line: 3, column: 9 }) // { start: 3:9, end: 3:14 } for `status: drafty`
 */
export function scalarSpan(doc: DesignDocument, at: { line: number; column: number }): Position {
  const text = doc.lines()[at.line - 1] ?? '';
  const from = at.column - 1;
  const first = text[from];
  let end = text.length;
  if (first === '"' || first === "'") {
    end = closingQuote(text, from, first) + 1;
  } else if (first === '[' || first === '{') {
    end = closingBracket(text, from);
  } else {
    // Inside a flow collection a plain scalar stops at `,`, `]` or `}`; anywhere at ` #`.
    const inFlow = /[[{]/.test(text.slice(0, from));
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (inFlow && (c === ',' || c === ']' || c === '}')) {
        end = i;
        break;
      }
      if (c === '#' && i > from && /\s/.test(text[i - 1] ?? '')) {
        end = i;
        break;
      }
    }
    while (end > from && /\s/.test(text[end - 1] ?? '')) end--;
  }
  return { start: point(at.line, at.column), end: point(at.line, Math.max(end, from) + 1) };
}

/**
 * The span of `key` in the mapping entry whose value (or, for a block value, whose key) `at`
 * points to: the key is on that line, before the value.
 * @example keySpan(doc, { line: 5, column: 8 }, 'ownr') // { start: 5:1, end: 5:5 }
 */
export function keySpan(doc: DesignDocument, at: { line: number; column: number }, key: string): Position {
  const text = doc.lines()[at.line - 1] ?? '';
  let found: { index: number; length: number } | undefined;
  for (const written of [key, JSON.stringify(key), `'${key.replaceAll("'", "''")}'`]) {
    for (let i = text.indexOf(written); i >= 0 && i <= at.column - 1; i = text.indexOf(written, i + 1)) {
      const after = text.slice(i + written.length).trimStart();
      if (after.startsWith(':') && (found === undefined || i > found.index)) found = { index: i, length: written.length };
    }
  }
  if (found === undefined) return { start: point(at.line, at.column), end: point(at.line, at.column) };
  return { start: point(at.line, found.index + 1), end: point(at.line, found.index + 1 + found.length) };
}

/** The span of a whole line's text (for delimiters and the first line of a file). */
export function lineSpan(doc: DesignDocument, line: number): Position {
  const raw = doc.lines()[line - 1] ?? '';
  const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return { start: point(line, 1), end: point(line, text.trimEnd().length + 1) };
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return text.length - 1;
}

function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/**
 * The known name a typo most likely meant (edit distance ≤ 2, or a case-only difference), for
 * `expected`; undefined when two names are equally close, since a guess between them would mislead.
 * @example closest('core/erors', ['core/errors', 'core/digest']) // 'core/errors'
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  if (word.length < 3) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const candidate of new Set(known)) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : distance(word, candidate, bestDistance + 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && best !== undefined) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** Levenshtein distance, giving up (returning `limit`) once every cell of a row reaches the limit. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cell = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin >= limit) return limit;
    previous = row;
  }
  return previous[b.length]!;
}

/** Where each rule is documented: its section of the generated docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/designgate/designgate/blob/main/docs/rules.md';

/**
 * The `unified-lint-rule` meta of a rule: origin `designgate:<id>` and its docs URL.
 * @example ruleMeta('required-sections').url // 'https://github.com/designgate/designgate/blob/main/docs/rules.md#required-sections'
 */
export function ruleMeta(id: RuleId): { origin: string; url: string } {
  return { origin: `designgate:${id}`, url: `${RULES_DOC_URL}#${id}` };
}
