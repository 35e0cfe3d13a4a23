/** The one mapping from outcomes to exit codes (PRODUCT.md: 0 ok, 1 gate failed, 2 usage/config, 3 escalated). */
import type { ErrorCode } from '../core/errors.js';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, escalated: 3 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'FRONTMATTER':
      return EXIT.gateFailed;
    case 'ESCALATED':
      return EXIT.escalated;
    case 'USAGE':
    case 'CONFIG':
    case 'GIT':
    case 'IO':
      return EXIT.usage;
  }
}
