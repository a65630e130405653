// The upload page: read the header of the chosen CSV in the browser,
// preset and edit the query, upload with XMLHttpRequest (stage 1), poll
// the job (stage 2), then show its result, bad rows and metrics; list,
// open and delete past jobs.  The job being shown is in the URL
// (/?job=ID) so it can be bookmarked and shared.
//
// Totals are exact decimals: result.json is read by parseExact(), which
// keeps every number as its text, never as a JavaScript double.

import { hideProfile, profileForm, showProfile } from './profile.js';
import { showRows, hideRows } from './rows.js';

const $ = (id) => document.getElementById(id);
const JOB_RE = /^[0-9a-f]{34}$/;
const SNIFF_BYTES = 1048576;       // what POST /api/sniff is sent
const POLL_MS = 400;
const TABLE_MAX = 2000;            // rows drawn; the downloads have all
const RESULT_FETCH_MAX = 50000;    // groups; above, downloads only
const CHART_TOP = 20;
const AGG_KINDS = ['sum', 'count', 'min', 'max', 'mean', 'distinct', 'approx_distinct',
  'median', 'p90', 'p99', 'quantile', 'stddev', 'var'];

const state = {
  columns: [],      // header names of the chosen file, as sniffed
  sniff: null,      // the sniffer's answer for it
  sniffError: null, // or why it cannot be read
  headerChosen: false, // the user set the header control
  sniffSeq: 0,      // the latest sniff request (older answers are dropped)
  xhr: null,        // the upload under way
  jobId: null,      // the job shown
  poll: null,       // its polling timer
  rows: [], cols: [], sortCol: -1, sortDir: 1,
  jobsOffset: 0,
};

// ---------------------------------------------------------------------
// Formatting.

function fmtBytes(n) {
  if (n == null) return '?';
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${fmtDec((n / 1e9).toFixed(2))} GB`;
}

function fmtInt(n) {
  return n == null ? '?' : Number(n).toLocaleString('en-US');
}

// One format for every number on the page: thousands separators in the
// integer part of an exact decimal text, its digits otherwise untouched.
export function fmtDec(text) {
  if (text == null || text === '') return '';
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(String(text));
  if (!m) return String(text);
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] || '');
}

function fmtSecs(s) {
  if (s == null) return '?';
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
}

function announce(msg) {
  $('live').textContent = msg;
}

// ---------------------------------------------------------------------
// The file, as the engine reads it: its first MiB goes to POST /api/sniff
// (jobs/sniff.c, the engine's own sniffer), which answers the compression,
// encoding, delimiter, header, columns and first rows.  There is no
// sniffer in this page, so the browser and the server cannot disagree.

// Fold a name like header_fold(): ASCII letters lowered, spaces, tabs,
// dashes and underscores dropped.
const fold = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[ \t_-]/g, '');

// The query of POST /api/sniff from the dialect controls.  The header is
// sent only once the user has chosen it; until then the sniffer guesses.
export function sniffQuery(o) {
  const q = new URLSearchParams();
  if (o.encoding && o.encoding !== 'auto') q.set('encoding', o.encoding);
  if (o.delimiter && o.delimiter !== 'auto') q.set('delimiter', o.delimiter);
  if (o.header != null) q.set('header', o.header ? 'true' : 'false');
  if (o.decimal) q.set('decimal', 'comma');
  if (o.trim) q.set('trim', 'true');
  return q.toString();
}

function dialect() {
  return {
    encoding: $('encoding').value,
    delimiter: $('delimiter').value,
    header: state.headerChosen ? $('header').value === 'true' : null,
    decimal: $('decimal').checked,
    trim: $('trim').checked,
  };
}

async function sniffFile(file) {
  const q = sniffQuery(dialect());
  const r = await fetch(`/api/sniff${q ? `?${q}` : ''}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
    body: file.slice(0, SNIFF_BYTES),
  });
  const text = await r.text();
  if (!r.ok) {
    const err = new Error(sniffError(r.status, text));
    err.status = r.status;
    throw err;
  }
  return JSON.parse(text);
}

// The sniffer's refusal as a sentence about the file.
function sniffError(status, body) {
  try {
    const j = JSON.parse(body);
    if (j && j.error && j.error.message) {
      const m = j.error.message.replace(/\.$/, '');
      return `This file cannot be totalled: ${m}.`;
    }
  } catch (e) { /* not JSON */ }
  return `The file could not be read (the server answered ${status}).`;
}

// The first rows as the engine parsed them, under the columns.
function showPreview(s) {
  const table = $('preview-table');
  const head = el('tr', {}, ...s.columns.map((c, i) => el('th', { scope: 'col', text: c || `(column ${i + 1})` })));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...s.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: c })))));
  const what = [];
  if (s.compression !== 'none') what.push(`${s.compression}-compressed`);
  what.push(s.encoding === 'utf-8' ? 'UTF-8' : s.encoding);
  const dname = { ',': 'commas', ';': 'semicolons', tab: 'tabs', '|': 'pipes' }[s.delimiter] || `"${s.delimiter}"`;
  what.push(`separated by ${dname}`);
  what.push(s.header ? 'with a header line' : 'without a header line (columns are numbered)');
  if (s.decimal === 'comma') what.push('decimal commas');
  $('sniff-info').textContent = `Read as ${what.join(', ')}.`;
  $('sniff-warning').textContent = s.warning || '';
  $('sniff-warning').hidden = !s.warning;
  $('preview-caption').textContent = `The first ${s.rows.length} row${s.rows.length === 1 ? '' : 's'}, as tally reads them.`;
}

