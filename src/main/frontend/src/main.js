import { api, form, filePath, setUnauthorizedHandler, ApiError } from './api.js';
import { el, clear, toast, formatTime, formatShortTime, formatDuration, formatSize } from './dom.js';
import { Graph, SEED_EXAMPLE } from './graph.js';
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
          .map((f) => (f.attrs === 'input' ? '▸ ' : '◂ ') + f.name + ' ' + f.type).join('  ');
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
  if (value && !paths.includes(value)) paths.unshift(value);
  for (const path of paths) select.append(el('option', { value: path, text: path, selected: path === value }));
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
    graph.setResult(nodeOf(data.blockId), data, jobId, openImage);
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
    for (const panel of ['props', 'jobs', 'files', 'modules']) $('side-' + panel).hidden = panel !== name;
    if (name === 'jobs') loadJobs().catch(() => {});
    if (name === 'files') loadFiles().catch(() => {});
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
  },
  onChange: () => updateHint(),
});

// keys typed into the side panels never reach the canvas (Delete there would remove the selected block)
window.addEventListener('keydown', (e) => {
  if (e.target instanceof Element && e.target.closest('input, textarea, select') && !e.target.closest('#drawflow')) {
    e.stopImmediatePropagation();
  }
}, true);

setupAuth();
setupCanvasDrop();
setupFiles();
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
