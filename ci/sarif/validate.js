// Copyright 2026 The gwc Authors.
//
// Validates SARIF files against the SARIF 2.1.0 JSON schema with Ajv.
// Usage: node validate.js SCHEMA.json FILE.sarif...
// Exit status: 0 all valid, 1 a file is invalid or not JSON, 2 usage or I/O
// error. Run through ci/validate_sarif.sh, which installs Ajv and the schema.

'use strict';

const fs = require('fs');
const Ajv = require('ajv').default;  // draft-07, the schema's dialect
const addFormats = require('ajv-formats').default;

function readJson(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

function main(argv) {
  if (argv.length < 2) {
    console.error('usage: validate.js SCHEMA.json FILE.sarif...');
    return 2;
  }
  let schema;
  try {
    schema = readJson(argv[0]);
  } catch (e) {
    console.error(`cannot read schema ${argv[0]}: ${e.message}`);
    return 2;
  }
  const ajv = new Ajv({allErrors: true, strict: false});
  addFormats(ajv);
  const validate = ajv.compile(schema);
  let status = 0;
  for (const file of argv.slice(1)) {
    let log;
    try {
      log = readJson(file);
    } catch (e) {
      console.error(`${file}: not valid JSON: ${e.message}`);
      status = e.code === 'ENOENT' || e.code === 'EACCES' ? Math.max(status, 2) : 1;
      continue;
    }
    if (validate(log)) {
      console.log(`${file}: valid SARIF 2.1.0`);
      continue;
    }
    status = Math.max(status, 1);
    for (const err of validate.errors) {
      const where = err.instancePath || '/';
      console.error(`${file}: ${where}: ${err.message} (${err.schemaPath})`);
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
