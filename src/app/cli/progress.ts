import cliProgress from 'cli-progress';

/**
 * A progress callback `(done, total)` drawn as a bar on stderr when stderr is a terminal (so it never
 * mixes with JSON on stdout and stays silent in pipes and CI logs).
 */
export function progressBar(label: string): {
  onProgress: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