// A column as the API should name it: its name, or its 1-based number if
// the name holds a comma or colon (the spec's separators).
function colSpec(i) {
  const name = state.columns[i];
  if (name.trim() === '') return String(i + 1);
  return /[,:"]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

function findCol(...names) {
  for (const n of names) {
    const i = state.columns.findIndex((c) => fold(c) === fold(n));
    if (i >= 0) return i;
  }
  return -1;
}

// The column of a spec's name or 1-based number, or -1.
export function columnOf(columns, name) {
  const t = name.trim();
  if (/^[0-9]+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= columns.length ? n - 1 : -1;
  }
  return columns.findIndex((c) => fold(c) === fold(t));
}

function showColumns(s) {
  const cols = state.columns;
  $('col-info').textContent = `(${cols.length})`;
  showPreview(s);
  const groups = $('group-list');
  groups.replaceChildren();
  // The engine's default query (group by department, sum number_of_sales)
  // when the file has its columns.
  const dq = s.default_query;
  const dept = dq ? columnOf(cols, dq.group_by) : -1;
  cols.forEach((c, i) => {
    const id = `g-${i}`;
    const box = el('input', { type: 'checkbox', id, value: String(i), onchange: syncSpec });
    if (i === dept) box.checked = true;
    groups.append(el('span', { class: 'check' }, box, el('label', { for: id, text: c || `(column ${i + 1})` })));
  });
  $('agg-list').replaceChildren();
  const sales = dq ? columnOf(cols, dq.agg.replace(/^sum:/, '')) : -1;
  if (sales >= 0) addAgg('sum', sales);
  else addAgg('count', -1);
  $('columns').hidden = false;
  showWhereColumns();
  syncSpec();
}

// The "where" builder: a column, an operator and a value make one
// condition, kept as a hidden form field "where" (repeatable) beside the
// text it stands for.
export function whereQuote(v) {
  return /^[\w.:@/+-]+$/.test(v) ? v : `"${v.replace(/"/g, '""')}"`;
}

export function whereExpr(col, op, value) {
  const c = /[=!<>~^"]|\s(in)\s/i.test(col) || /^\s|\s$/.test(col) ? `"${col}"` : col;
  if (op === 'empty') return `${c}=`;
  if (op === 'set') return `${c}!=`;
  if (op === 'in') return `${c} in ${value.split('|').map((v) => whereQuote(v.trim())).join('|')}`;
  return `${c}${op}${whereQuote(value)}`;
}

function showWhereColumns() {
  const sel = $('where-col');
  sel.replaceChildren(...state.columns.map((c, i) => el('option', { value: String(i), text: c || `(column ${i + 1})` })));
  $('where-list').replaceChildren();
  whereOpChanged();
}

function whereOpChanged() {
  const op = $('where-op').value;
  $('where-val').hidden = op === 'empty' || op === 'set';
}

function addWhere() {
  const i = Number($('where-col').value);
  const op = $('where-op').value;
  const v = $('where-val').value;
  if (!(op === 'empty' || op === 'set') && v === '') {
    $('where-val').focus();
    return;
  }
  const col = /[,:]/.test(state.columns[i]) || state.columns[i].trim() === '' ? String(i + 1) : state.columns[i];
  const expr = whereExpr(col, op, v);
  const rm = el('button', { type: 'button', class: 'secondary small', text: 'Remove', 'aria-label': `Remove condition ${expr}` });
  const li = el('li', {}, el('code', { class: 'where-text', text: expr }), ' ',
    el('input', { type: 'hidden', name: 'where', value: expr }), rm);
  rm.addEventListener('click', () => { li.remove(); $('where-col').focus(); });
  $('where-list').append(li);
  $('where-val').value = '';
  announce(`Condition added: ${expr}`);
}

function addAgg(kind = 'sum', col = 0) {
  const list = $('agg-list');
  const n = list.children.length + 1;
  const kindSel = el('select', { 'aria-label': `Aggregate ${n}: function`, class: 'agg-kind', onchange: aggChanged });
  for (const k of AGG_KINDS) kindSel.append(el('option', { value: k, text: k }));
  kindSel.value = kind;
  const colSel = el('select', { 'aria-label': `Aggregate ${n}: column`, class: 'agg-col', onchange: syncSpec });
  colSel.append(el('option', { value: '-1', text: '(rows)' }));
  state.columns.forEach((c, i) => colSel.append(el('option', { value: String(i), text: c || `(column ${i + 1})` })));
  colSel.value = String(col);
  const rm = el('button', { type: 'button', class: 'secondary small', text: 'Remove', 'aria-label': `Remove aggregate ${n}` });
  const q = el('input', { type: 'number', class: 'agg-q', min: '0', max: '1', step: 'any', value: '0.999', 'aria-label': `Aggregate ${n}: fraction`, onchange: syncSpec, hidden: '' });
  const li = el('li', {}, kindSel, ' of ', colSel, ' ', q, ' ', rm);
  rm.addEventListener('click', () => { li.remove(); syncSpec(); $('agg-add').focus(); });
  list.append(li);
  aggChanged.call(kindSel);
}

function aggChanged() {
  const li = this.closest('li');
  const col = li.querySelector('.agg-col');
  const rowsOpt = col.querySelector('option[value="-1"]');
  // Only count may count rows; the others need a column.
  rowsOpt.disabled = this.value !== 'count';
  li.querySelector('.agg-q').hidden = this.value !== 'quantile';
  if (this.value !== 'count' && col.value === '-1') {
    const sales = findCol('number_of_sales');
    col.value = String(sales >= 0 ? sales : 0);
  }
  syncSpec();
}

// Write the builder's choice into the form's text fields, which are what
// is sent (and what a person without JavaScript types).
function syncSpec() {
  const groups = [...$('group-list').querySelectorAll('input:checked')]
    .map((b) => colSpec(Number(b.value)));
  $('group_by').value = groups.join(',');
  const aggs = [...$('agg-list').children].map((li) => {
    const k = li.querySelector('.agg-kind').value;
    const c = Number(li.querySelector('.agg-col').value);
    if (k === 'quantile') return `${k}:${colSpec(c)}:${li.querySelector('.agg-q').value || '0.5'}`;
    return c < 0 ? k : `${k}:${colSpec(c)}`;
  });
  $('agg').value = aggs.join(',');
}

// A new file: sniff it with the dialect guessed afresh.
function fileChosen(file) {
  $('encoding').value = 'auto';
  $('delimiter').value = 'auto';
  state.headerChosen = false;
  $('decimal').checked = false;
  return resniff(file);
}

// Sniff file with the dialect controls as they are, and show what the
// engine makes of it.  The builder is rebuilt only if the columns changed.
async function resniff(file) {
  clearError();
  if (!file) return;
  const seq = ++state.sniffSeq;
  let s;
  try {
    s = await sniffFile(file);
  } catch (e) {
    if (seq !== state.sniffSeq) return;
    state.sniff = null;
    state.columns = [];
    $('columns').hidden = true;
    // The file's fault blocks the upload; the server's (busy, down) does
    // not: the upload is then checked there.
    const files = e.status === 400;
    state.sniffError = files ? e.message : null;
    showError(files ? e.message : `The file could not be previewed (${e.message}); you can still upload it.`);
    return;
  }
  if (seq !== state.sniffSeq) return;
  const same = state.sniff && JSON.stringify(s.columns) === JSON.stringify(state.columns);
  state.sniff = s;
  state.sniffError = null;
  state.columns = s.columns;
  if (!state.headerChosen) $('header').value = s.header ? 'true' : 'false';
  if (same) showPreview(s);
  else showColumns(s);
  announce(`${s.columns.length} columns read`);
}

// The columns a where condition names (best effort: the text before its
// operator, unquoted).
function whereColumn(cond) {
  const q = /^\s*"((?:[^"]|"")*)"/.exec(cond);
  if (q) return q[1].replace(/""/g, '"');
  const m = /^(.*?)(!=|<=|>=|\^=|=|<|>|~|\s+in\s)/i.exec(cond);
  return m ? m[1].trim() : null;
}

