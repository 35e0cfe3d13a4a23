import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkRules, isLoopbackUrl, type WrittenConfig } from '../../../core/config/rules.js';
import { defaultComponentTypes } from '../../../core/config/component-types.js';
import type { Approver, ComponentRule, DesignConfig } from '../../../core/config/types.js';

const rule = (dir: string, design = `docs/design/${dir}/{path}.md`): ComponentRule => ({ code: `${dir}/{path}.ts`, design, test: `test/${dir}/{path}.test.ts` });

function config(over: Partial<DesignConfig> = {}): DesignConfig {
  return {
    root: '/r',
    file: '/r/.designrc.json',
    components: [rule('src')],
    ignore: [],
    types: structuredClone(defaultComponentTypes),
    defaultType: 'module',
    approvers: [],
    requiredApprovals: 1,
    signedApprovals: true,
    allowSelfApproval: false,
    gates: { approval: 'error', completeness: 'error', architecture: 'warn', alignment: 'warn' },
    ...over,
  };
}

const lines = (c: DesignConfig, w: WrittenConfig) => checkRules(c, w).map((i) => `${i.at}${i.onKey ? ' (key)' : ''} [${i.path}]: ${i.message}`);
const approver = (name: string, email: string, keys: string[] = []): Approver => ({ name, email, keys, paths: ['**'] });

