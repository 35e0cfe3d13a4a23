/**
 * Sentences of the 1:1:1 mapping (templates, ignore globs) and of the inventory built on it.
 * Rules are named the way config errors name them (`components[2]`), so a message points at the
 * exact entry of `.designrc.json` to change.
 */
import type { Role, Triple } from '../mapping.js';

const CONFIG_FILE = '.designrc.json';

/** `components[k] takes that path as code` / `… as the design of lib/x.ex`. */
function claim(rule: number, role: Role, owner: Triple): string {
  return role === 'code'
    ? `components[${rule}] takes that path as code`
    : `components[${rule}] takes that path as the ${role} of ${owner.code}`;
}

export const mappingMessages = {
  templateMissing: (template: string) => `the template "${template}" has no {path}`,
  templateRepeated: (template: string) => `the template "${template}" has {path} more than once`,
  templateNotRelative: (template: string) =>
    `the template "${template}" is not a relative path with forward slashes (no leading or trailing "/", no empty, "." or ".." folder)`,
  templateFix: 'write {path} exactly once in a relative path, e.g. "lib/my_app/{path}.ex"',

  globEmpty: 'an empty glob pattern matches nothing',
  globInvalid: (glob: string, detail: string) => `the glob "${glob}" is not valid: ${detail}`,
  globFix: `remove or correct the pattern in "ignore" of ${CONFIG_FILE}`,

  missingDesign: (t: Triple) => `${t.code} has no design: expected ${t.design}`,
  missingDesignFix: (t: Triple) => `designgate new ${t.code}`,
  missingTest: (t: Triple) => `${t.code} has no test: expected ${t.test}`,
  missingTestFix: (t: Triple) => `create ${t.test}`,

  /** The code file's design or test path is taken by another rule (specific-first) or another role. */
  conflict: (t: Triple, role: Role, rule: number, ownerRole: Role, owner: Triple) =>
    `${t.code} maps to the ${role} ${t[role]}, but ${claim(rule, ownerRole, owner)}`,
  conflictFix: (t: Triple, rule: number) =>
    `move ${t.code}, or add a rule for it before components[${rule}] in ${CONFIG_FILE}`,
  conflictIgnored: (t: Triple, role: Role) => `${t.code} maps to the ${role} ${t[role]}, but "ignore" exempts that path`,
  conflictIgnoredFix: (t: Triple, role: Role) => `take ${t[role]} out of "ignore" in ${CONFIG_FILE}`,

  /** A design or test whose code path can never be its code: ignored, or taken by another rule or role. */
  orphanIgnored: (t: Triple, role: 'design' | 'test') =>
    `${t[role]} ${role === 'design' ? 'describes' : 'tests'} ${t.code}, which "ignore" exempts`,
  orphanIgnoredFix: (t: Triple, role: 'design' | 'test') =>
    `delete ${t[role]}, or take ${t.code} out of "ignore" in ${CONFIG_FILE}`,
  orphanClaimed: (t: Triple, role: 'design' | 'test', rule: number, ownerRole: Role, owner: Triple) =>
    `${t[role]} ${role === 'design' ? 'describes' : 'tests'} ${t.code}, but ${claim(rule, ownerRole, owner)}` +
    (ownerRole === 'code' ? ` with the ${role} ${owner[role]}` : ''),
  orphanClaimedFix: (t: Triple, role: 'design' | 'test', ownerRole: Role, owner: Triple) =>
    ownerRole === 'code' ? `git mv ${t[role]} ${owner[role]}` : `delete ${t[role]}, or change "components" in ${CONFIG_FILE}`,
  /** A test with neither code nor design: nothing says what it should test. */
  orphanTest: (t: Triple) => `${t.test} tests ${t.code}, which does not exist and has no design ${t.design}`,
  orphanTestFix: (t: Triple) => `write the design first with \`designgate new ${t.code}\`, or delete ${t.test}`,
} as const;