// Check the query against the sniffed header before anything is sent:
// returns a sentence saying what is wrong, or null.
// Split a group_by or agg list at its commas, as the server does: not
// inside double quotes, which hold a name with a comma or colon.
export function splitSpec(text) {
  const items = [];
  let cur = '', quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) { items.push(cur); cur = ''; } else cur += ch;
  }
  items.push(cur);
  return items.map((x) => x.trim()).filter((x) => x !== '');
}

// A column as written in a list: a quoted name ("" is one quote) or a bare
// name or number; returns [name, the text after it].
function specName(s) {
  if (!s.startsWith('"')) return [s, ''];
  let name = '', i = 1;
  for (; i < s.length; i++) {
    if (s[i] === '"') { if (s[i + 1] !== '"') break; i++; }
    name += s[i];
  }
  return [name, s.slice(i + 1)];
}

export function checkQuery(columns, groupBy, agg, wheres) {
  const missing = (name) => {
    const list = columns.slice(0, 12).map((c) => `"${c}"`).join(', ') + (columns.length > 12 ? ', ...' : '');
    return `The file has no column named "${name}". Its columns are ${list}.`;
  };
  const groups = splitSpec(groupBy).map((g) => specName(g)[0]);
  if (groups.length === 0) return 'Pick a column to group by.';
  for (const g of groups) if (columnOf(columns, g) < 0) return missing(g);
  for (const a of splitSpec(agg)) {
    const colon = a.indexOf(':');
    if (colon < 0) {
      if (a === 'count') continue;
      return `Pick a column for the aggregate "${a}".`;
    }
    const rest = a.slice(colon + 1).trim();
    const col = rest.startsWith('"') ? specName(rest)[0] : rest.split(':')[0];
    if (columnOf(columns, col) < 0) return missing(col);
  }
  for (const w of wheres) {
    const c = whereColumn(w);
    if (c != null && c !== '' && columnOf(columns, c) < 0) return missing(c);
  }
  return null;
}

// ---------------------------------------------------------------------
// Errors: the API's {"error":{"code","message"}}, shown as a sentence.

function errorText(status, body) {
  try {
    const j = JSON.parse(body);
    if (j && j.error && j.error.message) {
      const what = {
        400: 'The server could not accept this upload',
        404: 'Not found',
        409: 'Not possible now',
        413: 'The file is too large',
        429: 'The server is busy',
        503: 'The service is unavailable',
      }[status] || `Error ${status}`;
      return `${what}: ${j.error.message}.`;
    }
  } catch (e) { /* not JSON: fall through */ }
  if (status === 413) return 'The file is too large for this server.';
  if (status === 0) return 'The server could not be reached.';
  return `The server answered ${status}; please try again.`;
}

