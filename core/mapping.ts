/**
 * The 1:1:1 convention: `{path}` templates that map a code file to its design and its test, in
 * every direction. Matching is literal string comparison around the one `{path}` (no regular
 * expressions, so `lib/c++/{path}.cc` needs no escaping), and the rule-overlap check is exact: it
 * runs the templates as small automata rather than comparing prefixes, so the edge cases of
 * lengths (`a{path}` never overlaps `a/{path}`) come out right.
 */
import type { ComponentRule } from './config/types.js';
import { DesignGateError } from './errors.js';
import { mappingMessages as m } from './messages/mapping.js';

export type Role = 'code' | 'design' | 'test';

export interface Triple {
  /** Index of the rule in `components`. */
  rule: number;
  /** The `{path}` value, e.g. `sessions/orchestrator`. */
  path: string;
  code: string;
  design: string;
  test: string;
}

export interface CompiledMapping {
  rules: readonly ComponentRule[];
  /** The one role of a file: design first, then test, then code; undefined when no template matches. */
  classify(file: string): { role: Role; triple: Triple } | undefined;
  /** The triple of a code file; undefined when the file is not code (see `classify`). */
  fromCode(file: string): Triple | undefined;
  fromDesign(file: string): Triple | undefined;
  fromTest(file: string): Triple | undefined;
  /** `classify` without building the triple: the role and rule that own the file (a hot path of the inventory). */
  owner(file: string): { role: Role; rule: number; path: string } | undefined;
}

export interface Template {
  prefix: string;
  suffix: string;
}

const PLACEHOLDER = '{path}';

/** A normalised relative path: no leading or trailing `/`, no empty, `.` or `..` segment. */
function isNormalPath(path: string): boolean {
  // A character loop rather than split('/'): this runs for every matched file of a 50k-file tree.
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47 /* / */) continue;
    const length = i - start;
    if (length === 0) return false;
    if (length <= 2 && path.charCodeAt(start) === 46 /* . */ && (length === 1 || path.charCodeAt(start + 1) === 46)) return false;
    start = i + 1;
  }
  return true;
}

/**
 * Parses a template; throws DesignGateError('CONFIG') when `{path}` is missing or repeated, or the
 * template is not a normalised relative path with forward slashes.
 * @example parseTemplate('lib/my_app/{path}.ex') // { prefix: 'lib/my_app/', suffix: '.ex' }
 */
export function parseTemplate(template: string): Template {
  const at = template.indexOf(PLACEHOLDER);
  if (at < 0) throw new DesignGateError('CONFIG', m.templateMissing(template), { fix: m.templateFix });
  if (template.includes(PLACEHOLDER, at + 1)) throw new DesignGateError('CONFIG', m.templateRepeated(template), { fix: m.templateFix });
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + PLACEHOLDER.length);
  // Any valid {path} value yields a normalised path exactly when the template does with a plain
  // segment in its place, so templates can never produce `../` or absolute paths.
  if (template.includes('\\') || !isNormalPath(`${prefix}x${suffix}`)) {
    throw new DesignGateError('CONFIG', m.templateNotRelative(template), { fix: m.templateFix });
  }
  return { prefix, suffix };
}

/** The `{path}` value of `file` under `t`, or undefined when it does not match. */
function matchTemplate(t: Template, file: string): string | undefined {
  if (file.length <= t.prefix.length + t.suffix.length) return undefined;
  if (!file.startsWith(t.prefix) || !file.endsWith(t.suffix)) return undefined;
  const value = file.slice(t.prefix.length, file.length - t.suffix.length);
  return isNormalPath(value) ? value : undefined;
}

function fill(t: Template, value: string): string {
  return t.prefix + value + t.suffix;
}

/**
 * Compiles the rules once; throws DesignGateError('CONFIG') for a malformed template.
 * @example compileMapping(rules).fromCode('lib/my_app/a.ex') // { rule: 0, path: 'a', design: 'docs/design/a.md', … }
 */
export function compileMapping(rules: readonly ComponentRule[]): CompiledMapping {
  const compiled = rules.map((r) => ({ code: parseTemplate(r.code), design: parseTemplate(r.design), test: parseTemplate(r.test) }));

  // Design before test before code: a file a design or test template claims is never treated as
  // code that needs its own design (colocated `src/a.test.ts` is a test, not code).
  const PRIORITY = ['design', 'test', 'code'] as const;

  function owner(file: string): { role: Role; rule: number; path: string } | undefined {
    for (const role of PRIORITY) {
      for (let rule = 0; rule < compiled.length; rule++) {
        const path = matchTemplate(compiled[rule]![role], file);
        if (path !== undefined) return { role, rule, path };
      }
    }
    return undefined;
  }

  function classify(file: string): { role: Role; triple: Triple } | undefined {
    const hit = owner(file);
    if (hit === undefined) return undefined;
    const { rule, path } = hit;
    const c = compiled[rule]!;
    return { role: hit.role, triple: { rule, path, code: fill(c.code, path), design: fill(c.design, path), test: fill(c.test, path) } };
  }

  const only = (role: Role) => (file: string) => {
    const hit = classify(file);
    return hit?.role === role ? hit.triple : undefined;
  };

  return { rules, classify, fromCode: only('code'), fromDesign: only('design'), fromTest: only('test'), owner };
}

