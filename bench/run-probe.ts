import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ProbeRequest, ProbeResult } from './probe-protocol.js';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./cold-start-probe.ts', import.meta.url));

/** Runs the cold-start probe in a fresh Node process with this one's loader flags (tsx), and parses its report. */
export async function runProbe(request: ProbeRequest): Promise<ProbeResult> {
  try {
    const { stdout } = await run(process.execPath, [...process.execArgv, PROBE, JSON.stringify(request)], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeResult;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`cold-start probe (${request.mode}) failed: ${e.stderr?.trim() || e.message}`);
  }
}
