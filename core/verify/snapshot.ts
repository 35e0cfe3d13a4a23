/**
 * What a set of changes requires of the snapshot they produce (the index for pre-commit, a commit's
 * tree for verify): each changed code or test file needs its design (and, for code, its test) in
 * that snapshot; a deleted design or test whose code remains is a problem; the designs the changed
 * files rely on are handed on to the approval check, and the changed design documents to the lint
 * rules. Only the changed files are judged, so the cost follows the change, not the repository.
 * A code file of the adoption baseline without its design is exempt (core/baseline).
 */
import type { GateLevel } from '../config/types.js';
import { mappingMessages } from '../messages/mapping.js';
import { hookMessages as m } from '../messages/hooks.js';
import type { Problem, Severity } from '../problem.js';
import { classifyPath, type Governing, type Locate, type ReadBlob } from './governing.js';
import type { LintDocuments } from './types.js';

/** A change as the snapshot check needs it: the path after, and for a rename or copy the path before. */
export interface SnapshotChange {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  path: string;
  oldPath?: string;
}

/** A design that changed code or tests rely on: it must be approved (see approvals.ts). */
export interface DesignNeed {
  design: string;
  /** The design's text in the snapshot. */
  text: string;
  governing: Governing;
  /** The changed code and test files that rely on it, repository-relative. */
  files: string[];
}

/** A changed design document, architecture or story, for the lint rules. */
export interface ChangedDocument {
  path: string;
  text: string;
  governing: Governing;
}

export interface SnapshotFindings {
  problems: Problem[];
  needs: DesignNeed[];
  documents: ChangedDocument[];
}

export interface SnapshotOptions {
  changes: readonly SnapshotChange[];
  /** Reads a repository path of the snapshot. */
  read: ReadBlob;
  /** Reads it as text, when the caller can share decoded texts across snapshots (verify: one blob, many commits). */
  readText?: (repoPath: string) => Promise<string | undefined>;
  /** The configs, as the gate trusts them (see governing.ts). */
  locate: Locate;
  /**
   * Code files of the adoption baseline, as the gate trusts it (HEAD for pre-commit, the base for
   * verify): they and their tests need no design (nor test) until the design is written.
   */
  baselined?: ReadonlySet<string>;
}

/** The stricter of two gate levels. */
export function stricter(a: GateLevel, b: GateLevel): GateLevel {
  const rank = { off: 0, warn: 1, error: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

export function severityOf(level: GateLevel): Severity {
  return level === 'warn' ? 'warning' : 'error';
}

/**
 * @example await checkSnapshot({ changes: [{ status: 'A', path: 'src/a.ts' }], read, locate })
 *   // { problems: [{ ruleId: 'missing-design', … }], needs: [], documents: [] }
 */
export async function checkSnapshot(options: SnapshotOptions): Promise<SnapshotFindings> {
  const { read } = options;
  const problems: Problem[] = [];
  const needs = new Map<string, DesignNeed>();
  const documents: ChangedDocument[] = [];
  const texts = new Map<string, Promise<string | undefined>>();
  const text = (path: string): Promise<string | undefined> => {
    let t = texts.get(path);
    if (t === undefined) texts.set(path, (t = options.readText?.(path) ?? read(path).then((b) => b?.toString('utf8'))));
    return t;
  };
  const exists = async (path: string): Promise<boolean> => (await text(path)) !== undefined;

  const gone: string[] = [];
  const present: string[] = [];
  for (const c of options.changes) {
    if (c.status === 'D') gone.push(c.path);
    else present.push(c.path);
    if (c.status === 'R' && c.oldPath !== undefined) gone.push(c.oldPath);
  }

  await Promise.all(
    gone.map(async (path) => {
      // Still in the snapshot (a copy's source, a path re-added): not a deletion after all.
      if (await exists(path)) return;
      const hit = await classifyPath(options.locate, path);
      if (hit?.triple === undefined || (hit.role !== 'design' && hit.role !== 'test')) return;
      const t = hit.triple;
      if (!(await exists(t.code))) return;
      const gates = hit.governing.config.gates;
      if (hit.role === 'design') {
        const level = stricter(gates.completeness, gates.approval);
        if (level !== 'off') problems.push({ file: t.design, ruleId: 'design-deleted', severity: severityOf(level), message: m.designDeleted(t.design, t.code), fix: m.designDeletedFix(t.design, t.code) });
      } else if (gates.completeness !== 'off') {
        problems.push({ file: t.test, ruleId: 'test-deleted', severity: severityOf(gates.completeness), message: m.testDeleted(t.test, t.code), fix: m.testDeletedFix(t.test, t.code) });
      }
    }),
  );

  await Promise.all(
    present.map(async (path) => {
      const hit = await classifyPath(options.locate, path);
      if (hit === undefined) return;
      const g = hit.governing;
      if (hit.role === 'design' || hit.role === 'architecture' || hit.role === 'story') {
        const body = await text(path);
        if (body !== undefined) documents.push({ path, text: body, governing: g });
        return;
      }
      const t = hit.triple!;
      const { completeness, approval } = g.config.gates;
      const designText = await text(t.design);
      if (designText === undefined && options.baselined?.has(t.code) === true) return;
      if (designText === undefined) {
        // Code without a design breaks both gates: there is nothing to approve.
        const level = stricter(completeness, approval);
        if (level === 'off') return;
        const message = hit.role === 'code' ? mappingMessages.missingDesign(t) : m.testWithoutDesign(t.test, t.design);
        problems.push({ file: path, ruleId: 'missing-design', severity: severityOf(level), message, fix: mappingMessages.missingDesignFix(t) });
      } else if (approval !== 'off') {
        const need = needs.get(t.design);
        if (need === undefined) needs.set(t.design, { design: t.design, text: designText, governing: g, files: [path] });
        else need.files.push(path);
      }
      if (hit.role === 'code' && completeness !== 'off' && !(await exists(t.test))) {
        problems.push({ file: path, ruleId: 'missing-test', severity: severityOf(completeness), message: mappingMessages.missingTest(t), fix: mappingMessages.missingTestFix(t) });
      }
    }),
  );

  for (const need of needs.values()) need.files.sort();
  documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { problems, needs: [...needs.values()].sort((a, b) => (a.design < b.design ? -1 : 1)), documents };
}

/** A snapshot as the lint rules need it: its file list and its reader. */
export interface SnapshotFiles {
  /** Every repository path of the snapshot. */
  list(): Promise<string[]>;
  read: ReadBlob;
}

/**
 * Lints the changed documents through the injected runner, one request per config.
 * @example await lintDocuments(lint, findings.documents, { list: () => git.listFiles(), read: (p) => git.readStaged(p) })
 */
export async function lintDocuments(lint: LintDocuments | undefined, documents: readonly ChangedDocument[], snapshot: SnapshotFiles): Promise<Problem[]> {
  if (lint === undefined || documents.length === 0) return [];
  const byConfig = new Map<Governing, ChangedDocument[]>();
  for (const d of documents) byConfig.set(d.governing, [...(byConfig.get(d.governing) ?? []), d]);
  let all: Promise<string[]> | undefined;
  const problems: Problem[] = [];
  for (const [governing, docs] of byConfig) {
    const prefix = governing.prefix;
    problems.push(
      ...(await lint({
        governing,
        documents: docs.map((d) => ({ path: d.path.slice(prefix.length), text: d.text })),
        files: async () => (await (all ??= snapshot.list())).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)),
        read: async (path) => (await snapshot.read(prefix + path))?.toString('utf8'),
      })),
    );
  }
  return problems;
}
