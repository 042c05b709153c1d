/**
 * Latency of /ask through the real discord.js client and the fake Discord, as the Discord server sees it:
 * from dispatching INTERACTION_CREATE to the deferred acknowledgement, and to the edit carrying the answer.
 *
 *   npx tsx test/fake-discord/measure-latency.ts [--count 100] [--concurrency 1]
 */

import { summarize } from '../../bench/percentiles.js';
import { parseCommandLine, wholeArg } from '../../bot/shared/args.js';
import { startHarness } from './harness.js';
import type { InteractionRecord } from './server.js';

/** Real questions in both languages, cycled; not the dev set, which the project must not read at run time. */
const QUESTIONS = [
  '什么是蓝心运动？',
  '毒品和犯罪问题办公室如何支持《禁止贩运人口议定书》的实施？',
  '贩运人口问题工作组建议会员国建立什么数据库？',
  '偷运移民议定书的批准情况如何？',
  'What is the Blue Heart Campaign?',
  'How does UNODC support the implementation of the Smuggling of Migrants Protocol?',
  'What did the Working Group recommend about national action plans?',
  'What is the Global Initiative to Fight Human Trafficking?',
];

async function main(): Promise<void> {
  const usage = 'npx tsx test/fake-discord/measure-latency.ts [--count N] [--concurrency N]';
  const { values } = parseCommandLine(process.argv.slice(2), {
    usage,
    options: { count: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '1' } },
  });
  const count = wholeArg(values.count, '--count', { min: 1, max: 100_000 }, usage);
  const concurrency = wholeArg(values.concurrency, '--concurrency', { min: 1, max: 1000 }, usage);
  const h = await startHarness({ config: { rateLimitPerMinute: 100_000 } });
  try {
    const done: InteractionRecord[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        done.push(await h.fake.settled(h.sendSlash('ask', { question: QUESTIONS[i % QUESTIONS.length] }, { user: h.newUser() }), 0, 30_000));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const answered = done.filter((r) => r.responses.some((x) => x.method === 'PATCH' && x.status === 200));
    const ack = done.map((r) => r.ack!.at - r.sentAt);
    const answer = answered.map((r) => r.responses.find((x) => x.method === 'PATCH' && x.status === 200)!.at - r.sentAt);
    const row = (name: string, v: number[]) =>
      `${name.padEnd(22)} p50 ${summarize(v).p50.toFixed(1).padStart(7)} ms   p95 ${summarize(v).p95.toFixed(1).padStart(7)} ms   max ${Math.max(...v)
        .toFixed(1)
        .padStart(7)} ms`;
    process.stdout.write(`${count} /ask interactions, concurrency ${concurrency}, engine ${h.engine.status().mode}\n`);
    process.stdout.write(`${row('deferred acknowledgement', ack)}\n${row('final answer', answer)}\n`);
    process.stdout.write(`acknowledged within 3 s: ${ack.filter((t) => t < 3000).length}/${count}; answered: ${answered.length}/${count}\n`);
    if (answered.length < count) for (const line of h.logs) process.stdout.write(`bot log: ${line}\n`);
  } finally {
    await h.stop();
  }
}

await main();
