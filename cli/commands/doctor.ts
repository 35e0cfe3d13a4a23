/**
 * `designgate doctor [--json]`: checks that everything designgate needs is in place — node, git,
 * the config, the hooks, signing for this user, Ollama — and says what to fix. The checks are
 * core/doctor.ts; this command gives it the two probes core may not import (the hook installation
 * check of hooks/, the Ollama client of generators/) and prints. Exit 1 when a check fails.
 */
import type { Command } from '../command.js';
import { runDoctor, type DoctorCheck, type DoctorReport } from '../../core/doctor.js';
import { doctorMessages as m } from '../../core/messages/doctor.js';
import { EXIT } from '../exit.js';

/** Long enough for a local server to answer `/api/version` and `/api/show`, short enough to keep doctor quick. */
const OLLAMA_TIMEOUT_MS = 5_000;

export const command: Command = {
  name: 'doctor',
  usage: ['designgate doctor [--json]'],
  options: {
    json: { type: 'boolean', description: 'print the checks as JSON ({ ok, checks: [{ id, status, message, fix?, details? }] })' },
  },
  details:
    'Checks: node (the version designgate needs), git (2.34 or newer), config (.designrc.json valid),\n' +
    'hooks (installed by `designgate init` and intact), signing (git signs with a key .designrc.json registers\n' +
    'for your user.email; skipped when signing is off or you are not an approver), ollama (the generator host\n' +
    'answers and has the model; skipped without a "generator" block). Exit 1 when a check fails.',
  async run(io, { values }) {
    const env = io.env;
    const report = await runDoctor({
      cwd: io.cwd,
      env,
      nodeVersion: process.version,
      probes: {
        async hooks(repoRoot) {
          const { checkHooks } = await import('../../hooks/install.js');
          return checkHooks({ repoRoot, env });
        },
        async ollama(generator) {
          const [{ chooseHost }, { connectOllama }] = await Promise.all([import('../../generators/host.js'), import('../../generators/ollama.js')]);
          const host = chooseHost(generator, env);
          const model = connectOllama({ host: host.host, model: generator.model, options: generator.options, timeoutMs: OLLAMA_TIMEOUT_MS });
          return { host: host.host, version: (await model.info()).version };
        },
      },
    });
    if (values['json'] === true) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(formatDoctor(report));
    return report.ok ? EXIT.ok : EXIT.gateFailed;
  },
};

/** The report as a terminal reads it: one line per check, its details and fix indented below. */
export function formatDoctor(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines: string[] = [m.title];
  for (const check of report.checks) {
    lines.push(`  ${m.statusWord[check.status].padEnd(4)}  ${check.id.padEnd(width)}  ${check.message}`);
    const indent = ' '.repeat(2 + 4 + 2 + width + 2);
    for (const detail of check.details ?? []) lines.push(`${indent}${detail}`);
    if (check.fix !== undefined && check.status !== 'ok') lines.push(`${indent}${m.fixLabel} ${check.fix}`);
  }
  lines.push('');
  return `${lines.join('\n')}\n${summary(report.checks)}`;
}

function summary(checks: readonly DoctorCheck[]): string {
  const failures = checks.filter((c) => c.status === 'fail').length;
  const warnings = checks.filter((c) => c.status === 'warn').length;
  if (failures > 0) return m.failed(failures);
  return warnings > 0 ? m.warningsOnly(warnings) : m.allOk;
}
