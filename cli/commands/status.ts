/** `designgate status [--json]`: each component with its code, design state and test. */
import type { Command } from '../command.js';
import { loadWorkspace } from '../../core/workspace.js';
import type { ComponentStatus } from '../../core/structure.js';
import type { Problem } from '../../core/problem.js';
import { runLocalGates } from '../../core/local-gates.js';
import type { ApprovalVerdict } from '../../core/approval/check.js';
import { userCacheDir } from '../cache-dir.js';
import { formatProblemsText } from '../format/problems.js';
import { workTreeReader } from '../read-file.js';
import { EXIT } from '../exit.js';
import { toRepoRelative } from '../paths.js';
import { cliMessages } from '../messages.js';
import { baselineMessages } from '../../core/messages/baseline.js';
import { BASELINE_FILE } from '../../core/baseline/format.js';

export const command: Command = {
  name: 'status',
  usage: ['designgate status [<path…>] [--json]'],
  options: {
    json: { type: 'boolean', description: 'print components and problems as JSON' },
  },
  details:
    'Design states: missing (no design), baselined (no design yet, exempt by .designgate/baseline.json: see adopt),\n' +
    'draft (no approval), approved (verified: digest, trailer, approver, signature),\n' +
    'approved-unsigned (signing is off: an unsigned attestation), stale (edited since approval: re-approve it),\n' +
    'unverified (the approval block is not backed by a valid approval commit), invalid (unreadable frontmatter).\n' +
    'Paths (files or folders) limit the listing to the components they touch.\n' +
    'It also warns when the git hooks are missing or differ from what `designgate init` wrote.\n' +
    'status always exits 0 when it could run; use `designgate check` as the gate.',
  async run(io, { positionals, values }) {
    // git is asked for core.hooksPath while it lists the files: the answer does not need the root.
    const install = import('../../hooks/install.js');
    const hooksPath = install.then((i) => i.hooksPath(io.cwd, io.env));
    hooksPath.catch(() => undefined);
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const paths = positionals.map((p) => toRepoRelative(ws.repoRoot, io.cwd, p));
    // Independent: the gates and the hooks check run at once (start-up is what every status pays).
    const [{ components, approvals, problems, baseline }, hooks] = await Promise.all([
      runLocalGates(ws, workTreeReader(ws.repoRoot), {
        env: io.env,
        now: new Date(),
        architecture: false,
        cacheKeyDir: userCacheDir(io.env),
        ...(paths.length === 0 ? {} : { paths }),
      }),
      hookWarnings(install, ws.repoRoot, io.env, hooksPath),
    ]);
    const baselined = components.filter((c) => c.baselined).length;
    if (values['json'] === true) {
      const json = { components: components.map((c) => toJson(c, approvals.get(c.design))), baselined, baselineSize: baseline.length, problems, hooks };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return EXIT.ok;
    }
    if (components.length === 0) io.stdout(cliMessages.statusEmpty);
    else io.stdout(table(components, approvals));
    if (baselined > 0) io.stdout(`\n${baselineMessages.statusBaselined(BASELINE_FILE, baselined)}\n`);
    if (problems.length > 0) io.stdout(`\n${formatProblemsText(problems, io.color)}`);
    if (hooks.length > 0) io.stdout(`\n${formatProblemsText(hooks, io.color)}`);
    return EXIT.ok;
  },
};

/**
 * Warnings about the installed hooks: missing, or different from what init wrote. When the hooks
 * path itself is wrong nothing of ours runs, so that one line (fix: designgate init) says it all.
 */
async function hookWarnings(
  install: Promise<typeof import('../../hooks/install.js')>,
  repoRoot: string,
  env: NodeJS.ProcessEnv,
  hooksPath: Promise<string | undefined>,
): Promise<Problem[]> {
  const { checkHooks } = await install;
  const found = await checkHooks({ repoRoot, env, hooksPath });
  const path = found.filter((p) => p.ruleId === 'hooks-path');
  return path.length > 0 ? path : found;
}

/** The state shown: the verified approval state where the approval gate judged the design, else the digest-derived one. */
function shownState(c: ComponentStatus, verdict: ApprovalVerdict | undefined): string {
  if (c.baselined) return baselineMessages.baselinedState;
  return verdict === undefined || c.state.state === 'missing' ? c.state.state : verdict.state;
}

function toJson(c: ComponentStatus, verdict: ApprovalVerdict | undefined) {
  return {
    code: c.code,
    codeExists: c.codeExists,
    design: c.design,
    designState: shownState(c, verdict),
    ...(verdict === undefined ? {} : { approvers: verdict.approvers, evidence: verdict.evidence }),
    ...(c.state.type === undefined ? {} : { type: c.state.type }),
    // Only when true: the JSON of a repository without a baseline stays as it was.
    ...(c.baselined ? { baselined: true } : {}),
    test: c.test,
    testExists: c.testExists,
  };
}

function table(components: readonly ComponentStatus[], approvals: ReadonlyMap<string, ApprovalVerdict>): string {
  const rows = components.map((c) => [c.codeExists ? c.code : `(${c.code})`, shownState(c, approvals.get(c.design)), c.design, c.testExists ? c.test : '(no test)']);
  const header = ['CODE', 'DESIGN', 'DESIGN FILE', 'TEST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
