/**
 * The design digest: what an approval is bound to. It covers the document's repository path, its
 * frontmatter minus `status` and `approval`, and its body, each normalised so that reformatting
 * YAML or a CRLF checkout keeps it, and any edit of substance (or a move) changes it.
 * The exact definition is in docs/design/core/digest.md; the golden vectors in
 * test/fixtures/digest/ pin it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { readFrontmatter, type FrontmatterDoc } from './frontmatter.js';
import { frontmatterMessages as m } from './messages/frontmatter.js';

/** Version tag hashed first, so a future change of definition can never collide with this one. */
export const DIGEST_PREFIX = 'designgate-digest-v1\n';
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** Frontmatter keys left out of the digest: both are written by approving, so they cannot be part of what is approved. */
export const UNDIGESTED_KEYS: readonly string[] = ['status', 'approval'];

/**
 * `sha256:<64 hex>` over the repository path, the frontmatter without `status` and `approval`
 * (canonical JSON) and the normalised body. Throws `DesignGateError('FRONTMATTER')` when the
 * frontmatter cannot be read.
 * @example designDigest('docs/design/core/x.md', '---\ntype: module\n---\n## Purpose\n') // 'sha256:…'
 */
export function designDigest(repoPath: string, text: string): string {
  return digestOf(repoPath, readFrontmatter(text, repoPath));
}

/** The digest of a document already read, so a caller that needs both data and digest parses once. */
export function digestOf(repoPath: string, doc: Pick<FrontmatterDoc, 'data' | 'body'>): string {
  return `sha256:${createHash('sha256').update(digestInput(repoPath, doc), 'utf8').digest('hex')}`;
}

/** The exact text that is hashed (UTF-8); exported so tests and tools can show what a digest covers. */
export function digestInput(repoPath: string, doc: Pick<FrontmatterDoc, 'data' | 'body'>): string {
  // fromEntries defines own properties, so even a `__proto__` key is kept as data.
  const kept = Object.fromEntries(Object.entries(doc.data).filter(([key]) => !UNDIGESTED_KEYS.includes(key)));
  return `${DIGEST_PREFIX}${normaliseRepoPath(repoPath)}\n${canonicalJson(nfcDeep(kept, '$'))}\n${normaliseBody(doc.body)}`;
}

/**
 * The normalisation used for the body: BOM dropped, CRLF/CR → LF, trailing spaces and tabs removed
 * from each line, trailing blank lines removed (no final newline), Unicode NFC.
 * @example normaliseBody('\uFEFFa  \r\nb\t\r\n\r\n') // 'a\nb'
 */
export function normaliseBody(body: string): string {
  const text = (body.charCodeAt(0) === 0xfeff ? body.slice(1) : body).replace(/\r\n?/g, '\n');
  // Spaces and tabs only: the same set git's `blank-at-eol` calls trailing white space.
  const lines = text.split('\n').map((line) => line.replace(/[ \t]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n').normalize('NFC');
}

/** Forward slashes and NFC; refuses absolute paths and `.`/`..`/empty segments, which would make one file hash two ways. */
export function normaliseRepoPath(repoPath: string): string {
  const path = repoPath.replace(/\\/g, '/').normalize('NFC');
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new TypeError(m.badRepoPath(repoPath));
  }
  return path;
}

function nfcDeep(value: unknown, at: string): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map((item, i) => nfcDeep(item, `${at}[${i}]`));
  // Only plain objects are rebuilt; anything else reaches canonicalJson as it is and is refused there.
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const normal = key.normalize('NFC');
      // parseYamlStrict already refuses such keys; data built by hand must not lose one silently.
      if (Object.hasOwn(out, normal)) throw new TypeError(m.nfcCollision(normal, at));
      // defineProperty, not assignment: a `__proto__` key stays an own key, as JSON reads it.
      Object.defineProperty(out, normal, { value: nfcDeep(item, `${at}.${normal}`), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
