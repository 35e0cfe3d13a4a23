/**
 * The preset factory: the registry of every design lint rule and `createPreset(options)`, which
 * turns options into a remark preset. Pure (no disk): the CLI's in-process runner imports this,
 * while remark-cli and editors load lint-rules/index.ts, whose default export gathers the options.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkLint from 'remark-lint';
import remarkMessageControl from 'remark-message-control';
import type { PluggableList, Preset, Processor } from 'unified';
import type { GateLevel } from '../core/config/types.js';
import frontmatterPresent from './frontmatter-present.js';
import frontmatterSchema from './frontmatter-schema.js';
import requiredSections from './required-sections.js';
import approvalDigest from './approval-digest.js';
import approvalConsistency from './approval-consistency.js';
import knownStories from './known-stories.js';
import knownDependencies from './known-dependencies.js';
import { compileClassifier, type DesignLintOptions, type RuleId } from './support/options.js';

/** Every rule of the preset, in the order they run, each with why it is there. */
export const rules = {
  // A design without machine-readable metadata cannot be mapped, typed or approved.
  'frontmatter-present': frontmatterPresent,
  // The metadata the gates trust must have exactly the shape they expect.
  'frontmatter-schema': frontmatterSchema,
  // A design is a real design only when it says what its component type requires.
  'required-sections': requiredSections,
  // An approval covers the content that was approved, not whatever the file says now.
  'approval-digest': approvalDigest,
  // `status` is for people; it must not claim what the approval block does not back.
  'approval-consistency': approvalConsistency,
  // Traceability: a design serves stories that exist.
  'known-stories': knownStories,
  // A design may depend only on components that exist.
  'known-dependencies': knownDependencies,
} as const satisfies Record<RuleId, unknown>;

export const ruleIds = Object.keys(rules) as RuleId[];

/** The approval rules follow `gates.approval`; the rest are errors; `severity` overrides either. */
export function severityOf(id: RuleId, options: Pick<DesignLintOptions, 'gates' | 'severity'>): GateLevel {
  const override = options.severity?.[id];
  if (override !== undefined) return override;
  if (id === 'approval-digest' || id === 'approval-consistency') return options.gates?.approval ?? 'error';
  return 'error';
}

/**
 * `<!--lint disable required-sections-->` for our rules: remark-lint's own message control only
 * filters `remark-lint:` messages. Like remark-lint, it adds the control when the processor freezes,
 * which puts it after every rule, since the control filters the messages present when it runs.
 */
export function designgateMessageControl(this: Processor): undefined {
  this.use(() => remarkMessageControl({ name: 'lint', source: 'designgate' }));
}

/**
 * The preset: remark-frontmatter first (so the frontmatter is a `yaml` node, never mis-read as a
 * thematic break and a heading, and a formatter keeps it byte for byte), then remark-lint and
 * `designgateMessageControl`, then every rule with its severity. Throws DesignGateError('CONFIG') when a template in `options.components` is malformed.
 * @example unified().use(remarkParse).use(createPreset({ knownStories: ['US-1'] }))
 */
export function createPreset(options: DesignLintOptions = {}): Preset {
  compileClassifier(options); // surfaces a malformed template now rather than on the first file
  const plugins: PluggableList = [[remarkFrontmatter, ['yaml']], remarkLint, designgateMessageControl];
  for (const id of ruleIds) plugins.push([rules[id], [severityOf(id, options), options]]);
  return { plugins };
}
