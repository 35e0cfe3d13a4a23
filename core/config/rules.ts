/**
 * The rules a JSON Schema cannot express, checked after validation and normalisation: names that
 * must refer to something (a rule's `type`), things that must be unique (approver emails, keys),
 * rules whose design or test templates overlap, and a model host off this machine.
 */
import { findRuleOverlaps } from '../mapping.js';
import { configMessages as m } from '../messages/config.js';
import { toPointer } from './json-source.js';
import { presetNames } from './presets.js';
import type { SchemaIssue } from './schema-validator.js';
import type { DesignConfig } from './types.js';

/** The parts of the validated file the rules look at (what the user wrote, before defaults). */
export interface WrittenConfig {
  preset?: string;
  components?: ReadonlyArray<{ type?: string }>;
  defaultType?: string;
  types?: Readonly<Record<string, { guidance?: Readonly<Record<string, string>> }>>;
  generator?: { host?: string; allowRemoteHost?: boolean };
}

/**
 * Every cross-field mistake, each located at the value it is about.
 * @example checkRules(config, written) // [{ path: '/components/1/design', message: 'overlaps components[0].design (…)', … }]
 */
export function checkRules(config: DesignConfig, written: WrittenConfig): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const at = (path: readonly (string | number)[], message: string, onKey = false, shown = path): void => {
    issues.push({ path: toPointer(shown), at: toPointer(path), onKey, message });
  };
  const known = Object.keys(config.types).sort();

  if (written.components === undefined && written.preset === undefined) at([], m.noComponents(presetNames));

  written.components?.forEach((rule, i) => {
    if (rule.type !== undefined && !(rule.type in config.types)) at(['components', i, 'type'], m.unknownType(rule.type, known));
  });
  if (written.defaultType !== undefined && !(written.defaultType in config.types)) {
    at(['defaultType'], m.unknownType(written.defaultType, known));
  }

  for (const [name, type] of Object.entries(written.types ?? {})) {
    const sections = config.types[name]?.sections ?? [];
    for (const section of Object.keys(type.guidance ?? {})) {
      if (!sections.includes(section)) at(['types', name, 'guidance', section], m.guidanceNotSection(section, sections), true, ['types', name, 'guidance']);
    }
  }

  const emails = new Map<string, number>();
  const keys = new Map<string, number>();
  config.approvers.forEach((approver, i) => {
    const email = approver.email.toLowerCase();
    const first = emails.get(email);
    if (first !== undefined) at(['approvers', i, 'email'], m.duplicateEmail(approver.email, first));
    else emails.set(email, i);
    approver.keys.forEach((key, k) => {
      const id = keyIdentity(key);
      const owner = keys.get(id);
      if (owner !== undefined) at(['approvers', i, 'keys', k], m.keyTwice(owner, config.approvers[owner]!.name, owner === i));
      else keys.set(id, i);
    });
  });

  for (const o of findRuleOverlaps(config.components)) {
    if (written.components !== undefined) {
      at(['components', o.later, o.field], m.overlap(o.field, o.earlier, o.example));
    } else {
      at(['preset'], m.presetOverlap(o.field, o.earlier, o.later, o.example));
    }
  }

  const host = written.generator?.host;
  if (host !== undefined && written.generator?.allowRemoteHost !== true && !isLoopbackUrl(host)) {
    at(['generator', 'host'], m.remoteHost(host));
  }
  return issues;
}

/**
 * Whether a URL names this machine (localhost, 127.0.0.0/8, ::1, or 0.0.0.0, which connects locally).
 * @example isLoopbackUrl('http://127.0.0.1:11434') // true
 */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '0.0.0.0' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** What makes two key entries the same key: an SSH key's type and blob (not its comment), or the armored body. */
function keyIdentity(key: string): string {
  const trimmed = key.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    return trimmed
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !/^[A-Za-z-]+: /.test(line) && !line.startsWith('='))
      .map((line) => line.trim())
      .join('');
  }
  const [type, blob] = trimmed.split(/\s+/);
  return `${type} ${blob}`;
}
