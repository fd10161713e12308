import { api, upload, form, filePath, setUnauthorizedHandler, ApiError } from './api.js';
import { el, clear, toast, formatTime, formatShortTime, formatDuration, formatSize } from './dom.js';
import { Graph, SEED_EXAMPLE, outputNodes } from './graph.js';
import './style.css'; // after Drawflow's own CSS, which it overrides

const $ = (id) => document.getElementById(id);
const state = { user: null, palette: [], files: [], job: null, source: null, selected: null, final: new Set() };
// whether a job has ended is the server's to say (JobStatus.isFinal): its list is read at start-up, and each job
// event of the stream carries it as 'final'
const isFinal = (status) => state.final.has(status);

async function loadStatuses() {
  const statuses = await api('GET', 'workflow/jobs/statuses');
  state.final = new Set(statuses.final);
}

// ---------- accounts ----------

const SESSION_HINT = 'eegwf.session'; // not the token (an HttpOnly cookie): only whether to try it at start-up

function showAuth(message = '', kind = '') {
  stopFollowing();
  state.user = null;
  localStorage.removeItem(SESSION_HINT);
  $('app-view').hidden = true;
  $('auth-view').hidden = false;
  const box = $('auth-message');
  box.textContent = message;
  box.className = 'message ' + kind;
}

function switchAuthTab(name) {
  document.querySelectorAll('[data-auth-tab]').forEach((b) => b.classList.toggle('active', b.dataset.authTab === name));
  $('login-form').hidden = name !== 'login';
  $('register-form').hidden = name !== 'register';
}

async function login(email, password) {
  await api('POST', 'users/login', form({ email, password }));
  await enterApp();
}

async function enterApp() {
  state.user = await api('GET', 'users/details');
  localStorage.setItem(SESSION_HINT, '1');
  $('user-name').textContent = state.user.username;
  $('auth-view').hidden = true;
  $('app-view').hidden = false;
  await Promise.all([loadPalette(), loadStatuses()]);
  loadFiles().catch(() => {});
  loadJobs().catch(() => {});
  renderProps();
}

function setupAuth() {
  document.querySelectorAll('[data-auth-tab]').forEach((b) => b.addEventListener('click', () => switchAuthTab(b.dataset.authTab)));
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      await login(f.get('email'), f.get('password'));
      e.target.reset();
    } catch (err) {
      showAuth(err.message, 'error');
    }
  });
  $('register-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      await api('POST', 'users/register', form({ email: f.get('email'), username: f.get('username'), password: f.get('password') }));
      await login(f.get('email'), f.get('password'));
      e.target.reset();
      switchAuthTab('login');
    } catch (err) {
      showAuth(err.message, 'error');
    }
  });
  $('logout').addEventListener('click', async () => {
    try {
      await api('POST', 'users/logout');
    } catch { /* the session may already be gone */ }
    graph.clearAll();
    showAuth('You are logged out.', 'ok');
  });
  $('change-password').addEventListener('click', () => {
    $('password-form').reset();
    $('password-dialog').showModal();
  });
  $('password-dialog').addEventListener('close', async () => {
    if ($('password-dialog').returnValue !== 'ok') return;
    const f = new FormData($('password-form'));
    try {
      await api('POST', 'users/reset', form({ currentPassword: f.get('currentPassword'), newPassword: f.get('newPassword') }));
      graph.clearAll();
      showAuth('Password changed. Log in with the new password.', 'ok');
    } catch (err) {
      toast('Password not changed: ' + err.message, 'error');
    }
  });
  setUnauthorizedHandler(() => {
    if (state.user) showAuth('Your session has ended: please log in again.', 'error');
  });
}

// ---------- palette ----------

async function loadPalette() {
  state.palette = await api('GET', 'workflow/initialize');
  graph.setPalette(state.palette);
  renderPalette();
}

