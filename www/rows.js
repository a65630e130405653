// Big results, a page at a time: a result with more groups than the page
// loads whole is read through GET /api/jobs/{id}/rows (jobs/rows.c), one
// page of PAGE rows per request, with First / Previous / Next / Last and
// a row number to jump to.  The first key column and the first aggregate
// column sort (the two orders the server keeps indexed); the browser
// never holds more than one page.  Cells are shown as the server sends
// them: exact decimal text, never JavaScript doubles.
//
// app.js calls showRows() for such a result and hideRows() before it
// shows any other.

const PAGE = 100;

let shown = null;   // { id, total, offset, sort, seq, ... } of the table shown

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
}

const fmtInt = (n) => Number(n).toLocaleString('en-US');

// The pager's controls, made once and put after the table's box.
function pager(box) {
  let p = document.getElementById('rows-pager');
  if (p) return p;
  const button = (id, text, label) => el('button', { type: 'button', id, class: 'pager', 'aria-label': label, text });
  p = el('nav', { id: 'rows-pager', class: 'pager', 'aria-label': 'Result pages' },
    button('rows-first', '« First', 'First page'),
    button('rows-prev', '‹ Previous', 'Previous page'),
    el('span', { id: 'rows-status', role: 'status', 'aria-live': 'polite' }),
    button('rows-next', 'Next ›', 'Next page'),
    button('rows-last', 'Last »', 'Last page'),
    el('label', { for: 'rows-goto' }, ' Go to row '),
    el('input', { id: 'rows-goto', type: 'number', min: '1', step: '1', inputmode: 'numeric', size: '9' }));
  box.after(p);
  const go = (f) => () => { if (shown) load(f(shown)); };
  p.querySelector('#rows-first').addEventListener('click', go(() => 0));
  p.querySelector('#rows-prev').addEventListener('click', go((s) => Math.max(0, s.offset - PAGE)));
  p.querySelector('#rows-next').addEventListener('click', go((s) => s.offset + PAGE));
  p.querySelector('#rows-last').addEventListener('click', go((s) => Math.max(0, Math.floor((s.total - 1) / PAGE) * PAGE)));
  p.querySelector('#rows-goto').addEventListener('change', (e) => {
    const n = Number(e.target.value);
    if (shown && Number.isInteger(n) && n >= 1) load(Math.min(n, shown.total) - 1);
  });
  return p;
}

// Fetch and draw rows [offset, offset + PAGE) in the current order.
async function load(offset) {
  const s = shown;
  const seq = ++s.seq;
  const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (s.sort) q.set('sort', s.sort);
  let page;
  try {
    const r = await fetch(`/api/jobs/${s.id}/rows?${q}`);
    page = await r.json();
    if (!r.ok) throw new Error(page.error ? page.error.message : `HTTP ${r.status}`);
  } catch (e) {
    if (shown === s && seq === s.seq) s.note.textContent = `This page of the result cannot be shown: ${e.message}`;
    return;
  }
  // A later click, or another job, won.
  if (shown !== s || seq !== s.seq) return;
  s.total = page.total;
  s.offset = page.offset;
  draw(s, page);
}

function draw(s, page) {
  const marked = page.columns[0] === 'kind';
  const nkeys = s.nkeys + (marked ? 1 : 0);
  // The two columns the server sorts by: the first key and the first
  // aggregate.
  const sortable = [marked ? 1 : 0, nkeys];
  const head = el('tr');
  page.columns.forEach((c, i) => {
    const num = i >= nkeys;
    if (!sortable.includes(i)) {
      head.append(el('th', { scope: 'col', class: num ? 'num' : '', text: c }));
      return;
    }
    const dir = s.sort === c ? 1 : s.sort === `-${c}` ? -1 : 0;
    const btn = el('button', { type: 'button', class: 'sort', text: c });
    btn.append(el('span', { class: 'arrow', 'aria-hidden': 'true', text: dir > 0 ? ' ▲' : dir < 0 ? ' ▼' : ' ↕' }));
    btn.addEventListener('click', () => {
      // Keys start ascending, totals largest first; a second click flips.
      s.sort = dir === 0 ? (num ? `-${c}` : c) : dir > 0 ? `-${c}` : c;
      load(0);
    });
    const th = el('th', { scope: 'col', class: num ? 'num' : '' }, btn);
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : dir < 0 ? 'descending' : 'none');
    head.append(th);
  });
  s.table.querySelector('thead').replaceChildren(head);
  const frag = document.createDocumentFragment();
  for (const r of page.rows) {
    const extra = marked && r[0] !== 'group';
    const tr = el('tr', extra ? { class: `extra ${r[0]}` } : {});
    r.forEach((v, i) => tr.append(i < nkeys
      ? el('th', { scope: 'row', text: v })
      : el('td', { class: 'num', text: s.fmt(v) })));
    frag.append(tr);
  }
  s.table.querySelector('tbody').replaceChildren(frag);
  const last = Math.min(s.offset + page.rows.length, s.total);
  const status = s.total === 0 ? 'No rows'
    : `Rows ${fmtInt(s.offset + 1)}–${fmtInt(last)} of ${fmtInt(s.total)}`;
  document.getElementById('rows-status').textContent = ` ${status} `;
  document.getElementById('rows-goto').max = String(Math.max(1, s.total));
  document.getElementById('rows-first').disabled = s.offset === 0;
  document.getElementById('rows-prev').disabled = s.offset === 0;
  document.getElementById('rows-next').disabled = last >= s.total;
  document.getElementById('rows-last').disabled = last >= s.total;
  s.note.textContent = `${fmtInt(s.total)} rows, shown ${PAGE} at a time; the downloads have them all.`;
}

// Show job j's result (done) a page at a time in table (thead, tbody),
// with a sentence in note.  opts: nkeys (key columns), fmt (a cell's
// number text as shown).
export function showRows(j, table, note, opts) {
  hideRows();
  shown = {
    id: j.id, total: 0, offset: 0, sort: '', seq: 0, table, note,
    nkeys: opts.nkeys, fmt: opts.fmt,
  };
  pager(table.closest('.scroll') || table).hidden = false;
  return load(0);
}

// Forget the paged table (another job, or a result shown whole).
export function hideRows() {
  shown = null;
  const p = document.getElementById('rows-pager');
  if (p) p.hidden = true;
}
