// lint.js: the peer of the lint benchmark (ci/bench.sh, group "lint").
//
// A kubeconform stand-in that runs on Debian's node: reads CRD files, converts
// the openAPIV3Schema of every served version to a JSON Schema the way
// kubeconform's openapi2jsonschema does (strict), then parses every input
// document with js-yaml and validates it with Ajv against the schema picked by
// apiVersion + kind. Schemas are compiled lazily, on first use, as kubeconform
// does. Node is single-threaded, so this peer uses one worker (kubeconform
// defaults to several).
//
// Usage: node lint.js --crds PATH [--crds PATH...] [--verbose] INPUT...
//   --crds     a CRD file or a folder of them (*.yaml, *.yml, *.json); other
//              documents in those files are ignored
//   INPUT      files or folders (walked recursively for .yaml/.yml/.json)
// Prints one JSON line to stdout:
//   {"resources":N,"files":F,"errors":E,"seconds":S,...}
// where errors = invalid resources + unparsable files + documents without a
// schema. Exit code: 0 no errors, 1 errors found, 2 usage or setup error.

'use strict';

const startNs = process.hrtime.bigint();

const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const kInputExtensions = new Set(['.yaml', '.yml', '.json']);

function usage(message) {
  if (message) process.stderr.write(`lint.js: ${message}\n`);
  process.stderr.write(
      'usage: node lint.js --crds PATH [--crds PATH...] [--verbose] INPUT...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const options = {crds: [], inputs: [], verbose: false};
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--crds') {
      if (i + 1 >= argv.length) usage('--crds needs a path');
      options.crds.push(argv[++i]);
    } else if (arg === '--verbose' || arg === '-v') {
      options.verbose = true;
    } else if (arg === '-h' || arg === '--help') {
      usage();
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      options.inputs.push(arg);
    }
  }
  if (options.crds.length === 0) usage('at least one --crds is required');
  if (options.inputs.length === 0) usage('no input given');
  return options;
}

// Lists the files under `root` (or `root` itself) with a known extension,
// in a stable order.
function listFiles(root) {
  const stat = fs.statSync(root);
  if (!stat.isDirectory()) return [root];
  const out = [];
  const entries = fs.readdirSync(root, {withFileTypes: true});
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      out.push(...listFiles(full));
    } else if (kInputExtensions.has(path.extname(entry.name))) {
      out.push(full);
    }
  }
  return out;
}

function loadDocuments(file) {
  const text = fs.readFileSync(file, 'utf8');
  // CORE_SCHEMA: no timestamps or other YAML 1.1 extras, like sigs.k8s.io/yaml.
  return yaml.loadAll(text, null, {filename: file, schema: yaml.CORE_SCHEMA});
}

// ---------------------------------------------------------------------------
// openAPIV3Schema -> JSON Schema (strict, as kubeconform's openapi2jsonschema).

const kDroppedKeys = new Set(['description', 'example', 'externalDocs', 'nullable']);

function convertMap(map) {
  const out = {};
  for (const [name, schema] of Object.entries(map)) out[name] = convertSchema(schema);
  return out;
}

function convertSchema(schema) {
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (kDroppedKeys.has(key) || key.startsWith('x-kubernetes-')) continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions':
        out[key] = convertMap(value);
        break;
      case 'items':
        out.items = Array.isArray(value) ? value.map(convertSchema) : convertSchema(value);
        break;
      case 'additionalProperties':
      case 'not':
        out[key] = convertSchema(value);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = value.map(convertSchema);
        break;
      default:
        out[key] = value;
    }
  }
  const intOrString =
      schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string';
  if (intOrString) {
    if (out.format === 'int-or-string') delete out.format;
    if (!out.anyOf && !out.oneOf) out.type = ['integer', 'string'];
  }
  if (schema.nullable === true) allowNull(out);
  const preserveUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && !('additionalProperties' in schema) && !preserveUnknown) {
    out.additionalProperties = false;
  }
  return out;
}

function allowNull(schema) {
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type) && !schema.type.includes('null')) {
    schema.type.push('null');
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
}

// ---------------------------------------------------------------------------
// Schema registry: apiVersion/kind -> JSON Schema, compiled on first use.

class Registry {
  constructor() {
    this.ajv = new Ajv({allErrors: false, strict: false, logger: false});
    addFormats(this.ajv);
    this.schemas = new Map();     // key -> converted JSON Schema
    this.validators = new Map();  // key -> compiled validate function
    this.compileNs = 0n;
  }

