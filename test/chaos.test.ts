/**
 * A small fault-injection run (one pass through the fault plan, three members asking) against the bot as
 * `npm start` runs it: nothing asked may be lost or answered twice. `npm run chaos` is the longer run.
 */
import { describe, expect, it } from 'vitest';
import { FAULT_PLAN, formatChaosReport, runChaos } from './chaos/chaos.js';

describe('npm run chaos (small run)', () => {
  it('answers every question through 5xx and 429 bursts, dropped connections, gateway drops and a killed embedding worker', { timeout: 240_000 }, async () => {
    const report = await runChaos({ rounds: 1, concurrency: 3 });
    const summary = formatChaosReport(report);
    expect(
      report.faults.map((f) => f.name),
      summary,
    ).toEqual(FAULT_PLAN.map((s) => s.name));
    // Every REST fault met real traffic: each burst failed requests the bot then had to get through.
    for (const f of report.faults) if (f.hits !== null) expect(f.hits, `${f.name}\n${summary}`).toBeGreaterThan(0);
    expect(report.workerKilled, summary).toBe(true);
    expect(report.keywordFallbackLogged, summary).toBe(true);
    expect(report.retriedDeliveries, summary).toBeGreaterThan(0);
    expect(report.byWay.ask.asked, summary).toBeGreaterThan(10);
    expect(report.byWay.mention.asked, summary).toBeGreaterThan(5);
    expect(report.lost, summary).toBe(0);
    expect(report.duplicated, summary).toBe(0);
    expect(report.undelivered, summary).toEqual([]);
    expect(report.botExitCode, summary).toBe(0);
  });
});
