/**
 * Shapes shared by the gates (hooks and verify): the lint rules reach them as an injected function,
 * because core never imports lint-rules (docs/architecture.md); the CLI passes the real runner.
 */
import type { Problem } from '../problem.js';
import type { Governing } from './governing.js';

export interface LintRequest {
  governing: Governing;
  /** The documents to lint: paths relative to the config's folder. */
  documents: Array<{ path: string; text: string }>;
  /** Every file of the snapshot governed by this config, relative to its folder (for known stories and components). */
  files(): Promise<string[]>;
  /** Reads a config-relative file of the snapshot. */
  read(path: string): Promise<string | undefined>;
}

/** Lints design documents, the architecture and stories; problems carry repository-relative paths. */
export type LintDocuments = (request: LintRequest) => Promise<Problem[]>;
