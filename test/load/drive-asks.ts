import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { InteractionType, user } from '../fake-discord/payloads.js';
import type { FakeDiscord, InteractionRecord, RecordedRequest } from '../fake-discord/server.js';

/** An interaction still unanswered after this long is counted as failed, and the run goes on. */
const ANSWER_TIMEOUT_MS = 30_000;
/** After the last answer, how long the bot must send nothing more before the run is over (follow-ups). */
const QUIET_MS = 500;

/** The edit that replaces the deferred "thinking…" with the answer. */
export const isAnswer = (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith('/messages/@original') && r.status === 200;
/** A refused request, or the public placeholder deleted because the bot could only report a failure. */
export const isFailure = (r: RecordedRequest) => r.status >= 400 || r.method === 'DELETE';

function outcome(fake: FakeDiscord, record: InteractionRecord): Promise<void> {
  const done = () => record.responses.some((r) => isAnswer(r) || isFailure(r));
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      fake.off('request', onRequest);
      resolve();
    };
    const onRequest = () => {
      if (done()) finish();
    };
    const timer = setTimeout(finish, ANSWER_TIMEOUT_MS);
    fake.on('request', onRequest);
  });
}

async function quiet(fake: FakeDiscord): Promise<void> {
  while (performance.now() - (fake.requests.at(-1)?.at ?? 0) < QUIET_MS) await sleep(QUIET_MS / 5);
}

/**
 * Sends `count` /ask interactions from `concurrency` users at once, each asking its next question as soon as
 * the previous one is answered (or failed), as Discord would deliver them. Every asker is a different
 * member, as in a busy server, so the per-user rate limit plays no part.
 */
export async function driveAsks(fake: FakeDiscord, questions: readonly string[], count: number, concurrency: number): Promise<InteractionRecord[]> {
  const records: InteractionRecord[] = [];
  let next = 0;
  const asker = async () => {
    while (next < count) {
      const i = next++;
      const record = fake.interact({
        type: InteractionType.ApplicationCommand,
        data: fake.commandData('ask', { question: questions[i % questions.length] }),
        user: user(`member-${i}`),
      });
      records[i] = record;
      await outcome(fake, record);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, asker));
  await quiet(fake);
  return records;
}
