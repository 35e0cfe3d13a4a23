/**
 * git's SSH allowed-signers file (ssh-keygen(1) ALLOWED SIGNERS): one
 * `principals [options] keytype base64-key [comment]` line per key, so teams that already sign
 * commits with SSH reuse their file. Parsed the way OpenSSH 9's sshsig.c does (quoted principals,
 * `namespaces=`, `valid-after=`, `valid-before=`, `cert-authority`), but stricter where OpenSSH
 * only logs: a malformed line is an error here, because a trust root must not silently shrink.
 */
import type { Cause } from '../errors.js';
import { signatureMessages as m } from '../messages/signatures.js';
import { isSshKeyTypeName, parseSshPublicKey, type SshPublicKey } from './ssh-key.js';

export interface AllowedSigner {
  /** 1-based line number in the file. */
  line: number;
  /** The principals pattern-list as written (quotes removed). */
  principals: string;
  /**
   * Principals written out literally (no `*`, `?` or `!`) that the pattern-list still matches.
   * Only these count for approvals: a wildcard names a group, not a person.
   */
  literalPrincipals: string[];
  key: SshPublicKey;
  /** The `namespaces="…"` pattern-list, when the line restricts namespaces. */
  namespaces?: string;
  validAfter?: Date;
  validBefore?: Date;
}

export interface AllowedSignersResult {
  signers: AllowedSigner[];
  /** Lines that cannot be read: the caller refuses the file. */
  errors: Cause[];
  /** Lines that are valid for ssh-keygen but that we ignore (cert-authority, FIDO keys). */
  warnings: Cause[];
}

const WHITESPACE = ' \t\r';

/**
 * Parses an allowed-signers file. `file` names it in errors and warnings.
 *
 * @example parseAllowedSigners('jane@example.com namespaces="git" ssh-ed25519 AAAA…\n', '.designgate/allowed_signers')
 */
export function parseAllowedSigners(text: string, file: string): AllowedSignersResult {
  const result: AllowedSignersResult = { signers: [], errors: [], warnings: [] };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const parsed = parseLine(raw, line);
    if (parsed === undefined) return;
    if ('error' in parsed) result.errors.push({ file, line, message: parsed.error });
    else if ('warning' in parsed) result.warnings.push({ file, line, message: parsed.warning });
    else result.signers.push(parsed);
  });
  return result;
}

type LineResult = AllowedSigner | { error: string } | { warning: string } | undefined;

function parseLine(raw: string, line: number): LineResult {
  let rest = skipSpace(raw);
  if (rest === '' || rest.startsWith('#')) return undefined;
  const principalsToken = takeToken(rest);
  if (principalsToken === undefined) return { error: m.signersUnclosedQuote };
  const principals = principalsToken.token;
  rest = principalsToken.rest;
  if (principals === '') return { error: m.signersEmptyPrincipals };
  if (rest === '') return { error: m.signersLineNoKey };

  let options: string | undefined;
  const firstWord = rest.split(/[ \t\r]/, 1)[0] ?? '';
  if (!isSshKeyTypeName(firstWord)) {
    const end = endOfOptions(rest);
    if (end === undefined) return { error: m.signersBadOption(m.optionNoEndQuote('options')) };
    options = rest.slice(0, end);
    rest = skipSpace(rest.slice(end));
    if (rest === '') return { error: m.signersLineNoKey };
  }
  const opts = parseOptions(options ?? '');
  if ('error' in opts) return { error: m.signersBadOption(opts.error) };
  if (opts.certAuthority) return { warning: m.certAuthorityIgnored };

  const key = parseSshPublicKey(rest);
  if (!key.ok) {
    return key.reason === 'unsupported' ? { warning: m.signersUnsupportedKeyIgnored(key.message) } : { error: m.signersLineBadKey(key.message) };
  }
  const signer: AllowedSigner = {
    line,
    principals,
    literalPrincipals: literalPrincipals(principals),
    key: key.key,
  };
  if (opts.namespaces !== undefined) signer.namespaces = opts.namespaces;
  if (opts.validAfter !== undefined) signer.validAfter = opts.validAfter;
  if (opts.validBefore !== undefined) signer.validBefore = opts.validBefore;
  return signer;
}

function skipSpace(s: string): string {
  let i = 0;
  while (i < s.length && WHITESPACE.includes(s[i] as string)) i++;
  return s.slice(i);
}

/** OpenSSH `strdelimw`: a word up to white space, where a `"…"` part may hold white space. */
function takeToken(s: string): { token: string; rest: string } | undefined {
  let i = 0;
  while (i < s.length && !WHITESPACE.includes(s[i] as string) && s[i] !== '"') i++;
  if (s[i] === '"') {
    const close = s.indexOf('"', i + 1);
    if (close === -1) return undefined;
    return { token: s.slice(0, i) + s.slice(i + 1, close), rest: skipSpace(s.slice(close + 1)) };
  }
  return { token: s.slice(0, i), rest: skipSpace(s.slice(i)) };
}

