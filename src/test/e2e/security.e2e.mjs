// The web page's side of the security suite: whatever a server string holds (a file name, a block's error, a block's
// text output) is shown as text, never run or parsed as markup; the page carries its security headers, and its
// Content-Security-Policy blocks inline scripts. Needs the test blocks module (Echo) deployed.
// Usage: node src/test/e2e/security.e2e.mjs <baseUrl> <screenshotDir> <serverDataDir>
// (the server's eegwf.data.dir: a file with a hostile name is placed straight into the user's folder, since uploads
// refuse such names). Exits 0 when every check passes.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../main/frontend/package.json'));
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const shots = process.argv[3] || join(here, '../../../target/e2e-screenshots');
const serverData = process.argv[4];
mkdirSync(shots, { recursive: true });

const stamp = Date.now().toString(36);
const user = { email: `sec-e2e-${stamp}@example.org`, username: `sec${stamp}`, password: 'correct horse 2' };
const hostileFile = '<img src=x onerror="window.__xss=1">.csv';
const scriptError = '<script>window.__xss=2</script><b>bold</b> failed';
const markupOutput = '<img src=x onerror="window.__xss=3"><i>italic</i> output';
const dialogs = [];
const results = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function noInjection(page, where) {
  check(await page.evaluate(() => window.__xss === undefined), `${where}: an injected script ran`);
  check(dialogs.length === 0, `${where}: a dialog opened: ${dialogs.join(' | ')}`);
  const injected = await page.evaluate(() => document.querySelectorAll('body img:not([data-testid=block-graph]):not(#image-full), body script, .toast b, .toast i, .drawflow-node b, .drawflow-node i, #files-list img').length);
  check(injected === 0, `${where}: ${injected} element(s) made of server text`);
}

const scenarios = [
  ['security headers on the page', async (page) => {
    const response = await page.goto(base);
    const headers = response.headers();
    const csp = headers['content-security-policy'] || '';
    check(/script-src 'self'(;|$)/.test(csp), 'CSP allows only the page\'s own scripts: ' + csp);
    check(!csp.includes('unsafe-inline\'; img') || !/script-src[^;]*unsafe-inline/.test(csp), 'no inline scripts: ' + csp);
    check(csp.includes("frame-ancestors 'none'") || headers['x-frame-options'] === 'DENY', 'no framing');
    check(headers['x-content-type-options'] === 'nosniff', 'nosniff');
    // the policy is in force: an inline script placed in the page does not run
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    check(await page.evaluate(() => window.__inline === undefined), 'an inline script ran despite the CSP');
    await page.evaluate(() => document.querySelectorAll('body > script:not([src])').forEach((s) => s.remove()));
  }],

  ['register', async (page) => {
    await page.getByTestId('tab-register').click();
    await page.getByTestId('register-email').fill(user.email);
    await page.getByTestId('register-username').fill(user.username);
    await page.getByTestId('register-password').fill(user.password);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('user-name').filter({ hasText: user.username }).waitFor();
    await page.getByTestId('palette-Echo').waitFor();
  }],

  ['a file name with markup is listed as text', async (page) => {
    check(serverData, 'no server data folder given');
    const me = await page.evaluate(() => fetch('/api/users/details').then((r) => r.json()));
    const folder = join(serverData, 'files', String(me.id));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, hostileFile), 'a,b\n1,2\n');
    await page.getByTestId('side-tab-files').click();
    await page.getByTestId('files-refresh').click();
    await page.getByTestId('file-path').filter({ hasText: hostileFile }).waitFor();
    await noInjection(page, 'files list');
    await page.screenshot({ path: join(shots, 'security-01-file-name.png') });
  }],

  ['an upload with a markup name is refused and the refusal shown as text', async (page) => {
    await page.getByTestId('files-input').setInputFiles({ name: '<b>x</b><img src=y onerror="window.__xss=4">.csv', mimeType: 'text/csv', buffer: Buffer.from('a\n1\n') });
    await page.getByTestId('files-upload').click();
    await page.locator('.toast').filter({ hasText: '<img src=y' }).first().waitFor();
    await noInjection(page, 'upload refusal');
    await page.screenshot({ path: join(shots, 'security-02-upload-refused.png') });
  }],

  ['a block error with a script and a text output with markup are shown as text', async (page) => {
    const workflow = { blocks: [
      { id: 1, x: 0, y: 0, type: 'Echo', module: 'TestBlocks.jar:TestBlocks', values: { text: scriptError, fail: 'true' } },
      { id: 2, x: 0, y: 220, type: 'Echo', module: 'TestBlocks.jar:TestBlocks', values: { text: markupOutput, fail: 'false' } }],
    edges: [] };
    await page.getByTestId('import').click();
    await page.getByTestId('import-text').fill(JSON.stringify(workflow));
    await page.getByTestId('import-ok').click();
    await page.waitForFunction(() => document.querySelectorAll('.drawflow-node').length === 2);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=job-status]')?.dataset.status === 'FAILED', null, { timeout: 60000 });
    await page.locator('[data-testid=block-error]').filter({ hasText: '<script>window.__xss=2</script>' }).waitFor();
    await page.locator('[data-testid=block-text]').filter({ hasText: '<img src=x onerror=' }).waitFor();
    await noInjection(page, 'block error and output');
    await page.screenshot({ path: join(shots, 'security-03-block-markup.png') });
  }],

  ['the same job reopened from the history after a reload', async (page) => {
    await page.reload();
    await page.getByTestId('palette-Echo').waitFor();
    await page.getByTestId('side-tab-jobs').click();
    await page.getByTestId('jobs-list').locator('tr[data-status=FAILED]').first().getByTestId('job-open').click();
    await page.locator('[data-testid=block-error]').filter({ hasText: '<script>window.__xss=2</script>' }).waitFor();
    await page.locator('[data-testid=block-text]').filter({ hasText: '<img src=x onerror=' }).waitFor();
    await noInjection(page, 'job history');
  }],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 } });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  for (const [name, scenario] of scenarios) {
    const started = Date.now();
    try {
      await scenario(page);
      results.push(['PASS', name]);
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      results.push(['FAIL', name]);
      console.log(`FAIL ${name}: ${e.stack || e}`);
      await page.screenshot({ path: join(shots, 'security-failure-' + results.length + '.png') }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
console.log(`${results.length - failed}/${results.length} security scenarios passed; screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