function renderPalette() {
  const filter = $('palette-filter').value.trim().toLowerCase();
  const list = clear($('palette-list'));
  const modules = new Map();
  for (const type of state.palette) {
    if (filter && !(type.name + ' ' + type.family + ' ' + (type.description || '')).toLowerCase().includes(filter)) continue;
    if (!modules.has(type.module)) modules.set(type.module, new Map());
    const families = modules.get(type.module);
    if (!families.has(type.family)) families.set(type.family, []);
    families.get(type.family).push(type);
  }
  for (const [module, families] of modules) {
    const group = el('details', { class: 'module', open: true, testid: 'palette-module' }, el('summary', { text: module.split(':').pop(), title: module }));
    for (const [family, types] of families) {
      group.append(el('div', { class: 'family', text: family || 'Other' }));
      for (const type of types) {
        const io = type.fields.filter((f) => f.attrs !== 'editable')
          .map((f) => (f.attrs === 'input' ? '▸ ' : '◂ ') + f.name + ' ' + f.type + (f.collection ? ' ⋯' : '')).join('  ');
        const item = el('div', { class: 'palette-block', draggable: 'true', testid: 'palette-' + type.name, title: type.description || '' },
          el('div', { class: 'pb-name', text: type.name }),
          type.description ? el('div', { class: 'pb-desc', text: type.description }) : null,
          io ? el('div', { class: 'pb-io', text: io }) : null);
        item.addEventListener('dragstart', (e) => {
          e.dataTransfer.setData('application/x-eeg-block', type.module + '|' + type.name);
          e.dataTransfer.effectAllowed = 'copy';
        });
        item.addEventListener('dblclick', () => {
          const rect = $('drawflow').getBoundingClientRect();
          const p = graph.toCanvas(rect.x + rect.width / 3 + Math.random() * 80, rect.y + rect.height / 3 + Math.random() * 80);
          graph.addBlock(type, p.x, p.y);
        });
        group.append(item);
      }
    }
    list.append(group);
  }
  if (!modules.size) list.append(el('p', { class: 'muted', text: 'No block matches.' }));
}

function setupCanvasDrop() {
  const canvas = $('drawflow');
  canvas.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  canvas.addEventListener('drop', (e) => {
    e.preventDefault();
    const key = e.dataTransfer.getData('application/x-eeg-block');
    const type = key && graph.palette.get(key);
    if (!type) return;
    const p = graph.toCanvas(e.clientX, e.clientY);
    graph.addBlock(type, p.x, p.y);
  });
}

// ---------- properties ----------

function listValue(value) {
  const text = String(value ?? '').trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch { /* plain text */ }
  }
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function listText(items) {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  return clean.some((s) => s.includes(',')) ? JSON.stringify(clean) : clean.join(', ');
}

function fileSelect(value, onChange, testid) {
  const select = el('select', { testid });
  select.append(el('option', { value: '', text: '— choose a data file —' }));
  const paths = state.files.map((f) => f.path);
  // the folders the files are in, too: a FILE property may name a folder (DatasetProvider's Dataset Folder)
  const folders = [...new Set(paths.flatMap((p) => {
    const parts = p.split('/');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
  }))].sort();
  if (value && !paths.includes(value) && !folders.includes(value)) paths.unshift(value);
  for (const path of paths) select.append(el('option', { value: path, text: path, selected: path === value }));
  if (folders.length) {
    const group = el('optgroup', { label: 'Folders' });
    for (const folder of folders) group.append(el('option', { value: folder, text: folder + '/', selected: folder === value }));
    select.append(group);
  }
  select.value = value || '';
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

function widget(prop, value, set) {
  const testid = 'prop-' + prop.name;
  const type = prop.type || 'STRING';
  if (Array.isArray(prop.choices) && prop.choices.length) {
    const select = el('select', { testid });
    for (const c of prop.choices) select.append(el('option', { value: c, text: c }));
    if (value && !prop.choices.includes(value)) select.append(el('option', { value, text: value }));
    select.value = value;
    select.addEventListener('change', () => set(select.value));
    return select;
  }
  if (type === 'BOOLEAN') {
    const box = el('input', { type: 'checkbox', testid, checked: String(value).toLowerCase() === 'true' });
    box.addEventListener('change', () => set(box.checked ? 'true' : 'false'));
    return el('label', { class: 'check' }, box, ' yes');
  }
  if (type === 'FILE') {
    const wrap = el('div', { class: 'row' }, fileSelect(value, set, testid));
    wrap.append(el('button', { type: 'button', class: 'small', text: '↻', title: 'Reload my data files', onclick: async () => {
      await loadFiles();
      renderProps();
    } }));
    return wrap;
  }
  if (type.endsWith('[]')) {
    const items = listValue(value);
    const box = el('div', { class: 'list', testid });
    const update = () => set(listText([...box.querySelectorAll('.list-item')].map((i) => i.value)));
    const addItem = (text) => {
      const input = type === 'FILE[]'
        ? fileSelect(text, update, testid + '-item')
        : el('input', { value: text, testid: testid + '-item', oninput: update });
      input.classList.add('list-item');
      const row = el('div', { class: 'row' }, input, el('button', { type: 'button', class: 'small', text: '×', title: 'Remove', onclick: () => {
        row.remove();
        update();
      } }));
      box.insertBefore(row, addButton);
    };
    const addButton = el('button', { type: 'button', class: 'small', text: '+ add', testid: testid + '-add', onclick: () => addItem('') });
    box.append(addButton);
    items.forEach(addItem);
    return box;
  }
  if (type === 'NUMBER') {
    const input = el('input', { value: value ?? '', inputmode: 'decimal', testid, placeholder: 'a number' + (String(prop.defaultValue) === 'None' ? ' or None' : '') });
    const check = () => {
      const v = input.value.trim();
      const ok = v === '' || v === 'None' || /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v);
      input.classList.toggle('invalid', !ok);
      input.title = ok ? '' : 'not a number';
    };
    input.addEventListener('input', () => {
      check();
      set(input.value.trim());
    });
    check();
    return input;
  }
  const input = el('input', { value: value ?? '', testid });
  input.addEventListener('input', () => set(input.value));
  return input;
}

