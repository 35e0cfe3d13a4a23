/**
 * Minimal text edits of a design's frontmatter for `approve` and `unapprove`: only the lines of the
 * top-level `status` and `approval` entries are replaced, inserted or removed; every other byte of
 * the document stays as it was (comments, quoting, key order, line endings). Each edit is checked
 * by reading the result back: the digest and every other key must be unchanged, and the new block
 * must read as intended, or the edit is refused rather than written.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { canonicalJson } from '../canonical-json.js';
import { digestOf } from '../digest.js';
import { DesignGateError } from '../errors.js';
import { readFrontmatter, type FrontmatterDoc } from '../frontmatter.js';
import { approvalMessages as m } from '../messages/approval.js';
import { readApprovalBlock } from './block.js';
import { formatIdentity, type Identity } from './identity.js';

export interface NewApproval {
  digest: string;
  by: Identity[];
  /** UTC, e.g. `2026-11-20T10:00:00Z`. */
  at: string;
  /** The digest of the design's context entry in the architecture (absent: the design is in no context). */
  context?: string;
}

/** Lines `[first, last]` (0-based, inclusive, within the YAML) of a top-level key's entry. */
interface Span {
  first: number;
  last: number;
}

/** `2026-11-20T10:00:00Z`: an ISO timestamp in UTC without milliseconds. */
export function approvalTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A `by` entry as YAML in a flow list: plain when that is unambiguous, else double-quoted. */
function yamlIdentity(identity: Identity): string {
  const text = formatIdentity(identity);
  return /^[A-Za-z0-9][A-Za-z0-9 ._'-]*<[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+>$/.test(text) ? text : JSON.stringify(text);
}

/** The YAML lines of an approval block. */
export function approvalLines(approval: NewApproval): string[] {
  const lines = ['approval:', `  digest: ${approval.digest}`, `  by: [${approval.by.map(yamlIdentity).join(', ')}]`, `  at: ${approval.at}`];
  if (approval.context !== undefined) lines.push(`  context: ${approval.context}`);
  return lines;
}

/**
 * Sets `status: approved` and the approval block (replacing any existing one).
 * @example setApproval(text, 'docs/design/a.md', { digest, by: [{ name: 'Jane', email: 'jane@x.org' }], at: '2026-11-20T10:00:00Z' })
 */
export function setApproval(text: string, file: string, approval: NewApproval): string {
  const edited = editEntries(text, file, { status: ['status: approved'], approval: approvalLines(approval) });
  const doc = checkEdit(text, edited, file, 'approved');
  const block = readApprovalBlock(doc.data);
  const expected = approval.by.map(formatIdentity);
  if (
    block.kind !== 'ok' ||
    block.block.digest !== approval.digest ||
    block.block.at !== approval.at ||
    block.block.context !== approval.context ||
    block.block.by.map(formatIdentity).join('\n') !== expected.join('\n')
  ) {
    throw new DesignGateError('FRONTMATTER', m.editFailed(file), { fix: m.editFailedFix(file) });
  }
  return edited;
}

/**
 * Removes the approval block and sets `status: draft`.
 * @example removeApproval(text, 'docs/design/a.md')
 */
export function removeApproval(text: string, file: string): string {
  const edited = editEntries(text, file, { status: ['status: draft'], approval: null });
  const doc = checkEdit(text, edited, file, 'draft');
  if (readApprovalBlock(doc.data).kind !== 'none') throw new DesignGateError('FRONTMATTER', m.editFailed(file), { fix: m.editFailedFix(file) });
  return edited;
}

/** The edited document must keep its digest and every key but status and approval, exactly. */
function checkEdit(before: string, after: string, file: string, status: string): FrontmatterDoc {
  const old = readFrontmatter(before, file);
  let doc: FrontmatterDoc;
  try {
    doc = readFrontmatter(after, file);
  } catch {
    throw new DesignGateError('FRONTMATTER', m.editFailed(file), { fix: m.editFailedFix(file) });
  }
  const rest = (d: FrontmatterDoc) => canonicalJson(Object.fromEntries(Object.entries(d.data).filter(([k]) => k !== 'status' && k !== 'approval')));
  if (digestOf(file, doc) !== digestOf(file, old) || rest(doc) !== rest(old) || doc.data['status'] !== status || doc.body !== old.body) {
    throw new DesignGateError('FRONTMATTER', m.editFailed(file), { fix: m.editFailedFix(file) });
  }
  return doc;
}

/**
 * Replaces (or, when absent, appends at the end of the frontmatter) the entries named in
 * `replacements`; `null` removes the entry.
 */
function editEntries(text: string, file: string, replacements: Record<string, string[] | null>): string {
  const { split } = readFrontmatter(text, file);
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const source = text.slice(bom.length);
  const lines = source.split(/(?<=\n)/);
  const eol = (lines[0] ?? '').endsWith('\r\n') ? '\r\n' : '\n';
  const yamlLineCount = split.yaml === '' ? 0 : split.yaml.split('\n').length - (split.yaml.endsWith('\n') ? 1 : 0);
  const spans = topLevelSpans(split.yaml, file);
  // lines[0] is the opening `---`; the YAML is lines[1 .. yamlLineCount]; then the closing delimiter.
  const yamlLines = lines.slice(1, 1 + yamlLineCount).map((l) => l.replace(/\r?\n$/, ''));
  const removed = new Set<number>();
  const at = new Map<number, string[]>();
  const appended: string[] = [];
  for (const [key, replacement] of Object.entries(replacements)) {
    const span = spans.get(key);
    if (span === undefined) {
      if (replacement !== null) appended.push(...replacement);
      continue;
    }
    for (let i = span.first; i <= span.last; i++) removed.add(i);
    if (replacement !== null) at.set(span.first, replacement);
  }
  const out: string[] = [];
  yamlLines.forEach((line, i) => {
    const insert = at.get(i);
    if (insert !== undefined) out.push(...insert);
    if (!removed.has(i)) out.push(line);
  });
  out.push(...appended);
  const head = lines[0] ?? '';
  const tail = lines.slice(1 + yamlLineCount).join('');
  return `${bom}${head}${out.map((l) => `${l}${eol}`).join('')}${tail}`;
}

/** The line span of each top-level key of a block-mapping frontmatter. */
function topLevelSpans(yaml: string, file: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  if (yaml.trim() === '') return spans;
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, version: '1.2' });
  const contents = doc.contents;
  if (!isMap(contents) || contents.flow === true) throw new DesignGateError('FRONTMATTER', m.editFlowStyle(file), { fix: m.editFlowStyleFix });
  for (const item of contents.items) {
    const key = item.key;
    if (!isScalar(key) || typeof key.value !== 'string' || key.range === undefined || key.range === null) continue;
    const value = item.value as { range?: [number, number, number] | null } | null;
    const end = value?.range?.[1] ?? key.range[1];
    spans.set(key.value, { first: counter.linePos(key.range[0]).line - 1, last: counter.linePos(Math.max(end - 1, key.range[0])).line - 1 });
  }
  return spans;
}
