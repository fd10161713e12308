// The canvas: Drawflow nodes for the workflow's blocks, checked connections, and the API's workflow JSON.
import Drawflow from 'drawflow';
import 'drawflow/dist/drawflow.min.css';
import { el, clear, toast } from './dom.js';

export const SEED_EXAMPLE = {
  workflow: {
    edges: [
      { id: 1, block1: 1, connector1: ['output', 'output'], block2: 3, connector2: ['num1', 'input'] },
      { id: 2, block1: 2, connector1: ['output', 'output'], block2: 3, connector2: ['num2', 'input'] },
    ],
    blocks: [
      { id: 1, x: -457.5000061035156, y: -176, type: 'Constant', module: 'Arithmetic.zip:Arithmetic', values: { 'constant value': '40' } },
      { id: 2, x: -451.5000061035156, y: -38, type: 'Constant', module: 'Arithmetic.zip:Arithmetic', values: { 'constant value': '30' } },
      { id: 3, x: -97.5000061035156, y: -117, type: 'Addition', module: 'Arithmetic.zip:Arithmetic', values: {} },
    ],
  },
};

const STATUS_TEXT = { WAITING: 'waiting', RUNNING: 'running', COMPLETED: 'done', FAILED: 'failed', STOPPED: 'stopped' };
const CELL_TEXT = { done: 'done', reused: 'reused from an earlier attempt', failed: 'failed', running: 'running', stopped: 'stopped' };

function cardMax(card) {
  const max = String(card || '1-1').split('-')[1];
  return max === '*' || max === undefined ? Infinity : Number(max);
}

function portText(field) {
  return field.name === field.type ? field.name : `${field.name}: ${field.type}`;
}

export function typeCompatible(outType, inType) {
  return outType === inType || inType === outType + '[]';
}

/**
 * A block output as nodes: text, a PNG preview that opens full size, or a download link (FILE, TABLE as CSV); the
 * value is only ever text or an attribute.
 */