function renderProps() {
  const panel = clear($('side-props'));
  const id = state.selected;
  const block = id != null ? graph.blocks.get(id) : null;
  if (!block) {
    panel.append(el('p', { class: 'muted', text: 'Select a block on the canvas to edit its properties.' }),
      el('p', { class: 'muted small', text: 'Pan: drag the empty canvas. Zoom: the buttons above or Ctrl + mouse wheel. Delete: select a block or connection and press Delete.' }));
    return;
  }
  panel.append(el('h3', { text: block.spec.name + ' #' + id }),
    el('p', { class: 'muted small', text: block.spec.module }),
    block.spec.description ? el('p', { class: 'desc', text: block.spec.description }) : null);
  const ports = block.inputs.concat(block.outputs);
  if (ports.length) {
    panel.append(el('ul', { class: 'ports' }, ports.map((f) => el('li', { text: `${f.attrs === 'input' ? 'in' : 'out'} ${f.name}: ${f.type} (${f.card})${f.description ? ' — ' + f.description : ''}` }))));
  }
  if (!block.props.length) panel.append(el('p', { class: 'muted', text: 'This block has no properties.' }));
  for (const prop of block.props) {
    const set = (v) => {
      block.values[prop.name] = v;
      graph.renderSummary(id);
    };
    panel.append(el('div', { class: 'prop' },
      el('div', { class: 'prop-name' }, el('span', { text: prop.name }), el('span', { class: 'type', text: prop.type })),
      widget(prop, block.values[prop.name] ?? '', set),
      prop.description ? el('div', { class: 'muted small', text: prop.description }) : null));
  }
  panel.append(el('button', { type: 'button', class: 'danger', text: 'Delete block', testid: 'delete-block', onclick: () => graph.editor.removeNodeId('node-' + id) }));
}

// ---------- running and following jobs ----------

function openImage(url) {
  $('image-full').src = url;
  $('image-dialog').showModal();
}

function setJobStatus(jobId, status, extra = '') {
  $('stop').disabled = !(jobId != null && (status === 'RUNNING' || status === 'QUEUED'));
  const box = $('job-status');
  box.textContent = jobId == null ? '' : `Job ${jobId}: ${status}${extra ? ' — ' + extra : ''}`;
  box.dataset.status = status || '';
  box.className = 'job-status st-' + (status || '');
}

function stopFollowing() {
  if (state.source) {
    state.source.close();
    state.source = null;
  }
}

