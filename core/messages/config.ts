/**
 * Every sentence about a `.designrc.json`: reading it, its JSON syntax, its schema and the rules
 * across its fields. A cause reads `file:line:col: <path>: <meaning>`; these functions write the
 * meaning (and `at` adds the path), so each mistake is one plain line, never validator output.
 */
import type { Expected } from '../config/json-source.js';

const quote = (s: string): string => `'${s}'`;
const controlName = (c: string): string =>
  c === '\n' || c === '\r' ? 'line break' : c === '\t' ? 'tab' : `control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const list = (items: readonly string[]): string => items.join(', ');

const expectedWords: Record<Expected, string> = {
  value: 'expected a value (a string in double quotes, a number, true, false, null, an object or an array)',
  key: 'expected a key in double quotes',
  colon: "expected ':' after the key",
  'comma-or-object-end': "expected ',' or '}'",
  'comma-or-array-end': "expected ',' or ']'",
  'string-end': 'expected \'"\' to close the string',
  'escaped-control': 'expected \'"\' to close the string (a line break or tab inside a string is written \\n or \\t)',
  escape: 'expected an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX',
  'comment-end': "expected '*/' to close the comment",
  'end-of-file': 'expected the end of the file after the top-level object',
};

/** What `typeof`-like names read as after "must be". */
const typeWords: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

export const configMessages = {
  /** The headline of the CONFIG error; the causes follow it one per line. */
  invalid: (file: string) => `${file}: invalid configuration`,
  invalidFix: 'correct each line above; docs/config.md describes every key, and editors check the file as you type through "$schema"',
  notFound: (file: string) => `${file}: not found`,
  notFoundFix: 'run `designgate init` to write one',
  unreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  unreadableFix: 'check that the file exists and that you may read it',

  /** Prefixes the JSON path (`components[0].code`) to a meaning; the top level has no path. */
  at: (path: string, message: string) => (path === '' ? message : `${path}: ${message}`),

  // JSON syntax (json-source.ts)
  empty: 'the file is empty',
  comment: 'comments are not allowed in JSON',
  trailingComma: 'trailing comma',
  duplicateKey: (key: string, firstLine: number) => `duplicate key ${quote(key)} (first at line ${firstLine})`,
  tooDeep: 'nested too deeply to be a configuration',
  syntax: (found: string | undefined, expected: Expected) => {
    if (found === "'") return 'not JSON: strings and keys need double quotes';
    const what = found === undefined ? 'unexpected end of file' : `unexpected ${found < ' ' ? controlName(found) : quote(found)}`;
    return `not JSON: ${what}; ${expectedWords[expected]}`;
  },

  // Schema (schema-validator.ts)
  topLevelNotObject: 'the configuration must be a JSON object, e.g. { "preset": "typescript" }',
  mustBe: (types: readonly string[]) => `must be ${types.map((t) => typeWords[t] ?? t).join(' or ')}`,
  unknownKey: (key: string, allowed: readonly string[], suggestion: string | undefined) =>
    suggestion === undefined
      ? `unknown key ${quote(key)} (allowed: ${allowed.length === 0 ? 'none' : list(allowed)})`
      : `unknown key ${quote(key)} (did you mean ${quote(suggestion)}?)`,
  missingKey: (key: string) => `missing required key ${quote(key)}`,
  oneOf: (values: readonly unknown[]) => `must be one of ${list(values.map(String))}`,
  atLeast: (limit: number) => `must be at least ${limit}`,
  atMost: (limit: number) => `must be at most ${limit}`,
  notEmpty: 'must not be empty',
  minLength: (limit: number) => `must be at least ${limit} characters long`,
  minItems: (limit: number) => `must have at least ${limit} items`,
  listedTwice: (first: number) => `is listed twice (first at [${first}])`,
  badKeyName: (key: string, rule: string) => `key ${quote(key)} ${rule}`,
  doesNotMatch: (keyword: string) => `does not match the schema (${keyword})`,
  /** What a value that fails a `pattern` of a schema definition is told, by definition name. */
  patterns: {
    pathOnce: 'must contain {path} exactly once, e.g. lib/my_app/{path}.ex',
    relativePath: "must be a path relative to the .designrc.json folder: '/' separators, no leading or trailing '/', no '.' or '..' segments",
    typeName: "must be lowercase letters, digits and '-', starting with a letter (e.g. service)",
    sectionName: "must be a one-line heading text without a leading '#' (e.g. Public API)",
    personName: "must be a name on one line without '<' or '>' (e.g. Jane Doe)",
    email: 'must be an email address (e.g. jane@example.com)',
    publicKey: 'must be an OpenSSH public key (ssh-ed25519 AAAA… comment) or an armored OpenPGP public key',
    httpUrl: 'must be an http:// or https:// URL (e.g. http://127.0.0.1:11434)',
  } as Readonly<Record<string, string>>,
  patternFallback: 'has the wrong form',

  // Rules across fields (rules.ts)
  noComponents: (presets: readonly string[]) =>
    `needs "components" (rules mapping code to design and test) or a "preset" (${list(presets)})`,
  unknownType: (type: string, known: readonly string[]) => `unknown type ${quote(type)} (known: ${list(known)})`,
  guidanceNotSection: (section: string, sections: readonly string[]) =>
    `guidance for ${quote(section)}, which is not one of its sections (${list(sections)})`,
  duplicateEmail: (email: string, first: number) => `${quote(email)} is already the email of approvers[${first}]`,
  keyTwice: (owner: number, name: string, self: boolean) =>
    self ? 'this key is listed twice' : `this key is already registered to approvers[${owner}] (${name}); each key belongs to one person`,
  overlap: (field: 'design' | 'test', earlier: number, example: string) =>
    `overlaps components[${earlier}].${field} (both could be ${example}); give each rule its own ${field} folder`,
  presetOverlap: (field: 'design' | 'test', earlier: number, later: number, example: string) =>
    `the preset's rules ${earlier} and ${later} overlap in ${field} (both could be ${example}); list "components" yourself`,
  remoteHost: (host: string) =>
    `${host} is not on this machine, and designs would be sent there; set "allowRemoteHost": true to allow it`,
} as const;