function showError(msg) {
  const e = $('error');
  e.textContent = msg;
  e.hidden = false;
  e.focus();
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

async function api(method, path) {
  const r = await fetch(path, { method, headers: { Accept: 'application/json' } });
  const text = await r.text();
  if (!r.ok) {
    const err = new Error(errorText(r.status, text));
    err.status = r.status;
    throw err;
  }
  return text ? JSON.parse(text) : null;
}

// ---------------------------------------------------------------------
// Stage 1: the upload.

function setStage(which, pct, text) {
  $(`${which}-bar`).value = pct;
  $(`${which}-text`).textContent = text;
}

function setState(s) {
  const b = $('state');
  b.textContent = s;
  b.className = `badge state-${s}`;
  b.removeAttribute('title');
}

// A done job that rejected rows is done, with a warning: "4 of 7 rows
// rejected".  Returns the warning's message, or null.
function warningOf(j) {
  const w = j.state === 'done' && j.warnings && j.warnings.find((x) => x.code === 'rows_rejected');
  return w ? `${fmtInt(w.count)} of ${fmtInt(w.rows)} row${w.rows === 1 ? '' : 's'} rejected` : null;
}

// The yellow badge of a job done with warnings (in place of the green one).
function warnBadge(b, msg) {
  b.textContent = 'done with warnings';
  b.className = 'badge state-done state-warning';
  b.title = msg;
}

function upload(ev, kind = 'agg') {
  ev.preventDefault();
  const form = $('upload-form');
  const file = $('file').files[0];
  if (!file) { showError('Choose a CSV file first.'); return; }
  // The header is in hand: a wrong column costs nothing, not an upload.
  if (state.sniffError) { showError(state.sniffError); return; }
  if (state.sniff && kind !== 'profile') {
    const wheres = [...form.querySelectorAll('[name="where"]')].map((w) => w.value).filter((w) => w.trim() !== '');
    const why = checkQuery(state.columns, $('group_by').value, $('agg').value, wheres);
    if (why) { showError(why); return; }
  }
  clearError();
  stopPoll();
  showRun(file.name);
  setStage('up', 0, `0 of ${fmtBytes(file.size)}`);
  setStage('proc', 0, 'Waiting for the upload');
  setState('uploading');
  $('submit').disabled = true;

  const xhr = new XMLHttpRequest();
  state.xhr = xhr;
  const t0 = performance.now();
  let lastAnnounce = 0;
  xhr.upload.addEventListener('progress', (e) => {
    if (!e.lengthComputable) return;
    const secs = (performance.now() - t0) / 1000;
    const pct = (100 * e.loaded) / e.total;
    const speed = secs > 0 ? e.loaded / 1e6 / secs : 0;
    setStage('up', pct, `${pct.toFixed(1)}%: ${fmtBytes(e.loaded)} of ${fmtBytes(e.total)}, ${fmtDec(speed.toFixed(1))} MB/s`);
    if (performance.now() - lastAnnounce > 2000) {
      lastAnnounce = performance.now();
      announce(`Upload ${Math.floor(pct)} percent`);
    }
  });
  xhr.upload.addEventListener('load', () => {
    setStage('up', 100, `100%: ${fmtBytes(file.size)} uploaded; the server is checking the header`);
  });
  xhr.addEventListener('load', () => {
    state.xhr = null;
    $('submit').disabled = false;
    if (xhr.status === 202) {
      const job = JSON.parse(xhr.responseText);
      const secs = (performance.now() - t0) / 1000;
      setStage('up', 100, `100%: ${fmtBytes(file.size)} in ${fmtSecs(secs)}, ${fmtDec((file.size / 1e6 / Math.max(secs, 1e-3)).toFixed(1))} MB/s`);
      announce('Upload complete; processing');
      openJob(job.id, { push: true, fresh: true });
      loadJobs();
    } else {
      setState('rejected');
      setStage('up', 0, 'The server refused the upload');
      $('cancel').hidden = true;
      showError(errorText(xhr.status, xhr.responseText));
      loadJobs();
    }
  });
  xhr.addEventListener('error', () => {
    state.xhr = null;
    $('submit').disabled = false;
    setState('failed');
    $('cancel').hidden = true;
    showError('The upload failed: the connection was closed. The file may be larger than the server accepts.');
  });
  xhr.addEventListener('abort', () => {
    state.xhr = null;
    $('submit').disabled = false;
    setState('cancelled');
    setStage('up', $('up-bar').value, 'Upload cancelled');
    $('cancel').hidden = true;
    announce('Upload cancelled');
  });
  xhr.open('POST', form.action);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(kind === 'profile' ? profileForm(form) : new FormData(form));
}

function showRun(name) {
  $('run').hidden = false;
  $('run-name').textContent = name;
  $('cancel').hidden = false;
  $('cancel').disabled = false;
  $('result').hidden = true;
  hideProfile();
  $('bad').hidden = true;
  $('share').hidden = true;
}

async function cancel() {
  if (state.xhr) { state.xhr.abort(); return; }
  if (!state.jobId) return;
  $('cancel').disabled = true;
  try {
    const j = await api('POST', `/api/jobs/${state.jobId}/cancel`);
    showJob(j);
  } catch (e) {
    showError(e.message);
    $('cancel').disabled = false;
  }
}

// ---------------------------------------------------------------------
// Stage 2: the job, polled until it ends.

function stopPoll() {
  if (state.poll) clearTimeout(state.poll);
  state.poll = null;
}

function jobUrl(id) {
  return `/?job=${id}`;
}

async function openJob(id, { push = false, fresh = false } = {}) {
  stopPoll();
  state.jobId = id;
  if (push) history.pushState({ job: id }, '', jobUrl(id));
  if (!fresh) {
    showRun('');
    setStage('up', 100, 'Uploaded');
  }
  $('share').href = jobUrl(id);
  $('share').hidden = false;
  await poll(id, true);
}

async function poll(id, first) {
  if (state.jobId !== id) return;
  let j;
  try {
    j = await api('GET', `/api/jobs/${id}`);
  } catch (e) {
    if (e.status === 404) {
      setState('missing');
      $('cancel').hidden = true;
      showError('There is no such job: it may have been deleted.');
      return;
    }
    // A hiccup: try again a little later.
    state.poll = setTimeout(() => poll(id, false), POLL_MS * 4);
    return;
  }
  if (state.jobId !== id) return;
  showJob(j, first);
  if (j.state === 'queued' || j.state === 'running')
    state.poll = setTimeout(() => poll(id, false), POLL_MS);
}

function showJob(j, first = false) {
  const was = $('state').textContent;
  $('run-name').textContent = j.name;
  document.title = `${j.name} (${j.state}) - tally`;
  setState(j.state);
  if (warningOf(j)) warnBadge($('state'), warningOf(j));
  const p = j.progress;
  const live = j.state === 'queued' || j.state === 'running';
  $('cancel').hidden = !live;
  if (j.state === 'queued') {
    setStage('proc', 0, 'Queued: waiting for a free worker');
  } else if (j.state === 'running') {
    const eta = p.eta_seconds != null ? `, about ${fmtSecs(p.eta_seconds)} left` : '';
    const filt = p.rows_filtered > 0 ? ` (${fmtInt(p.rows_filtered)} filtered out)` : '';
    setStage('proc', p.percent, `${p.percent.toFixed(1)}%: ${fmtInt(p.rows_done)} rows${filt}, ${fmtBytes(p.bytes_done)} of ${fmtBytes(p.bytes_total)}, ${fmtDec(p.mb_per_s.toFixed(1))} MB/s${eta}`);
  } else if (j.state === 'done') {
    const m = j.metrics || {};
    setStage('proc', 100, `100%: ${fmtInt(m.rows)} rows in ${fmtSecs(m.seconds)}, ${fmtDec(Number(m.mb_per_s).toFixed(1))} MB/s`);
  } else {
    setStage('proc', p.percent, `Stopped at ${p.percent.toFixed(1)}%: ${fmtInt(p.rows_done)} rows`);
  }
  if (was !== j.state && was !== 'done with warnings') announce(warningOf(j) ? `Job done: ${warningOf(j)}` : `Job ${j.state}`);
  if (j.state === 'failed') showError(`The job failed: ${j.error || 'no reason given'}`);
  if (j.state === 'cancelled') announce('The job was cancelled');
  if (!live) {
    showBad(j);
    if (j.state === 'done' && j.kind === 'profile') showProfile(j, !first);
    else if (j.state === 'done') showResult(j, !first);
    loadJobs();
  }
}

// ---------------------------------------------------------------------
// The result.

// Parse JSON text keeping every number as its exact text (a string), so
// that a sum of 30 digits stays 30 digits.  Strings decode as JSON says.
export function parseExact(text) {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i])) i++; };
  const fail = () => { throw new Error(`bad JSON at ${i}`); };
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; const o = {}; ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws(); const k = str(); ws();
        if (text[i++] !== ':') fail();
        o[k] = value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return o;
        fail();
      }
    }
    if (c === '[') {
      i++; const a = []; ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return a;
        fail();
      }
    }
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return { num: m[0] };
  }
  function str() {
    if (text[i] !== '"') fail();
    let j = i + 1;
    while (text[j] !== '"') { if (text[j] === '\\') j++; if (j >= text.length) fail(); j++; }
    const s = JSON.parse(text.slice(i, j + 1));
    i = j + 1;
    return s;
  }
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}