function follow(jobId, ids) {
  stopFollowing();
  const nodeOf = (blockId) => (ids ? ids.get(Number(blockId)) : Number(blockId));
  const source = new EventSource(`/api/workflow/jobs/${encodeURIComponent(jobId)}/events`);
  state.source = source;
  source.addEventListener('block', (e) => {
    const data = JSON.parse(e.data);
    // a block starts with the job's current attempt: elements of older attempts were reused
    if (data.status === 'RUNNING') graph.jobAttempts = Math.max(graph.jobAttempts, data.attempt || 0);
    graph.setResult(nodeOf(data.blockId), data, jobId, openImage);
  });
  source.addEventListener('element', (e) => {
    const data = JSON.parse(e.data);
    graph.setElement(nodeOf(data.blockId), data);
  });
  source.addEventListener('progress', (e) => {
    const data = JSON.parse(e.data);
    graph.setProgress(nodeOf(data.blockId), data.fraction);
  });
  source.addEventListener('job', (e) => {
    const data = JSON.parse(e.data);
    setJobStatus(jobId, data.status, data.error || '');
    if (data.final) {
      source.close();
      if (state.source === source) state.source = null;
      showDetails(jobId, ids).catch(() => {});
      loadJobs().catch(() => {});
    }
  });
  source.onerror = () => {
    // the stream ends with the job; if it broke early, read the job's state instead
    source.close();
    if (state.source === source) {
      state.source = null;
      showDetails(jobId, ids).then((d) => {
        if (d && !isFinal(d.status)) setTimeout(() => follow(jobId, ids), 1500);
      }).catch(() => {});
    }
  };
}

async function showDetails(jobId, ids) {
  const details = await api('GET', 'workflow/jobs/' + encodeURIComponent(jobId));
  graph.jobAttempts = details.attempts || 0;
  for (const b of details.executionStatus || []) {
    graph.setResult(ids ? ids.get(Number(b.id)) : Number(b.id), b, jobId, openImage);
  }
  setJobStatus(jobId, details.status, details.error || '');
  return details;
}

