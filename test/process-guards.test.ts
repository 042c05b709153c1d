/** The process guards in a real child process: one stray error is logged and survived, a burst ends the process. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(errors: number) {
  const script = `
    import { guardProcess } from './bot/shared/process-guards.ts';
    guardProcess({ log: (m) => process.stderr.write(m + '\\n') });
    for (let i = 0; i < ${errors}; i++) {
      setTimeout(() => { throw new Error('stray ' + i); }, 1);
      Promise.reject(new Error('unawaited ' + i));
    }
    setTimeout(() => process.stdout.write('still here'), 100);
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('process guards', () => {
  it('log an uncaught exception and an unhandled rejection, and keep the process running', () => {
    const r = run(1);
    expect(r.code).toBe(0);
    expect(r.out).toBe('still here');
    expect(r.err).toMatch(/^uncaught exception, the bot keeps running: Error: stray 0\n {4}at /m);
    expect(r.err).toMatch(/^unhandled promise rejection, the bot keeps running: Error: unawaited 0/m);
  });

  it('exit 1 after a burst of them, so a supervisor restarts a process that is broken for good', () => {
    const r = run(6);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/11 uncaught errors within a minute: exiting so that a supervisor can restart the process/);
  });
});
