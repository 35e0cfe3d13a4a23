/**
 * The command registry: name → lazy loader. Loading a command module is the only way its
 * dependencies get imported, which keeps start-up cheap for the hooks.
 */
import type { Command } from '../command.js';

export const commands: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.js')).command,
  status: async () => (await import('./status.js')).command,
  check: async () => (await import('./check.js')).command,
  new: async () => (await import('./new.js')).command,
  digest: async () => (await import('./digest.js')).command,
  approve: async () => (await import('./approve.js')).command,
  unapprove: async () => (await import('./unapprove.js')).command,
  lint: async () => (await import('./lint.js')).command,
  hook: async () => (await import('./hook.js')).command,
  verify: async () => (await import('./verify.js')).command,
  generate: async () => (await import('./generate.js')).command,
  session: async () => (await import('./session.js')).command,
  doctor: async () => (await import('./doctor.js')).command,
  completion: async () => (await import('./completion.js')).command,
  report: async () => (await import('./report.js')).command,
  trace: async () => (await import('./trace.js')).command,
  adopt: async () => (await import('./adopt.js')).command,
};

/** One line per command for the top-level help; kept beside the registry so it cannot drift. */
export const summaries: Record<keyof typeof commands & string, string> = {
  init: 'set up designgate in this repository (.designrc.json, templates)',
  status: 'show each component: code, design, design state, test',
  check: 'the structural gate: every code file has its design and its test',
  new: 'write a draft design for a code path from its type template',
  digest: 'print the digest of a design document',
  approve: 'approve designs: approval block, then a signed commit with Approved-by trailers',
  unapprove: 'withdraw the approval of designs with an ordinary commit',
  lint: 'check design documents: frontmatter, required sections, approval digest, known stories and dependencies',
  hook: 'run a git hook (pre-commit, commit-msg, pre-push, pre-merge-commit); what the .husky shims call',
  verify: 'verify every commit of a range for CI: gates at each commit, approvals, trailers, signatures',
  generate: 'draft the architecture or designs, or generate code from an approved design, with a local Ollama model',
  session: 'list, show, resume or abort generation sessions (.designgate/sessions/)',
  doctor: 'check node, git, the config, the hooks, signing and Ollama, and say what to fix',
  completion: 'print a bash or zsh completion script (generated from the commands and their options)',
  report: 'write where things stand as one self-contained HTML page (architecture graph, traceability matrix, problems) or JSON',
  trace: 'story → context → design → code → test for every story, as text, JSON, Markdown or Mermaid',
  adopt: 'baseline an existing code base: list the code files without a design, exempt until their design is written',
};