async function run() {
  const workflow = graph.toWorkflow();
  if (!workflow.blocks.length) {
    toast('The canvas is empty: drag blocks from the left first.', 'error');
    return;
  }
  stopFollowing();
  graph.resetRun();
  let reply;
  try {
    reply = await api('POST', 'workflow/schedule', form({ workflow: JSON.stringify(workflow) }));
  } catch (err) {
    const match = /\bblocks? (\d+)/.exec(err.message);
    let named = false;
    if (match) named = graph.markInvalid(Number(match[1]), err.message);
    setJobStatus(null);
    toast('Not run: ' + err.message, 'error', 15000);
    if (named) document.querySelector(`[data-block-id="${Number(match[1])}"]`)?.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  state.job = reply.job_id;
  for (const id of graph.blocks.keys()) graph.setResult(id, { status: 'WAITING' }, state.job, openImage);
  setJobStatus(state.job, 'QUEUED');
  follow(state.job, null);
  loadJobs().catch(() => {});
}

/**
 * One element of a mapped block: its status, attempt, times, output and streams. An element known only from the
 * event stream has no stdout or times yet: the job's details give them.
 */
async function openElement({ nodeId, blockId, element, jobId, attempt, state: cell, openImage: open }) {
  let shown = element;
  if (shown.stdout === undefined) {
    try {
      const details = await api('GET', 'workflow/jobs/' + encodeURIComponent(jobId));
      const block = (details.executionStatus || []).find((b) => Number(b.id) === Number(blockId));
      shown = block?.elements?.find((e) => e.key === element.key) || shown;
    } catch { /* show what the stream gave */ }
  }
  const block = graph.blocks.get(nodeId);
  $('element-title').textContent = `${block ? block.spec.name : 'Block'} #${nodeId}, element ${shown.key}`;
  const body = clear($('element-body'));
  const when = shown.startTime ? `${formatTime(shown.startTime)}${shown.endTime ? ', took ' + (formatDuration(shown.startTime, shown.endTime) || '—') : ''}` : '';
  body.append(el('p', {},
    el('span', { class: 'badge cell-' + cell, text: cell, testid: 'element-state' }),
    el('span', { class: 'muted small', text: ` ${shown.status}, attempt ${shown.attempt ?? '?'} of ${attempt}${cell === 'reused' ? ' (reused from an earlier attempt)' : ''}` }),
    when ? el('div', { class: 'muted small', text: when }) : null));
  const section = (title, ...nodes) => body.append(el('h4', { text: title }), ...nodes);
  if (shown.output) section('Output', el('div', { class: 'element-output', testid: 'element-output' }, outputNodes(shown.output, jobId, open)));
  if (shown.stdout) section('Log (stdout)', el('pre', { class: 'blk-text', text: shown.stdout, testid: 'element-stdout' }));
  if (shown.stderr) section('Error (stderr)', el('pre', { class: 'blk-error', text: shown.stderr, testid: 'element-stderr' }));
  if (!shown.output && !shown.stdout && !shown.stderr) body.append(el('p', { class: 'muted', text: 'No output yet.' }));
  if (!$('element-dialog').open) $('element-dialog').showModal();
}

// ---------- job history ----------

async function loadJobs() {
  const jobs = await api('GET', 'workflow/schedule');
  const body = clear($('jobs-list'));
  if (!jobs.length) body.append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: 'No jobs yet.' })));
  for (const job of jobs) {
    const action = (label, testid, fn, enabled = true) => el('button', { type: 'button', class: 'small', text: label, testid, disabled: !enabled, onclick: async () => {
      try {
        await fn();
      } catch (err) {
        toast(`Job ${job.id}: ${err.message}`, 'error');
      }
      loadJobs().catch(() => {});
    } });
    const running = !isFinal(job.status);
    const duration = formatDuration(job.startTime, job.endTime);
    body.append(el('tr', { testid: 'job-row-' + job.id, 'data-status': job.status, class: job.id === state.job ? 'current' : '' },
      el('td', { text: String(job.id) }),
      el('td', {}, el('span', { class: 'badge st-' + job.status, text: job.status, testid: 'job-row-status' })),
      el('td', { class: 'small', title: `started ${formatTime(job.startTime)}\nended ${formatTime(job.endTime) || '—'}` },
        el('div', { text: formatShortTime(job.startTime) || 'not started' }),
        el('div', { class: 'muted', text: job.endTime ? (duration ? 'took ' + duration : formatShortTime(job.endTime)) : 'running' })),
      el('td', { class: 'actions' },
        action('Open', 'job-open', () => openJob(job.id)),
        action('Stop', 'job-stop', () => api('POST', `workflow/jobs/${job.id}/stop`), running),
        action('Restart', 'job-restart', async () => {
          await api('POST', `workflow/jobs/${job.id}/restart`);
          await openJob(job.id);
        }, job.status === 'FAILED' || job.status === 'STOPPED'),
        action('Delete', 'job-delete', () => api('DELETE', `workflow/jobs/${job.id}`), !running))));
  }
}

async function openJob(jobId) {
  const details = await api('GET', 'workflow/jobs/' + encodeURIComponent(jobId));
  stopFollowing();
  const ids = graph.load(details.workflow);
  state.job = jobId;
  graph.jobAttempts = details.attempts || 0;
  for (const b of details.executionStatus || []) graph.setResult(ids.get(Number(b.id)), b, jobId, openImage);
  setJobStatus(jobId, details.status, details.error || '');
  if (!isFinal(details.status)) follow(jobId, ids);
}

// ---------- data files ----------

async function loadFiles() {
  state.files = await api('GET', 'files');
  state.files.sort((a, b) => a.path.localeCompare(b.path));
  const list = clear($('files-list'));
  if (!state.files.length) list.append(el('li', { class: 'muted', text: 'No data files yet.' }));
  for (const f of state.files) {
    list.append(el('li', { testid: 'file-row' },
      el('label', { class: 'check' }, el('input', { type: 'checkbox', value: f.path, testid: 'file-check' }), el('span', { text: f.path, testid: 'file-path' })),
      el('span', { class: 'muted small', text: formatSize(f.size) }),
      el('a', { href: '/api/files/' + filePath(f.path), download: f.path.split('/').pop(), text: '⤓', title: 'Download' })));
  }
}

