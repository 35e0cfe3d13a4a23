/**
 * Typed errors with a stable code. The core throws these for problems that stop a command
 * (a malformed config, a usage mistake, git missing); gate findings are returned as `Problem[]`
 * instead. The CLI maps each code to an exit status in exactly one place (`cli/exit.ts`).
 */
export type ErrorCode =
  | 'USAGE' // the command line is wrong                         → exit 2
  | 'CONFIG' // .designrc.json (or another setup file) is wrong     → exit 2
  | 'FRONTMATTER' // a design document cannot be read as designed → exit 1 (it is a gate finding)
  | 'GIT' // git is missing, the repository is unusable            → exit 2
  | 'IO' // a file cannot be read or written                       → exit 2
  | 'ESCALATED'; // a generation session handed back to a human     → exit 3

export interface Located {
  file: string;
  line?: number;
  column?: number;
}

/** One located cause: `file:line:col: message`. */
export interface Cause extends Located {
  message: string;
}

export class DesignGateError extends Error {
  readonly code: ErrorCode;
  /** Every cause at once (a config with five mistakes reports five lines). */
  readonly causes: readonly Cause[];
  /** The command or edit that fixes it, shown after the causes. */
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, options: { causes?: readonly Cause[]; fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DesignGateError';
    this.code = code;
    this.causes = options.causes ?? [];
    this.fix = options.fix;
  }
}

export function isDesignGateError(value: unknown): value is DesignGateError {
  return value instanceof DesignGateError;
}

/** `file:line:col` with the parts that are known. */
export function formatLocation(at: Located): string {
  let out = at.file;
  if (at.line !== undefined) out += `:${at.line}`;
  if (at.line !== undefined && at.column !== undefined) out += `:${at.column}`;
  return out;
}