// Compare two exact decimal texts (or null, which sorts last).
export function cmpDecimal(a, b) {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  const na = a.startsWith('-'), nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const [ai, af = ''] = a.replace('-', '').split('.');
  const [bi, bf = ''] = b.replace('-', '').split('.');
  const ait = ai.replace(/^0+(?=\d)/, ''), bit = bi.replace(/^0+(?=\d)/, '');
  let r = ait.length - bit.length;
  if (r === 0) r = ait < bit ? -1 : ait > bit ? 1 : 0;
  if (r === 0) {
    const n = Math.max(af.length, bf.length);
    const x = af.padEnd(n, '0'), y = bf.padEnd(n, '0');
    r = x < y ? -1 : x > y ? 1 : 0;
  }
  return na ? -r : r;
}

// Add exact decimal texts with BigInt.
export function addDecimals(list) {
  let scale = 0;
  for (const s of list) scale = Math.max(scale, (s.split('.')[1] || '').length);
  let total = 0n;
  for (const s of list) {
    const neg = s.startsWith('-');
    const [ip, fp = ''] = s.replace('-', '').split('.');
    const v = BigInt(ip + fp.padEnd(scale, '0'));
    total += neg ? -v : v;
  }
  const neg = total < 0n;
  let digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (neg ? '-' : '') + digits;
}

const cellText = (v) => (v == null ? '' : typeof v === 'object' ? v.num : String(v));

