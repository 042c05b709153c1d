import { PassThrough } from 'node:stream';
import { runChat } from '../../bot/console/chat.js';
import type { Engine } from '../../retrieval/index.js';

/** Plays a scripted session through the real chat loop and returns everything it printed. */
export async function chatSession(engine: Engine, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += d.toString()));
  const done = runChat(engine, { input, output });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}
