/**
 * Preloaded into the bot's process by the chaos run (`--import ./test/chaos/kill-switch.ts`): on the driver's
 * request over IPC, kills the embedding worker process, as a crash inside it would.
 */
import { killWorkers } from '../helpers/worker-tap.js';
import { isKillRequest, type KillReply } from './messages.js';

process.on('message', (message) => {
  if (!isKillRequest(message)) return;
  void killWorkers().then((count) => process.send?.({ killedWorkers: count } satisfies KillReply));
});
