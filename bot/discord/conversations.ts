import type { Turn } from '../../retrieval/index.js';

/**
 * Earlier turns per thread, so a follow-up ("and for smuggling of migrants?") is read against them.
 * Bounded both ways: the engine only needs the recent turns, and old threads are forgotten first.
 */
export class ConversationStore {
  private readonly threads = new Map<string, Turn[]>();

  constructor(
    private readonly maxThreads = 1000,
    private readonly maxTurns = 10,
  ) {}

  history(threadId: string): Turn[] {
    return [...(this.threads.get(threadId) ?? [])];
  }

  add(threadId: string, turn: Turn): void {
    const turns = [...(this.threads.get(threadId) ?? []), turn].slice(-this.maxTurns);
    // Re-inserting moves the thread to the end of the Map's order: the first key is the least recently used.
    this.threads.delete(threadId);
    this.threads.set(threadId, turns);
    while (this.threads.size > this.maxThreads) this.threads.delete(this.threads.keys().next().value!);
  }
}
