/**
 * The load script's driving and accounting, on the real bot (discord.js client, keyword engine over seeds/)
 * against the fake Discord: a healthy run counts every interaction acknowledged and answered; a Discord that
 * refuses the acknowledgements is counted as errors, not as answers.
 */
import { describe, expect, it } from 'vitest';
import { startHarness } from '../fake-discord/harness.js';
import { driveAsks } from './drive-asks.js';
import { loadFigures } from './figures.js';

const QUESTIONS = ['What is the Blue Heart Campaign?', '偷运移民议定书的批准情况如何？', 'What did the Working Group recommend about national action plans?'];
const NO_DELAY = { p50: 0, p99: 0, max: 0 };

describe('driving /ask through the bot', () => {
  it('counts every interaction acknowledged within 3 s and answered, with latencies from the gateway dispatch', async () => {
    const h = await startHarness();
    try {
      const records = await driveAsks(h.fake, QUESTIONS, 6, 3);
      const f = loadFigures({ records, concurrency: 3, durationMs: 1000, loopDelay: NO_DELAY, botErrors: [] });
      expect([f.acknowledged_within_3s, f.answered, f.errors]).toEqual([6, 6, 0]);
      expect(f.targets.every((t) => t.met)).toBe(true);
      expect(f.ack_ms.p50).toBeGreaterThan(0);
      expect(f.answer_ms.p50).toBeGreaterThan(f.ack_ms.p50);
      expect(new Set(records.map((r) => r.payload.member.user.id)).size).toBe(6);
    } finally {
      await h.stop();
    }
  });

  it('counts refused acknowledgements as errors and misses the targets', async () => {
    const h = await startHarness({ fake: { interactionDeadlineMs: 0 } });
    try {
      const records = await driveAsks(h.fake, QUESTIONS, 3, 3);
      const f = loadFigures({ records, concurrency: 3, durationMs: 1000, loopDelay: NO_DELAY, botErrors: [] });
      expect([f.acknowledged_within_3s, f.answered]).toEqual([0, 0]);
      expect(f.errors).toBeGreaterThanOrEqual(3);
      expect(f.error_samples[0]).toMatch(/^#\d+: POST \/interactions\/\d+\/…\/callback → 404$/);
      expect(f.targets.map((t) => t.met)).toEqual([false, false, false]);
    } finally {
      await h.stop();
    }
  });
});
