import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorMessages as m } from '../../../core/messages/doctor.js';

/** A sample of every finding, by key, so a new sentence cannot skip these checks. */
const findings: Record<string, string> = {
  nodeOk: m.nodeOk('v20.17.0', '>=20.17'),
  nodeTooOld: m.nodeTooOld('v18.0.0', '>=20.17'),
  gitOk: m.gitOk('2.39.5', '2.34.0'),
  gitTooOld: m.gitTooOld('2.30.0', '2.34.0'),
  gitMissing: m.gitMissing,
  gitUnreadable: m.gitUnreadable('what\never'),
  configOk: m.configOk('.designrc.json', 1),
  configInvalid: m.configInvalid('.designrc.json'),
  needsRepository: m.needsRepository,
  needsConfig: m.needsConfig,
  hooksOk: m.hooksOk('.husky/_'),
  hooksNotInstalled: m.hooksNotInstalled,
  hooksBroken: m.hooksBroken(2),
  huskyOff: m.huskyOff,
  signingOff: m.signingOff('.designrc.json'),
  signingNoUser: m.signingNoUser,
  notAnApprover: m.notAnApprover('a@x.org', '.designrc.json'),
  noSigningSetup: m.noSigningSetup,
  noSigningKey: m.noSigningKey('ssh'),
  unsupportedFormat: m.unsupportedFormat('x509'),
  keyCommandOnly: m.keyCommandOnly,
  signingKeyMissing: m.signingKeyMissing('~/.ssh/id'),
  signingKeyUnreadable: m.signingKeyUnreadable('~/.ssh/id'),
  programMissing: m.programMissing('gpg', 'gpg.program'),
  pgpKeyNotFound: m.pgpKeyNotFound('ABCD'),
  registryInvalid: m.registryInvalid('.designrc.json'),
  signersMissing: m.signersMissing('.designgate/allowed_signers'),
  signingOk: m.signingOk('ssh', 'SHA256:x', 'a@x.org'),
  keyNotRegistered: m.keyNotRegistered('ssh', 'SHA256:x', 'a@x.org', '.designrc.json'),
  noGenerator: m.noGenerator('.designrc.json'),
  ollamaOk: m.ollamaOk('http://127.0.0.1:11434', '0.12.0', 'qwen2.5-coder:7b'),
  ollamaFailed: m.ollamaFailed('boom'),
  completionUsage: m.completionUsage(['bash', 'zsh']),
};

const fixes: Record<string, string> = {
  nodeTooOldFix: m.nodeTooOldFix('>=20.17'),
  gitTooOldFix: m.gitTooOldFix('2.34.0'),
  gitMissingFix: m.gitMissingFix,
  hooksFix: m.hooksFix,
  huskyOffFix: m.huskyOffFix,
  signingNoUserFix: m.signingNoUserFix,
  notAnApproverFix: m.notAnApproverFix('.designrc.json'),
  noSshKeyFix: m.noSshKeyFix,
  noPgpKeyFix: m.noPgpKeyFix('a@x.org'),
  unsupportedFormatFix: m.unsupportedFormatFix,
  keyCommandOnlyFix: m.keyCommandOnlyFix,
  signingKeyMissingFix: m.signingKeyMissingFix,
  signingKeyUnreadableFix: m.signingKeyUnreadableFix('~/.ssh/id'),
  programMissingFix: m.programMissingFix('ssh-keygen'),
  signersMissingFix: m.signersMissingFix('.designgate/allowed_signers'),
  registerSshKeyFix: m.registerSshKeyFix(0, 'ssh-ed25519 AAAA', '.designrc.json'),
  registerPgpKeyFix: m.registerPgpKeyFix(0, 'ABCD', '.designrc.json'),
  completionUsageFix: m.completionUsageFix,
};

const layout = ['title', 'statusWord', 'fixLabel', 'allOk', 'warningsOnly', 'failed'];

test('every sentence is sampled here', () => {
  assert.deepEqual(Object.keys(m).sort(), [...Object.keys(findings), ...Object.keys(fixes), ...layout].sort());
});

test('findings are one line; none ends with a full stop', () => {
  for (const [key, text] of Object.entries(findings)) {
    assert.ok(!text.includes('\n'), key);
    assert.ok(!text.endsWith('.'), key);
  }
});

test('every fix names a command or the file to edit', () => {
  for (const [key, text] of Object.entries(fixes)) assert.match(text, /`[^`]+`|\.designrc\.json|allowed_signers/, key);
});

test('the three fixes a newcomer meets first', () => {
  assert.match(m.hooksFix, /`designgate init`/);
  assert.match(m.noSshKeyFix, /`ssh-keygen -t ed25519 -f ~\/\.ssh\/id_ed25519`.*`git config --global gpg\.format ssh`.*`git config --global user\.signingkey ~\/\.ssh\/id_ed25519\.pub`/);
  assert.match(m.registerSshKeyFix(2, 'ssh-ed25519 AAAA', '.designrc.json'), /^add "ssh-ed25519 AAAA" to approvers\[2\]\.keys in \.designrc\.json/);
  assert.match(m.programMissingFix('gpg'), /gpg\.program/);
  assert.match(m.programMissingFix('ssh-keygen'), /gpg\.ssh\.program/);
});

test('plurals and summaries', () => {
  assert.equal(m.hooksBroken(1), 'the git hooks are installed, but 1 thing is wrong with them');
  assert.equal(m.hooksBroken(3), 'the git hooks are installed, but 3 things are wrong with them');
  assert.equal(m.configOk('a', 1), 'a is valid (1 approver)');
  assert.equal(m.failed(1), 'doctor: 1 check failed; fix it as shown above\n');
  assert.equal(m.failed(2), 'doctor: 2 checks failed; fix them as shown above\n');
  assert.equal(m.warningsOnly(1), 'doctor: nothing is broken; 1 warning above\n');
});
