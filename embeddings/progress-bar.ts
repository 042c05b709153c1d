import type { ProgressInfo } from '@huggingface/transformers';
import type { EmbedProgress } from './local-embedder.js';

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Draws the final state and ends the line; later updates are ignored. */
  finish(): void;
}

export interface ProgressBarOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** How counts are shown, e.g. bytes as MB. */
  format?: (n: number) => string;
  now?: () => number;
}

const WIDTH = 24;
/** Redraws per second on a terminal: smooth enough to look alive, rare enough not to slow a fast loop. */
const REDRAW_MS = 100;
/** Without a terminal (logs, CI) every redraw would be a new line, so only these quarters are printed. */
const LOG_STEPS = [25, 50, 75, 100];

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

function render(label: string, done: number, total: number, format: (n: number) => string): string {
  const pct = percent(done, total);
  const filled = Math.round((pct / 100) * WIDTH);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}% ${format(done)}/${format(total)}`;
}

/** A one-line progress bar on stderr: redrawn in place on a terminal, a few plain lines otherwise. */
export function createProgressBar(label: string, opts: ProgressBarOptions = {}): ProgressBar {
  const stream = opts.stream ?? process.stderr;
  const format = opts.format ?? String;
  const now = opts.now ?? Date.now;
  const tty = Boolean(stream.isTTY);
  let last = { done: 0, total: 0 };
  let lastDraw = -Infinity;
  let logged = 0;
  let finished = false;

  const draw = (final: boolean) => {
    const line = render(label, last.done, last.total, format);
    if (tty) {
      stream.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
      return;
    }
    const pct = percent(last.done, last.total);
    const step = LOG_STEPS.filter((s) => s <= pct).at(-1) ?? 0;
    if (step > logged || (final && logged < 100)) {
      logged = Math.max(step, final ? 100 : 0);
      stream.write(`${line}\n`);
    }
  };

  return {
    update(done, total) {
      if (finished) return;
      last = { done, total };
      const t = now();
      if (!tty || t - lastDraw >= REDRAW_MS || done >= total) {
        lastDraw = t;
        draw(false);
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      draw(true);
    },
  };
}

/**
 * Turns transformers.js loading events into one bar for the whole model: files download in parallel, so
 * per-file bars would overwrite each other on one line. Totals grow as each file's size becomes known.
 */
export function modelDownloadProgress(model: string, opts: ProgressBarOptions = {}): (info: ProgressInfo) => void {
  const bar = createProgressBar(`Downloading ${model}`, { format: formatBytes, ...opts });
  const files = new Map<string, { loaded: number; total: number }>();
  return (info) => {
    if (info.status === 'progress') {
      files.set(info.file, { loaded: info.loaded, total: info.total });
      let loaded = 0;
      let total = 0;
      for (const f of files.values()) {
        loaded += f.loaded;
        total += f.total;
      }
      bar.update(loaded, total);
    } else if (info.status === 'ready') {
      bar.finish();
    }
  };
}

/** A bar for LocalEmbedder.embedPassages: pass it as the progress callback; it ends its line when all are done. */
export function embeddingProgressBar(label: string, opts: ProgressBarOptions = {}): EmbedProgress {
  const bar = createProgressBar(label, opts);
  return (done, total) => {
    bar.update(done, total);
    if (done >= total) bar.finish();
  };
}
