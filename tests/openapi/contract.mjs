// The contract between doc/openapi.json and the running stack.
//
//	node contract.mjs DOC SEEN API_C
//
// DOC is the OpenAPI document; SEEN lists the answers test-openapi.sh got,
// one a line: METHOD TAB PATH-TEMPLATE TAB STATUS TAB CONTENT-TYPE TAB
// BODY-FILE; API_C is fcgi/api.c, whose routes table is read.  Checks:
// - every route of the table (method and pattern) is documented;
// - every answer seen is documented (path, method, status), and its body
//   validates against the documented schema of its content type (Ajv,
//   JSON Schema 2020-12, as OpenAPI 3.1 uses);
// - every documented path, method and status was seen, but for those in
//   UNSEEN below, each with the reason it cannot be had on demand.
// Prints what it checked and exits 0, or prints each problem and exits 1.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const modules = process.env.OPENAPI_MODULES ||
    path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules');
const require = createRequire(path.join(modules, 'x.js'));
const Ajv2020 = require('ajv/dist/2020').default;

const UNSEEN = {
  '503': 'the database unreachable or the daemon draining for shutdown; ' +
      'test-service-health.sh and test-service-recovery.sh cover them',
  'GET /_tally/auth/{id}': 'nginx\'s internal auth_request, not reachable ' +
      'from outside (the downloads exercise it)',
  'HEAD /job/{id} 404': 'the same handler as GET /job/{id} 404',
};

const [docFile, seenFile, apiFile] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
const problems = [];

// Routes in the table: { "GET",	"/api/health",	H_HEALTH },
const api = readFileSync(apiFile, 'utf8');
const table = api.slice(api.indexOf('static const struct route routes[]'));
const routes = [...table.slice(0, table.indexOf('};')).matchAll(
    /\{\s*"([A-Z]+)",\s*"([^"]+)",\s*H_[A-Z_]+\s*\}/g)];
if (routes.length < 10)
  problems.push(`only ${routes.length} routes read from ${apiFile}`);
for (const [, method, pattern] of routes) {
  if (!doc.paths[pattern] || !doc.paths[pattern][method.toLowerCase()])
    problems.push(`route ${method} ${pattern} is not documented`);
}

const ajv = new Ajv2020({ strict: false, allErrors: true,
    validateFormats: false });
ajv.addSchema(doc, 'doc');

function operation(method, tmpl) {
  const p = doc.paths[tmpl];
  return p && p[method.toLowerCase()];
}

const seen = new Set();
const lines = readFileSync(seenFile, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const [method, tmpl, status, ctype, body] = line.split('\t');
  const where = `${method} ${tmpl} ${status}`;
  seen.add(where);
  const op = operation(method, tmpl);
  if (!op) { problems.push(`${where}: path or method not documented`); continue; }
  const resp = op.responses[status];
  if (!resp) { problems.push(`${where}: status not documented`); continue; }
  if (!resp.content || method === 'HEAD') continue;
  const type = (ctype || '').split(';')[0].trim();
  const media = resp.content[type];
  if (!media) {
    problems.push(`${where}: content type ${type || 'none'} not documented ` +
        `(${Object.keys(resp.content).join(', ')})`);
    continue;
  }
  if (type !== 'application/json' || !media.schema) continue;
  let value;
  try {
    value = JSON.parse(readFileSync(body, 'utf8'));
  } catch (e) {
    problems.push(`${where}: the body is not JSON: ${e.message}`);
    continue;
  }
  const pointer = '/paths/' + tmpl.replace(/~/g, '~0').replace(/\//g, '~1') +
      `/${method.toLowerCase()}/responses/${status}/content/` +
      type.replace(/~/g, '~0').replace(/\//g, '~1') + '/schema';
  const validate = ajv.getSchema('doc#' + pointer);
  if (!validate) { problems.push(`${where}: no schema at ${pointer}`); continue; }
  if (!validate(value))
    problems.push(`${where}: ${ajv.errorsText(validate.errors)}: ` +
        JSON.stringify(value).slice(0, 300));
}

let documented = 0;
for (const [tmpl, item] of Object.entries(doc.paths)) {
  for (const method of ['get', 'put', 'post', 'delete', 'head', 'patch']) {
    if (!item[method]) continue;
    for (const status of Object.keys(item[method].responses)) {
      documented++;
      const where = `${method.toUpperCase()} ${tmpl} ${status}`;
      if (seen.has(where) || UNSEEN[status] || UNSEEN[where] ||
          UNSEEN[`${method.toUpperCase()} ${tmpl}`])
        continue;
      problems.push(`${where}: documented but never answered by the stack`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error('openapi contract: ' + p);
  process.exit(1);
}
console.log(`openapi contract: ${routes.length} routes documented, ` +
    `${lines.length} answers valid, ${documented} documented statuses ` +
    `seen or explained`);
