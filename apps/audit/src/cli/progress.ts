import { SingleBar } from 'cli-progress';

export interface Progress {
  update(value: number, total: number): void;
  stop(): void;
}

const none: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar on stderr when it is a terminal; nothing when piped or redirected (so files stay clean). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return none;
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = false;
  return {
    update(value, total) {
      if (!started) {
        bar.start(total, value);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
