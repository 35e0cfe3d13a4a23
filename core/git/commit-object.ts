/**
 * A pure parser of a raw commit object (the bytes after git's `commit <size>\0` header). Both
 * backends use it, because isomorphic-git's own `payload` is wrong for SSH and X.509 signatures (it
 * looks for `-----END PGP SIGNATURE-----`), and a signature can only be verified over exact bytes.
 */
import type { CommitInfo, Person } from './types.js';

const NL = 0x0a;
const SPACE = 0x20;

export interface CommitHeader {
  key: string;
  /** The value with continuation lines joined by `\n` (their leading space removed). */
  value: string;
}

/** A parsed commit object: the `CommitInfo` fields plus every header in order. */
export interface ParsedCommit extends Omit<CommitInfo, 'oid'> {
  headers: CommitHeader[];
}

/**
 * Parses raw commit bytes. The signed payload is built exactly as git's
 * `parse_buffer_signed_by_header` does: drop the `gpgsig` header with its space-indented
 * continuation lines (and any other `gpgsig*` header, e.g. `gpgsig-sha256`), keep every other byte.
 * `signatureHeader` is `gpgsig-sha256` in a SHA-256 repository.
 *
 * @example parseCommitObject(raw).parents // ['9fceb02…']
 */
export function parseCommitObject(raw: Buffer, signatureHeader: 'gpgsig' | 'gpgsig-sha256' = 'gpgsig'): ParsedCommit {
  const prefix = `${signatureHeader} `;
  const headers: CommitHeader[] = [];
  const payloadParts: Buffer[] = [];
  let signature: string | undefined;
  let message = '';
  let inSignature = false;
  let otherSignature = false;
  let pos = 0;
  while (pos < raw.length) {
    const nl = raw.indexOf(NL, pos);
    const next = nl === -1 ? raw.length : nl + 1;
    const line = raw.subarray(pos, next);
    if (line[0] === NL) {
      // The blank line ends the headers; the rest is the message, byte for byte.
      payloadParts.push(raw.subarray(pos));
      message = raw.subarray(next).toString('utf8');
      break;
    }
    const text = line.toString('utf8').replace(/\n$/, '');
    const continuation = line[0] === SPACE;
    if (continuation) {
      const last = headers[headers.length - 1];
      if (last !== undefined) last.value += `\n${text.slice(1)}`;
    } else {
      const space = text.indexOf(' ');
      headers.push(space === -1 ? { key: text, value: '' } : { key: text.slice(0, space), value: text.slice(space + 1) });
    }
    if (inSignature && continuation) {
      signature = (signature ?? '') + line.subarray(1).toString('utf8');
    } else if (text.startsWith(prefix)) {
      signature = (signature ?? '') + line.subarray(prefix.length).toString('utf8');
      inSignature = true;
      otherSignature = false;
    } else {
      if (text.startsWith('gpgsig')) otherSignature = true;
      else if (otherSignature && !continuation) otherSignature = false;
      if (!otherSignature) payloadParts.push(line);
      inSignature = false;
    }
    pos = next;
  }

  const value = (key: string): string | undefined => headers.find((h) => h.key === key)?.value;
  const parsed: ParsedCommit = {
    tree: value('tree') ?? '',
    parents: headers.filter((h) => h.key === 'parent').map((h) => h.value),
    author: parsePerson(value('author') ?? ''),
    committer: parsePerson(value('committer') ?? ''),
    message,
    signedPayload: Buffer.concat(payloadParts),
    headers,
  };
  if (signature !== undefined) parsed.signature = signature;
  return parsed;
}

/**
 * Reads `Name <email> 1700000000 +0100` the way git's `split_ident_line` does: the name is what
 * precedes the first `<` (trailing spaces dropped), the email runs to the next `>`. A malformed date
 * reads as 0 / `+0000` rather than failing: an odd identity must not hide the rest of the commit.
 */
export function parsePerson(text: string): Person {
  const lt = text.indexOf('<');
  const gt = lt === -1 ? -1 : text.indexOf('>', lt + 1);
  if (lt === -1 || gt === -1) return { name: text.trim(), email: '', timestamp: 0, timezone: '+0000' };
  const [stamp, zone] = text.slice(gt + 1).trim().split(/\s+/);
  const timestamp = stamp !== undefined && /^-?\d+$/.test(stamp) ? Number(stamp) : 0;
  const timezone = zone !== undefined && /^[+-]\d{4}$/.test(zone) ? zone : '+0000';
  return { name: text.slice(0, lt).trimEnd(), email: text.slice(lt + 1, gt), timestamp, timezone };
}

/** `parseCommitObject` plus the commit's id: what `GitAdapter.readCommit` returns. */
export function toCommitInfo(oid: string, raw: Buffer): CommitInfo {
  // A 64-hex id means a SHA-256 repository, where git signs under `gpgsig-sha256`.
  const { headers: _headers, ...rest } = parseCommitObject(raw, oid.length === 64 ? 'gpgsig-sha256' : 'gpgsig');
  return { oid, ...rest };
}
