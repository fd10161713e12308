// End-to-end tests of the designer's study features: a dataset uploaded as a zip and described as a table, and a
// block mapped over a collection (drawn as a stack, its elements a grid of cells). Debian's chromium, headless,
// driven by playwright-core, against a running server with the test blocks module (Split, FlakyOn, Total).
// Usage: node src/test/e2e/datasets.e2e.mjs <baseUrl> <screenshotDir> [workDir]
// The BIDS zip (two subjects, a tiny BrainVision recording each) is written into workDir. Exits 0 when every
// scenario passes; prints each scenario's result.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../main/frontend/package.json'));
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const shots = process.argv[3] || join(here, '../../../target/e2e-screenshots');
const work = process.argv[4] || join(here, '../../../target/e2e-datasets');
const only = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',')) : null;
mkdirSync(shots, { recursive: true });
mkdirSync(work, { recursive: true });

const consoleErrors = [];
const results = [];
const stamp = Date.now().toString(36);
const user = { email: `e2e-ds-${stamp}@example.org`, username: `e2eds${stamp}`, password: 'correct horse 1' };
let failedJob = null;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, name, { toasts = true } = {}) {
  if (!toasts) await page.evaluate(() => document.querySelectorAll('.toast').forEach((t) => t.remove()));
  await page.screenshot({ path: join(shots, name + '.png') });
}

// ---------- a BIDS dataset as a zip ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries: local headers, the central directory and its end record. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x21, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x21, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A tiny BrainVision recording: 2 channels (Fz, Cz), 100 Hz, 2 s of a sine and a cosine, two markers. */
function brainVision(base) {
  const header = ['Brain Vision Data Exchange Header File Version 1.0', '; made by datasets.e2e.mjs', '',
    '[Common Infos]', 'Codepage=UTF-8', `DataFile=${base}.eeg`, `MarkerFile=${base}.vmrk`, 'DataFormat=BINARY',
    'DataOrientation=MULTIPLEXED', 'NumberOfChannels=2', 'SamplingInterval=10000', '',
    '[Binary Infos]', 'BinaryFormat=INT_16', '',
    '[Channel Infos]', 'Ch1=Fz,,0.1,µV', 'Ch2=Cz,,0.1,µV', ''].join('\r\n');
  const markers = ['Brain Vision Data Exchange Marker File, Version 1.0', '', '[Common Infos]', 'Codepage=UTF-8',
    `DataFile=${base}.eeg`, '', '[Marker Infos]', 'Mk1=New Segment,,1,1,0', 'Mk2=Stimulus,S  1,50,1,0',
    'Mk3=Stimulus,S  2,120,1,0', ''].join('\r\n');
  const samples = 200;
  const data = Buffer.alloc(samples * 2 * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(500 * Math.sin(2 * Math.PI * 10 * i / 100)), i * 4);
    data.writeInt16LE(Math.round(300 * Math.cos(2 * Math.PI * 6 * i / 100)), i * 4 + 2);
  }
  return [[base + '.vhdr', header], [base + '.vmrk', markers], [base + '.eeg', data]];
}

function bidsZip() {
  const entries = [['dataset_description.json', JSON.stringify({ Name: 'e2e study', BIDSVersion: '1.8.0' }, null, 2)],
    ['participants.tsv', 'participant_id\tage\nsub-01\t30\nsub-02\t31\n']];
  for (const subject of ['01', '02']) {
    const stem = `sub-${subject}_task-rest_eeg`;
    for (const [name, content] of brainVision(stem)) entries.push([`sub-${subject}/eeg/${name}`, content]);
  }
  // sub-02's Cz is bad: the table shows it
  entries.push(['sub-02/eeg/sub-02_task-rest_channels.tsv', 'name\ttype\tunits\tstatus\nFz\tEEG\tµV\tgood\nCz\tEEG\tµV\tbad\n']);
  const file = join(work, 'e2e-bids.zip');
  writeFileSync(file, zip(entries));
  return file;
}

// ---------- the canvas ----------

async function dragBlock(page, type, x, y) {
  const before = await page.locator('.drawflow-node').count();
  await page.getByTestId('palette-' + type).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  await page.waitForFunction((n) => document.querySelectorAll('.drawflow-node').length > n, before);
  return Number(await page.locator('.drawflow-node').last().getAttribute('data-block-id'));
}