function setupFiles() {
  $('files-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = e.target.elements.file;
    const data = new FormData();
    const folder = e.target.elements.folder.value.trim();
    if (folder) data.append('folder', folder);
    for (const file of input.files) data.append('file', file, file.name);
    try {
      const stored = await api('POST', 'files', data);
      toast(`Uploaded ${stored.length} file${stored.length === 1 ? '' : 's'}.`, 'ok');
      e.target.reset();
    } catch (err) {
      toast('Upload failed: ' + err.message, 'error');
    }
    await loadFiles();
    renderProps();
  });
  $('files-delete').addEventListener('click', async () => {
    const paths = [...document.querySelectorAll('#files-list input[type=checkbox]:checked')].map((c) => c.value);
    for (const path of paths) {
      try {
        await api('DELETE', 'files/' + filePath(path));
      } catch (err) {
        toast(`${path}: ${err.message}`, 'error');
      }
    }
    await loadFiles();
    renderProps();
  });
  $('files-refresh').addEventListener('click', () => loadFiles());
}

// ---------- datasets ----------

const DATASET_FOLDER = 'Dataset Folder'; // the property of the DatasetProvider block that names its folder

/** Every folder holding some of the caller's files, from the file list ("" is the top). */
function folders() {
  const all = new Set();
  for (const f of state.files) {
    const parts = f.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort();
}

function renderFolders() {
  const select = $('dataset-folder');
  const keep = state.datasetFolder ?? select.value;
  clear(select).append(el('option', { value: '', text: '(the top of my files)' }));
  for (const folder of folders()) select.append(el('option', { value: folder, text: folder }));
  select.value = folders().includes(keep) ? keep : '';
  updateDatasetUse();
}

/** The selected block, when it takes a dataset folder. */
function datasetBlock() {
  const block = state.selected != null ? graph.blocks.get(state.selected) : null;
  return block && block.props.some((p) => p.name === DATASET_FOLDER) ? block : null;
}

function updateDatasetUse() {
  const block = datasetBlock();
  $('dataset-use').disabled = !block;
  $('dataset-use').textContent = block ? `Use in ${block.spec.name} #${state.selected}` : 'Use in the selected block';
}

const cellText = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

async function describeDataset(folder) {
  state.datasetFolder = folder;
  const view = clear($('dataset-view'));
  view.append(el('p', { class: 'muted', text: 'Reading ' + (folder || 'the top of your files') + '…' }));
  let dataset;
  try {
    dataset = await api('GET', folder ? 'datasets/' + filePath(folder) : 'datasets');
  } catch (err) {
    clear(view).append(el('p', { class: 'message error', text: 'Not described: ' + err.message, testid: 'dataset-error' }));
    return;
  }
  const recordings = dataset.recordings || [];
  const problems = dataset.problems || [];
  const subjects = new Set(recordings.map((r) => r.subject).filter(Boolean));
  const sessions = new Set(recordings.map((r) => r.session).filter(Boolean));
  clear(view).append(el('p', { testid: 'dataset-summary' },
    el('b', { text: dataset.folder || '(top)' }),
    el('span', { text: ` — ${dataset.format}: ${recordings.length} recording${recordings.length === 1 ? '' : 's'}, ${subjects.size} subject${subjects.size === 1 ? '' : 's'}${sessions.size ? `, ${sessions.size} session${sessions.size === 1 ? '' : 's'}` : ''}, ${problems.length} problem${problems.length === 1 ? '' : 's'}` })));
  if (recordings.length) {
    const columns = ['Subject', 'Session', 'Task', 'Run', 'Format', 'Ch.', 'Rate (Hz)', 'Duration', 'Bad channels'];
    const body = el('tbody', { testid: 'dataset-rows' });
    for (const r of recordings) {
      const events = r.events && typeof r.events === 'object' ? Object.entries(r.events).map(([k, n]) => `${k}: ${n}`).join(', ') : '';
      const bad = Array.isArray(r.badChannels) ? r.badChannels.join(', ') : cellText(r.badChannels);
      body.append(el('tr', { testid: 'dataset-row', title: r.path + (events ? '\nevents: ' + events : '') },
        el('td', { text: cellText(r.subject), testid: 'dataset-subject' }), el('td', { text: cellText(r.session) }),
        el('td', { text: cellText(r.task) }), el('td', { text: cellText(r.run) }), el('td', { text: cellText(r.format) }),
        el('td', { class: 'num', text: cellText(r.channels) }),
        el('td', { class: 'num', text: typeof r.samplingRate === 'number' ? String(+r.samplingRate.toFixed(3)) : cellText(r.samplingRate) }),
        el('td', { class: 'num', text: typeof r.durationSeconds === 'number' ? r.durationSeconds.toFixed(1) + ' s' : cellText(r.durationSeconds) }),
        el('td', { class: bad && bad !== '—' ? 'bad' : '', text: bad || '—', testid: 'dataset-bad' })));
    }
    view.append(el('div', { class: 'table-wrap' }, el('table', { class: 'dataset', testid: 'dataset-table' },
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { text: c })))), body)));
  }
  if (problems.length) {
    view.append(el('h4', { text: 'Problems' }),
      el('ul', { class: 'problems', testid: 'dataset-problems' }, problems.map((p) => el('li', { text: typeof p === 'string' ? p : JSON.stringify(p), testid: 'dataset-problem' }))));
  }
}