/** OpenSSH `sshkey_advance_past_options`: the options end at white space outside quotes. */
function endOfOptions(s: string): number | undefined {
  let quoted = false;
  let i = 0;
  for (; i < s.length && (quoted || (s[i] !== ' ' && s[i] !== '\t')); i++) {
    if (s[i] === '\\' && s[i + 1] === '"') i++;
    else if (s[i] === '"') quoted = !quoted;
  }
  return quoted ? undefined : i;
}

interface Options {
  certAuthority: boolean;
  namespaces?: string;
  validAfter?: Date;
  validBefore?: Date;
}

/** OpenSSH `sshsigopt_parse`. */
function parseOptions(text: string): Options | { error: string } {
  const out: Options = { certAuthority: false };
  let s = text;
  while (s !== '') {
    const lower = s.toLowerCase();
    if (lower.startsWith('cert-authority')) {
      out.certAuthority = true;
      s = s.slice('cert-authority'.length);
    } else {
      const name = ['namespaces', 'valid-after', 'valid-before'].find((n) => lower.startsWith(n + '='));
      if (name === undefined) return { error: m.optionUnknown(s.split(',', 1)[0] ?? s) };
      const value = dequote(s.slice(name.length + 1), name);
      if ('error' in value) return value;
      s = value.rest;
      if (name === 'namespaces') {
        if (out.namespaces !== undefined) return { error: m.optionTwice(name) };
        out.namespaces = value.value;
      } else {
        const time = parseSshTime(value.value);
        if (time === undefined || time.getTime() === 0) return { error: m.optionBadTime(name, value.value) };
        const field = name === 'valid-after' ? 'validAfter' : 'validBefore';
        if (out[field] !== undefined) return { error: m.optionTwice(name) };
        out[field] = time;
      }
    }
    if (s === '') break;
    if (s[0] !== ',') return { error: m.optionUnknown(s.split(',', 1)[0] ?? s) };
    s = s.slice(1);
    if (s === '') return { error: m.optionTrailingComma };
  }
  if (out.validAfter !== undefined && out.validBefore !== undefined && out.validBefore <= out.validAfter) {
    return { error: m.optionWindowEmpty };
  }
  return out;
}

/** OpenSSH `opt_dequote`: `"…"` with `\"` for a quote inside. */
function dequote(s: string, option: string): { value: string; rest: string } | { error: string } {
  if (s[0] !== '"') return { error: m.optionNoQuote(option) };
  let value = '';
  let i = 1;
  for (; i < s.length && s[i] !== '"'; i++) {
    if (s[i] === '\\' && s[i + 1] === '"') i++;
    value += s[i];
  }
  if (i >= s.length) return { error: m.optionNoEndQuote(option) };
  return { value, rest: s.slice(i + 1) };
}

/**
 * OpenSSH `parse_absolute_time`: `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, in UTC with a
 * `Z` (or `UTC`) suffix, otherwise in this machine's local time zone, as ssh-keygen reads it.
 */
export function parseSshTime(text: string): Date | undefined {
  let s = text;
  let utc = false;
  if (s.length > 1 && /z$/i.test(s)) {
    utc = true;
    s = s.slice(0, -1);
  } else if (s.length > 3 && /utc$/i.test(s)) {
    utc = true;
    s = s.slice(0, -3);
  }
  if (!/^\d+$/.test(s) || ![8, 12, 14].includes(s.length)) return undefined;
  const part = (from: number, to: number): number => (s.length >= to ? Number(s.slice(from, to)) : 0);
  const [y, mo, d, h, mi, se] = [part(0, 4), part(4, 6), part(6, 8), part(8, 10), part(10, 12), part(12, 14)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return undefined;
  const date = utc ? new Date(Date.UTC(y, mo - 1, d, h, mi, se)) : new Date(y, mo - 1, d, h, mi, se);
  if (utc && date.getUTCDate() !== d) return undefined; // 20230231: no such day
  if (!utc && date.getDate() !== d) return undefined;
  return date;
}

/**
 * OpenSSH `match_pattern_list`: 1 when a positive pattern of the comma-separated list matches,
 * -1 when a negated (`!`) one does, 0 otherwise. Case-sensitive, as sshsig.c calls it.
 */
export function matchPatternList(value: string, list: string): 1 | 0 | -1 {
  let positive = false;
  for (const entry of list.split(',')) {
    const negated = entry.startsWith('!');
    const pattern = negated ? entry.slice(1) : entry;
    if (matchPattern(value, pattern)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}

/** Glob with `*` (any run) and `?` (one character), anchored at both ends. */
export function matchPattern(value: string, pattern: string): boolean {
  let v = 0;
  let p = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      v++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starV = v;
    } else if (starP !== -1) {
      p = starP + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function literalPrincipals(list: string): string[] {
  return list
    .split(',')
    .filter((p) => p !== '' && !/[*?!]/.test(p))
    .filter((p) => matchPatternList(p, list) === 1);
}
