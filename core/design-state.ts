/**
 * The state of a design as the tool derives it, never trusting the `status` field:
 * draft (no approval block), approved (an approval whose digest matches the document as it stands),
 * stale (an approval whose digest no longer matches), invalid (the frontmatter cannot be read).
 * Whether an approval is *verified* (trailers, signatures, approvers) is the approval module's job.
 */
import { readFrontmatter, type FrontmatterDoc } from './frontmatter.js';
import { digestOf } from './digest.js';
import { isDesignGateError, type Cause } from './errors.js';

export type DesignState = 'missing' | 'draft' | 'approved' | 'stale' | 'invalid';

export interface DesignStateResult {
  state: DesignState;
  /** The design's type from its frontmatter, when readable. */
  type?: string;
  /** The digest the document has now (absent when invalid). */
  digest?: string;
  /** The digest recorded in its approval block, if any. */
  approvedDigest?: string;
  /** The frontmatter says `status: approved` (a display value; only the approval block can back it). */
  claimsApproved?: boolean;
  /** Why it is invalid. */
  causes?: readonly Cause[];
}

/**
 * @example designState('docs/design/a.md', text) // { state: 'stale', digest: 'sha256:…', approvedDigest: 'sha256:…' }
 */
export function designState(repoPath: string, text: string | undefined): DesignStateResult {
  if (text === undefined) return { state: 'missing' };
  let doc: FrontmatterDoc;
  try {
    doc = readFrontmatter(text, repoPath);
  } catch (error) {
    if (isDesignGateError(error)) return { state: 'invalid', causes: error.causes.length ? error.causes : [{ file: repoPath, message: error.message }] };
    throw error;
  }
  // Parse once: `status` reads every design of the repository.
  const data = doc.data;
  const digest = digestOf(repoPath, doc);
  const type = typeof data['type'] === 'string' ? data['type'] : undefined;
  const approval = data['approval'];
  const approvedDigest =
    approval !== null && typeof approval === 'object' && typeof (approval as Record<string, unknown>)['digest'] === 'string'
      ? ((approval as Record<string, unknown>)['digest'] as string)
      : undefined;
  const base = { digest, ...(type === undefined ? {} : { type }), ...(data['status'] === 'approved' ? { claimsApproved: true } : {}) };
  if (approval === undefined || approval === null) return { state: 'draft', ...base };
  if (approvedDigest === digest) return { state: 'approved', ...base, approvedDigest };
  return { state: 'stale', ...base, ...(approvedDigest === undefined ? {} : { approvedDigest }) };
}
