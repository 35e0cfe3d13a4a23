/**
 * Reads the architecture document (default `docs/architecture.md`): frontmatter `contexts:`, a
 * mapping of context name → `{ owns, depends_on, stories, purpose }`, plus `status`/`approval` as
 * for designs. Its digest is the design digest of the file, so it is approved the same way. Shape
 * mistakes come back as located problems; the rules between contexts are in `rules.ts`.
 */
import { createHash } from 'node:crypto';
import { tryReadFrontmatter, type Locate } from '../frontmatter.js';
import { digestOf } from '../digest.js';
import { canonicalJson } from '../canonical-json.js';
import { problemsFromCauses, type Problem, type Severity } from '../problem.js';
import { architectureMessages as m } from '../messages/architecture.js';

export interface Context {
  name: string;
  /** Folders relative to the config root, each ending in `/`. */
  owns: string[];
  dependsOn: string[];
  stories: string[];
  purpose?: string;
  /** The digest of the context's entry as written (see `contextDigest`): what a design's approval records. */
  digest: string;
}

export interface Architecture {
  /** Repository-relative path of the document. */
  file: string;
  contexts: Context[];
  /** Where a frontmatter value is written, e.g. `['contexts', 'core', 'depends_on', 0]`. */
  locate: Locate;
  digest: string;
  /** `approved` when the approval block's digest matches the document as it stands. */
  state: 'draft' | 'approved' | 'stale';
}

export type ReadArchitectureResult = { architecture?: Architecture; problems: Problem[] };

const FIELDS = new Set(['owns', 'depends_on', 'stories', 'purpose']);

/** Version tag hashed first, so a future change of definition can never collide with this one. */
export const CONTEXT_DIGEST_PREFIX = 'designgate-context-v1\n';

/**
 * `sha256:<64 hex>` over the canonical JSON (RFC 8785) of the context's entry in the `contexts`
 * mapping, name included (`{ name: entry }`): any change to what the context owns, may depend on,
 * serves or is for changes it; reformatting the YAML or reordering keys does not. A design's
 * approval records it (`approval.context`), which is how its designs become suspect.
 * @example contextDigest('core', { owns: ['core/'] }) // 'sha256:…'
 */
export function contextDigest(name: string, entry: unknown): string {
  let json: string;
  try {
    json = canonicalJson({ [name]: entry });
  } catch {
    // A value JSON cannot hold exactly (YAML's .nan): the reader reports the shape; hash what JSON keeps.
    json = JSON.stringify({ [name]: entry }) ?? '';
  }
  return `sha256:${createHash('sha256').update(CONTEXT_DIGEST_PREFIX + json, 'utf8').digest('hex')}`;
}

/** A relative folder: no leading `/`, no empty, `.` or `..` segment; the trailing `/` is added when missing. */
function normalFolder(folder: string): string | undefined {
  const clean = folder.replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('/') || clean.includes('\\')) return undefined;
  if (clean.split('/').some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return `${clean}/`;
}

/**
 * Parses the document at repository path `file`. Problems carry `severity`; an unreadable
 * frontmatter yields no architecture.
 * @example readArchitecture(text, 'docs/architecture.md', 'error').architecture?.contexts[0]?.name // 'core'
 */
export function readArchitecture(text: string, file: string, severity: Severity): ReadArchitectureResult {
  const read = tryReadFrontmatter(text, file);
  if (!read.ok) {
    return { problems: problemsFromCauses(read.error.causes, { file, ruleId: 'architecture-shape', severity, fix: read.error.fix }) };
  }
  const { data, locate } = read.doc;
  const problems: Problem[] = [];
  const report = (path: readonly (string | number)[], message: string, fix: string) => {
    const at = locate(path);
    problems.push({ file, ...(at === undefined ? {} : { line: at.line, column: at.column }), ruleId: 'architecture-shape', severity, message, fix });
  };
  const raw = data['contexts'];
  const contexts: Context[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
    report(['contexts'], m.contextsMissing(file), m.contextsFix);
  } else {
    for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        report(['contexts', name], m.contextNotMapping(name), m.contextsFix);
        continue;
      }
      const e = entry as Record<string, unknown>;
      for (const key of Object.keys(e)) if (!FIELDS.has(key)) report(['contexts', name, key], m.unknownField(name, key), m.contextsFix);
      const list = (field: string): string[] => {
        const value = e[field];
        if (value === undefined || value === null) return [];
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
          report(['contexts', name, field], m.fieldNotList(name, field), m.contextsFix);
          return [];
        }
        return value as string[];
      };
      const owns: string[] = [];
      list('owns').forEach((folder, i) => {
        const normal = normalFolder(folder);
        if (normal === undefined) report(['contexts', name, 'owns', i], m.badFolder(name, folder), m.badFolderFix);
        else owns.push(normal);
      });
      const context: Context = { name, owns, dependsOn: list('depends_on'), stories: list('stories'), digest: contextDigest(name, entry) };
      if (typeof e['purpose'] === 'string') context.purpose = e['purpose'];
      else if (e['purpose'] !== undefined) report(['contexts', name, 'purpose'], m.purposeNotText(name), m.contextsFix);
      contexts.push(context);
    }
  }
  const digest = digestOf(file, read.doc);
  const approval = data['approval'];
  const approved =
    approval !== null && typeof approval === 'object' && (approval as Record<string, unknown>)['digest'] === digest;
  const state = approval === undefined || approval === null ? 'draft' : approved ? 'approved' : 'stale';
  return { architecture: { file, contexts, locate, digest, state }, problems };
}
