// Class data sharing for the test brokers' JVMs: the classes a broker (or the storage tool) loads,
// parsed and verified once, are mapped from a file at each later start instead. Measured on the
// shared 2-core machine (load ~14): a single broker ready in 8.1-10.6 s with the archive, 12.8-14.8 s
// without. No effect once started (unlike C1-only, which would slow the relay bench's broker).
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, realpathSync, renameSync, rmSync, statSync } = require('node:fs');
const { delimiter, join } = require('node:path');

/** The java binary the command resolves to, so that another JDK gets its own archive. */
function javaIdentity(command) {
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH || '').split(delimiter).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      const real = realpathSync(candidate);
      return `${real}:${statSync(real).mtimeMs}`;
    } catch {
      // not in this folder
    }
  }
  return command;
}

/**
 * JVM flags for a dynamic CDS archive of `name` in `folder` (next to the cached jars): use the archive
 * when it exists; otherwise write one when this JVM exits normally (a clean stop, the storage tool's
 * end), under a name of its own, and `settle(true)` moves it in place (`settle(false)`: the JVM was
 * killed, or failed; a part written is removed). A JVM that finds the archive
 * unusable says so in its log and runs without it (-Xshare:auto, the default); a killed one writes
 * nothing. Two writers racing: the last rename wins, both files are whole. `write: false` (JVMs that
 * are killed, the cluster's): only use an archive another run wrote.
 */
function classArchive(folder, name, java, { write = true } = {}) {
  // Another JDK, or the jars installed again: another archive (the JVM would refuse the old one).
  const jars = join(folder, 'libs', '.complete');
  const installed = existsSync(jars) ? statSync(jars).mtimeMs : 0;
  const key = createHash('sha1')
    .update(`${javaIdentity(java)}|${installed}`)
    .digest('hex')
    .slice(0, 12);
  const file = join(folder, `${name}-${key}.jsa`);
  if (existsSync(file))
    return { flags: [`-XX:SharedArchiveFile=${file}`], settle: () => undefined };
  if (!write) return { flags: [], settle: () => undefined };
  const partial = `${file}.partial-${process.pid}-${Date.now()}`;
  return {
    flags: [`-XX:ArchiveClassesAtExit=${partial}`],
    settle(exitedByItself) {
      try {
        if (exitedByItself && existsSync(partial)) renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
      }
    },
  };
}

module.exports = { classArchive };
