/**
 * Sentences of the newcomer's setup commands: `designgate doctor` (what each check found on this
 * machine and in this repository, and the command or edit that fixes it) and `designgate
 * completion`. A finding is one line; a fix names a command.
 */
const code = (text: string): string => `\`${text}\``;

export const doctorMessages = {
  // node and git
  nodeOk: (version: string, range: string) => `${version} (designgate needs ${range})`,
  nodeTooOld: (version: string, range: string) => `node ${version} is too old: designgate needs ${range}`,
  nodeTooOldFix: (range: string) => `install node ${range} (https://nodejs.org, or \`nvm install 20\`), then run designgate with it`,
  gitOk: (version: string, min: string) => `version ${version} (designgate needs ${min} or newer)`,
  gitTooOld: (version: string, min: string) => `git ${version} is too old: designgate needs ${min} or newer (SSH signing, \`git commit --trailer\`)`,
  gitTooOldFix: (min: string) => `install git ${min} or newer from your package manager (\`git --version\` tells which one runs)`,
  gitMissing: 'git is not installed, or not on PATH',
  gitMissingFix: 'install git (`apt install git`, `brew install git`, https://git-scm.com) and make sure `git --version` works',
  gitUnreadable: (output: string) => `\`git --version\` printed something designgate cannot read: ${JSON.stringify(output.slice(0, 80))}`,

  // the repository and its config
  configOk: (file: string, approvers: number) => `${file} is valid (${approvers} approver${approvers === 1 ? '' : 's'})`,
  configInvalid: (file: string) => `${file} is not a valid configuration`,
  needsRepository: 'skipped: not inside a git repository',
  needsConfig: 'skipped: no valid .designrc.json',

  // hooks
  hooksOk: (path: string) => `the git hooks are installed and intact (core.hooksPath ${path})`,
  hooksNotInstalled: 'the git hooks are not installed, so commits are not checked on this machine',
  hooksBroken: (count: number) => `the git hooks are installed, but ${count} thing${count === 1 ? ' is' : 's are'} wrong with them`,
  hooksFix: 'run `designgate init` to install the hooks',
  huskyOff: 'HUSKY=0 is set in this environment: git skips every hook while it is set',
  huskyOffFix: 'unset HUSKY (`unset HUSKY`, and remove it from your shell profile)',

  // signing
  signingOff: (file: string) => `signedApprovals is off in ${file}: approvals are unsigned attestations, so no signing key is needed`,
  signingNoUser: 'git does not know who you are: user.name or user.email is not set',
  signingNoUserFix: 'run `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`',
  notAnApprover: (email: string, file: string) => `${email} is not an approver in ${file}: you can commit code, but not approve designs`,
  notAnApproverFix: (file: string) => `if you are to approve designs, ask an approver to add you (name, email, public key) to "approvers" in ${file}`,
  noSigningSetup: 'git has no signing key configured (user.signingkey and gpg.format unset), so you cannot sign approvals',
  noSigningKey: (format: string) => `no signing key is configured for git (gpg.format ${format}, user.signingkey unset), so you cannot sign approvals`,
  noSshKeyFix:
    'create a key if you have none (`ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519`), then run `git config --global gpg.format ssh` and `git config --global user.signingkey ~/.ssh/id_ed25519.pub`',
  noPgpKeyFix: (email: string) =>
    `create a key if you have none (\`gpg --quick-generate-key "${email}"\`), then run \`git config --global user.signingkey <fingerprint>\`; or sign with SSH: \`git config --global gpg.format ssh\``,
  unsupportedFormat: (format: string) => `gpg.format is ${format}, which designgate cannot verify (it verifies ssh and openpgp signatures)`,
  unsupportedFormatFix: 'run `git config --global gpg.format ssh` (or `openpgp`) and set user.signingkey to such a key',
  keyCommandOnly: 'git picks the SSH signing key with gpg.ssh.defaultKeyCommand, so designgate cannot tell which key signs',
  keyCommandOnlyFix: 'set the key explicitly: `git config user.signingkey ~/.ssh/id_ed25519.pub`',
  signingKeyMissing: (key: string) => `user.signingkey points to ${key}, which does not exist`,
  signingKeyMissingFix: 'point it at your public key: `git config --global user.signingkey ~/.ssh/id_ed25519.pub`',
  signingKeyUnreadable: (key: string) => `user.signingkey ${key} is not an SSH public key, and there is no readable ${key}.pub beside it`,
  signingKeyUnreadableFix: (key: string) => `write the public key beside it: ${code(`ssh-keygen -y -f ${key} > ${key}.pub`)}`,
  programMissing: (program: string, setting: string) => `${program}, which git signs with (${setting}), is not installed or not on PATH`,
  programMissingFix: (program: string) => `install it (${program === 'gpg' ? 'GnuPG' : 'OpenSSH'}), or point git at it with \`git config --global gpg.${program === 'gpg' ? '' : 'ssh.'}program <path>\``,
  pgpKeyNotFound: (key: string) => `gpg has no secret key for ${key}, so git cannot sign with it`,
  registryInvalid: (file: string) => `the keys registered in ${file} cannot be read`,
  signersMissing: (file: string) => `allowedSignersFile ${file} does not exist`,
  signersMissingFix: (file: string) => `create ${file} (lines \`<email> <public key>\`), or remove "allowedSignersFile" from .designrc.json`,
  signingOk: (format: string, fingerprint: string, email: string) => `signing with ${format} key ${fingerprint}, registered for ${email}`,
  keyNotRegistered: (format: string, fingerprint: string, email: string, file: string) =>
    `your ${format} signing key ${fingerprint} is not registered for ${email} in ${file}, so your approvals would not verify`,
  registerSshKeyFix: (index: number, publicKey: string, file: string) =>
    `add ${JSON.stringify(publicKey)} to approvers[${index}].keys in ${file}, and get that change approved by an existing approver`,
  registerPgpKeyFix: (index: number, fingerprint: string, file: string) =>
    `add the output of ${code(`gpg --armor --export ${fingerprint}`)} to approvers[${index}].keys in ${file}, and get that change approved by an existing approver`,

  // Ollama
  noGenerator: (file: string) => `${file} has no "generator" block: \`designgate generate\` is not set up (not needed to commit or approve)`,
  ollamaOk: (host: string, version: string, model: string) => `Ollama ${version} at ${host} has the model ${model}`,
  ollamaFailed: (detail: string) => `Ollama could not be checked: ${detail}`,

  // the report
  title: 'designgate doctor',
  statusWord: { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' } as const,
  fixLabel: 'fix:',
  allOk: 'doctor: everything designgate needs is in place\n',
  warningsOnly: (warnings: number) => `doctor: nothing is broken; ${warnings} warning${warnings === 1 ? '' : 's'} above\n`,
  failed: (failures: number) => `doctor: ${failures} check${failures === 1 ? '' : 's'} failed; fix ${failures === 1 ? 'it' : 'them'} as shown above\n`,

  // completion
  completionUsage: (shells: readonly string[]) => `completion needs one shell: ${shells.join(' or ')}`,
  completionUsageFix: 'run `designgate completion bash` or `designgate completion zsh`',
} as const;
