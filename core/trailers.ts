/**
 * Commit-message trailers, parsed exactly as `git interpret-trailers --parse` (git 2.39) does, so
 * that what designgate counts as an `Approved-by` trailer is what git shows to people. The code
 * mirrors git's trailer.c and commit.c (`ignore_non_trailer`) step by step, offsets included,
 * because the rules are full of edge cases (a `----` underline is not a divider, `\r\n` lines are
 * blank, a run of comments at offset 0 is not trimmed) that only a faithful port reproduces.
 * test/core/trailers.test.ts checks every rule against the real git on a corpus.
 */

export interface Trailer {
  /** The token as written in the message (case kept), trimmed. */
  key: string;
  /** The value with continuation lines unfolded and git's white space trimmed. */
  value: string;
}

export interface TrailerOptions {
  /**
   * Keys configured with `git config trailer.<name>.key <Key>` (default: `['Approved-by']`, which
   * `designgate init` registers as `trailer.approvedby.key`). A configured key lets its trailer sit
   * among prose: git then needs only 25 % trailer lines in the last paragraph.
   */
  configuredKeys?: readonly string[];
}

const DEFAULT_CONFIGURED_KEYS: readonly string[] = ['Approved-by'];
const COMMENT_CHAR = '#';
const SEPARATORS = ':';
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const CUT_LINE = '# ------------------------ >8 ------------------------\n';

/** A configured trailer as git holds it: `trailer.<token>.key = <key>`. */
interface ConfItem {
  token: string;
  key: string;
}

/**
 * Parses the trailer block of a commit message.
 *
 * @example parseTrailers('Approve x\n\nApproved-by: Jane <jane@example.com>\n')
 *   // → [{ key: 'Approved-by', value: 'Jane <jane@example.com>' }]
 */
export function parseTrailers(message: string, options: TrailerOptions = {}): Trailer[] {
  const items = confItems(options.configuredKeys ?? DEFAULT_CONFIGURED_KEYS);
  const out: Trailer[] = [];
  for (const entry of trailerEntries(message, items)) {
    if (entry[0] === COMMENT_CHAR) continue;
    const sep = findSeparator(entry, 0);
    if (sep < 1) continue;
    out.push({ key: gitTrim(entry.slice(0, sep)), value: unfold(gitTrim(entry.slice(sep + 1))) });
  }
  return out;
}

/**
 * Values of the trailers whose key equals `key` case-insensitively. Stricter than git, which also
 * files an abbreviation of a configured key (`Approved: x`, even `A: x`) under that key: an
 * approval must spell its key out.
 *
 * @example trailerValues(msg, 'approved-by') // → ['Jane <jane@example.com>']
 */
export function trailerValues(message: string, key: string, options: TrailerOptions = {}): string[] {
  const wanted = asciiLower(key);
  return parseTrailers(message, options)
    .filter((t) => asciiLower(t.key) === wanted)
    .map((t) => t.value);
}

/**
 * Renders trailers as `git interpret-trailers --parse` prints them: one `key: value` line each,
 * with a key that matches a configured trailer replaced by its configured spelling (git's rule,
 * prefix matching included). Used to compare with git and to show trailers to people.
 */
export function renderTrailers(trailers: readonly Trailer[], options: TrailerOptions = {}): string {
  const items = confItems(options.configuredKeys ?? DEFAULT_CONFIGURED_KEYS);
  return trailers.map((t) => `${gitKey(t.key, items)}: ${t.value}\n`).join('');
}

/**
 * Parses an identity `Name <email>`; undefined when malformed (no name, no `@`, white space or
 * control characters in the email, stray angle brackets).
 *
 * @example parseIdentity('Jane Doe <jane@example.com>') // → { name: 'Jane Doe', email: 'jane@example.com' }
 */
export function parseIdentity(value: string): { name: string; email: string } | undefined {
  const m = /^([^<>]*)<([^<>]*)>$/.exec(value.trim());
  if (!m) return undefined;
  const name = (m[1] ?? '').trim();
  const email = m[2] ?? '';
  if (name === '' || /\p{Cc}/u.test(name)) return undefined;
  if (!/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(email)) return undefined;
  return { name, email };
}

// ---- the port of git's trailer.c ------------------------------------------------------------

/** git's `trailer.<token>.key`: we name the token after the key (`Approved-by` → `approvedby`). */
function confItems(keys: readonly string[]): ConfItem[] {
  return keys.map((key) => ({ token: asciiLower(key).replace(/[^a-z0-9]/g, ''), key }));
}

/** The raw entries of the trailer block (continuation lines joined), as `trailer_info_get` makes them. */
function trailerEntries(s: string, items: readonly ConfItem[]): string[] {
  const patchStart = findPatchStart(s);
  const trailerEnd = findTrailerEnd(s, patchStart);
  const trailerStart = findTrailerStart(s, trailerEnd, items);
  const entries: string[] = [];
  let last = -1;
  for (const piece of splitKeepingNewlines(s.slice(trailerStart, trailerEnd))) {
    if (last >= 0 && isSpace(piece[0])) {
      entries[last] += piece;
      continue;
    }
    entries.push(piece);
    last = findSeparator(piece, 0) >= 1 ? entries.length - 1 : -1;
  }
  return entries;
}