describe('checkRules', () => {
  test('a valid config has no issues', () => {
    assert.deepEqual(lines(config(), { components: [{}] }), []);
    assert.deepEqual(lines(config(), { preset: 'typescript' }), []);
  });

  test('neither components nor a preset', () => {
    assert.deepEqual(lines(config({ components: [] }), {}), [
      ' []: needs "components" (rules mapping code to design and test) or a "preset" (typescript, elixir-phoenix, python, go)',
    ]);
  });

  test('a rule type or defaultType that names no type', () => {
    const c = config({ components: [rule('src'), { ...rule('bin'), type: 'repo' }] });
    assert.deepEqual(lines(c, { components: [{}, { type: 'repo' }], defaultType: 'widget' }), [
      "/components/1/type [/components/1/type]: unknown type 'repo' (known: cli, context, module, schema, service, ui)",
      "/defaultType [/defaultType]: unknown type 'widget' (known: cli, context, module, schema, service, ui)",
    ]);
  });

  test('guidance for a section the type does not have is reported at its key', () => {
    const c = config();
    c.types['service'] = { sections: ['Purpose'], guidance: { Purpose: 'x' } };
    assert.deepEqual(lines(c, { components: [{}], types: { service: { guidance: { Purpose: 'x', Errors: 'y' } } } }), [
      "/types/service/guidance/Errors (key) [/types/service/guidance]: guidance for 'Errors', which is not one of its sections (Purpose)",
    ]);
  });

  test('approver emails are unique, ignoring case', () => {
    const c = config({ approvers: [approver('A', 'a@x.io'), approver('B', 'b@x.io'), approver('C', 'A@X.io')] });
    assert.deepEqual(lines(c, { components: [{}] }), ["/approvers/2/email [/approvers/2/email]: 'A@X.io' is already the email of approvers[0]"]);
  });

  test('a key belongs to one approver: the comment does not make it another key', () => {
    const c = config({
      approvers: [approver('A', 'a@x.io', ['ssh-ed25519 AAAAkey a@laptop', 'ssh-ed25519 AAAAother']), approver('B', 'b@x.io', ['ssh-ed25519  AAAAkey b@desk'])],
    });
    assert.deepEqual(lines(c, { components: [{}] }), [
      '/approvers/1/keys/0 [/approvers/1/keys/0]: this key is already registered to approvers[0] (A); each key belongs to one person',
    ]);
    const twice = config({ approvers: [approver('A', 'a@x.io', ['ssh-rsa AAAAk one', 'ssh-rsa AAAAk two'])] });
    assert.deepEqual(lines(twice, { components: [{}] }), ['/approvers/0/keys/1 [/approvers/0/keys/1]: this key is listed twice']);
  });

  test('armored OpenPGP keys are compared by their body, not headers or line endings', () => {
    const a = '-----BEGIN PGP PUBLIC KEY BLOCK-----\nComment: laptop\n\nxjMEZabc\ndefg\n=AbCd\n-----END PGP PUBLIC KEY BLOCK-----';
    const b = '-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n\r\nxjMEZabc\r\ndefg\r\n=AbCd\r\n-----END PGP PUBLIC KEY BLOCK-----\r\n';
    const c = config({ approvers: [approver('A', 'a@x.io', [a]), approver('B', 'b@x.io', [b])] });
    assert.equal(checkRules(c, { components: [{}] }).length, 1);
    const other = config({ approvers: [approver('A', 'a@x.io', [a]), approver('B', 'b@x.io', [a.replace('defg', 'hijk')])] });
    assert.equal(checkRules(other, { components: [{}] }).length, 0);
  });

  test('overlapping design or test templates are reported at the later rule', () => {
    const c = config({ components: [rule('src', 'docs/design/{path}.md'), rule('lib', 'docs/design/{path}.md')] });
    assert.deepEqual(lines(c, { components: [{}, {}] }), [
      '/components/1/design [/components/1/design]: overlaps components[0].design (both could be docs/design/x.md); give each rule its own design folder',
    ]);
    const tests = config({ components: [{ code: 'src/{path}.ts', design: 'docs/design/src/{path}.md', test: 'test/{path}.test.ts' }, rule('lib')] });
    assert.deepEqual(lines(tests, { components: [{}, {}] }), [
      '/components/1/test [/components/1/test]: overlaps components[0].test (both could be test/lib/x.test.ts); give each rule its own test folder',
    ]);
  });

  test('a more specific rule listed first is not an overlap; listed last it is', () => {
    const specific = { code: 'lib/app_web/{path}.ex', design: 'docs/design/app_web/{path}.md', test: 'test/app_web/{path}_test.exs' };
    const general = { code: 'lib/app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/app/{path}_test.exs' };
    assert.deepEqual(lines(config({ components: [specific, general] }), { components: [{}, {}] }), []);
    assert.equal(lines(config({ components: [general, specific] }), { components: [{}, {}] }).length, 1);
  });

  test("overlaps in a preset's rules are reported at preset", () => {
    const c = config({ components: [rule('src', 'docs/design/{path}.md'), rule('lib', 'docs/design/{path}.md')] });
    assert.deepEqual(lines(c, { preset: 'typescript' }), [
      '/preset [/preset]: the preset\'s rules 0 and 1 overlap in design (both could be docs/design/x.md); list "components" yourself',
    ]);
  });

  test('a model host off this machine needs allowRemoteHost', () => {
    const issue = '/generator/host [/generator/host]: http://192.168.1.5:11434 is not on this machine, and designs would be sent there; set "allowRemoteHost": true to allow it';
    assert.deepEqual(lines(config(), { components: [{}], generator: { host: 'http://192.168.1.5:11434' } }), [issue]);
    assert.deepEqual(lines(config(), { components: [{}], generator: { host: 'http://192.168.1.5:11434', allowRemoteHost: true } }), []);
    assert.deepEqual(lines(config(), { components: [{}], generator: {} }), []);
  });
});

describe('isLoopbackUrl', () => {
  test('this machine', () => {
    for (const url of ['http://127.0.0.1:11434', 'http://localhost:11434', 'http://127.1.2.3', 'http://[::1]:11434/', 'https://LOCALHOST', 'http://0.0.0.0:11434']) {
      assert.equal(isLoopbackUrl(url), true, url);
    }
  });
  test('anything else, including look-alikes', () => {
    for (const url of ['http://10.0.0.1', 'https://ollama.example.com', 'http://127.0.0.1.evil.com', 'http://localhost.evil.com', 'http://x@evil.com', 'not a url', 'http://[::2]']) {
      assert.equal(isLoopbackUrl(url), false, url);
    }
  });
});
