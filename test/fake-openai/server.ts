/**
 * A local OpenAI-compatible chat server for tests and demos: POST /v1/chat/completions (non-streaming),
 * on 127.0.0.1 only. It records every request and answers from a script of canned replies, so tests can
 * check both what the bot asked and how it treats what it got back (fabricated citations, timeouts, errors).
 *
 * Run alone (`npx tsx test/fake-openai/server.ts [port]`) it quotes the first excerpt of each prompt with its
 * label, which is enough to try ANSWER_MODE=llm end to end without a model.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}

/** One canned behaviour: a reply, a hang longer than the client's patience, or an HTTP error. */
export type CannedReply = { content: string } | { hangMs: number } | { status: number; message: string };

export interface FakeOpenAI {
  /** Base URL to give the client, ending in /v1. */
  baseURL: string;
  /** Every chat request received, in order. */
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** Longest a hung request is held, so a forgotten test cannot keep the process alive. */
const MAX_HANG_MS = 30_000;

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the server on 127.0.0.1 (`port` 0: any free port). `reply` picks the canned behaviour for each request (by its
 * position, or from the prompt itself).
 */
export async function startFakeOpenAI(reply: (req: ChatRequest, index: number) => CannedReply, port = 0): Promise<FakeOpenAI> {
  const requests: ChatRequest[] = [];
  const hung = new Set<NodeJS.Timeout>();
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      send(res, 404, { error: { message: `not found: ${req.method} ${req.url}` } });
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(await readBody(req)) as ChatRequest;
    } catch {
      send(res, 400, { error: { message: 'body is not JSON' } });
      return;
    }
    requests.push(body);
    const canned = reply(body, requests.length - 1);
    if ('hangMs' in canned) {
      const t = setTimeout(
        () => {
          hung.delete(t);
          if (!res.writableEnded) send(res, 200, completion(body.model, ''));
        },
        Math.min(canned.hangMs, MAX_HANG_MS),
      );
      hung.add(t);
      return;
    }
    if ('status' in canned) send(res, canned.status, { error: { message: canned.message } });
    else send(res, 200, completion(body.model, canned.content));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${bound}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of hung) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Demo behaviour: quote the first sentence of the first excerpt, with its label. */
export function quoteFirstExcerpt(req: ChatRequest): CannedReply {
  const user = req.messages.find((m) => m.role === 'user')?.content ?? '';
  const m = user.match(/^\[([^\]\n]+)\]\n([^\n]+)/m);
  if (!m) return { content: 'NOT_FOUND' };
  const sentence = m[2]!.match(/^[^。！？]+[。！？]?/)?.[0] ?? m[2]!;
  return { content: `「${sentence}」[${m[1]}]` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeOpenAI(quoteFirstExcerpt, Number(process.argv[2] ?? 0));
  process.stdout.write(`Fake OpenAI-compatible server at ${fake.baseURL} (Ctrl-C to stop)\n`);
}
