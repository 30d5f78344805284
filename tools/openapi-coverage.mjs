#!/usr/bin/env node
// Which documented operations the service specs answered, with a success and with an error status.
//   OPENAPI_ANSWERS_LOG=/tmp/answers.jsonl npx jest apps/<service>/src
//   node tools/openapi-coverage.mjs /tmp/answers.jsonl
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tools/openapi-coverage.mjs <OPENAPI_ANSWERS_LOG file>');
  process.exit(2);
}
const services = new Map();
const of = (name) =>
  services.get(name) ??
  services.set(name, { operations: new Set(), statuses: new Map() }).get(name);
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const entry = JSON.parse(line);
  const service = of(entry.service);
  if (entry.operations) for (const operation of entry.operations) service.operations.add(operation);
  else
    (
      service.statuses.get(entry.operation) ??
      service.statuses.set(entry.operation, new Set()).get(entry.operation)
    ).add(entry.status);
}
for (const [name, { operations, statuses }] of [...services].sort()) {
  const rows = [...operations].sort().map((operation) => {
    const seen = [...(statuses.get(operation) ?? [])].sort();
    return {
      operation,
      success: seen.some((s) => s < 300),
      error: seen.some((s) => s >= 400),
      seen,
    };
  });
  const both = rows.filter((r) => r.success && r.error).length;
  console.log(
    `\n${name}: ${rows.length} operations, ${rows.filter((r) => r.success).length} answered with a success, ${rows.filter((r) => r.error).length} with an error, ${both} with both`,
  );
  for (const r of rows.filter((row) => !row.success || !row.error))
    console.log(`  ${r.operation}: ${r.seen.length ? r.seen.join(', ') : 'never called'}`);
}
