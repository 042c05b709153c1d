/** The chaos driver asks the bot process to kill its embedding worker; the reply says how many threads died. */
export const KILL_REQUEST = { chaos: 'kill-embedding-worker' } as const;

export interface KillReply {
  killedWorkers: number;
}

export function isKillRequest(message: unknown): boolean {
  return (message as { chaos?: unknown } | null)?.chaos === KILL_REQUEST.chaos;
}

export function isKillReply(message: unknown): message is KillReply {
  return typeof (message as KillReply | null)?.killedWorkers === 'number';
}