// ---------------------------------------------------------------------------------------------
// Exact overlap and containment of two templates' languages. A template `P{path}S` is run as a
// small NFA: the literal prefix, then the {path} value (segments: non-empty, not `.` or `..`,
// joined by `/`), then the literal suffix. Subset construction over both at once answers
// "is there a path in both?" and "is there a path in the first but not the second?", and the
// breadth-first search hands back the shortest such path as the example.

/** NFA states: prefix positions 0..p-1, then four {path} states, then suffix positions 0..s. */
interface Nfa {
  t: Template;
  start: number; // segment start (the first state after the prefix)
  dot1: number; // the current segment is "."
  dot2: number; // the current segment is ".."
  seg: number; // inside a valid segment (accepting for {path})
  accept: number;
}

function nfa(t: Template): Nfa {
  const p = t.prefix.length;
  return { t, start: p, dot1: p + 1, dot2: p + 2, seg: p + 3, accept: p + 4 + t.suffix.length };
}

/** Adds the ε-move from "a valid {path} value ends here" into the suffix. */
function closure(a: Nfa, states: Set<number>): number[] {
  if (states.has(a.seg)) states.add(a.seg + 1);
  return [...states].sort((x, y) => x - y);
}

function step(a: Nfa, states: readonly number[], ch: string): number[] {
  const out = new Set<number>();
  const p = a.t.prefix.length;
  for (const q of states) {
    if (q < p) {
      if (a.t.prefix[q] === ch) out.add(q + 1);
    } else if (q === a.start || q === a.dot1 || q === a.dot2) {
      if (ch === '/') continue;
      out.add(ch === '.' && q === a.start ? a.dot1 : ch === '.' && q === a.dot1 ? a.dot2 : a.seg);
    } else if (q === a.seg) {
      out.add(ch === '/' ? a.start : a.seg);
    } else if (q < a.accept && a.t.suffix[q - a.seg - 1] === ch) {
      out.add(q + 1);
    }
  }
  return closure(a, out);
}

/** One character for each class the automata can tell apart; the stand-in for "any other" first. */
function alphabet(a: Template, b: Template): string[] {
  // Code units, not code points: matching compares code units, and so does `step`.
  const literal = new Set((a.prefix + a.suffix + b.prefix + b.suffix + './').split(''));
  const standIn = [...'xyzwvuqkjabcdefghilmnoprst0123456789_'].find((c) => !literal.has(c)) ?? '\u{e000}';
  return [standIn, ...[...literal].sort()];
}

/** The shortest path `ta` matches that `tb` matches too (`wantB`) or does not (`!wantB`), if any. */
function search(ta: Template, tb: Template, wantB: boolean): string | undefined {
  const a = nfa(ta);
  const b = nfa(tb);
  const chars = alphabet(ta, tb);
  const init: [number[], number[], string] = [closure(a, new Set([0])), closure(b, new Set([0])), ''];
  const seen = new Set<string>([`${init[0].join()}|${init[1].join()}`]);
  const queue = [init];
  for (let i = 0; i < queue.length; i++) {
    const [sa, sb, word] = queue[i]!;
    if (sa.includes(a.accept) && sb.includes(b.accept) === wantB) return word;
    for (const ch of chars) {
      const na = step(a, sa, ch);
      if (na.length === 0) continue;
      const nb = step(b, sb, ch);
      if (wantB && nb.length === 0) continue;
      const key = `${na.join()}|${nb.join()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push([na, nb, word + ch]);
    }
  }
  return undefined;
}

/** A path both templates match (the shortest), or undefined when they are disjoint. */
export function templateOverlap(a: Template, b: Template): string | undefined {
  // Cheap necessary condition first: a common path starts with both prefixes and ends with both suffixes.
  const prefixesAgree = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixesAgree = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return prefixesAgree && suffixesAgree ? search(a, b, true) : undefined;
}

/** True when every path `a` matches is also matched by `b`. */
export function templateWithin(a: Template, b: Template): boolean {
  return search(a, b, false) === undefined;
}

/**
 * Pairs of rules whose design (or test) templates can match the same path, which would give one
 * document two code files. Allowed, and not listed, when the earlier template is strictly more
 * specific (its paths are a proper subset of the later one's): "specific first", as in routing;
 * the inventory then reports any later-rule code file whose design lands there (`mapping-conflict`).
 * Code templates may overlap freely: the first matching rule wins.
 * @example findRuleOverlaps([{ code: 'a/{path}.ts', design: 'd/{path}.md', test: 't/{path}.ts' }, { code: 'b/{path}.ts', design: 'd/{path}.md', test: 'u/{path}.ts' }])
 *   // [{ earlier: 0, later: 1, field: 'design', example: 'd/x.md' }]
 */
export function findRuleOverlaps(
  rules: readonly ComponentRule[],
): Array<{ earlier: number; later: number; field: 'design' | 'test'; example: string }> {
  const parsed = rules.map((r) => ({ design: parseTemplate(r.design), test: parseTemplate(r.test) }));
  const found: Array<{ earlier: number; later: number; field: 'design' | 'test'; example: string }> = [];
  for (let earlier = 0; earlier < parsed.length; earlier++) {
    for (let later = earlier + 1; later < parsed.length; later++) {
      for (const field of ['design', 'test'] as const) {
        const a = parsed[earlier]![field];
        const b = parsed[later]![field];
        const example = templateOverlap(a, b);
        if (example === undefined) continue;
        const specificFirst = templateWithin(a, b) && !templateWithin(b, a);
        if (!specificFirst) found.push({ earlier, later, field, example });
      }
    }
  }
  return found;
}
