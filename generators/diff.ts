/**
 * A unified line diff for escalation reports: what each attempt changed in the code and test file,
 * against the file as it was before the session. A plain LCS table is enough for files of a few
 * hundred lines; past a size cap the report says so rather than spending seconds.
 */

/** Largest `before lines × after lines` table computed. */
const MAX_CELLS = 4_000_000;

/**
 * `--- a/<path>` / `+++ b/<path>` and hunks with three lines of context; empty when equal; undefined
 * when the files are too large to diff here.
 * @example unifiedDiff('x.js', 'a\n', 'b\n') // '--- a/x.js\n+++ b/x.js\n@@ -1,1 +1,1 @@\n-a\n+b\n'
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string | undefined {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  if (a.length * b.length > MAX_CELLS) return undefined;
  const ops = diffLines(a, b);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 × context lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const aStart = slice[0]!.a;
    const bStart = slice[0]!.b;
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    hunks.push(`@@ -${aCount === 0 ? aStart : aStart + 1},${aCount} +${bCount === 0 ? bStart : bStart + 1},${bCount} @@\n${slice.map((o) => `${o.kind}${o.text}\n`).join('')}`);
    i = stop;
  }
  return header + hunks.join('');
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  /** Lines of `a` and `b` before this one. */
  a: number;
  b: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const w = b.length + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1]! + 1 : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < b.length) {
    if (i < n && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', text: a[i]!, a: i++, b: j++ });
    else if (i < n && (j >= b.length || table[(i + 1) * w + j]! >= table[i * w + j + 1]!)) ops.push({ kind: '-', text: a[i]!, a: i++, b: j });
    else ops.push({ kind: '+', text: b[j]!, a: i, b: j++ });
  }
  return ops;
}
