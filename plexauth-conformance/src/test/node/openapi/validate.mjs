#!/usr/bin/env node
// Validates an OpenAPI document against the official OpenAPI JSON schema of its version, with
// @seriousme/openapi-schema-validator (pinned in package-lock.json), and prints ONE JSON document on stdout:
//
//   {"validator": "2.11.0", "version": "3.1", "valid": true|false, "errors": [...] | "..."}
//
// It reports; the Java test (OpenApiDocumentTest) judges. Exit status 0 whenever a report was printed, 2 when the
// document could not be read at all.
//
// Usage: node validate.mjs PATH_TO_OPENAPI_YAML

import { createRequire } from "node:module";
import { Validator } from "@seriousme/openapi-schema-validator";

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: node validate.mjs PATH_TO_OPENAPI_YAML\n");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const validatorVersion = require("@seriousme/openapi-schema-validator/package.json").version;

const validator = new Validator();
let result;
try {
  result = await validator.validate(path);
} catch (e) {
  process.stderr.write(`validate: cannot read ${path}: ${e?.message ?? e}\n`);
  process.exit(2);
}
const report = {
  validator: validatorVersion,
  version: validator.version,
  valid: result.valid,
  errors: result.errors ?? [],
};
await new Promise((resolve) => process.stdout.write(JSON.stringify(report) + "\n", resolve));
