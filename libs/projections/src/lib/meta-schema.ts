/**
 * Bookkeeping tables of the runner, next to the read models in the same file so that a batch's
 * rows, its checkpoint and its processed ids commit in one transaction.
 * `generation` numbers the copies of a projection; `live = 1` marks the copy queries read.
 */
export const META_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT NOT NULL,
  generation INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  live INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (name, generation)
);
CREATE UNIQUE INDEX IF NOT EXISTS projection_checkpoints_one_live ON projection_checkpoints (name) WHERE live = 1;

CREATE TABLE IF NOT EXISTS projection_processed (
  name TEXT NOT NULL,
  generation INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (name, generation, event_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS projection_failed_events (
  name TEXT NOT NULL,
  generation INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  stream_id TEXT NOT NULL,
  type TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  error TEXT NOT NULL,
  parked INTEGER NOT NULL DEFAULT 0,
  failed_at TEXT NOT NULL,
  PRIMARY KEY (name, generation, event_id)
);
`;
