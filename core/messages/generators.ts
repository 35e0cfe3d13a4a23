/**
 * Sentences of generation on a local model: the Ollama boundary, sessions and their records, the
 * code and design sessions, and the `generate` and `session` commands. A cause is one line; its
 * fix names the command or edit that resolves it.
 */
const q = (s: string): string => JSON.stringify(s);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const generatorMessages = {
  // host
  badHost: (where: string, raw: string) => `${where} is not an http(s) address: ${q(raw)}`,
  badHostFix: (where: string) => `set ${where} to an address such as http://127.0.0.1:11434`,
  remoteHost: (where: string, host: string) => `${where} points at ${host}, which is not this machine: designs would be sent to it`,
  remoteHostFix: 'use a local Ollama (http://127.0.0.1:11434), or set "generator": { "allowRemoteHost": true } in .designrc.json if sending designs there is intended',
  remoteHostWarning: (host: string) => `warning: design content is sent to ${host}, which is not this machine (generator.allowRemoteHost is on)`,

  // the Ollama boundary
  unreachable: (host: string, code: string) => `Ollama is not reachable at ${host} (${code})`,
  unreachableFix: 'start it with `ollama serve`, or point generator.host (or OLLAMA_HOST) at the running server',
  modelMissing: (model: string, host: string, installed: readonly string[]) =>
    `the model ${model} is not pulled on ${host}${installed.length > 0 ? ` (installed: ${installed.slice(0, 8).join(', ')})` : ''}`,
  modelMissingFix: (model: string) => `run \`ollama pull ${model}\`, or set generator.model to an installed model`,
  serverError: (status: number, error: string) => `Ollama answered HTTP ${status}: ${error.split('\n')[0]!.slice(0, 300)}`,
  serverLogFix: 'look at the Ollama server log (`journalctl -u ollama`, or the terminal running `ollama serve`), then resume the session',
  loadTimeout: (model: string, seconds: number) => `the model ${model} did not load within ${seconds}s`,
  loadTimeoutFix: (model: string) => `load it first with \`ollama run ${model} ""\`, or raise generator.timeoutSeconds; then resume the session`,
  answerTimeout: (seconds: number) => `the model did not finish its answer within ${seconds}s`,
  answerTimeoutFix: 'raise generator.timeoutSeconds, or use a smaller or faster model; then resume the session',
  streamStalled: (seconds: number) => `the answer stream sent nothing for ${seconds}s and was given up`,
  streamStalledFix: 'check that the Ollama server is healthy (`ollama ps`), then resume the session',
  streamDropped: (detail: string) => `the answer stream from Ollama ended before it was complete (${detail.split('\n')[0]!.slice(0, 200)})`,
  streamDroppedFix: 'check the Ollama server (`ollama ps`, its log), then resume the session',
  streamError: (error: string) => `Ollama reported an error in the middle of the answer: ${error.split('\n')[0]!.slice(0, 300)}`,
  malformedStream: (line: string) => `Ollama sent a line that is not JSON: ${q(line.slice(0, 80))}`,
  answerTruncated: (numPredict: number) => `the answer was cut off at num_predict=${numPredict} tokens (done_reason: length)`,
  answerTruncatedFix: 'raise generator.options.num_predict, or split the component into smaller designs',
  answerTooLarge: (bytes: number) => `the answer grew past ${Math.round(bytes / 1024)} KiB and was stopped`,
  answerTooLargeFix: 'split the component into smaller designs, or lower generator.options.num_predict',
  contextFull: (numCtx: number) => `the prompt and answer filled the whole context of ${numCtx} tokens, so Ollama may have dropped part of the prompt`,
  contextFullFix: 'raise generator.options.num_ctx (within the model\'s context length), or shorten the design',
  contextTooSmall: (prompt: number, answer: number, ceiling: number, which: 'config' | 'model') =>
    `the prompt (~${prompt} tokens) and answer (${answer} tokens) need more than the ${which === 'config' ? 'configured num_ctx' : "model's context length"} of ${ceiling} tokens; it was not sent, so nothing was truncated`,
  contextTooSmallFix: (which: 'config' | 'model') =>
    which === 'config'
      ? 'raise generator.options.num_ctx, or lower generator.options.num_predict'
      : 'use a model with a longer context, lower generator.options.num_predict, or shorten the design and its dependencies',

  // session records
  badSessionId: (id: string) => `${q(id)} is not a session id (they look like 20260501-102030-code-3fa1c2)`,
  noSuchSession: (id: string) => `there is no session ${id}`,
  sessionListFix: 'list the sessions with `designgate session list`',
  recordCorrupt: (id: string, detail: string) => `the record of session ${id} is corrupt or was edited, so it is not trusted: ${detail}`,
  recordCorruptFix: (id: string) =>
    `inspect \`.designgate/sessions/${id}/\` (its setup/ folder holds the files as they were before the session), restore them by hand if needed, then delete that folder and start a new session`,
  recordFileMissing: 'session.json or steps.jsonl is missing',
  recordNotJson: (what: string) => `${what} is not JSON`,
  recordTornLine: 'steps.jsonl does not end with a complete line',
  recordChainBroken: (line: number) => `steps.jsonl line ${line} does not match the hash chain`,
  recordBlobMissing: (file: string) => `the kept file ${file} is missing`,
  recordBlobChanged: (file: string) => `the kept file ${file} was changed`,
  recordBadField: (file: string, field: string) => `${file} has a missing or unexpected ${q(field)}`,
  recordStepField: (field: string) => `a missing or unexpected ${q(field)}`,
  stepOutOfOrder: (seq: number, name: string, expected: string) => `step ${seq} is ${q(name)} where the session runs ${expected}`,
  stepAfterEnd: 'nothing (the session had ended)',
  sessionAlreadyEnded: (id: string, status: string) => `session ${id} has already ended (${status})`,

  // locks
  componentLocked: (component: string, sessionId: string, pid: number) => `session ${sessionId} (process ${pid}) is already working on ${component}`,
  componentLockedFix: (sessionId: string) => `wait for it to end, or stop it and run \`designgate session abort ${sessionId}\``,

  // where a session may write
  targetRefused: (path: string, reason: string) => `refusing to write ${path}: ${reason}`,
  targetRefusedFix: 'a session writes only the code and test paths the mapping gives the design; fix the mapping in .designrc.json or the file system, not the session',
  notNormalPath: 'it is not a plain relative path inside the repository',
  protectedGit: "it is inside git's own folder",
  protectedFolder: (folder: string) => `${folder}/ is protected`,
  protectedName: (name: string) => `${name} is protected`,
  protectedDesign: 'it is a design document, which only people (and design sessions, as drafts) write',
  targetIsSymlink: 'it is a symbolic link',
  parentNotFolder: (path: string) => `${path} is a file, not a folder`,
  escapesRepository: 'after resolving symbolic links it is outside the repository',
  throughLink: (resolved: string) => `a symbolic link on the way leads to ${resolved}`,

  // the test command
  badTestCommand: (command: string, detail: string) => `generator.testCommand ${q(command)} cannot be run: ${detail}`,
  badTestCommandFix:
    'write generator.testCommand as a program and its arguments, e.g. "node --test {test}" or "mix test {test}"; for pipes or redirections, put them in a script and run that',
  testCommandOperator: (ch: string) => `${q(ch)} would need a shell, and designgate runs the command without one`,
  testCommandTrailingBackslash: 'it ends with a backslash',
  testCommandUnclosedQuote: 'a quote is not closed',
  testCommandEmpty: 'it is empty',
  unsafeTestPath: (name: string, path: string) => `the ${name} path ${q(path)} has characters that are not safe to put on a command line`,
  unsafeTestPathFix: 'rename the file to letters, digits and . _ / @ + = , - (or change the mapping in .designrc.json)',
  testProgramMissing: (program: string) => `the test command's program ${q(program)} was not found`,
  testProgramMissingFix: 'install it, or fix generator.testCommand in .designrc.json',
  testCommandFailedToStart: (program: string, detail: string) => `the test command ${q(program)} could not be started: ${detail}`,
  // the code session: before it starts
  noGeneratorConfig: (file: string) => `${file} has no "generator" block, so there is no model to generate with`,
  noGeneratorConfigFix: 'add "generator": { "model": "qwen2.5-coder:7b", "testCommand": "<your test command> {test}" } to .designrc.json',
  noTestCommand: 'generator.testCommand is not set, so a code session cannot run the tests it generates',
  noTestCommandFix: 'set "generator": { "testCommand": "<your test command> {test}" } in .designrc.json, e.g. "node --test {test}" or "mix test {test}"',
  notADesign: (path: string, role: string, design: string) => `${path} is a ${role} file, not a design; its design is ${design}`,
  notADesignFix: (design: string) => `run \`designgate generate code ${design}\``,
  unmappedDesign: (path: string) => `${path} is not a design document of any component rule in .designrc.json`,
  unmappedDesignFix: 'name a design document that the "components" rules of .designrc.json map to a code file',
  notApproved: (file: string, state: string) =>
    state === 'missing'
      ? `${file} does not exist, so there is no design to implement`
      : state === 'stale'
        ? `${file} changed after it was approved (its approval is stale), so it may not be implemented yet`
        : state === 'invalid'
          ? `${file} cannot be read as a design document`
          : state === 'unverified'
            ? `${file} has an approval block, but no verified approval commit backs it`
            : `${file} is a draft: a design must be approved before code is generated from it`,
  notApprovedFix: (file: string, state: string) =>
    state === 'missing'
      ? 'write it first with `designgate new <code path>`'
      : state === 'invalid'
        ? `fix its frontmatter (\`designgate lint ${file}\`)`
        : `have an approver review it and run \`designgate approve ${file}\``,
  uncommittedTargets: (paths: readonly string[]) => `${paths.join(' and ')} ${paths.length === 1 ? 'has' : 'have'} uncommitted edits that the session would overwrite`,
  uncommittedTargetsFix: (paths: readonly string[]) =>
    `commit or stash them first (see \`git diff -- ${paths.join(' ')}\`), or rerun with --force (a backup is kept in the session record)`,

  // the code session: steps
  answerNotJson: (detail: string) => `the answer is not JSON (${detail}); answer with exactly one JSON object`,
  answerSchemaError: (path: string, message: string) => `the answer at ${path}: ${message}`,
  answerFileTooLarge: (key: string, bytes: number) => `the "${key}" file is larger than ${Math.round(bytes / 1024)} KiB`,
  answerTestMissing: 'the answer has no "test" file, and the test file is not locked, so one is required',
  lockedTestIgnored: 'the answer included a test file, which was ignored: the test file is locked',
  testRejected: (reason: string) => `the generated test file was rejected: ${reason}`,
  testSkips: 'it skips, disables or focuses tests (skip, todo, only, xit, @pytest.mark.skip, t.Skip …)',
  testAssertsNothing: 'it contains no assertions',
  testAssertsConstants: 'its assertions only compare constants (such as expect(true).toBe(true))',
  testDropsCases: (before: number, after: number) => `it has ${after} test cases where the existing file has ${before}: tests may not be removed`,
  feedbackTestsFailed: (exitCode: number | null, timedOut: boolean) =>
    timedOut ? 'the test command ran out of time (generator.timeoutSeconds)' : `the tests failed (exit code ${exitCode ?? 'none'})`,
  testTouchedOutside: (paths: readonly string[]) => `the test command changed files outside the session, which were put back: ${paths.slice(0, 10).join(', ')}${paths.length > 10 ? ', …' : ''}`,
  testOutsideNotRestored: (paths: readonly string[]) => `the test command changed files that could not be put back: ${paths.join(', ')}`,
  notBackedUp: 'it had uncommitted changes too large to back up when the session started',
  rawAnswerKept: (file: string) => `the raw answer is kept in the session record as ${file}`,
  gitStatusFailed: (detail: string) => `git status failed: ${detail}`,
  gitStatusFailedFix: 'check the repository with `git status`',
  writeFailed: (path: string, detail: string) => `could not write ${path} (${detail}); the file is as it was`,
  writeFailedFix: (code: string) =>
    code === 'EPERM' || code === 'EBUSY' || code === 'EACCES'
      ? 'close any program that holds the file open (an editor, a virus scanner), then resume the session'
      : code === 'ENOSPC'
        ? 'free some disk space, then resume the session'
        : code === 'EROFS'
          ? 'the file system is read-only; make it writable, then resume the session'
          : 'fix the cause, then resume the session',

  // the code session: the end
  escalated: (design: string, attempts: number) =>
    `the session gave up on ${design} after ${plural(attempts, 'attempt')} and handed it back to you; the work tree is as it was before`,
  escalatedFix: (report: string) => `read ${report}: clarify the design (and have it approved again), or write the code by hand`,
  resumeDesignChanged: (id: string, design: string) => `${design} changed since session ${id} started, so it cannot be resumed`,
  resumeMappingChanged: (id: string) => `the component's code or test path (or its test lock) changed since session ${id} started, so it cannot be resumed`,
  resumeAbortFix: (id: string) => `run \`designgate session abort ${id}\` and start a new session`,

  // prompts
  unknownPlaceholder: (file: string, key: string, known: readonly string[]) => `${file} uses {{${key}}}, which is not one of ${known.map((k) => `{{${k}}}`).join(', ') || 'no placeholders'}`,
  unknownPlaceholderFix: 'fix the placeholder in the prompt template, or delete the override to use the shipped prompt',
  promptNoDependencies: '(none: the design depends on no other component)',
  promptNoApi: (designPath: string | undefined) => (designPath === undefined ? '(no design found for it)' : `(its design ${designPath} has no Public API section)`),
  promptNoRules: '(none configured)',
  promptFileMissing: (path: string) => `\`${path}\` does not exist yet.`,
  promptFirstAttempt: '(nothing: this is the first attempt)',
  promptTestLocked: 'locked: it was committed with the approved design and will not be written; make the code pass it',
  promptTestWanted: 'write it',
  promptTestOutput: 'The end of the test output:',

  // the escalation report
  reportTitle: (id: string) => `Session ${id} handed back to a person`,
  reportDesign: (path: string, digest: string) => `Design: \`${path}\` (${digest})`,
  reportOwners: (owners: readonly string[]) => `Owners (approvers for this design): ${owners.length === 0 ? 'none configured' : owners.join(', ')}`,
  reportFiles: (code: string, test: string, locked: boolean) => `Files: \`${code}\`, \`${test}\`${locked ? ' (locked)' : ''}`,
  reportModel: (model: string, host: string, options: string) => `Model: ${model} at ${host}, options ${options}`,
  reportRestored: 'The work tree was restored to how it was before the session.',
  reportNotRestored: (problems: readonly string[]) => `Some files could not be restored: ${problems.join('; ')}`,
  reportAttempt: (n: number, step: string) => `Attempt ${n}: failed at ${step}`,
  reportDiff: (path: string) => `Changes to ${path}`,
  reportDiffTooLarge: '(too large to show; see the session record)',
  reportNoChange: '(no change)',
  reportTestOutput: 'Test output (end)',
  reportNextTitle: 'What to do next',
  reportNext: (design: string, id: string) => [
    `Read the attempts above: a model that fails the same way each time usually means ${design} is ambiguous or asks for more than one component.`,
    `Clarify the design and have it approved again, then run \`designgate generate code ${design}\`.`,
    `Or write the code by hand. Prompts, answers and test output are kept in .designgate/sessions/${id}/.`,
  ],
  // the design session
  unmappedCode: (path: string) => `${path} is neither a code file nor a design document of any component rule in .designrc.json`,
  designApproved: (path: string, state: string) =>
    `${path} is ${state === 'stale' ? 'an approved design (its approval is stale)' : 'an approved design'}; a session does not replace it unasked`,
  designApprovedFix: (target: string) => `rerun with --revise to draft a new version (it will need approval again): \`designgate generate design ${target} --revise\``,
  notInArchitecture: (path: string, architecture: string) => `no context of ${architecture} owns ${path}, so where it belongs is not decided yet`,
  notInArchitectureFix: (architecture: string) => `add the folder to a context's "owns" in ${architecture}, then have it approved (\`designgate approve ${architecture}\`)`,
  designNoFrontmatter: 'the answer does not start with YAML frontmatter (a line with ---); answer with the document itself, not in a code fence',
  designUnreadable: (detail: string) => `the draft cannot be read as a design document: ${detail}`,
  designEscalated: (design: string, attempts: number) => `no draft of ${design} passed the lint rules after ${plural(attempts, 'attempt')}; nothing was written`,
  resumeDesignAppeared: (id: string, design: string) => `${design} was written since session ${id} started, so the session will not overwrite it`,
  promptNoArchitecture: '(no architecture document is configured)',
  reportDesignDraft: (path: string) => `Design: \`${path}\` (a draft was requested)`,
  reportUntouched: 'Nothing was written to the work tree.',
  // progress on a terminal
  progressStarted: (id: string) => `session ${id}`,
  progressResumed: (id: string) => `resuming session ${id}`,
  progressStep: (name: string, attempt: number) => (attempt > 0 ? `• ${name} (attempt ${attempt})` : `• ${name}`),
  progressFailed: (name: string) => `  ${name} failed`,
  progressTokens: (tokens: number, elapsedMs: number) => `${tokens} tokens, ${(tokens / Math.max(elapsedMs / 1000, 0.001)).toFixed(1)} tokens/s`,
  // the generate command
  generateDetails: [
    'code <design>: implements an approved design with the local model configured in .designrc.json ("generator"):',
    '  the model writes the code file and the test file the mapping assigns to the design, the test command runs,',
    '  failures go back to the model up to generator.maxAttempts, then the session hands back to you (exit 3)',
    '  with .designgate/sessions/<id>/escalation.md and your work tree as it was.',
    'design <code-path>: drafts the design document of a code file (status: draft, checked by the lint rules).',
    'design <context>: drafts, for batch review, the design of every code file of that architecture context that',
    '  has none (all of them with --revise), one session each, and prints one summary; run it again to resume.',
    'architecture: proposes the contexts of the stories and code folders as a draft architecture document (Gate 1',
    '  stays a person\'s); refused when one exists, unless --revise.',
    '--dry-run prints the prompts and their token estimates and contacts no model.',
    'Exit codes: 0 done, 1 the design is not approved (or its approval is stale or unverified), 2 usage or setup',
    'problem (resume with `designgate session resume <id>`), 3 escalated to a person.',
  ].join('\n'),
  generateUsage: 'generate needs a kind and one target: `generate code <design>`, `generate design <code-path|context>` or `generate architecture`',
  generateUsageFix: 'run `designgate generate --help`',
  badWait: (value: string) => `--wait takes a number of seconds, not ${q(value)}`,
  badWaitFix: 'write --wait 30, or leave it out to refuse at once when another session holds the component',
  dryRunHeader: (part: string) => `----- ${part} -----`,
  dryRunTokens: (tokens: number, model?: string, host?: string) =>
    `----- about ${tokens} tokens${model === undefined ? '' : ` for ${model} at ${host}`} (estimate: one per 3 bytes); nothing was sent -----`,
  codeSucceeded: (written: readonly string[], design: string, attempts: number, id: string, lockedTest: string | undefined) =>
    `wrote ${written.join(' and ')} from ${design}; the tests pass (${plural(attempts, 'attempt')}, session ${id})${lockedTest === undefined ? '' : `\n${lockedTest} was locked and left as committed`}\n` +
    `next: review the change, then \`git add ${written.join(' ')} && git commit\`\n`,
  designSucceeded: (design: string, writtenTo: string, attempts: number, id: string) =>
    writtenTo === design
      ? `wrote ${design} as a draft (${plural(attempts, 'attempt')}, session ${id})\nnext: review it, edit it, and have it approved: \`designgate approve ${design}\`\n`
      : `${design} already has a draft, so it was left alone; the proposal is in ${writtenTo} (session ${id})\nnext: compare them, or rerun with --revise to replace the draft\n`,

  // the session command
  sessionDetails: [
    'list: every session under .designgate/sessions/, newest first, with its status.',
    'show <id>: its steps, attempts, outcomes and kept files (prompts, answers, test output).',
    'resume <id>: continues an interrupted session from its last recorded step (the design must be unchanged).',
    'abort <id>: puts the files a code session touched back as they were, and ends it.',
    'A record that was edited or is incomplete is refused.',
  ].join('\n'),
  sessionUsage: 'session needs a verb: list, show <id>, resume <id> or abort <id>',
  sessionUsageFix: 'run `designgate session --help`',
  sessionNone: 'no sessions yet\n',
  sessionLine: (id: string, kind: string | undefined, component: string | undefined, status: string | undefined, steps: number | undefined, problem: string | undefined) =>
    problem !== undefined ? `${id}  corrupt  ${problem}` : `${id}  ${kind}  ${status}  ${component}  (${plural(steps ?? 0, 'step')})`,
  sessionAborted: (id: string, kind: string) => `aborted session ${id}${kind === 'code' ? '; its files are as they were before it' : ''}\n`,
  abortIncomplete: (id: string, problems: readonly string[]) => `session ${id} was aborted, but some files could not be put back: ${problems.join('; ')}`,
  showHeader: (id: string, kind: string, component: string, status: string) => `session ${id}: ${kind} ${component}, ${status}`,
  showModel: (model: string, host: string, options: string, maxAttempts: number) => `model ${model} at ${host}, options ${options}, up to ${plural(maxAttempts, 'attempt')}`,
  showStep: (seq: number, name: string, attempt: number, outcome: string, ms: number, files: readonly string[]) =>
    `  ${String(seq).padStart(2)}. ${name}${attempt > 0 ? ` (attempt ${attempt})` : ''}: ${outcome}, ${Math.round(ms)} ms${files.length > 0 ? `  [${files.join(', ')}]` : ''}`,
  showEscalation: (report: string) => `escalated: read ${report}`,
  showResume: (id: string) => `not finished: \`designgate session resume ${id}\` continues it, \`designgate session abort ${id}\` undoes it`,
} as const;
