/**
 * What every rule needs to know about one file, worked out once per file and shared: its path
 * relative to the config and to the repository, what kind of document it is, its effective
 * component type, and its frontmatter read exactly the way the core reads it (core/frontmatter.ts),
 * so the lint rules, `status` and the digest never disagree about a document.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import type { Root } from 'mdast';
import { MAX_DOCUMENT_BYTES, parseYamlStrict, splitFrontmatter, type FrontmatterSplit, type Locate, type YamlIssue } from '../../core/frontmatter.js';
import { defaultComponentTypes } from '../../core/config/component-types.js';
import type { ComponentType } from '../../core/config/types.js';
import { compileClassifier, type Classifier, type DesignLintOptions, type DocumentKind } from './options.js';

/** Why the frontmatter could not be read; `split` problems are frontmatter-present's, `yaml` ones frontmatter-schema's. */
export type FrontmatterRead =
  | { ok: true; data: Record<string, unknown>; locate: Locate; split: FrontmatterSplit }
  | { ok: false; stage: 'size'; bytes: number; limit: number }
  | { ok: false; stage: 'split'; opening: string; issue: YamlIssue }
  | { ok: false; stage: 'yaml'; issues: YamlIssue[]; split: FrontmatterSplit };

export interface DesignDocument {
  /** undefined: not a document these rules judge (a README next to the designs). */
  kind: DocumentKind | undefined;
  /** Path relative to the config root, forward slashes; undefined when the file has none (an unsaved buffer). */
  path: string | undefined;
  /** Path relative to the repository root: what the digest hashes and what messages name. */
  repoPath: string | undefined;
  text: string;
  frontmatter: FrontmatterRead;
  /** The component type: frontmatter `type`, else the mapping rule's, else the default. */
  type: string;
  /** The template of `type`, undefined when the type is not configured. */
  template: ComponentType | undefined;
  /** First line of the body (after the frontmatter), so YAML mis-read as Markdown never counts as a section. */
  bodyStartLine: number;
  /** The file's lines (without line ends), for turning a point into a span. */
  lines: () => readonly string[];
}

interface Compiled {
  classify: Classifier;
  types: Readonly<Record<string, ComponentType>>;
}

const compiledByOptions = new WeakMap<object, Compiled>();
const EMPTY_OPTIONS: DesignLintOptions = {};
const cache = new WeakMap<VFile, { options: object; text: string; doc: DesignDocument }>();

function compiled(options: DesignLintOptions): Compiled {
  let c = compiledByOptions.get(options);
  if (c === undefined) {
    c = { classify: compileClassifier(options), types: options.types ?? defaultComponentTypes };
    compiledByOptions.set(options, c);
  }
  return c;
}

/**
 * The file's document, read once and shared by every rule of the preset (they get the same
 * options object; a different one, or changed text, reads it again).
 * @example designDocument(tree, file, options).frontmatter.ok // true
 */
export function designDocument(tree: Root, file: VFile, options: DesignLintOptions | undefined): DesignDocument {
  const opts = options ?? EMPTY_OPTIONS;
  const text = String(file);
  const hit = cache.get(file);
  if (hit !== undefined && hit.options === opts && hit.text === text) return hit.doc;
  const doc = read(tree, file, opts, text);
  cache.set(file, { options: opts, text, doc });
  return doc;
}

/** The path relative to the config root, or undefined when the file has none or lies outside it. */
export function configRelativePath(file: VFile, options: Pick<DesignLintOptions, 'root'>): string | undefined {
  if (file.path === undefined || file.path === '') return undefined;
  const absolute = resolve(file.cwd, file.path);
  const base = options.root ?? file.cwd;
  const rel = relative(base, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function read(tree: Root, file: VFile, options: DesignLintOptions, text: string): DesignDocument {
  const { classify, types } = compiled(options);
  const path = configRelativePath(file, options);
  // A file without a path (an unsaved editor buffer) is judged as a design: the user enabled the preset for it.
  const classified = path === undefined ? { kind: 'design' as const } : classify(path);
  const frontmatter = readFrontmatterOf(text);
  const declared = frontmatter.ok ? frontmatter.data['type'] : undefined;
  const type =
    typeof declared === 'string' && declared !== ''
      ? declared
      : (classified?.kind === 'design' ? classified.ruleType : undefined) ?? options.defaultType ?? 'module';
  let lines: string[] | undefined;
  return {
    kind: classified?.kind,
    path,
    repoPath: path === undefined ? undefined : `${options.repoPrefix ?? ''}${path}`,
    text,
    frontmatter,
    type,
    template: Object.hasOwn(types, type) ? types[type] : undefined,
    bodyStartLine: bodyStart(tree, frontmatter),
    lines: () => (lines ??= text.split(/\r\n|\r|\n/)),
  };
}

/** The core's split and strict parse, with the core's document size cap. */
function readFrontmatterOf(text: string): FrontmatterRead {
  if (text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    return { ok: false, stage: 'size', bytes: Buffer.byteLength(text, 'utf8'), limit: MAX_DOCUMENT_BYTES };
  }
  const split = splitFrontmatter(text);
  if (!split.ok) {
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const opening = (source.split('\n', 1)[0] ?? '').replace(/\r$/, '').trimEnd();
    return { ok: false, stage: 'split', opening, issue: split.issue };
  }
  const parsed = parseYamlStrict(split.split.yaml, { lineOffset: split.split.yamlStartLine - 1 });
  if (!parsed.ok) return { ok: false, stage: 'yaml', issues: parsed.issues, split: split.split };
  return { ok: true, data: parsed.data, locate: parsed.locate, split: split.split };
}

function bodyStart(tree: Root, frontmatter: FrontmatterRead): number {
  if (frontmatter.ok || frontmatter.stage === 'yaml') return frontmatter.split.bodyStartLine;
  const first = tree.children[0];
  return first?.type === 'yaml' && first.position !== undefined ? first.position.end.line + 1 : 1;
}
