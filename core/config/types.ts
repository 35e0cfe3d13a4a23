/**
 * The normalised `.designrc.json`: what every other module receives after the config pipeline
 * (read → validate → normalise presets/defaults → cross-field rules). Paths inside are relative to
 * `root`, the folder that holds the `.designrc.json`, with forward slashes.
 */
export type GateLevel = 'off' | 'warn' | 'error';

export interface ComponentRule {
  /** e.g. `lib/my_app/{path}.ex` — `{path}` appears exactly once. */
  code: string;
  /** e.g. `docs/design/{path}.md` */
  design: string;
  /** e.g. `test/my_app/{path}_test.exs` */
  test: string;
  /** Default component type for designs of this rule (a key of `types`). */
  type?: string;
}

export interface ComponentType {
  /** The H2 sections a design of this type must have, in order. */
  sections: string[];
  /** One line of guidance per section, written into new drafts. */
  guidance: Record<string, string>;
}

export interface Approver {
  name: string;
  email: string;
  /** OpenSSH public keys (`ssh-ed25519 AAAA… comment`) or armored OpenPGP public keys. */
  keys: string[];
  /** Globs of design paths this person may approve; default: everything. */
  paths: string[];
}

export interface GeneratorConfig {
  host: string;
  model: string;
  options: Record<string, unknown>;
  maxAttempts: number;
  testCommand?: string;
  timeoutSeconds: number;
  lockTests: boolean;
  /** A host off this machine must be allowed explicitly: designs would leave it. */
  allowRemoteHost: boolean;
}

export interface Gates {
  approval: GateLevel;
  completeness: GateLevel;
  architecture: GateLevel;
  /** Each scenario of a design's Test Scenarios has a test named after it, and each test a scenario. */
  alignment: GateLevel;
}

export interface DesignConfig {
  /** Absolute path of the folder holding the `.designrc.json`. */
  root: string;
  /** Absolute path of the `.designrc.json` itself. */
  file: string;
  preset?: string;
  components: ComponentRule[];
  ignore: string[];
  stories?: string;
  architecture?: string;
  types: Record<string, ComponentType>;
  /** The type a design gets when its rule names none (`module` unless configured). */
  defaultType: string;
  approvers: Approver[];
  allowedSignersFile?: string;
  requiredApprovals: number;
  signedApprovals: boolean;
  allowSelfApproval: boolean;
  gates: Gates;
  generator?: GeneratorConfig;
}
