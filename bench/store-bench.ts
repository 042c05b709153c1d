/**
 * What the bot's store adds to each answer: the server's settings read, the conversation's history read, and
 * the turn and the question-log entry written — on a real SQLite file in WAL mode, with real answers of the
 * engine to the bench's questions (so rows have their real size). The engine's own time is not in it.
 */
import { join } from 'node:path';
import { questionEntry } from '../bot/discord/question-log.js';
import { openStore, type WriteKind } from '../bot/store/index.js';
import { createEngine } from '../retrieval/engine.js';
import type { Answer } from '../retrieval/index.js';
import { type Percentiles, summarize } from './percentiles.js';

export interface StoreFigures {
  answers: number;
  /** Settings lookup + history read + turn and question-log writes, per answer. */
  per_answer_ms: Percentiles;
  /** Each write transaction alone (turns and log entries). */
  write_ms: Percentiles;
}

const ANSWERS = 2_000;
const CONVERSATIONS = 50;

export async function benchStore(seedsDir: string, questions: readonly string[], dir: string): Promise<StoreFigures> {
  const engine = await createEngine({ seedsDir, indexDir: join(dir, 'store-bench-index'), embeddings: 'off', log: () => {} });
  let answers: { question: string; answer: Answer }[];
  try {
    answers = await Promise.all([...new Set(questions)].map(async (question) => ({ question, answer: await engine.ask(question) })));
  } finally {
    await engine.close();
  }
  const writes: number[] = [];
  const store = openStore({
    dataDir: join(dir, 'store-bench'),
    salt: 'bench',
    observer: { write: (_kind: WriteKind, seconds: number, ok: boolean) => ok && writes.push(seconds * 1000) },
  });
  try {
    const perAnswer: number[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const { question, answer } = answers[i % answers.length]!;
      const conversation = `thread:${i % CONVERSATIONS}`;
      const started = performance.now();
      store.settings.get('guild');
      store.conversations.history(conversation);
      const userHash = store.userHash(`user-${i % 200}`);
      store.conversations.add(conversation, userHash, { question, answer });
      const asked = { via: 'ask' as const, question, guildId: 'guild', userId: `user-${i % 200}`, receivedAt: Date.now() };
      store.questions.add(questionEntry(asked, answer, userHash, null, Date.now()));
      perAnswer.push(performance.now() - started);
    }
    return { answers: ANSWERS, per_answer_ms: summarize(perAnswer), write_ms: summarize(writes) };
  } finally {
    store.close();
  }
}
