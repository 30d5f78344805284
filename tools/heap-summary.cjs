#!/usr/bin/env node
// Summarises a V8 heap snapshot (issue 15, worker memory): self size by node type and constructor or
// name, largest first, so two workers' snapshots can be compared line by line.
//   node tools/heap-summary.cjs <file.heapsnapshot> [top=40]
// Strings are grouped by kind and size (module sources are the large ones); code by type.
'use strict';
const { readFileSync } = require('node:fs');

const [file, top = '40'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: heap-summary.cjs <file.heapsnapshot> [top]\n');
  process.exit(2);
}
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const fields = meta.node_fields;
const types = meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
const { nodes, strings } = snapshot;
const groups = new Map();
let total = 0;
for (let i = 0; i < nodes.length; i += fields.length) {
  const type = types[nodes[i + typeAt]];
  const size = nodes[i + sizeAt];
  let name = strings[nodes[i + nameAt]];
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string')
    name = size >= 65536 ? '(>= 64 KiB: sources, data)' : size >= 1024 ? '(1-64 KiB)' : '(< 1 KiB)';
  else if (type === 'code' || type === 'number' || type === 'hidden' || type === 'array')
    name = name.length > 60 ? `${name.slice(0, 57)}...` : name;
  const key = `${type}\t${name}`;
  const group = groups.get(key) ?? { count: 0, size: 0 };
  group.count++;
  group.size += size;
  groups.set(key, group);
  total += size;
}
const mib = (n) => (n / 1048576).toFixed(2);
process.stdout.write(`${mib(total)} MiB in ${nodes.length / fields.length} nodes\n`);
for (const [key, { count, size }] of [...groups]
  .sort((a, b) => b[1].size - a[1].size)
  .slice(0, Number(top)))
  process.stdout.write(`${mib(size).padStart(7)} MiB ${String(count).padStart(8)}  ${key}\n`);