async function connect(page, fromId, output, toId, input) {
  const a = await page.locator(`#node-${fromId} .outputs [data-port="${output}"]`).boundingBox();
  const b = await page.locator(`#node-${toId} .inputs [data-port="${input}"]`).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function select(page, id) {
  await page.locator(`#node-${id} .blk-head`).click();
  await page.getByTestId('panel-props').locator('h3').filter({ hasText: '#' + id }).waitFor();
}

async function setProp(page, id, name, value) {
  await page.getByTestId('side-tab-props').click();
  await select(page, id);
  await page.getByTestId('panel-props').getByTestId('prop-' + name).fill(value);
}

async function waitJob(page, status, timeout = 60000) {
  await page.waitForFunction((s) => document.querySelector('[data-testid=job-status]')?.dataset.status === s, status, { timeout });
}

/** The cells of a block's element grid: key -> state (done, reused, failed, running). */
async function cells(page, id) {
  return page.locator(`#node-${id} [data-testid=element-cell]`).evaluateAll((all) => Object.fromEntries(all.map((c) => [c.dataset.key, c.dataset.state])));
}

async function waitCells(page, id, expected) {
  await page.waitForFunction(([node, want]) => {
    const got = Object.fromEntries([...document.querySelectorAll(`#node-${node} [data-testid=element-cell]`)].map((c) => [c.dataset.key, c.dataset.state]));
    return JSON.stringify(got) === JSON.stringify(want);
  }, [id, expected], { timeout: 30000 }).catch(async () => {
    throw new Error(`cells of block ${id}: ${JSON.stringify(await cells(page, id))}, expected ${JSON.stringify(expected)}`);
  });
}

async function openCell(page, id, key) {
  await page.locator(`#node-${id} [data-testid=element-cell][data-key="${key}"]`).click();
  const dialog = page.getByTestId('element-dialog');
  await dialog.getByTestId('element-title').filter({ hasText: 'element ' + key }).waitFor();
  return dialog;
}

const scenarios = [
  ['register and log in', async (page) => {
    await page.goto(base);
    await page.getByTestId('tab-register').click();
    await page.getByTestId('register-email').fill(user.email);
    await page.getByTestId('register-username').fill(user.username);
    await page.getByTestId('register-password').fill(user.password);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('user-name').filter({ hasText: user.username }).waitFor();
    await page.getByTestId('palette-Constant').waitFor();
  }],

  ['upload a BIDS dataset as a zip with a progress bar, see it as a table', async (page) => {
    await page.getByTestId('side-tab-datasets').click();
    await page.getByTestId('dataset-zip').setInputFiles(bidsZip());
    await page.getByTestId('dataset-upload-folder').fill('studies/e2e');
    await page.getByTestId('dataset-upload').click();
    await page.locator('[data-testid=dataset-progress][data-done=true]').waitFor();
    check(await page.locator('#dataset-progress-bar').evaluate((b) => b.value) === 1, 'the progress bar is full');
    check(/Unpacked \d+ files into studies\/e2e/.test(await page.getByTestId('dataset-progress-text').textContent()), 'the files were unpacked');
    await page.getByTestId('dataset-table').waitFor();
    check(await page.getByTestId('dataset-folder').inputValue() === 'studies/e2e', 'the uploaded folder is picked');
    const summary = await page.getByTestId('dataset-summary').textContent();
    check(summary.includes('BIDS') && summary.includes('2 recordings') && summary.includes('2 subjects'), 'summary: ' + summary);
    const rows = await page.getByTestId('dataset-row').evaluateAll((all) => all.map((r) => [...r.cells].map((c) => c.textContent)));
    check(rows.length === 2, 'two recordings: ' + JSON.stringify(rows));
    check(rows[0][0] === '01' && rows[1][0] === '02', 'subjects 01 and 02: ' + JSON.stringify(rows));
    check(rows.every((r) => r[2] === 'rest' && r[5] === '2' && r[6] === '100' && r[7] === '2.0 s'), 'task, channels, rate, duration: ' + JSON.stringify(rows));
    check(rows[1][8] === 'Cz' && rows[0][8] === '—', 'sub-02 has Cz bad: ' + JSON.stringify(rows));
    const problems = await page.getByTestId('dataset-problem').allTextContents();
    console.log(`  ${problems.length} problem(s) listed${problems.length ? ': ' + problems.join(' | ') : ''}`);
    await shot(page, 'ds-01-dataset-table');
    // a folder of no dataset: described, with its problems or an empty table, never an error page
    await page.getByTestId('dataset-folder').selectOption('studies/e2e/sub-01/eeg');
    await page.getByTestId('dataset-summary').filter({ hasText: 'studies/e2e/sub-01/eeg' }).waitFor();
  }],

  ['the picked folder goes into a DatasetProvider block', async (page) => {
    const provider = page.getByTestId('palette-DatasetProvider');
    if (await provider.count() === 0) throw new Error('the palette has no DatasetProvider block');
    await page.getByTestId('side-tab-props').click();
    const id = await dragBlock(page, 'DatasetProvider', 80, 80);
    await select(page, id);
    await page.getByTestId('side-tab-datasets').click();
    await page.getByTestId('dataset-folder').selectOption('studies/e2e');
    await page.getByTestId('dataset-use').and(page.locator(':enabled')).click();
    await page.getByTestId('side-tab-props').click();
    check(await page.getByTestId('prop-Dataset Folder').inputValue() === 'studies/e2e', 'the block reads studies/e2e');
    await page.getByTestId('clear').click();
  }],

  ['map over: Split -> FlakyOn -> Total drawn as a stack, one failed cell, the others done; open a cell', async (page) => {
    await page.getByTestId('side-tab-props').click();
    if (await page.getByTestId('palette-Split').count() === 0) throw new Error('the server has no test blocks module');
    await page.getByTestId('clear').click();
    const split = await dragBlock(page, 'Split', 40, 80);
    const flaky = await dragBlock(page, 'FlakyOn', 320, 80);
    const total = await dragBlock(page, 'Total', 600, 80);
    await setProp(page, flaky, 'fail on', '2');
    await connect(page, split, 'numbers', flaky, 'in');
    check(await page.locator(`#node-${flaky}.mapped`).count() === 1, 'FlakyOn is drawn as a stack before the run');
    await connect(page, flaky, 'out', total, 'values');
    check(await page.locator(`#node-${total}.mapped`).count() === 0, 'Total gathers: not a stack');
    check(await page.locator(`#node-${split}.mapped`).count() === 0, 'Split makes the collection: not a stack');
    check(await page.locator(`#node-${split} .port-label.collection`).count() === 1, "Split's output is marked a collection");
    await page.getByTestId('run').click();
    await waitJob(page, 'FAILED');
    failedJob = /Job (\d+)/.exec(await page.getByTestId('job-status').textContent())[1];
    await waitCells(page, flaky, { a: 'done', b: 'failed', c: 'done' });
    check((await page.locator(`#node-${flaky} [data-testid=block-count]`).textContent()) === '×3', 'the stack counts 3 elements');
    check((await page.locator(`#node-${flaky} [data-testid=block-text]`).textContent()).includes('2 of 3 elements completed'), 'the summary is the output');
    check((await page.locator(`#node-${total} [data-testid=block-status]`).textContent()) === 'failed', 'Total did not run');
    await shot(page, 'ds-02-map-over-failed', { toasts: false });
    let dialog = await openCell(page, flaky, 'a');
    await dialog.getByTestId('element-output').filter({ hasText: 'doubled 1.0' }).waitFor();
    check((await dialog.getByTestId('element-stdout').textContent()).includes('ran for 1.0'), 'the element log');
    check((await dialog.getByTestId('element-state').textContent()) === 'done', 'a is done');
    await shot(page, 'ds-03-element-output');
    await dialog.getByTestId('element-close').click();
    dialog = await openCell(page, flaky, 'b');
    await dialog.getByTestId('element-stderr').filter({ hasText: 'failing on purpose' }).waitFor();
    await dialog.getByTestId('element-close').click();
  }],

  ['restart: the failed element runs again, the others are reused', async (page) => {
    await page.getByTestId('side-tab-jobs').click();
    await page.getByTestId('job-row-' + failedJob).getByTestId('job-restart').click();
    await waitJob(page, 'COMPLETED');
    const flaky = Number(await page.locator('.drawflow-node[data-block-type=FlakyOn]').getAttribute('data-block-id'));
    const total = Number(await page.locator('.drawflow-node[data-block-type=Total]').getAttribute('data-block-id'));
    check(await page.locator(`#node-${flaky}.mapped`).count() === 1, 'the opened job draws FlakyOn as a stack');
    await waitCells(page, flaky, { a: 'reused', b: 'done', c: 'reused' });
    await page.locator(`#node-${total} [data-testid=block-text]`).filter({ hasText: 'total of 3: 12.0' }).waitFor();
    const dialog = await openCell(page, flaky, 'c');
    check((await dialog.getByTestId('element-state').textContent()) === 'reused', 'c was reused');
    await dialog.getByTestId('element-output').filter({ hasText: 'doubled 3.0' }).waitFor();
    await shot(page, 'ds-04-map-over-restarted');
    await dialog.getByTestId('element-close').click();
    await page.getByTestId('side-tab-props').click();
  }],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, acceptDownloads: true });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push('page error: ' + e.message));
  page.on('dialog', (d) => d.accept());
  for (const [name, scenario] of scenarios) {
    if (only && ![...only].some((o) => name.includes(o))) continue;
    const started = Date.now();
    try {
      await scenario(page);
      results.push(['PASS', name]);
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      results.push(['FAIL', name]);
      console.log(`FAIL ${name}: ${e.stack || e}`);
      await shot(page, 'ds-failure-' + results.length).catch(() => {});
    }
  }
  const real = consoleErrors.filter((t) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(t));
  if (real.length) {
    failed++;
    console.log('FAIL no console errors: ' + real.join(' | '));
  } else {
    console.log('PASS no console errors');
  }
} finally {
  await browser.close();
}
console.log(`${results.length - results.filter((r) => r[0] === 'FAIL').length}/${results.length} scenarios passed; screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