async function showResult(j, focus) {
  const m = j.metrics || {};
  const dl = $('metrics');
  dl.replaceChildren();
  const add = (k, v, id) => dl.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v, id })));
  add('Rows', fmtInt(m.rows), 'm-rows');
  add('Rejected rows', fmtInt(m.rejected), 'm-rejected');
  add('Groups', fmtInt(m.groups), 'm-groups');
  add('Time', fmtSecs(m.seconds), 'm-time');
  add('Throughput', `${fmtDec(Number(m.mb_per_s).toFixed(1))} MB/s`, 'm-mbps');
  if (m.filtered > 0) add('Filtered out (where)', fmtInt(m.filtered), 'm-filtered');
  const q = queryText(j);
  $('result-query').textContent = q;
  $('result-query').hidden = !q;
  add('Peak memory', fmtBytes((m.peak_rss_kb || 0) * 1024), 'm-rss');
  $('dl-csv').href = j.result_urls.csv;
  $('dl-json').href = j.result_urls.json;
  $('dl-parquet').href = j.result_urls.parquet;
  const warn = warningOf(j);
  $('result-warning').hidden = !warn;
  if (warn) {
    $('result-warning').replaceChildren(`${warn}: `,
      el('a', { href: j.rejects_url, id: 'see-why', download: '', text: 'see why' }));
  }
  $('result').hidden = false;
  $('table').querySelector('thead').replaceChildren();
  $('table').querySelector('tbody').replaceChildren();
  $('chart').replaceChildren();
  $('table-note').textContent = '';
  if (focus) $('h-result').focus();
  hideRows();
  if (m.groups > RESULT_FETCH_MAX) {
    // Too many to load whole: a page at a time (rows.js).
    $('chart-box').hidden = true;
    // (keyCount() caps the keys at the columns: a page has up to 16 keys.)
    showRows(j, $('table'), $('table-note'), { nkeys: keyCount(j, { columns: { length: 16 } }), fmt: fmtDec });
    return;
  }
  let res;
  try {
    const r = await fetch(j.result_urls.json);
    if (!r.ok) throw new Error(`result.json: HTTP ${r.status}`);
    res = parseExact(await r.text());
  } catch (e) {
    showError(`The result cannot be shown: ${e.message}`);
    return;
  }
  if (state.jobId !== j.id) return;
  // Others and total rows (a "kind" column): kept apart from the groups.
  const marked = res.columns[0] === 'kind';
  const cols = marked ? res.columns.slice(1) : res.columns;
  state.cols = cols;
  state.rows = res.rows.filter((r) => !marked || r.kind === 'group').map((r) => cols.map((c) => r[c]));
  state.extra = res.rows.filter((r) => marked && r.kind !== 'group').map((r) => ({ kind: r.kind, cells: cols.map((c) => r[c]) }));
  state.nkeys = Math.min(keyCount(j, res), cols.length);
  state.sortCol = -1;
  drawTable();
  drawChart();
}

// The query as the job ran it, beyond groups and aggregates: "Where
// region=North; 120 rows filtered out. The first 20 groups, with others."
export function queryText(j) {
  const o = j.options || {};
  const m = j.metrics || {};
  const parts = [];
  if (o.where && o.where.length) {
    const n = m.filtered || 0;
    parts.push(`Where ${o.where.join(' and ')}: ${fmtInt(n)} row${n === 1 ? '' : 's'} filtered out.`);
  }
  const extra = [o.others ? 'others' : '', o.total ? 'a total' : ''].filter(Boolean).join(' and ');
  if (o.limit) parts.push(`The first ${fmtInt(o.limit)} group${o.limit === 1 ? '' : 's'}${extra ? `, with ${extra}` : ''}.`);
  else if (extra) parts.push(`With ${extra}.`);
  return parts.join(' ');
}

// Key columns come first: as many as the job grouped by (one by default).
function keyCount(j, res) {
  const g = j.options && j.options.group_by;
  const n = g ? g.split(',').length : 1;
  return Math.min(Math.max(n, 1), res.columns.length);
}

