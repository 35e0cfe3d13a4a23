/**
 * Who a person is, for approvals: an email compared case-insensitively, and never an email (or a
 * name) that could pass for someone else's. An approver is matched by email only; the display name
 * is shown, never compared, because people write their names in more than one way.
 */
import { approvalMessages as m } from '../messages/approval.js';

export interface Identity {
  name: string;
  email: string;
}

// Emails: printable ASCII only, one `@`, and none of the characters that make an allowed-signers
// principal a pattern (`*`, `?`, `,`, `!`) or that end an identity (`<`, `>`).
const EMAIL = /^[A-Za-z0-9.!#$%&'+/=^_`{|}~-]+@[A-Za-z0-9.-]+$/;
const PATTERN_CHARS = /[*?,!]/;
// Control characters, format characters (bidi controls, zero-width joiners, BOM, soft hyphen) and
// line/paragraph separators change how a text looks without changing what it is.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

/** The form identities are compared in: the email, lower-cased (ASCII only, so this is exact). */
export function identityKey(email: string): string {
  return email.toLowerCase();
}

/** True when two emails name the same person (case-insensitive). */
export function sameEmail(a: string, b: string): boolean {
  return identityKey(a) === identityKey(b);
}

/**
 * Why an identity cannot be trusted to name one person, or undefined when it is fine: a non-ASCII
 * or pattern email, invisible characters, or a name word that mixes Latin with look-alike letters.
 * @example unsafeIdentity({ name: 'Bob', email: 'b\u043eb@x.org' }) // 'the email … is not plain ASCII …'
 */
export function unsafeIdentity(identity: Identity): string | undefined {
  const { name, email } = identity;
  if (INVISIBLE.test(email) || INVISIBLE.test(name)) return m.identityInvisible(`${name} <${email}>`);
  if (/[^\x20-\x7e]/.test(email)) return m.identityNonAscii(email);
  if (PATTERN_CHARS.test(email)) return m.identityPattern(email);
  if (!EMAIL.test(email)) return m.identityBadEmail(email);
  for (const word of name.split(/\s+/)) {
    if (LATIN.test(word) && LOOKALIKE_SCRIPTS.test(word)) return m.identityMixedScript(name);
  }
  return undefined;
}

/** `Name <email>` as git writes it in trailers. */
export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}
