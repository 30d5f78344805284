// Copied by tools/build.mjs next to each built main.js, which requires it first: stack traces of the
// compiled service point at its TypeScript (file, line, column), like Node's --enable-source-maps,
// but a file's source map is read only when a stack trace goes through that file.
//
// Why not Node's own (process.setSourceMapsEnabled): Node 20 reads and parses the map of every module
// as it loads, node_modules packages included, and keeps them for the life of the process: 4.1 MiB of
// maps in an auth-service worker, 6-7 MiB of V8 heap and ~8 MiB of RSS per worker, and a slower
// start (issue 15, README "Memory: idle workers, source maps"). Only files of this build are mapped;
// a map that is missing or unreadable leaves that frame as V8 wrote it.
'use strict';
const { readFileSync } = require('node:fs');
const { SourceMap } = require('node:module');
const { dirname, isAbsolute, resolve } = require('node:path');
const { fileURLToPath } = require('node:url');

const built = `${__dirname}/`;
/** Compiled file → its SourceMap, or null when it has none; filled as stack traces need them. */
const maps = new Map();

function mapOf(file) {
  if (!maps.has(file)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // no map next to it: the frame stays as it is
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `source.ts:line:column` for a position of a compiled file, or undefined to leave it. */
function original(file, line, column) {
  if (typeof file !== 'string' || !file.startsWith(built) || !line || !column) return undefined;
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || typeof entry.originalSource !== 'string') return undefined;
  const source = entry.originalSource.startsWith('file://')
    ? fileURLToPath(entry.originalSource)
    : isAbsolute(entry.originalSource)
      ? entry.originalSource
      : resolve(dirname(file), entry.originalSource);
  return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

function frame(callSite) {
  const text = String(callSite);
  const file = callSite.getFileName();
  const line = callSite.getLineNumber();
  const column = callSite.getColumnNumber();
  const mapped = original(file, line, column);
  const generated = `${file}:${line}:${column}`;
  return mapped && text.includes(generated) ? text.replace(generated, mapped) : text;
}

// The same text as Node's default (the error's toString, then "    at <frame>" lines).
Error.prepareStackTrace = (error, callSites) => {
  const head = Error.prototype.toString.call(error);
  if (callSites.length === 0) return head;
  return `${head}\n    at ${callSites.map(frame).join('\n    at ')}`;
};

module.exports = { original };
