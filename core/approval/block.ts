/**
 * Reads the `approval` block of a design's frontmatter into a checked value: a digest, the
 * identities in `by`, the informational `at`, and `context`: the digest of the design's context
 * entry in the architecture when it was approved (see core/architecture/suspect.ts). Anything else (a missing digest, an identity that
 * is not `Name <email>`, an unknown key) is reported as malformed: a block the tool cannot read is
 * never treated as an approval.
 */
import { DIGEST_PATTERN } from '../digest.js';
import { parseIdentity } from '../trailers.js';
import { approvalMessages as m } from '../messages/approval.js';
import { identityKey, type Identity } from './identity.js';

export interface ApprovalBlock {
  digest: string;
  /** The identities as written, in order (duplicates kept; the check counts distinct people). */
  by: Identity[];
  /** When the approver says they approved (chosen by them, so shown, never relied on). */
  at?: string;
  /** The digest of the design's context entry in the architecture when it was approved or confirmed. */
  context?: string;
}

export type BlockRead =
  | { kind: 'none' }
  | { kind: 'ok'; block: ApprovalBlock }
  | { kind: 'malformed'; message: string; path: string[] };

const KEYS = new Set(['digest', 'by', 'at', 'context']);

/**
 * @example readApprovalBlock({ approval: { digest: 'sha256:…', by: ['Jane <jane@x.org>'], at: '2026-01-01T00:00:00Z' } }).kind // 'ok'
 */
export function readApprovalBlock(data: Record<string, unknown>): BlockRead {
  if (!Object.hasOwn(data, 'approval')) return { kind: 'none' };
  const value = data['approval'];
  if (value === null) return { kind: 'none' };
  if (typeof value !== 'object' || Array.isArray(value)) return { kind: 'malformed', message: m.blockNotMapping, path: ['approval'] };
  const block = value as Record<string, unknown>;
  for (const key of Object.keys(block)) {
    if (!KEYS.has(key)) return { kind: 'malformed', message: m.blockUnknownKey(key), path: ['approval', key] };
  }
  const digest = block['digest'];
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) return { kind: 'malformed', message: m.blockBadDigest, path: ['approval', 'digest'] };
  const rawBy = block['by'];
  if (!Array.isArray(rawBy) || rawBy.length === 0) return { kind: 'malformed', message: m.blockBadBy, path: ['approval', 'by'] };
  const by: Identity[] = [];
  for (const [i, item] of rawBy.entries()) {
    const identity = typeof item === 'string' ? parseIdentity(item) : undefined;
    if (identity === undefined) return { kind: 'malformed', message: m.blockBadIdentity(String(item)), path: ['approval', 'by', String(i)] };
    by.push(identity);
  }
  const at = block['at'];
  if (at !== undefined && typeof at !== 'string') return { kind: 'malformed', message: m.blockBadAt, path: ['approval', 'at'] };
  const context = block['context'];
  if (context !== undefined && (typeof context !== 'string' || !DIGEST_PATTERN.test(context))) {
    return { kind: 'malformed', message: m.blockBadContext, path: ['approval', 'context'] };
  }
  return { kind: 'ok', block: { digest, by, ...(at === undefined ? {} : { at }), ...(context === undefined ? {} : { context }) } };
}

/** The distinct approvers of a block, as comparison keys (lower-cased emails), in order. */
export function approverKeys(block: ApprovalBlock): string[] {
  return [...new Set(block.by.map((i) => identityKey(i.email)))];
}
