/**
 * A fault-injection run: the bot as `npm start` runs it (bot/main.ts, real discord.js, the real engine in hybrid
 * mode with the tiny fixture model in its worker thread) answers a stream of questions, by /ask and by mention,
 * from a fake Discord that meanwhile fails in bounded bursts: 5xx and 429 on the REST routes the answers take,
 * dropped connections, requests applied but answered 500, gateway disconnects, and the embedding worker killed.
 * Counts what was asked, answered and lost (a question whose answer never reached the channel).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadBenchQuestions } from '../../bench/questions.js';
import { registerCommands } from '../../bot/discord/register.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { corpusUnits } from '../../retrieval/index/index-store.js';
import { type FaultSpec, ROUTES } from '../fake-discord/faults.js';
import { InteractionType, user } from '../fake-discord/payloads.js';
import { FakeDiscord } from '../fake-discord/server.js';
import { type BotProcess, botEnvironment, startBotProcess } from '../load/bot-process.js';
import { isKillReply, KILL_REQUEST } from './messages.js';

const KILL_SWITCH = new URL('./kill-switch.ts', import.meta.url).href;
/** An answer not delivered this long after its question counts as lost (the bot's own budgets are far longer). */
const ANSWER_TIMEOUT_MS = 60_000;
/** Pause between a member's answer and their next question, so the stream is steady rather than a flood. */
const THINK_MS = 300;
/** Pause between two faults, so each burst is seen on its own. */
const FAULT_GAP_MS = 400;

/**
 * One step of the fault plan: a REST fault, or an action (gateway drop, killed worker). A fault lasting `forMs`
 * counts from the first request it meets, so every burst hits real traffic however the questions are timed.
 */
type Step = { name: string } & ({ fault: FaultSpec } | { action: 'drop-gateway' | 'kill-worker' });
/** How long a fault waits for the traffic it is meant for before the plan moves on without it. */
const FAULT_WAIT_MS = 15_000;

/**
 * Bounded bursts: an acknowledgement fault stays well inside Discord's 3-second window (a longer one cannot be
 * survived by anyone: Discord itself drops the interaction), the others inside the bot's delivery budgets.
 */
export const FAULT_PLAN: Step[] = [
  { name: 'callback 500 for 0.8 s', fault: { method: 'POST', path: ROUTES.callback, kind: { status: 500 }, forMs: 800 } },
  { name: 'answer edits 500 for 2 s', fault: { method: 'PATCH', path: ROUTES.webhookEdit, kind: { status: 500 }, forMs: 2000 } },
  { name: 'channel messages 502 for 3 s', fault: { method: 'POST', path: ROUTES.channelMessages, kind: { status: 502 }, forMs: 3000 } },
  { name: 'gateway connection dropped', action: 'drop-gateway' },
  { name: 'all webhooks 503 for 4 s', fault: { path: ROUTES.webhooks, kind: { status: 503 }, forMs: 4000 } },
  { name: 'thread creation 500 for 1 s', fault: { method: 'POST', path: ROUTES.threads, kind: { status: 500 }, forMs: 1000 } },
  { name: 'embedding worker killed', action: 'kill-worker' },
  { name: 'webhook connections dropped for 1 s', fault: { path: ROUTES.webhooks, kind: { reset: true }, forMs: 1000 } },
  {
    name: 'answer edits 429 (retry after 0.7 s) ×3',
    fault: { method: 'PATCH', path: ROUTES.webhookEdit, kind: { status: 429, retryAfterMs: 700 }, times: 3 },
  },
  {
    name: 'channel messages 429 (retry after 0.5 s) ×2',
    fault: { method: 'POST', path: ROUTES.channelMessages, kind: { status: 429, retryAfterMs: 500 }, times: 2 },
  },
  { name: 'callback applied, then 500', fault: { method: 'POST', path: ROUTES.callback, kind: { appliedThen: 500 }, times: 2 } },
  { name: 'channel message applied, then 500', fault: { method: 'POST', path: ROUTES.channelMessages, kind: { appliedThen: 500 }, times: 2 } },
  { name: 'gateway connection dropped again', action: 'drop-gateway' },
];

export interface ChaosOptions {
  /** Times through the fault plan; members keep asking until the last round is over. */
  rounds: number;
  /** Members asking at once. */
  concurrency: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  asked: number;
  answered: number;
  lost: number;
  /** Mentions answered with more than one answer message (a retried post that was not deduplicated). */
  duplicated: number;
  byWay: Record<'ask' | 'mention', { asked: number; answered: number }>;
  faults: Array<{ name: string; hits: number | null }>;
  /** Bot log lines: deliveries that needed retries, and answers it gave up on (each with its question). */
  retriedDeliveries: number;
  undelivered: string[];
  /** The bot noticed the dead worker and carried on with keyword search. */
  workerKilled: boolean;
  keywordFallbackLogged: boolean;
  botExitCode: number | null;
  durationMs: number;
}

interface Asked {
  way: 'ask' | 'mention';
  question: string;
  answered: () => number;
}

async function askOne(fake: FakeDiscord, i: number, question: string): Promise<Asked> {
  const member = user(`member-${i}`);
  if (i % 3 === 2) {
    const message = fake.postMessage({ author: member, content: question, mention: true });
    // The answer's first message carries the 👍/👎 buttons: one per answer, however long the answer.
    const answers = () =>
      [...fake.messages.values()].filter(
        (m) =>
          m.author.id === fake.botUser.id &&
          (m.channel_id === message.id || m.message_reference?.message_id === message.id) &&
          JSON.stringify(m.components).includes('"fb:up"'),
      ).length;
    return { way: 'mention', question, answered: answers };
  }
  const record = fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData('ask', { question }), user: member });
  const answered = () => (record.original && !record.deleted && record.original.embeds.length > 0 ? 1 : 0);
  return { way: 'ask', question, answered };
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(50);
}

