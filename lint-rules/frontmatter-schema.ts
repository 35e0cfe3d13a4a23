/**
 * `frontmatter-schema`: the frontmatter is strict YAML with exactly the keys and values designgate trusts.
 *
 * The YAML is 1.2 core without duplicate keys, anchors, aliases, tags or tab indentation. The keys
 * follow the shipped JSON Schema (schema/design-frontmatter.schema.json): `type` is a component
 * type configured in `.designrc.json` (optional when the mapping rule or `defaultType` gives one),
 * `status` is `draft` or `approved`, `stories` and `depends_on` are lists of strings, and
 * `approval` has exactly `digest` (`sha256:` and 64 hex digits), `by` (a list of `Name <email>`)
 * and `at` (a UTC timestamp such as `2026-11-20T10:00:00Z`), and may have `context` (the digest
 * of the design's context entry in the architecture). Any other key is reported. Each
 * finding sits on the offending key or value. In the architecture document only `status` and
 * `approval` are checked; in a story only the YAML.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import type { ErrorObject } from 'ajv';
import { lintMessages as m } from '../core/messages/lint.js';
import { loadValidator, readSchema } from '../core/config/schema-validator.js';
import { defaultComponentTypes } from '../core/config/component-types.js';
import { designDocument, type DesignDocument } from './support/document.js';
import type { DesignLintOptions } from './support/options.js';
import { closest, keySpan, lineSpan, report, ruleMeta, scalarSpan } from './support/report.js';
import type { VFile } from 'vfile';
import type { Position } from 'unist';

const SCHEMA = 'design-frontmatter';
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

const frontmatterSchema = lintRule<Root, DesignLintOptions | undefined>(ruleMeta('frontmatter-schema'), (tree, file, options) => {
  const doc = designDocument(tree, file, options);
  if (doc.kind === undefined) return;
  const fm = doc.frontmatter;
  if (!fm.ok) {
    if (fm.stage === 'yaml') for (const issue of fm.issues) report(file, m.yaml(issue.message), { line: issue.line, column: issue.column });
    return;
  }
  if (doc.kind === 'story') return;
  const ctx: Context = { file, doc, locate: fm.locate };
  if (doc.kind === 'architecture') {
    // The architecture keeps its own keys; only the approval metadata it shares with designs is checked.
    const projected = Object.fromEntries(Object.entries(fm.data).filter(([k]) => k === 'status' || k === 'approval'));
    for (const e of validate(projected)) if (!(e.instancePath === '' && e.keyword === 'required')) describe(ctx, e, projected);
    checkTimestamp(ctx, projected);
    return;
  }
  for (const e of validate(fm.data)) describe(ctx, e, fm.data);
  checkTimestamp(ctx, fm.data);
  const type = fm.data['type'];
  if (typeof type === 'string' && type !== '' && doc.template === undefined) {
    const known = Object.keys(options?.types ?? defaultComponentTypes).sort();
    report(file, m.unknownType(type, known), valueSpan(ctx, ['type']), known);
  }
});

export default frontmatterSchema;

interface Context {
  file: VFile;
  doc: DesignDocument;
  locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

function validate(data: unknown): ErrorObject[] {
  const check = loadValidator(SCHEMA);
  if (check(data)) return [];
  const errors = check.errors ?? [];
  // A value of the wrong type makes every other complaint about it noise.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath));
}

function pathOf(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function at(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  return node;
}

/** `approval.by[0]` */
function display(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return m.kindList;
  if (value === null || value === undefined) return m.kindNull;
  if (typeof value === 'object') return m.kindMapping;
  if (typeof value === 'number') return m.kindNumber;
  if (typeof value === 'boolean') return m.kindBoolean;
  return m.kindText;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** Where the value at `path` is written; the opening `---` line when it is not written at all. */
function valueSpan(ctx: Context, path: readonly (string | number)[]): Position {
  const found = ctx.locate(path);
  return found === undefined ? lineSpan(ctx.doc, 1) : scalarSpan(ctx.doc, found);
}

function keyOf(ctx: Context, path: readonly (string | number)[]): Position {
  const found = ctx.locate(path);
  const key = path[path.length - 1];
  if (found === undefined || typeof key !== 'string') return lineSpan(ctx.doc, 1);
  return keySpan(ctx.doc, found, key);
}

function describe(ctx: Context, e: ErrorObject, data: Record<string, unknown>): void {
  const { file } = ctx;
  const path = pathOf(e.instancePath);
  const value = at(data, path);
  const [head, second] = path;
  const inApproval = head === 'approval';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const allowed = inApproval ? ['digest', 'by', 'at', 'context'] : Object.keys((readSchema(SCHEMA)['properties'] ?? {}) as object);
      const suggestion = closest(key, allowed);
      const reason = inApproval ? m.approvalUnknownKey(key) : m.unknownKey(key, allowed);
      report(file, reason, keyOf(ctx, [...path, key]), suggestion === undefined ? undefined : [suggestion]);
      return;
    }
    case 'required': {
      const key = String(e.params['missingProperty']);
      if (inApproval) report(file, m.approvalMissingKey(key), keyOf(ctx, path));
      else report(file, m.missingKey(key, key === 'status' ? 'status: draft' : `${key}: …`), lineSpan(ctx.doc, 1));
      return;
    }
  }
  if (head === 'status' && path.length === 1) {
    report(file, m.badStatus(text(value)), valueSpan(ctx, path), ['draft', 'approved']);
  } else if (inApproval && path.length === 1) {
    report(file, m.approvalNotMapping(kindOf(value)), valueSpan(ctx, path));
  } else if (inApproval && second === 'digest') {
    report(file, m.badDigest(text(value)), valueSpan(ctx, path));
  } else if (inApproval && second === 'context') {
    report(file, m.badContextDigest(text(value)), valueSpan(ctx, path));
  } else if (inApproval && second === 'at') {
    report(file, m.badTimestamp(text(value)), valueSpan(ctx, path));
  } else if (inApproval && second === 'by' && path.length === 2) {
    if (e.keyword === 'minItems') report(file, m.noApprovers, valueSpan(ctx, path));
    else if (e.keyword === 'uniqueItems') duplicate(ctx, e, path, value);
    else report(file, m.notList(display(path), kindOf(value)), valueSpan(ctx, path));
  } else if (inApproval && second === 'by') {
    report(file, m.notApprover(text(value)), valueSpan(ctx, path));
  } else if ((head === 'stories' || head === 'depends_on') && path.length === 1) {
    if (e.keyword === 'uniqueItems') duplicate(ctx, e, path, value);
    else report(file, m.notList(display(path), kindOf(value)), valueSpan(ctx, path));
  } else if (e.keyword === 'type' || e.keyword === 'minLength') {
    report(file, m.notString(display(path), kindOf(value) === m.kindText ? 'empty text' : kindOf(value)), valueSpan(ctx, path));
  } else {
    report(file, m.invalidValue(display(path), e.message ?? e.keyword), valueSpan(ctx, path));
  }
}

/** ajv scans from the end: `j` is the later of the two equal items, the repeat to remove. */
function duplicate(ctx: Context, e: ErrorObject, path: readonly (string | number)[], list: unknown): void {
  const i = Math.max(Number(e.params['i']), Number(e.params['j']));
  const item = Array.isArray(list) ? list[i] : undefined;
  report(ctx.file, m.duplicateItem(display(path), text(item)), valueSpan(ctx, [...path, i]));
}

/** The schema's pattern admits `2026-02-30T…`; the date must also exist. */
function checkTimestamp(ctx: Context, data: Record<string, unknown>): void {
  const value = at(data, ['approval', 'at']);
  if (typeof value !== 'string') return;
  const match = TIMESTAMP.exec(value);
  if (match === null) return; // the schema's pattern already reported it
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!real) report(ctx.file, m.badTimestamp(value), valueSpan(ctx, ['approval', 'at']));
}
