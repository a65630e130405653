// The profile of a file on the page: the "Profile" button uploads the
// chosen file as a kind=profile job (through app.js's upload, with the
// file, the kind and the dialect controls' settings), and a done profile
// job is shown here as one card per column: its type, counts, distinct
// values, range, mean and most frequent values as a small bar list, with
// shortcuts that fill the aggregate form ("Group by this", "Total this").
// The form is driven through its own controls, so app.js keeps its one
// source of truth for the query.

const $ = (id) => document.getElementById(id);
const NUMERIC = new Set(['integer', 'decimal']);

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

// Numbers keep their exact text: JSON.parse's source access where the
// browser has it, else the double's shortest text.
export function parseProfile(text) {
  return JSON.parse(text, (k, v, ctx) => (typeof v === 'number'
    ? (ctx && typeof ctx.source === 'string' ? ctx.source : String(v)) : v));
}

const int = (v) => (v == null ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','));

// A number's text with thousands separators in its whole part.
function num(v) {
  if (v == null) return '';
  const s = String(v);
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  return m ? m[1] + int(m[2]) + m[3] : s;
}

export function typeLabel(c) {
  return c.type === 'decimal' && c.precision != null ? `decimal(${c.precision},${c.scale})` : c.type;
}

// The form data of a profile job: the kind, the dialect controls as the
// aggregate form sends them (encoding, delimiter, header, decimal comma,
// trim: what the preview was sniffed with), then the file.  Nothing of
// the query (group by, aggregates, where) goes with it.
const DIALECT_FIELDS = ['encoding', 'delimiter', 'header', 'decimal', 'trim'];

export function profileForm(form) {
  const fd = new FormData();
  fd.append('kind', 'profile');
  const all = new FormData(form);
  for (const name of DIALECT_FIELDS)
    for (const v of all.getAll(name)) fd.append(name, v);
  fd.append('file', form.file.files[0]);
  return fd;
}

// Fill the aggregate form: group by column i, or add a sum of it.
function groupBy(i, name) {
  const box = $(`g-${i}`);
  if (!box) return false;
  box.checked = true;
  box.dispatchEvent(new Event('change'));
  box.focus();
  announce(`Grouping by ${name}`);
  return true;
}

function totalOf(i, name) {
  const add = $('agg-add');
  if (!add || $('columns').hidden) return false;
  add.click();
  const li = $('agg-list').lastElementChild;
  const kind = li.querySelector('.agg-kind');
  kind.value = 'sum';
  kind.dispatchEvent(new Event('change'));
  const col = li.querySelector('.agg-col');
  col.value = String(i);
  col.dispatchEvent(new Event('change'));
  col.focus();
  announce(`Added the sum of ${name}`);
  return true;
}

function announce(msg) {
  const live = $('live');
  if (live) live.textContent = msg;
}

function topList(c) {
  if (!c.top || c.top.length === 0) {
    return el('p', { class: 'hint', text: c.top_exact ? 'No values.' : 'No value stands out (too many distinct values).' });
  }
  const max = Math.max(...c.top.map((t) => Number(t.count)));
  const ol = el('ol', { class: 'top-list', 'aria-label': `Most frequent values of ${c.name}` });
  for (const t of c.top) {
    const pct = max > 0 ? (100 * Number(t.count)) / max : 0;
    ol.append(el('li', {},
      el('span', { class: 'top-value', text: t.value === '' ? '(empty)' : t.value }),
      el('span', { class: 'top-bar', 'aria-hidden': 'true' }, el('span', { style: `width:${pct.toFixed(1)}%` })),
      el('span', { class: 'top-count', text: (c.top_exact ? '' : '≥ ') + int(t.count) })));
  }
  return ol;
}

function card(c, i) {
  const dl = el('dl', { class: 'col-stats' });
  const add = (k, v, cls) => { if (v !== '' && v != null) dl.append(el('div', { class: cls || '' }, el('dt', { text: k }), el('dd', { text: v }))); };
  add('Values', int(c.count), 'st-count');
  add('Empty', int(c.empty), 'st-empty');
  add('Distinct', (c.distinct_exact ? '' : '≈ ') + int(c.distinct), 'st-distinct');
  if (c.min != null) add('Range', `${NUMERIC.has(c.type) ? num(c.min) : c.min} – ${NUMERIC.has(c.type) ? num(c.max) : c.max}`, 'st-range');
  if (c.mean != null) add('Mean', num(c.mean), 'st-mean');
  if (c.stddev != null) add('Std. dev.', num(c.stddev), 'st-stddev');
  if (c.min_length != null) add('Length', c.min_length === c.max_length ? `${c.min_length}` : `${c.min_length}–${c.max_length}`, 'st-length');
  const kids = [
    el('h3', { id: `pc-h-${i}` }, el('span', { class: 'col-name', text: c.name }), ' ',
      el('span', { class: `badge type-${c.type}`, text: typeLabel(c) })),
    dl,
  ];
  if (c.not_type) {
    const n = c.not_type;
    kids.push(el('p', { class: 'warning not-type',
      text: `${n.type} except ${int(n.count)} value${n.count === '1' || n.count === 1 ? '' : 's'}, the first at line ${int(n.first_line)}: "${n.first_value}"` }));
  }
  kids.push(el('h4', { text: c.top_exact ? 'Most frequent' : 'Most frequent (estimated)' }), topList(c));
  const g = el('button', { type: 'button', class: 'secondary small group-this', text: 'Group by this',
    'aria-label': `Group by ${c.name}` });
  g.addEventListener('click', () => groupBy(i, c.name));
  const t = el('button', { type: 'button', class: 'secondary small total-this', text: 'Total this',
    'aria-label': `Total ${c.name}` });
  t.addEventListener('click', () => totalOf(i, c.name));
  if (!NUMERIC.has(c.type)) t.disabled = true;
  kids.push(el('p', { class: 'shortcuts' }, g, ' ', t));
  return el('article', { class: 'col-card', 'aria-labelledby': `pc-h-${i}`, 'data-column': c.name }, ...kids);
}

export function hideProfile() {
  const s = $('profile');
  if (s) s.hidden = true;
}

// Show the profile of done job j; focus its heading if asked.
export async function showProfile(j, focus) {
  const sec = $('profile');
  $('result').hidden = true;
  sec.hidden = false;
  $('pdl-json').href = j.result_urls.json;
  $('pdl-csv').href = j.result_urls.csv;
  const box = $('profile-cards');
  box.replaceChildren();
  $('profile-info').textContent = '';
  if (focus) $('h-profile').focus();
  let p;
  try {
    const r = await fetch(j.result_urls.json);
    if (!r.ok) throw new Error(`result.json: HTTP ${r.status}`);
    p = parseProfile(await r.text());
  } catch (e) {
    $('profile-info').textContent = `The profile cannot be shown: ${e.message}`;
    return;
  }
  const d = p.dialect || {};
  const dname = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[d.delimiter] || d.delimiter;
  $('profile-info').textContent = `${int(p.rows)} rows, ${p.columns.length} columns, separated by ${dname}, ${d.encoding}`
    + (Number(p.rejected) > 0 ? `; ${int(p.rejected)} rows with the wrong number of fields skipped` : '');
  p.columns.forEach((c, i) => box.append(card(c, i)));
}