/** git's `isspace` (sane_ctype): space, tab, LF and CR only. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Za-z]$/.test(c);
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `strbuf_trim`: only git's four white-space characters, not Unicode spaces. */
function gitTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

function nextLine(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl + 1;
}

/** Start of the line before offset `len` (the line containing `len - 1`); -1 when `len` is 0. */
function lastLine(s: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  for (let i = len - 2; i >= 0; i--) if (s[i] === '\n') return i + 1;
  return 0;
}

function isBlankLine(s: string, i: number): boolean {
  while (i < s.length && s[i] !== '\n' && isSpace(s[i])) i++;
  return i >= s.length || s[i] === '\n';
}

/** Offset of the token's separator in the line at `start`, or -1 when the line is no trailer. */
function findSeparator(s: string, start: number): number {
  let whitespaceFound = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i] as string;
    if (SEPARATORS.includes(c)) return i - start;
    if (!whitespaceFound && (isAlnum(c) || c === '-')) continue;
    if (i !== start && (c === ' ' || c === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** C's `strncasecmp(a + offset, b, n) == 0`, ASCII only, a string end acting as NUL. */
function strncaseeq(a: string, offset: number, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ca = asciiLower(a[offset + i] ?? '\0');
    const cb = asciiLower(b[i] ?? '\0');
    if (ca !== cb) return false;
    if (ca === '\0') return true;
  }
  return true;
}

function tokenMatchesItem(s: string, offset: number, item: ConfItem, n: number): boolean {
  return strncaseeq(s, offset, item.token, n) || strncaseeq(s, offset, item.key, n);
}

/** git's `token_from_item` after `parse_trailer`: the configured spelling of a matching token. */
function gitKey(key: string, items: readonly ConfItem[]): string {
  let n = key.length;
  while (n > 0 && !isAlnum(key[n - 1])) n--;
  const item = items.find((it) => tokenMatchesItem(key, 0, it, n));
  return item ? item.key : key;
}

/** The first line that starts with `---` followed by white space (a patch after the message). */
function findPatchStart(s: string): number {
  for (let i = 0; i < s.length; i = nextLine(s, i)) {
    if (s.startsWith('---', i) && isSpace(s[i + 3])) return i;
  }
  return s.length;
}

/** `wt_status_locate_end`: where a scissors line cuts the message. */
function locateScissors(s: string, len: number): number {
  if (s.startsWith(CUT_LINE)) return 0;
  const p = s.indexOf('\n' + CUT_LINE);
  return p === -1 ? len : p + 1;
}

/**
 * `find_trailer_end` via `ignore_non_trailer`: drops a trailing run of comment and empty lines and
 * an old-style `Conflicts:` block. git 2.39 loops forever when a scissors line follows a `---`
 * divider (its cutoff lies past the end it scans to); we stop at the divider instead.
 */
function findTrailerEnd(s: string, len: number): number {
  const cutoff = Math.min(locateScissors(s, len), len);
  let boc = 0; // start of the trailing run; 0 doubles as "none", as in git
  let bol = 0;
  let inConflicts = false;
  while (bol < cutoff) {
    const nl = s.indexOf('\n', bol);
    const next = nl === -1 || nl >= len ? len : nl + 1;
    const c = s[bol];
    if (c === COMMENT_CHAR || c === '\n') {
      if (!boc) boc = bol;
    } else if (s.startsWith('Conflicts:\n', bol)) {
      inConflicts = true;
      if (!boc) boc = bol;
    } else if (inConflicts && c === '\t') {
      // a path in the conflicts block
    } else if (boc) {
      boc = 0;
      inConflicts = false;
    }
    bol = next;
  }
  return boc ? boc : cutoff;
}

/** `find_trailer_start`: the last paragraph, if it is all trailers or ≥25 % with a known one. */
function findTrailerStart(s: string, len: number, items: readonly ConfItem[]): number {
  let i = 0;
  for (; i < len; i = nextLine(s, i)) {
    if (s[i] === COMMENT_CHAR) continue;
    if (isBlankLine(s, i)) break;
  }
  const endOfTitle = i;
  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  for (let l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
    if (s[l] === COMMENT_CHAR) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(s, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(s, l);
      if (trailerLines && !nonTrailerLines) return nextLine(s, l);
      return len;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => s.startsWith(p, l))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    const sep = findSeparator(s, l);
    if (sep >= 1 && !isSpace(s[l])) {
      trailerLines++;
      possibleContinuationLines = 0;
      if (!recognizedPrefix && items.some((it) => tokenMatchesItem(s, l, it, sep))) recognizedPrefix = true;
    } else if (isSpace(s[l])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

/** `strbuf_split_buf(…, '\n')`: pieces that keep their terminating newline. */
function splitKeepingNewlines(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const next = nextLine(s, i);
    out.push(s.slice(i, next));
    i = next;
  }
  return out;
}

/** `unfold_value`: each newline and the white space after it become one space. */
function unfold(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i++] as string;
    if (c === '\n') {
      while (i < value.length && isSpace(value[i])) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return gitTrim(out);
}
