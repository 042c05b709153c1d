export class StallError extends Error {
  override name = 'StallError';
  constructor(readonly ms: number) {
    super(`no progress for ${(ms / 1000).toFixed(ms < 1000 ? 1 : 0)} s`);
  }
}

export interface StallGuard {
  /** Call on every sign of progress (a downloaded chunk, a file opened) to restart the clock. */
  touch(): void;
  /** Settles like `work`, or rejects with StallError once `ms` pass without a touch. */
  watch<T>(work: Promise<T>): Promise<T>;
}

/**
 * Bounds a load by inactivity rather than total time: a 118 MB model on a slow but live connection keeps
 * touching the guard and is never cut off, while a blackholed connection fails after `ms`.
 */
export function stallGuard(ms: number): StallGuard {
  let timer: NodeJS.Timeout | undefined;
  let active = false;
  let onStall: (err: StallError) => void = () => {};
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => onStall(new StallError(ms)), ms);
  };
  return {
    touch() {
      if (active) arm();
    },
    async watch(work) {
      active = true;
      const stalled = new Promise<never>((_, reject) => {
        onStall = reject;
      });
      arm();
      try {
        return await Promise.race([work, stalled]);
      } finally {
        active = false;
        clearTimeout(timer);
      }
    },
  };
}
