// Validate an OpenAPI document with @readme/openapi-parser: the OpenAPI
// 3.1 schema, then its own checks (every $ref resolves, path parameters
// are declared, operationIds are unique...).  Prints "valid" and exits 0,
// or prints the errors and exits 1.
import { createRequire } from 'node:module';
import path from 'node:path';

// The modules: OPENAPI_MODULES, or node_modules beside this script.
const modules = process.env.OPENAPI_MODULES ||
    path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules');
const require = createRequire(path.join(modules, 'x.js'));
const { validate } = require('@readme/openapi-parser');

const file = process.argv[2];
const res = await validate(file);
if (!res.valid) {
  console.error(JSON.stringify(res.errors, null, 1));
  process.exit(1);
}
if (res.warnings && res.warnings.length > 0) {
  console.error(JSON.stringify(res.warnings, null, 1));
  process.exit(1);
}
console.log('valid');
