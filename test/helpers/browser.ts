/**
 * A headless Chromium for the page tests, from npm alone: `@sparticuz/chromium` ships a
 * Brotli-compressed Chromium inside its package (nothing is downloaded at install or run time) and
 * `playwright-core` drives it. The binary is unpacked into a private folder (it unpacks into
 * TMPDIR, and a copy of another version left in the shared /tmp would not match its libraries)
 * and removed again on close.
 */
import { rmSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';
import { makeTempDir } from './repo.js';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function openChromium(): Promise<TestBrowser> {
  const dir = makeTempDir('designgate-chromium-');
  const before = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  let executablePath: string;
  try {
    executablePath = await chromium.executablePath();
  } finally {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
  }
  // The package's flags are for AWS Lambda; three of them are not wanted here: --single-process
  // makes closing one page take the browser down, and the page should meet the same security a
  // person's browser applies.
  const unwanted = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
  const args = chromium.args.filter((a) => !unwanted.has(a));
  const browser = await playwright.launch({ executablePath, args, headless: true });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