async function killWorker(bot: BotProcess): Promise<number> {
  const reply = new Promise<number>((resolve) => {
    const onMessage = (message: unknown) => {
      if (!isKillReply(message)) return;
      bot.child.off('message', onMessage);
      resolve(message.killedWorkers);
    };
    bot.child.on('message', onMessage);
  });
  bot.child.send(KILL_REQUEST);
  const died = bot.exited.then((code) => Promise.reject(new Error(`the bot exited (code ${code}) when its embedding worker was killed:\n${bot.stderr()}`)));
  return Promise.race([reply, died]);
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => {});
  const work = await mkdtemp(join(tmpdir(), 'chaos-'));
  const fake = await FakeDiscord.start();
  try {
    const questions = (await loadBenchQuestions(corpusUnits(await loadCorpus(process.env.SEEDS_DIR || 'seeds')))).questions;
    await registerCommands({ token: fake.token, guildId: fake.guild.id, apiBase: fake.apiBase });
    const env = botEnvironment(fake, work, {
      USER_HASH_SALT: 'chaos-run',
      EMBEDDINGS: 'auto',
      MODELS_DIR: 'test/fixtures/models',
      EMBEDDING_MODEL: 'tiny-random-bert',
      OFFLINE: '1',
      // The fixture's calibrated dense weight is 0 (its vectors mean nothing): a weight by hand keeps the worker asked.
      DENSE_WEIGHT: '1',
    });
    const bot = await startBotProcess(env, { preload: [KILL_SWITCH] });
    if (!/hybrid retrieval/.test(bot.stderr())) throw new Error(`the bot did not start in hybrid mode:\n${bot.stderr()}`);
    const started = performance.now();

    const faults: ChaosReport['faults'] = [];
    let workerKilled = false;
    let planDone = false;
    const plan = (async () => {
      for (let round = 0; round < opts.rounds; round++) {
        for (const step of FAULT_PLAN) {
          if ('action' in step) {
            if (step.action === 'drop-gateway') fake.gateway.dropConnections();
            // The worker dies once: onnxruntime cannot come back in the same process, and once is the test.
            else if (!workerKilled) workerKilled = (await killWorker(bot)) > 0;
            else continue;
            faults.push({ name: step.name, hits: null });
          } else {
            const fault = fake.faults.inject({ ...step.fault, fromFirstHit: true });
            await until(() => fault.hits > 0, FAULT_WAIT_MS);
            await until(() => !fault.active, FAULT_WAIT_MS);
            fault.clear();
            faults.push({ name: step.name, hits: fault.hits });
          }
          log(`fault: ${step.name}`);
          await sleep(FAULT_GAP_MS);
        }
      }
      planDone = true;
    })();

    const asked: Asked[] = [];
    let next = 0;
    const member = async () => {
      while (!planDone) {
        const i = next++;
        const one = await askOne(fake, i, questions[i % questions.length]);
        asked.push(one);
        await until(() => one.answered() > 0, ANSWER_TIMEOUT_MS);
        await sleep(THINK_MS);
      }
    };
    await Promise.all([plan, ...Array.from({ length: opts.concurrency }, member)]);
    fake.faults.clear();
    // Whatever is still retrying has its chance to land before the count.
    await until(() => asked.every((a) => a.answered() > 0), ANSWER_TIMEOUT_MS);
    const durationMs = performance.now() - started;
    const botExitCode = await bot.stop();
    const stderr = bot.stderr().split('\n');

    const byWay: ChaosReport['byWay'] = { ask: { asked: 0, answered: 0 }, mention: { asked: 0, answered: 0 } };
    for (const a of asked) {
      byWay[a.way].asked++;
      if (a.answered() > 0) byWay[a.way].answered++;
    }
    const answered = byWay.ask.answered + byWay.mention.answered;
    return {
      asked: asked.length,
      answered,
      lost: asked.length - answered,
      duplicated: asked.filter((a) => a.answered() > 1).length,
      byWay,
      faults,
      retriedDeliveries: stderr.filter((l) => /delivery: .*delivered on attempt/.test(l)).length,
      undelivered: stderr.filter((l) => l.includes('undelivered:')),
      workerKilled,
      keywordFallbackLogged: stderr.some((l) => l.includes('Warning: dense retrieval failed')),
      botExitCode,
      durationMs,
    };
  } finally {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

export function formatChaosReport(r: ChaosReport): string {
  const faults = r.faults.map((f) => `  ${f.name}${f.hits === null ? '' : `: ${f.hits} request${f.hits === 1 ? '' : 's'} failed`}`);
  return [
    `faults injected (${r.faults.length}):`,
    ...faults,
    `embedding worker killed: ${r.workerKilled ? 'yes' : 'no'}; the bot went on with keyword search: ${r.keywordFallbackLogged ? 'yes' : 'no'}`,
    `deliveries that succeeded after retrying: ${r.retriedDeliveries}`,
    `questions: asked ${r.asked} (${r.byWay.ask.asked} by /ask, ${r.byWay.mention.asked} by mention) · answered ${r.answered} · lost ${r.lost} · duplicated ${r.duplicated}`,
    ...r.undelivered.map((l) => `  ${l}`),
    `bot exit code on SIGTERM: ${r.botExitCode}; run took ${(r.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