function setupDatasets() {
  $('dataset-upload-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = e.target.elements.file.files[0];
    const folder = e.target.elements.folder.value.trim().replace(/^\/+|\/+$/g, '');
    if (!file) return;
    const data = new FormData();
    data.append('folder', folder);
    data.append('unpack', 'true');
    data.append('file', file, file.name);
    const bar = $('dataset-progress-bar');
    const text = $('dataset-progress-text');
    $('dataset-progress').hidden = false;
    $('dataset-upload').disabled = true;
    const show = (fraction) => {
      bar.value = fraction;
      text.textContent = fraction < 1 ? `${Math.round(fraction * 100)} % of ${formatSize(file.size)} sent` : 'sent, unpacking…';
    };
    show(0);
    try {
      const stored = await upload('files', data, show);
      text.textContent = `Unpacked ${stored.length} file${stored.length === 1 ? '' : 's'} into ${folder}.`;
      $('dataset-progress').dataset.done = 'true';
      e.target.reset();
      await loadFiles();
      state.datasetFolder = folder;
      renderFolders();
      await describeDataset(folder);
    } catch (err) {
      text.textContent = 'Not uploaded: ' + err.message;
      toast('Dataset not uploaded: ' + err.message, 'error', 15000);
    } finally {
      $('dataset-upload').disabled = false;
    }
  });
  $('dataset-upload-form').addEventListener('input', () => {
    $('dataset-progress').hidden = true;
    delete $('dataset-progress').dataset.done;
  });
  $('dataset-refresh').addEventListener('click', () => loadFiles().then(renderFolders));
  $('dataset-folder').addEventListener('change', () => {
    state.datasetFolder = $('dataset-folder').value;
    describeDataset($('dataset-folder').value);
  });
  $('dataset-describe').addEventListener('click', () => describeDataset($('dataset-folder').value));
  $('dataset-use').addEventListener('click', () => {
    const block = datasetBlock();
    if (!block) return;
    block.values[DATASET_FOLDER] = $('dataset-folder').value;
    graph.renderSummary(state.selected);
    renderProps();
    toast(`${block.spec.name} #${state.selected} reads the dataset ${$('dataset-folder').value || '(top)'}.`, 'ok');
  });
}

// ---------- modules ----------

async function loadModules() {
  const modules = await api('GET', 'workflow/modules');
  const list = clear($('modules-list'));
  if (!modules.length) list.append(el('li', { class: 'muted', text: 'No uploaded modules. The built-in Arithmetic and EEG modules are always there.' }));
  for (const m of modules) {
    const latest = m.versions?.[m.versions.length - 1];
    list.append(el('li', { testid: 'module-row' },
      el('div', {}, el('b', { text: m.name }), el('span', { class: 'muted small', text: ` by ${m.owner}${m.public ? ', public' : ''}${latest ? `, v${latest.version}, ${latest.blocks} blocks` : ''}` })),
      m.mine ? el('button', { type: 'button', class: 'small danger', text: 'Delete', onclick: async () => {
        try {
          await api('DELETE', 'workflow/modules/' + encodeURIComponent(m.name));
        } catch (err) {
          toast(err.message, 'error');
        }
        await loadModules();
        await loadPalette();
      } }) : null));
  }
}

function setupModules() {
  $('module-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData();
    data.append('file', e.target.elements.file.files[0]);
    data.append('public', e.target.elements.public.checked ? 'true' : 'false');
    try {
      const reply = await api('POST', 'workflow/upload', data);
      toast(`Module uploaded: ${reply.new_blocks_length} block types.`, 'ok');
      e.target.reset();
      await loadPalette();
    } catch (err) {
      toast('Module not uploaded: ' + err.message, 'error', 15000);
    }
    await loadModules().catch(() => {});
  });
}