export function outputNodes(output, jobId, openImage) {
  const value = output.value;
  const file = value && typeof value === 'object' ? value.filename : null;
  const url = file ? `/api/workflow/file/${encodeURIComponent(jobId)}/${encodeURIComponent(file)}` : null;
  if (output.type === 'GRAPH' && url) {
    const img = el('img', { class: 'blk-graph', src: url, alt: 'plot ' + file, title: 'Open full size', testid: 'block-graph' });
    img.addEventListener('click', () => openImage(url));
    return [img, el('a', { href: url, download: file, class: 'dl', text: '⤓ ' + file, testid: 'block-download' })];
  }
  if ((output.type === 'FILE' || output.type === 'TABLE') && url) {
    return [el('a', { href: url, download: file, class: 'dl', text: '⤓ ' + file + (output.type === 'TABLE' ? ' (CSV)' : ''), testid: 'block-download' })];
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [el('pre', { class: 'blk-text' + (text.length <= 14 ? ' big' : ''), text, testid: 'block-text' })];
}

/**
 * The state of one element of a mapped block, for its cell: an element that completed in an earlier attempt than
 * the block's current one was reused (the server keeps its older attempt); one that did not complete in an earlier
 * attempt runs again while the block runs.
 */
export function cellState(element, blockStatus, currentAttempt) {
  const older = (element.attempt || 0) < currentAttempt;
  if (element.status === 'COMPLETED') return older ? 'reused' : 'done';
  if (blockStatus === 'RUNNING' && older) return 'running';
  if (element.status === 'FAILED') return 'failed';
  if (element.status === 'STOPPED') return 'stopped';
  return 'running';
}

export class Graph {
  constructor(container, { onSelect, onChange }) {
    this.palette = new Map(); // "module|name" -> block type
    this.blocks = new Map(); // node id -> {spec, values, inputs, outputs, props}
    this.mapping = new Map(); // node id of a block that runs once per element -> node id of its collection's origin
    this.runs = new Map(); // node id -> {status, attempt, progress, elements: Map<key, element>} in the shown job
    this.jobAttempts = 0; // the shown job's attempts: an element with an older attempt was reused
    this.onElement = () => {};
    this.onSelect = onSelect;
    this.onChange = onChange;
    this.importing = false;
    this.editor = new Drawflow(container);
    this.editor.reroute = false;
    this.editor.zoom_min = 0.3;
    this.editor.zoom_max = 2;
    this.editor.start();
    this.editor.on('connectionCreated', (c) => this.checkConnection(c));
    this.editor.on('nodeSelected', (id) => this.onSelect(Number(id)));
    this.editor.on('nodeUnselected', () => this.onSelect(null));
    this.editor.on('nodeRemoved', (id) => {
      this.blocks.delete(Number(id));
      this.runs.delete(Number(id));
      this.updateMapping();
      this.onSelect(null);
      this.onChange();
    });
    this.editor.on('connectionRemoved', () => { this.updateMapping(); this.onChange(); });
    this.editor.on('nodeCreated', () => this.onChange());
  }

  setPalette(types) {
    this.palette.clear();
    for (const type of types) this.palette.set(type.module + '|' + type.name, type);
  }

  spec(module, name) {
    return this.palette.get(module + '|' + name);
  }

  /** Client coordinates to canvas coordinates (pan and zoom taken into account). */
  toCanvas(clientX, clientY) {
    const rect = this.editor.precanvas.getBoundingClientRect();
    return { x: (clientX - rect.x) / this.editor.zoom, y: (clientY - rect.y) / this.editor.zoom };
  }

  addBlock(spec, x, y, values = {}) {
    const inputs = spec.fields.filter((f) => f.attrs === 'input');
    const outputs = spec.fields.filter((f) => f.attrs === 'output');
    const props = spec.fields.filter((f) => f.attrs === 'editable');
    const ownValues = {};
    for (const p of props) ownValues[p.name] = values[p.name] ?? p.defaultValue ?? '';
    // the node's markup is a fixed skeleton; every server-provided string is set below as text
    const id = Number(this.editor.addNode(spec.name, inputs.length, outputs.length, x, y, 'eeg-block', {}, '<div class="blk"></div>'));
    this.blocks.set(id, { spec, values: ownValues, inputs, outputs, props });
    const node = this.nodeElement(id);
    node.dataset.testid = 'block-' + id;
    node.dataset.blockType = spec.name;
    node.dataset.blockId = String(id);
    const body = node.querySelector('.blk');
    // port names in rows beside Drawflow's port circles (the CSS aligns both at 22px a row)
    const rows = Math.max(inputs.length, outputs.length);
    const portRows = el('div', { class: 'blk-ports' });
    for (let i = 0; i < rows; i++) {
      const fin = inputs[i];
      const fout = outputs[i];
      portRows.append(el('div', { class: 'port-row' },
        el('span', { class: 'port-label in', text: fin ? portText(fin) : '', title: fin ? portText(fin) + ' ' + fin.card : '' }),
        el('span', { class: 'port-label out' + (fout?.collection ? ' collection' : ''), text: fout ? portText(fout) : '',
          title: fout ? portText(fout) + ' ' + fout.card + (fout.collection ? ', a collection: one element per key' : '') : '' })));
    }
    clear(body).append(
      el('div', { class: 'blk-top' },
        el('div', { class: 'blk-head' },
          el('span', { class: 'blk-title', text: spec.name, title: spec.description || spec.name }),
          el('span', { class: 'blk-count', testid: 'block-count', hidden: true }),
          el('span', { class: 'blk-id', text: '#' + id })),
        el('div', { class: 'blk-module', text: spec.module.split(':').pop() + ' · ' + spec.family })),
      portRows,
      el('div', { class: 'blk-values', testid: 'block-values' }),
      el('div', { class: 'blk-status', testid: 'block-status' }),
      el('div', { class: 'blk-output', testid: 'block-output' }),
      el('div', { class: 'blk-elements', testid: 'block-elements', hidden: true }),
      el('pre', { class: 'blk-error', testid: 'block-error', hidden: true }));
    const describe = (port, field) => {
      port.dataset.port = field.name;
      port.title = `${field.name}: ${field.type} (${field.card})${field.collection ? ', a collection' : ''}${field.description ? ' — ' + field.description : ''}`;
      port.classList.toggle('collection', Boolean(field.collection));
    };
    node.querySelectorAll('.inputs > .input').forEach((port, i) => describe(port, inputs[i]));
    node.querySelectorAll('.outputs > .output').forEach((port, i) => describe(port, outputs[i]));
    this.renderSummary(id);
    return id;
  }

  nodeElement(id) {
    return document.getElementById('node-' + id);
  }

  /** Property values shown on the block itself (short). */
  renderSummary(id) {
    const block = this.blocks.get(id);
    const node = this.nodeElement(id);
    if (!block || !node) return;
    const summary = clear(node.querySelector('.blk-values'));
    for (const p of block.props.slice(0, 4)) {
      const value = block.values[p.name];
      if (value === '' || value === undefined) continue;
      summary.append(el('div', { class: 'kv' }, el('span', { class: 'k', text: p.name + ': ' }), el('span', { text: String(value) })));
    }
  }

  checkConnection({ output_id, input_id, output_class, input_class }) {
    if (this.importing) return;
    const from = this.blocks.get(Number(output_id));
    const to = this.blocks.get(Number(input_id));
    const out = from?.outputs[Number(output_class.split('_')[1]) - 1];
    const inp = to?.inputs[Number(input_class.split('_')[1]) - 1];
    let reason = null;
    if (!out || !inp) {
      reason = 'unknown connector';
    } else if (Number(output_id) === Number(input_id)) {
      reason = 'a block cannot feed itself';
    } else if (!typeCompatible(out.type, inp.type)) {
      reason = `type mismatch: ${from.spec.name} output '${out.name}' gives ${out.type}, but ${to.spec.name} input '${inp.name}' takes ${inp.type}`;
    } else {
      const count = this.editor.getNodeFromId(input_id).inputs[input_class].connections.length;
      const max = cardMax(inp.card);
      if (count > max) {
        reason = `cardinality: ${to.spec.name} input '${inp.name}' (${inp.card}) takes at most ${max} connection${max === 1 ? '' : 's'}`;
      }
    }
    if (reason) {
      this.editor.removeSingleConnection(output_id, input_id, output_class, input_class);
      const port = this.nodeElement(input_id)?.querySelector('.inputs > .' + input_class);
      if (port) {
        port.classList.add('refused');
        setTimeout(() => port.classList.remove('refused'), 2500);
      }
      toast('Connection refused — ' + reason, 'error');
      return;
    }
    this.updateMapping();
    this.onChange();
  }

  /**
   * Works out which blocks run once per element, by the server's rule (workflow/control/Mapping): an output the
   * palette marks "collection" makes a collection; a block taking one value on an input fed by a collection is mapped
   * over that collection's origin, and its own outputs are collections too; an array input (X[]) gathers a collection
   * whole. Mapped blocks are drawn as a stack; a block fed by two collections, or a collection-making block fed by
   * one, is left unmapped with the reason in its title (the server refuses such a workflow when it is run).
   */
  updateMapping() {
    const data = this.editor.drawflow.drawflow[this.editor.module]?.data || {};
    const incoming = new Map();
    const outgoing = new Map();
    for (const id of this.blocks.keys()) {
      incoming.set(id, []);
      outgoing.set(id, []);
    }
    for (const node of Object.values(data)) {
      const from = Number(node.id);
      const block = this.blocks.get(from);
      if (!block) continue;
      for (const [outClass, output] of Object.entries(node.outputs)) {
        const out = block.outputs[Number(outClass.split('_')[1]) - 1];
        for (const c of output.connections) {
          const to = Number(c.node);
          const inp = this.blocks.get(to)?.inputs[Number(c.output.split('_')[1]) - 1];
          if (!out || !inp) continue;
          incoming.get(to).push({ from, out, inp });
          outgoing.get(from).push(to);
        }
      }
    }
    // dependency order (Kahn); blocks on a cycle are left out, as the server refuses cycles anyway
    const order = [];
    const pending = new Map([...incoming].map(([id, edges]) => [id, edges.length]));
    const ready = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
    while (ready.length) {
      const id = ready.shift();
      order.push(id);
      for (const to of outgoing.get(id)) {
        pending.set(to, pending.get(to) - 1);
        if (pending.get(to) === 0) ready.push(to);
      }
    }
    const isOrigin = (id) => this.blocks.get(id).outputs.some((f) => f.collection);
    const mapped = new Map();
    const refused = new Map();
    for (const id of order) {
      const byOrigin = new Map();
      for (const { from, out, inp } of incoming.get(id)) {
        const origin = mapped.get(from) ?? (out.collection ? from : null);
        if (origin !== null && !String(inp.type).endsWith('[]') && !byOrigin.has(origin)) byOrigin.set(origin, inp.name);
      }
      if (!byOrigin.size) continue;
      if (byOrigin.size > 1) {
        refused.set(id, 'fed by collections of different blocks (' + [...byOrigin].map(([o, name]) => `'${name}' from #${o}`).join(', ') + ')');
      } else if (isOrigin(id)) {
        refused.set(id, 'makes a collection of its own, so it cannot also run once per element');
      } else {
        mapped.set(id, byOrigin.keys().next().value);
      }
    }
    this.mapping = mapped;
    for (const id of this.blocks.keys()) {
      const node = this.nodeElement(id);
      if (!node) continue;
      node.classList.toggle('mapped', mapped.has(id));
      node.classList.toggle('map-refused', refused.has(id));
      node.dataset.mapped = mapped.has(id) ? String(mapped.get(id)) : '';
      const head = node.querySelector('.blk-head');
      head.title = mapped.has(id) ? `runs once per element of the collection of block #${mapped.get(id)}`
        : refused.has(id) ? 'cannot run: ' + refused.get(id) : '';
      this.renderElements(id);
    }
  }

  deleteSelected() {
    if (this.editor.node_selected) {
      this.editor.removeNodeId(this.editor.node_selected.id);
      return true;
    }
    if (this.editor.connection_selected) {
      this.editor.removeConnection();
      return true;
    }
    return false;
  }

  clearAll() {
    this.editor.clear();
    this.blocks.clear();
    this.runs.clear();
    this.mapping.clear();
    this.onSelect(null);
    this.onChange();
  }

  /** The workflow as the API's JSON (api.md): blocks with positions and values, edges output-first. */
  toWorkflow() {
    const data = this.editor.export().drawflow.Home.data;
    const blocks = [];
    const edges = [];
    let edgeId = 1;
    for (const node of Object.values(data)) {
      const id = Number(node.id);
      const block = this.blocks.get(id);
      if (!block) continue;
      const values = {};
      for (const [name, value] of Object.entries(block.values)) {
        if (value !== '' && value !== undefined && value !== null) values[name] = String(value);
      }
      blocks.push({ id, x: node.pos_x, y: node.pos_y, type: block.spec.name, module: block.spec.module, values });
      for (const [outClass, output] of Object.entries(node.outputs)) {
        const out = block.outputs[Number(outClass.split('_')[1]) - 1];
        for (const c of output.connections) {
          const target = this.blocks.get(Number(c.node));
          const inp = target?.inputs[Number(c.output.split('_')[1]) - 1];
          if (!out || !inp) continue;
          edges.push({ id: edgeId++, block1: id, connector1: [out.name, 'output'], block2: Number(c.node), connector2: [inp.name, 'input'] });
        }
      }
    }
    blocks.sort((a, b) => a.id - b.id);
    return { blocks, edges };
  }

  /**
   * Replaces the canvas with a workflow in the API's JSON (or the seed page's {"workflow": ...} form).
   * @returns {Map<number, number>} the workflow's block ids to the canvas's node ids
   */
  load(input) {
    let workflow = typeof input === 'string' ? JSON.parse(input) : input;
    if (workflow && workflow.workflow !== undefined) workflow = workflow.workflow;
    if (typeof workflow === 'string') workflow = JSON.parse(workflow);
    if (!workflow || !Array.isArray(workflow.blocks)) throw new Error('not a workflow: it needs a "blocks" list');
    for (const b of workflow.blocks) {
      if (!this.spec(b.module, b.type)) throw new Error(`block ${b.id}: unknown block type ${b.type} of module ${b.module}`);
    }
    this.editor.clear();
    this.blocks.clear();
    this.runs.clear();
    const ids = new Map();
    const xs = workflow.blocks.map((b) => Number(b.x) || 0);
    const ys = workflow.blocks.map((b) => Number(b.y) || 0);
    const dx = xs.length ? 60 - Math.min(...xs) : 0;
    const dy = ys.length ? 40 - Math.min(...ys) : 0;
    this.importing = true;
    try {
      for (const b of workflow.blocks) {
        ids.set(Number(b.id), this.addBlock(this.spec(b.module, b.type), (Number(b.x) || 0) + dx, (Number(b.y) || 0) + dy, b.values || {}));
      }
      for (const e of workflow.edges || []) {
        let [outBlock, outConn, inBlock, inConn] = [e.block1, e.connector1, e.block2, e.connector2];
        if (outConn?.[1] === 'input') [outBlock, outConn, inBlock, inConn] = [inBlock, inConn, outBlock, outConn];
        const from = ids.get(Number(outBlock));
        const to = ids.get(Number(inBlock));
        if (from === undefined || to === undefined) throw new Error(`edge ${e.id}: unknown block`);
        const oi = this.blocks.get(from).outputs.findIndex((f) => f.name === outConn[0]);
        const ii = this.blocks.get(to).inputs.findIndex((f) => f.name === inConn[0]);
        if (oi < 0 || ii < 0) throw new Error(`edge ${e.id}: unknown connector`);
        this.editor.addConnection(from, to, 'output_' + (oi + 1), 'input_' + (ii + 1));
      }
    } finally {
      this.importing = false;
    }
    this.updateMapping();
    this.onChange();
    return ids;
  }

  resetRun() {
    this.runs.clear();
    this.jobAttempts = 0;
    for (const id of this.blocks.keys()) this.setResult(id, null, null);
  }

  /** A block's state in a job: status, output (text, PNG preview, download link) and error, all as text. */
  setResult(id, result, jobId, openImage) {
    const node = this.nodeElement(id);
    if (!node) return;
    const statusBox = node.querySelector('.blk-status');
    const outputBox = clear(node.querySelector('.blk-output'));
    const errorBox = node.querySelector('.blk-error');
    node.classList.remove('st-WAITING', 'st-RUNNING', 'st-COMPLETED', 'st-FAILED', 'st-STOPPED', 'st-INVALID');
    errorBox.hidden = true;
    errorBox.textContent = '';
    if (!result) {
      statusBox.textContent = '';
      this.runs.delete(id);
      this.renderElements(id);
      return;
    }
    const status = result.status || (result.error === true ? 'FAILED' : result.completed ? 'COMPLETED' : 'WAITING');
    node.classList.add('st-' + status);
    statusBox.textContent = STATUS_TEXT[status] || String(status).toLowerCase();
    statusBox.dataset.status = status;
    // the result cache: where a reused result came from, or why the block ran although the cache was on
    const why = result.reusedFrom
      ? `reused from job ${result.reusedFrom.job ?? '?'}, block ${result.reusedFrom.block}`
      : result.ranBecause ? 'ran because ' + result.ranBecause : '';
    statusBox.title = why;
    if (result.output && jobId != null) outputBox.append(...outputNodes(result.output, jobId, openImage));
    let run = this.runs.get(id);
    if (!run || run.jobId !== jobId) run = { elements: new Map() };
    run.status = status;
    run.blockId = result.id ?? result.blockId ?? run.blockId ?? id;
    run.jobId = jobId;
    run.openImage = openImage;
    if (result.attempt) run.attempt = result.attempt;
    if (status !== 'RUNNING') run.progress = undefined;
    // the job's details list every element; a block event does not, and keeps those already known
    if (Array.isArray(result.elements)) run.elements = new Map(result.elements.map((e) => [e.key, e]));
    this.runs.set(id, run);
    this.renderElements(id);
    if (why) outputBox.append(el('div', { class: 'blk-why', text: why, testid: 'block-why' }));
    if (status === 'FAILED' && result.stderr) {
      errorBox.hidden = false;
      errorBox.textContent = result.stderr;
    }
  }

  /** One element of a mapped block ended (an "element" event): its cell is added or replaced. */
  setElement(id, element) {
    const run = this.runs.get(id);
    if (!run || !this.nodeElement(id)) return;
    // an event lacks the element's stdout and times: they come with the job's details
    const known = run.elements.get(element.key);
    run.elements.set(element.key, known && known.attempt === element.attempt ? { ...known, ...element } : element);
    this.renderElements(id);
  }

  /** A running block's share done (a "progress" event), shown beside a mapped block's grid. */
  setProgress(id, fraction) {
    const run = this.runs.get(id);
    if (!run) return;
    run.progress = fraction;
    this.renderElements(id);
  }

  /**
   * A mapped block's element count on its head and its grid: one cell per key, coloured done / reused / failed /
   * running, each opening that element's output and streams; while the block runs, a cell for the elements not yet
   * ended, with the block's progress.
   */
  renderElements(id) {
    const node = this.nodeElement(id);
    if (!node) return;
    const run = this.runs.get(id);
    const box = clear(node.querySelector('.blk-elements'));
    const count = node.querySelector('.blk-count');
    const mapped = this.mapping.has(id) || Boolean(run?.elements.size);
    // by key, numbers in keys as numbers (sub-2 before sub-10): elements end, and are listed, in any order
    const elements = run ? [...run.elements.values()].sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true })) : [];
    count.hidden = !mapped;
    count.textContent = elements.length ? '×' + elements.length : '×n';
    count.title = elements.length ? `${elements.length} elements` : 'runs once per element';
    box.hidden = !mapped || !run || (!elements.length && run.status !== 'RUNNING');
    if (box.hidden) return;
    const current = Math.max(run.attempt || 0, this.jobAttempts || 0);
    const tally = {};
    const grid = el('div', { class: 'cells' });
    for (const element of elements) {
      const state = cellState(element, run.status, current);
      tally[state] = (tally[state] || 0) + 1;
      grid.append(el('button', { type: 'button', class: 'cell cell-' + state, text: element.key, testid: 'element-cell',
        'data-key': element.key, 'data-state': state, title: `${element.key}: ${CELL_TEXT[state]}`,
        onclick: (e) => {
          e.stopPropagation();
          this.onElement({ nodeId: id, blockId: run.blockId, element: run.elements.get(element.key), jobId: run.jobId,
            attempt: current, state, openImage: run.openImage });
        } }));
    }
    if (run.status === 'RUNNING') {
      const pct = run.progress === undefined ? '' : ' ' + Math.round(run.progress * 100) + '%';
      grid.append(el('span', { class: 'cell cell-running more', text: '…' + pct, testid: 'element-running',
        title: 'elements still running or waiting' + pct }));
    }
    const summary = Object.entries(tally).map(([state, n]) => `${n} ${state}`).join(', ');
    box.append(el('div', { class: 'cells-head small muted', text: elements.length + ' element' + (elements.length === 1 ? '' : 's') + (summary ? ': ' + summary : '') }), grid);
  }

  markInvalid(id, message) {
    const node = this.nodeElement(id);
    if (!node) return false;
    node.classList.add('st-INVALID');
    const errorBox = node.querySelector('.blk-error');
    errorBox.hidden = false;
    errorBox.textContent = message;
    node.querySelector('.blk-status').textContent = 'invalid';
    return true;
  }
}