function drawTable() {
  const t = $('table');
  const head = el('tr');
  state.cols.forEach((c, i) => {
    const sorted = state.sortCol === i;
    const btn = el('button', { type: 'button', class: 'sort', text: c });
    btn.append(el('span', { class: 'arrow', 'aria-hidden': 'true', text: sorted ? (state.sortDir > 0 ? ' ▲' : ' ▼') : ' ↕' }));
    btn.addEventListener('click', () => sortBy(i));
    const th = el('th', { scope: 'col', class: i >= state.nkeys ? 'num' : '' }, btn);
    th.setAttribute('aria-sort', sorted ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    head.append(th);
  });
  t.querySelector('thead').replaceChildren(head);
  const body = t.querySelector('tbody');
  const frag = document.createDocumentFragment();
  for (const r of state.rows.slice(0, TABLE_MAX)) {
    const tr = el('tr');
    r.forEach((v, i) => tr.append(el(i < state.nkeys ? 'th' : 'td', i < state.nkeys ? { scope: 'row', text: cellText(v) } : { class: 'num', text: fmtDec(cellText(v)) })));
    frag.append(tr);
  }
  for (const x of state.extra || []) {
    const tr = el('tr', { class: `extra ${x.kind}` });
    x.cells.forEach((v, i) => {
      if (i >= state.nkeys) tr.append(el('td', { class: 'num', text: fmtDec(cellText(v)) }));
      else if (i === 0) tr.append(el('th', { scope: 'row', colspan: String(state.nkeys), text: `(${x.kind})` }));
    });
    frag.append(tr);
  }
  body.replaceChildren(frag);
  $('table-note').textContent = state.rows.length > TABLE_MAX
    ? `Showing ${fmtInt(TABLE_MAX)} of ${fmtInt(state.rows.length)} groups; the downloads have them all.` : '';
}

function sortBy(i) {
  if (state.sortCol === i) state.sortDir = -state.sortDir;
  else { state.sortCol = i; state.sortDir = i < state.nkeys ? 1 : -1; }
  const dir = state.sortDir;
  const num = i >= state.nkeys;
  const coll = new Intl.Collator('en', { numeric: true });
  state.rows.sort((a, b) => dir * (num ? cmpDecimal(cellText(a[i]) || null, cellText(b[i]) || null)
    : coll.compare(cellText(a[i]), cellText(b[i]))));
  drawTable();
  const btn = $('table').querySelectorAll('thead button')[i];
  if (btn) btn.focus();
  announce(`Sorted by ${state.cols[i]}, ${dir > 0 ? 'ascending' : 'descending'}`);
}

// A horizontal bar chart of the top CHART_TOP groups by the first
// aggregate (--limit 20 --others on the page's side: the rest become one
// "others" bar, exact where the aggregate adds up).  The scale is the top
// bars' own: an others bar longer than them is drawn broken at the edge,
// its value written beside it, so it never flattens the rest.
function drawChart() {
  const box = $('chart');
  const ai = state.nkeys;
  const aname = state.cols[ai];
  $('chart-box').hidden = aname == null || state.rows.length === 0;
  if ($('chart-box').hidden) return;
  const label = (r) => r.slice(0, state.nkeys).map(cellText).join(' / ');
  const sorted = [...state.rows].sort((a, b) => cmpDecimal(cellText(b[ai]) || null, cellText(a[ai]) || null));
  const bars = sorted.slice(0, CHART_TOP).map((r) => ({ label: label(r), text: cellText(r[ai]) }));
  const rest = sorted.slice(CHART_TOP).map((r) => cellText(r[ai])).filter((s) => s !== '');
  const kind = aname.split('_')[0];
  if (rest.length > 0) {
    let text = null;
    if (kind === 'sum' || kind === 'count') text = addDecimals(rest);
    else if (kind === 'min') text = rest.reduce((a, b) => (cmpDecimal(a, b) <= 0 ? a : b));
    else if (kind === 'max') text = rest.reduce((a, b) => (cmpDecimal(a, b) >= 0 ? a : b));
    bars.push({ label: `others (${fmtInt(rest.length)} groups)`, text, others: true });
  } else {
    // The job's own others row (--others), exact for every kind that adds up.
    const o = (state.extra || []).find((x) => x.kind === 'others');
    if (o && cellText(o.cells[ai]) !== '') bars.push({ label: 'others', text: cellText(o.cells[ai]), others: true });
  }
  const hasOthers = bars.length > 0 && bars[bars.length - 1].others;
  $('chart-title').textContent = `${aname} per group: the top ${Math.min(CHART_TOP, sorted.length)}${hasOthers ? ' and the others' : ''}`;
  const vals = bars.map((b) => (b.text == null || b.text === '' ? 0 : Number(b.text)));
  const top = vals.filter((v, k) => !bars[k].others);
  const max = Math.max(0, ...top);
  const min = Math.min(0, ...top);
  const span = max - min || 1;
  // Drawn at the box's own width, so the text stays readable on a phone.
  const W = Math.max(300, Math.min(box.clientWidth || 750, 1000));
  const rowH = 26, labelW = Math.min(180, W * 0.34), valueW = Math.min(170, W * 0.3);
  const barW = W - labelW - valueW;
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${bars.length * rowH + 4}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', $('chart-title').textContent);
  const mk = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  };
  const zero = labelW + ((0 - min) / span) * barW;
  let broken = false;
  bars.forEach((b, k) => {
    const y = k * rowH + 2;
    let v = vals[k];
    const cut = b.others && (v > max || v < min);
    if (cut) { v = v > max ? max : min; broken = true; }
    const x0 = Math.min(zero, labelW + ((v - min) / span) * barW);
    const w = Math.abs(((v - 0) / span) * barW);
    const g = mk('g', { class: `bar${b.others ? ' others' : ''}${cut ? ' broken' : ''}` });
    const name = b.label.replace(/\s+/g, ' ');
    const shown = b.text == null ? null : fmtDec(b.text);
    g.append(mk('title', {}, `${name}: ${shown ?? 'not combinable'}`));
    const fit = Math.max(6, Math.floor(labelW / 7.5));
    g.append(mk('text', { x: labelW - 6, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label' }, name.length > fit ? `${name.slice(0, fit - 1)}…` : name));
    if (b.text != null) g.append(mk('rect', { x: x0, y: y + 3, width: Math.max(w, 1), height: rowH - 8, rx: 2 }));
    if (cut) {
      // Two slanted white strokes across the bar's end: it goes on.
      const xe = v >= 0 ? x0 + w - 14 : x0 + 8;
      for (const dx of [0, 5]) g.append(mk('line', { x1: xe + dx, y1: y + rowH - 3, x2: xe + dx + 6, y2: y + 1, class: 'break' }));
    }
    g.append(mk('text', { x: labelW + barW + 6, y: y + rowH / 2 + 4, class: 'value' }, shown ?? '(does not combine)'));
    svg.append(g);
  });
  box.replaceChildren(svg);
  $('chart-note').textContent = broken ? 'The others bar is cut at the edge: drawn to scale it would flatten every other bar. Its value is written beside it.' : '';
}

function showBad(j) {
  const s = j.rejected_samples || [];
  const n = j.metrics ? j.metrics.rejected : s.length;
  $('bad').hidden = s.length === 0;
  if (s.length === 0) return;
  const listed = s.length < n ? `The first ${s.length} are listed:` : 'They are:';
  if (j.state === 'failed') {
    // The run stopped there: nothing was skipped.
    const m = /stopped at line (\d+)/.exec(j.error || '');
    const at = m ? Number(m[1]) : s[s.length - 1].line;
    $('bad-summary').textContent = `Stopped at line ${fmtInt(at)}, with ${fmtInt(n)} bad row${n === 1 ? '' : 's'}. ${listed}`;
  } else {
    $('bad-summary').textContent = `${fmtInt(n)} row${n === 1 ? ' was' : 's were'} skipped. ${listed}`;
  }
  if (j.rejects_url) {
    $('bad-summary').append(' ', el('a', { href: j.rejects_url, download: '', text: 'Download every rejected row (CSV)' }));
  }
  const body = $('bad-rows').querySelector('tbody');
  body.replaceChildren(...s.map((r) => el('tr', {},
    el('td', { text: String(r.line) }),
    el('td', { text: r.column > 0 ? `${r.column}${r.column_name != null ? ` (${r.column_name})` : ''}` : '(whole row)' }),
    el('td', {}, el('code', { text: r.value ?? '' })),
    el('td', { text: r.reason }))));
}

// ---------------------------------------------------------------------
// Past jobs.

async function loadJobs(more = false) {
  if (!more) state.jobsOffset = 0;
  let res;
  try {
    res = await api('GET', `/api/jobs?limit=20&offset=${state.jobsOffset}`);
  } catch (e) {
    $('job-list').replaceChildren(el('li', { text: `The list cannot be loaded: ${e.message}` }));
    return;
  }
  const items = res.jobs.map((j) => {
    const open = el('a', { href: jobUrl(j.id), text: j.name || j.id, class: 'job-name' });
    open.addEventListener('click', (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      clearError();
      openJob(j.id, { push: true });
      $('h-run').focus();
    });
    const del = el('button', { type: 'button', class: 'danger small', text: 'Delete', 'aria-label': `Delete job ${j.name}` });
    del.addEventListener('click', () => deleteJob(j));
    const when = j.created ? new Date(j.created).toLocaleString() : '';
    const badge = el('span', { class: `badge state-${j.state}`, text: j.state });
    if (warningOf(j)) warnBadge(badge, warningOf(j));
    return el('li', { 'data-id': j.id },
      open, ' ', badge,
      ' ', el('span', { class: 'hint', text: when }), ' ', del);
  });
  if (more) $('job-list').append(...items);
  else $('job-list').replaceChildren(...items);
  if (res.total === 0) $('job-list').replaceChildren(el('li', { class: 'hint', text: 'No jobs yet.' }));
  state.jobsOffset += res.jobs.length;
  $('jobs-more').hidden = state.jobsOffset >= res.total;
}

async function deleteJob(j) {
  if (!confirm(`Delete the job "${j.name}" and its result?`)) return;
  try {
    await api('DELETE', `/api/jobs/${j.id}`);
  } catch (e) {
    showError(e.message);
    return;
  }
  announce(`Deleted ${j.name}`);
  if (state.jobId === j.id) {
    stopPoll();
    state.jobId = null;
    $('run').hidden = true;
    $('result').hidden = true;
    $('bad').hidden = true;
    history.pushState({}, '', '/');
  }
  await loadJobs();
  $('h-jobs').setAttribute('tabindex', '-1');
  $('h-jobs').focus();
}

// ---------------------------------------------------------------------
// Start.

function route() {
  const id = new URLSearchParams(location.search).get('job')
    || new URLSearchParams(location.hash.slice(1)).get('job');
  if (id && JOB_RE.test(id)) openJob(id);
  else if (id) showError('That link does not name a job: a job id is 34 lowercase hex digits.');
  else {
    stopPoll();
    state.jobId = null;
    $('run').hidden = true;
    $('result').hidden = true;
    hideProfile();
    $('bad').hidden = true;
  }
}

function init() {
  for (const e of document.querySelectorAll('.js-only')) e.hidden = e.id === 'columns';
  $('upload-form').addEventListener('submit', upload);
  $('profile-btn').addEventListener('click', (ev) => upload(ev, 'profile'));
  $('where-add').addEventListener('click', addWhere);
  $('where-op').addEventListener('change', whereOpChanged);
  $('where-val').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); addWhere(); }
  });
  $('file').addEventListener('change', () => fileChosen($('file').files[0]));
  // A changed dialect is sniffed again, as the job would read it.
  for (const id of ['encoding', 'delimiter', 'decimal', 'trim'])
    $(id).addEventListener('change', () => resniff($('file').files[0]));
  $('header').addEventListener('change', () => {
    state.headerChosen = true;
    resniff($('file').files[0]);
  });
  $('agg-add').addEventListener('click', () => {
    addAgg('sum', Math.max(0, findCol('number_of_sales')));
    $('agg-list').lastElementChild.querySelector('select').focus();
  });
  $('cancel').addEventListener('click', cancel);
  $('jobs-refresh').addEventListener('click', () => loadJobs());
  $('jobs-next').addEventListener('click', () => loadJobs(true));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length === 0) return;
    $('file').files = e.dataTransfer.files;
    fileChosen(e.dataTransfer.files[0]);
  });
  window.addEventListener('popstate', route);
  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (!$('result').hidden && state.rows.length) drawChart(); }, 150);
  });
  document.body.classList.add('js');
  loadJobs();
  route();
}

init();