// ---------- import / export ----------

function loadWorkflow(json) {
  try {
    stopFollowing();
    graph.load(json);
    setJobStatus(null);
    return true;
  } catch (err) {
    toast('Cannot import: ' + err.message, 'error', 15000);
    return false;
  }
}

function setupImportExport() {
  $('export').addEventListener('click', () => {
    const text = JSON.stringify(graph.toWorkflow(), null, 2);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = el('a', { href: url, download: 'workflow.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  $('import').addEventListener('click', () => {
    $('import-text').value = '';
    $('import-file').value = '';
    $('import-dialog').showModal();
  });
  $('import-file').addEventListener('change', async () => {
    const file = $('import-file').files[0];
    if (file) $('import-text').value = await file.text();
  });
  $('import-dialog').addEventListener('close', () => {
    if ($('import-dialog').returnValue === 'ok' && $('import-text').value.trim()) loadWorkflow($('import-text').value);
  });
  $('example').addEventListener('click', () => {
    if (loadWorkflow(SEED_EXAMPLE)) toast('The example is loaded: two constants, 40 and 30, into Addition. Press Run.', 'ok');
  });
}

// ---------- layout ----------

function setupSideTabs() {
  document.querySelectorAll('[data-side-tab]').forEach((b) => b.addEventListener('click', () => {
    const name = b.dataset.sideTab;
    document.querySelectorAll('[data-side-tab]').forEach((t) => t.classList.toggle('active', t === b));
    for (const panel of ['props', 'jobs', 'files', 'datasets', 'modules']) $('side-' + panel).hidden = panel !== name;
    document.querySelector('.workspace').classList.toggle('wide-side', name === 'datasets');
    if (name === 'jobs') loadJobs().catch(() => {});
    if (name === 'files') loadFiles().catch(() => {});
    if (name === 'datasets') loadFiles().then(renderFolders).catch(() => {});
    if (name === 'modules') loadModules().catch(() => {});
  }));
}

function updateHint() {
  $('canvas-hint').hidden = graph.blocks.size > 0;
}

const graph = new Graph($('drawflow'), {
  onSelect: (id) => {
    state.selected = id;
    renderProps();
    updateDatasetUse();
  },
  onChange: () => updateHint(),
});
graph.onElement = (cell) => openElement(cell).catch((err) => toast(err.message, 'error'));

// keys typed into the side panels never reach the canvas (Delete there would remove the selected block)
window.addEventListener('keydown', (e) => {
  if (e.target instanceof Element && e.target.closest('input, textarea, select') && !e.target.closest('#drawflow')) {
    e.stopImmediatePropagation();
  }
}, true);

setupAuth();
setupCanvasDrop();
setupFiles();
setupDatasets();
setupModules();
setupImportExport();
setupSideTabs();
$('palette-filter').addEventListener('input', renderPalette);
$('run').addEventListener('click', run);
$('stop').addEventListener('click', async () => {
  if (state.job == null) return;
  try {
    await api('POST', `workflow/jobs/${state.job}/stop`);
  } catch (err) {
    toast(`Job ${state.job}: ${err.message}`, 'error');
  }
});
$('clear').addEventListener('click', () => {
  stopFollowing();
  graph.clearAll();
  setJobStatus(null);
});
$('delete-selected').addEventListener('click', () => {
  if (!graph.deleteSelected()) toast('Select a block or a connection first.', 'info', 4000);
});
$('zoom-in').addEventListener('click', () => graph.editor.zoom_in());
$('zoom-out').addEventListener('click', () => graph.editor.zoom_out());
$('zoom-reset').addEventListener('click', () => graph.editor.zoom_reset());
graph.editor.on('zoom', (z) => {
  $('zoom-reset').textContent = Math.round(z * 100) + '%';
});
$('jobs-refresh').addEventListener('click', () => loadJobs());

if (localStorage.getItem(SESSION_HINT)) {
  enterApp().catch((err) => showAuth(err instanceof ApiError && err.status === 401 ? '' : err.message));
} else {
  showAuth();
}