  addCrdFile(file) {
    let added = 0;
    for (const doc of loadDocuments(file)) {
      if (!doc || doc.kind !== 'CustomResourceDefinition' || !doc.spec) continue;
      const group = doc.spec.group === 'core' ? '' : (doc.spec.group || '');
      const kind = doc.spec.names && doc.spec.names.kind;
      for (const version of doc.spec.versions || []) {
        const raw = version.schema && version.schema.openAPIV3Schema;
        if (!kind || !raw || version.served === false) continue;
        const apiVersion = group ? `${group}/${version.name}` : version.name;
        this.schemas.set(`${apiVersion}/${kind}`, convertSchema(raw));
        ++added;
      }
    }
    return added;
  }

  // Returns the validate function, or null when no schema is known.
  validator(apiVersion, kind) {
    const key = `${apiVersion}/${kind}`;
    let validate = this.validators.get(key);
    if (validate) return validate;
    const schema = this.schemas.get(key);
    if (!schema) return null;
    const t0 = process.hrtime.bigint();
    validate = this.ajv.compile(schema);
    this.compileNs += process.hrtime.bigint() - t0;
    this.validators.set(key, validate);
    return validate;
  }
}

// ---------------------------------------------------------------------------
// Linting.

class Stats {
  constructor(verbose) {
    this.verbose = verbose;
    this.files = 0;
    this.resources = 0;
    this.invalid = 0;
    this.parseErrors = 0;
    this.missingSchema = 0;
  }
  report(file, what) {
    if (this.verbose) process.stderr.write(`${file}: ${what}\n`);
  }
  get errors() { return this.invalid + this.parseErrors + this.missingSchema; }
}

function describe(doc) {
  const meta = (doc && doc.metadata) || {};
  const ns = meta.namespace ? `${meta.namespace}/` : '';
  return `${doc.kind} ${ns}${meta.name || '?'}`;
}

function lintDocument(registry, stats, file, doc) {
  if (doc === null || doc === undefined) return;  // empty document
  ++stats.resources;
  if (typeof doc !== 'object' || !doc.apiVersion || !doc.kind) {
    ++stats.invalid;
    stats.report(file, 'document without apiVersion/kind');
    return;
  }
  const validate = registry.validator(doc.apiVersion, doc.kind);
  if (!validate) {
    ++stats.missingSchema;
    stats.report(file, `${describe(doc)}: no schema for ${doc.apiVersion} ${doc.kind}`);
    return;
  }
  if (!validate(doc)) {
    ++stats.invalid;
    const e = validate.errors[0];
    stats.report(file, `${describe(doc)}: ${e.instancePath || '/'} ${e.message}` +
                           ` ${JSON.stringify(e.params)}`);
  }
}

function lintFile(registry, stats, file) {
  ++stats.files;
  let docs;
  try {
    docs = loadDocuments(file);
  } catch (err) {
    ++stats.parseErrors;
    stats.report(file, `parse error: ${err.message.split('\n')[0]}`);
    return;
  }
  for (const doc of docs) lintDocument(registry, stats, file, doc);
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const registry = new Registry();
  let versions = 0;
  for (const root of options.crds) {
    for (const file of listFiles(root)) versions += registry.addCrdFile(file);
  }
  if (versions === 0) usage('no CRD schema found under --crds');
  const schemaSeconds = Number(process.hrtime.bigint() - startNs) / 1e9;

  const stats = new Stats(options.verbose);
  for (const input of options.inputs) {
    for (const file of listFiles(input)) lintFile(registry, stats, file);
  }
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  const result = {
    resources: stats.resources,
    files: stats.files,
    errors: stats.errors,
    seconds: Number(seconds.toFixed(4)),
    invalid: stats.invalid,
    parse_errors: stats.parseErrors,
    missing_schema: stats.missingSchema,
    schemas: versions,
    schema_load_seconds: Number(schemaSeconds.toFixed(4)),
    compile_seconds: Number((Number(registry.compileNs) / 1e9).toFixed(4)),
    workers: 1,
    peer: `node ${process.versions.node} js-yaml ${require('js-yaml/package.json').version}` +
              ` ajv ${require('ajv/package.json').version}`,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  return stats.errors === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`lint.js: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 2;
}
