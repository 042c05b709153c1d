import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { LoopDelay } from '../../bench/event-loop.js';
import type { FakeDiscord } from '../fake-discord/server.js';
import { isLoopDelayReply, LOOP_DELAY_REQUEST } from './probe-messages.js';

const PROBE = new URL('./loop-delay-probe.ts', import.meta.url).href;
/** Loading the engine, and the embedding model when configured, comes before the bot logs in. */
const READY_TIMEOUT_MS = 180_000;
const READY_LINE = /\blogged in as\b/;

/**
 * The environment of a bot process pointed at `fake`, its index (unless `settings` names one) and feedback in
 * `work`. The bot gets exactly this (.env was read by the caller already): one process, unsharded.
 */
export function botEnvironment(fake: FakeDiscord, work: string, settings: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_GUILD_ID: fake.guild.id,
    INDEX_DIR: join(work, 'index'),
    DATA_DIR: join(work, 'data'),
    DOTENV_CONFIG_PATH: join(work, 'no.env'),
    ...settings,
  };
  delete env.SHARD_COUNT;
  return env;
}

export interface BotProcess {
  /** The child, for IPC with preloaded modules. */
  child: ChildProcess;
  /** Resolves with the exit code when the process ends, however it ends. */
  exited: Promise<number | null>;
  /** Everything the bot wrote to stderr so far. */
  stderr(): string;
  /** The bot's event-loop delay since the previous call (or since start). */
  loopDelay(): Promise<LoopDelay>;
  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The bot as `npm start` runs it (bot/main.ts under tsx, configured only by environment variables), with the
 * event-loop probe preloaded (and `preload`, module URLs the chaos run adds); resolves once it has logged in.
 */
export async function startBotProcess(env: NodeJS.ProcessEnv, opts: { preload?: string[] } = {}): Promise<BotProcess> {
  const preload = [PROBE, ...(opts.preload ?? [])].flatMap((url) => ['--import', url]);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...preload, 'bot/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not log in within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const onData = () => {
      if (!READY_LINE.test(stderr)) return;
      cleanup();
      resolve();
    };
    const onExit = (code: number | null) => fail(`exited with code ${code} before logging in`);
    function cleanup() {
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(why: string) {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`the bot ${why}. Its output:\n${stderr}`));
    }
    child.stderr!.on('data', onData);
    child.on('exit', onExit);
  });

  return {
    child,
    exited,
    stderr: () => stderr,
    async loopDelay() {
      const reply = new Promise<LoopDelay>((resolve) => {
        const onMessage = (message: unknown) => {
          if (!isLoopDelayReply(message)) return;
          child.off('message', onMessage);
          resolve(message.loopDelay);
        };
        child.on('message', onMessage);
      });
      child.send(LOOP_DELAY_REQUEST);
      return reply;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
