import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type Fault, Faults } from './faults.js';
import { FakeGateway } from './gateway.js';
import {
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakeUser,
  type InteractionPayload,
  InteractionType,
  interaction,
  type MemberFields,
  message,
  snowflake,
  textChannel,
  threadChannel,
  user,
} from './payloads.js';
import { choiceProblems, lengthProblems, messageProblems } from './validate.js';

export interface RecordedRequest {
  method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/123/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  body: any;
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** Limit violations found in a message payload (the request was answered 400). */
  problems: string[];
  /** The injected fault that answered it, if one did (status 0: the connection was dropped). */
  fault?: Fault;
}

export interface InteractionRecord {
  payload: InteractionPayload;
  sentAt: number;
  ack: { type: number; at: number } | null;
  original: FakeMessage | null;
  followups: FakeMessage[];
  deleted: boolean;
  responses: RecordedRequest[];
}

export interface FakeDiscordOptions {
  token?: string;
  guildCount?: number;
  shards?: number;
  disallowedIntents?: number;
  heartbeatIntervalMs?: number;
  /** Discord's deadline for the first response to an interaction. */
  interactionDeadlineMs?: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (params: string[], body: any, query: URLSearchParams) => Reply;

const CallbackType = { Message: 4, Deferred: 5, DeferredUpdate: 6, Update: 7, Autocomplete: 8 } as const;

const error = (status: number, code: number, msg: string): Reply => ({ status, body: { code, message: msg } });
const serverError = (status: number): Reply => error(status, 0, `${status}: Internal Server Error`);

/** What an injected status fault answers: Discord's 5xx body, or a 429 with its rate-limit headers. */
function faultReply(kind: { status: number; retryAfterMs?: number }): Reply {
  if (kind.status !== 429) return serverError(kind.status);
  const seconds = (kind.retryAfterMs ?? 1000) / 1000;
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
    headers: {
      'retry-after': String(seconds),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(seconds),
      'x-ratelimit-bucket': 'fault-bucket',
      'x-ratelimit-scope': 'user',
    },
  };
}

/**
 * A fake Discord (REST + gateway) on 127.0.0.1 for driving the real discord.js client: it keeps the messages,
 * threads and interaction responses the bot produces, enforces Discord's payload limits and the 3-second
 * interaction deadline, and records every request for assertions.
 */
export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser: FakeUser;
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Messages created with `enforce_nonce`, by channel and nonce. */
  private readonly byNonce = new Map<string, FakeMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Last command set PUT per scope: `global` or a guild id. */
  readonly registered = new Map<string, any[]>();
  readonly gateway: FakeGateway;
  /** Injected REST faults (5xx, 429, dropped connections), checked before every request is handled. */
  readonly faults = new Faults();
  private readonly server: Server;
  private readonly routes: Array<[string, RegExp, Handler]>;
  private port = 0;

  private constructor(private readonly opts: FakeDiscordOptions) {
    super();
    this.setMaxListeners(0);
    this.token = opts.token ?? 'fake-bot-token';
    this.botUser = user('UN Docs Bot', { bot: true });
    this.guilds = Array.from({ length: opts.guildCount ?? 1 }, (_, i) => {
      const id = snowflake();
      return {
        id,
        name: `Guild ${i + 1}`,
        channels: [textChannel(id, 'general'), textChannel(id, 'research', 1)],
        threads: [],
        roles: [{ id: snowflake(), name: 'researcher' }],
      };
    });
    this.gateway = new FakeGateway({
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      guilds: this.guilds,
      disallowedIntents: opts.disallowedIntents ?? 0,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 15_000,
      url: (path) => `ws://127.0.0.1:${this.port}${path}`,
    });
    this.server = createServer((req, res) => void this.serve(req, res));
    this.gateway.attach(this.server);
    this.routes = this.routeTable();
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get guild(): FakeGuild {
    return this.guilds[0];
  }

  get channel(): FakeChannel {
    return this.guild.channels[0];
  }

  channelById(id: string): FakeChannel {
    const found = this.guilds.flatMap((g) => [...g.channels, ...g.threads]).find((c) => c.id === id);
    if (!found) throw new Error(`unknown channel ${id}`);
    return found;
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── driving the bot ─────────────────────────────────────────────────────

  /** Sends INTERACTION_CREATE and returns the record that collects the bot's responses to it. */
  interact(fields: {
    type: number;
    data: Record<string, unknown>;
    user: FakeUser;
    channel?: FakeChannel;
    locale?: string;
    message?: FakeMessage;
    member?: MemberFields;
  }): InteractionRecord {
    // The interaction carries a snapshot of the message, as over the real gateway.
    const snapshot = fields.message ? structuredClone(fields.message) : undefined;
    const payload = interaction({ applicationId: this.applicationId, channel: fields.channel ?? this.channel, ...fields, message: snapshot });
    const record: InteractionRecord = { payload, sentAt: performance.now(), ack: null, original: null, followups: [], deleted: false, responses: [] };
    this.interactions.set(payload.token, record);
    this.gateway.dispatch('INTERACTION_CREATE', payload, payload.guild_id);
    return record;
  }

  /**
   * The `data` of a slash-command interaction for a command registered to the first guild, with option types
   * taken from the registration. While typing, Discord sends the focused option's partial input as a string.
   */
  /** `sub` names a subcommand, whose options `options` then are. */
  commandData(name: string, options: Record<string, string | number | boolean> = {}, focused?: string, sub?: string) {
    const command = this.registeredCommand(name);
    const defs = sub ? command.options?.find((o: { name: string }) => o.name === sub)?.options : command.options;
    if (sub && !defs && !command.options?.some((o: { name: string }) => o.name === sub)) throw new Error(`/${name} has no subcommand ${sub}`);
    const values = Object.entries(options).map(([key, value]) => {
      const def = defs?.find((o: { name: string }) => o.name === key);
      if (!def) throw new Error(`/${name}${sub ? ` ${sub}` : ''} has no option ${key}`);
      return { name: key, type: def.type, value: key === focused ? String(value) : value, ...(key === focused ? { focused: true } : {}) };
    });
    const SUBCOMMAND = 1;
    return {
      id: command.id,
      name,
      type: command.type,
      guild_id: this.guild.id,
      options: sub ? [{ name: sub, type: SUBCOMMAND, options: values }] : values,
    };
  }

  registeredCommand(name: string): any {
    const found = this.registered.get(this.guild.id)?.find((c) => c.name === name);
    if (!found) throw new Error(`command ${name} was not registered to ${this.guild.id}`);
    return found;
  }

  /** A user posts a message (MESSAGE_CREATE); `mention` adds a real `<@bot>` mention. */
  postMessage(fields: { author: FakeUser; content: string; channel?: FakeChannel; mention?: boolean; replyTo?: FakeMessage; roles?: string[] }): FakeMessage {
    const channel = fields.channel ?? this.channel;
    const content = fields.mention ? `<@${this.botUser.id}> ${fields.content}` : fields.content;
    const msg = message({
      channel_id: channel.id,
      guild_id: channel.guild_id,
      author: fields.author,
      content,
      mentions: fields.mention ? [this.botUser] : [],
      ...(fields.replyTo
        ? {
            message_reference: { message_id: fields.replyTo.id, channel_id: fields.replyTo.channel_id, guild_id: channel.guild_id },
            referenced_message: fields.replyTo,
          }
        : {}),
    });
    this.messages.set(msg.id, msg);
    this.gateway.dispatch('MESSAGE_CREATE', { ...msg, member: { roles: fields.roles ?? [], joined_at: new Date(0).toISOString() } }, channel.guild_id);
    return msg;
  }

  /** A thread some user started (not the bot), announced with THREAD_CREATE. */
  createThread(fields: { owner: FakeUser; name: string; parent?: FakeChannel }): FakeChannel {
    const parent = fields.parent ?? this.channel;
    const thread = threadChannel(parent, snowflake(), fields.name, fields.owner.id);
    this.guilds.find((g) => g.id === parent.guild_id)!.threads.push(thread);
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, parent.guild_id);
    return thread;
  }

  // ── observing ───────────────────────────────────────────────────────────

  /** Resolves with the first recorded request (past or future) that satisfies `match`. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', listener);
        reject(new Error(`no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.off('request', listener);
        resolve(r);
      };
      this.on('request', listener);
    });
  }

  /**
   * Resolves once the bot has finished with an interaction: it has answered (not just deferred) and sent
   * nothing more for `quietMs`.
   */
  async settled(record: InteractionRecord, quietMs = 150, timeoutMs = 15_000): Promise<InteractionRecord> {
    const deadline = performance.now() + timeoutMs;
    const answered = () =>
      record.responses.some(
        (r) =>
          r.status >= 200 && r.status < 300 && !(r.path.endsWith('/callback') && [CallbackType.Deferred, CallbackType.DeferredUpdate].includes(r.body?.type)),
      );
    for (;;) {
      const last = record.responses.at(-1)?.at ?? record.sentAt;
      if (answered() && performance.now() - last >= quietMs) return record;
      if (performance.now() > deadline) throw new Error(`interaction ${record.payload.data.name ?? record.payload.data.custom_id} not settled`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Every message payload the bot sent (channel messages, interaction replies, edits, follow-ups). */
  messagePayloads(): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) ||
        (r.path.startsWith('/webhooks/') && (r.method === 'POST' || r.method === 'PATCH')) ||
        (r.path.endsWith('/callback') && [CallbackType.Message, CallbackType.Update].includes(r.body?.type)),
    );
  }

  // ── REST ────────────────────────────────────────────────────────────────

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname
      .replace(/^\/api\/v\d+/, '')
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const method = req.method ?? 'GET';
    const fault = this.faults.take(method, path) ?? undefined;
    const kind = fault?.spec.kind;
    const handled = kind && !('appliedThen' in kind) ? null : this.handle(method, path, body, url.searchParams, req.headers.authorization ?? null);
    const reply: Reply & { problems?: string[] } =
      kind === undefined ? handled! : 'reset' in kind ? { status: 0 } : 'appliedThen' in kind ? serverError(kind.appliedThen) : faultReply(kind);
    const recorded: RecordedRequest = { method, path, query: url.searchParams, body, status: reply.status, at, problems: handled?.problems ?? [], fault };
    this.requests.push(recorded);
    const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(path)?.[1];
    if (token) this.interactions.get(token)?.responses.push(recorded);
    if (reply.status === 0) {
      req.socket.destroy();
    } else {
      const json = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(json ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(json);
    }
    this.emit('request', recorded);
  }

  private handle(method: string, path: string, body: any, query: URLSearchParams, auth: string | null): Reply & { problems?: string[] } {
    const open = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    if (!open && auth !== `Bot ${this.token}`) return error(401, 0, '401: Unauthorized');
    for (const [m, pattern, handler] of this.routes) {
      const found = m === method ? pattern.exec(path) : null;
      if (found) return handler(found.slice(1), body, query);
    }
    return error(404, 0, '404: Not Found');
  }

  private routeTable(): Array<[string, RegExp, Handler]> {
    return [
      ['GET', /^\/gateway\/bot$/, () => this.gatewayInfo()],
      ['GET', /^\/applications\/@me$/, () => ({ status: 200, body: { id: this.applicationId, name: this.botUser.username, flags: 0, bot: this.botUser } })],
      ['GET', /^\/users\/@me$/, () => ({ status: 200, body: this.botUser })],
      ['PUT', /^\/applications\/(\d+)\/commands$/, (p, b) => this.putCommands(p[0], 'global', b)],
      ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (p, b) => this.putCommands(p[0], p[1], b)],
      ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (p, b, q) => this.callback(p[1], b, q)],
      ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (p, b) => this.editResponse(p[1], p[2], b)],
      ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (p) => this.deleteResponse(p[1], p[2])],
      ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, (p) => this.getResponse(p[1], p[2])],
      ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (p, b) => this.followUp(p[1], b)],
      ['POST', /^\/channels\/(\d+)\/messages$/, (p, b) => this.createMessage(p[0], b)],
      ['POST', /^\/channels\/(\d+)\/typing$/, () => ({ status: 204 })],
      ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, (p, b) => this.startThread(p[0], p[1], b)],
      ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, (p) => this.getMessage(p[1])],
      ['GET', /^\/channels\/(\d+)$/, (p) => this.getChannel(p[0])],
    ];
  }

  private gatewayInfo(): Reply {
    return {
      status: 200,
      body: {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.opts.shards ?? 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
      },
    };
  }

  private putCommands(app: string, scope: string, body: any): Reply {
    if (app !== this.applicationId) return error(404, 10002, 'Unknown Application');
    if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
    const saved = body.map((c: any) => ({
      ...c,
      id: snowflake(),
      application_id: app,
      version: snowflake(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    }));
    this.registered.set(scope, saved);
    return { status: 200, body: saved };
  }

  private invalid(problems: string[]): Reply & { problems: string[] } {
    return { ...error(400, 50035, `Invalid Form Body: ${problems.join('; ')}`), problems };
  }

  private responseMessage(record: InteractionRecord, data: any): FakeMessage {
    return message({
      channel_id: record.payload.channel_id,
      guild_id: record.payload.guild_id,
      author: this.botUser,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      content: data?.content ?? '',
      embeds: data?.embeds ?? [],
      components: data?.components ?? [],
      flags: data?.flags ?? 0,
    });
  }

  private callback(token: string, body: any, query: URLSearchParams): Reply {
    const record = this.interactions.get(token);
    if (!record || performance.now() - record.sentAt > (this.opts.interactionDeadlineMs ?? 3000)) {
      return error(404, 10062, 'Unknown interaction');
    }
    if (record.ack) return error(400, 40060, 'Interaction has already been acknowledged.');
    const type = body?.type;
    const data = body?.data ?? {};
    if (type === CallbackType.Message || type === CallbackType.Update) {
      const problems = messageProblems(data, type === CallbackType.Update);
      if (problems.length) return this.invalid(problems);
    }
    if (type === CallbackType.Autocomplete) {
      const problems = choiceProblems(data.choices ?? []);
      if (problems.length) return this.invalid(problems);
    }
    record.ack = { type, at: performance.now() };
    if (type === CallbackType.Message || type === CallbackType.Deferred) {
      record.original = this.responseMessage(record, type === CallbackType.Message ? data : { flags: data.flags });
      this.messages.set(record.original.id, record.original);
    }
    const updated = type === CallbackType.Update && record.payload.message ? this.messages.get(record.payload.message.id) : undefined;
    if (updated) Object.assign(updated, data, { edited_timestamp: new Date().toISOString() });
    if (query.get('with_response') !== 'true') return { status: 204 };
    return { status: 200, body: { interaction: { id: record.payload.id, type: record.payload.type }, resource: { type, message: record.original } } };
  }

  private editResponse(token: string, id: string, body: any): Reply {
    const record = this.interactions.get(token);
    const target = id === '@original' ? record?.original : record?.followups.find((m) => m.id === id);
    if (!record || !target || record.deleted) return error(404, 10008, 'Unknown Message');
    const merged = { ...target, ...body };
    const problems = messageProblems(merged);
    if (problems.length) return this.invalid(problems);
    Object.assign(target, body, { edited_timestamp: new Date().toISOString() });
    return { status: 200, body: target };
  }

  private deleteResponse(token: string, id: string): Reply {
    const record = this.interactions.get(token);
    if (!record?.original || id !== '@original') return error(404, 10008, 'Unknown Message');
    record.deleted = true;
    return { status: 204 };
  }

  private getResponse(token: string, id: string): Reply {
    const record = this.interactions.get(token);
    const target = id === '@original' ? record?.original : record?.followups.find((m) => m.id === id);
    return target ? { status: 200, body: target } : error(404, 10008, 'Unknown Message');
  }

  private followUp(token: string, body: any): Reply {
    const record = this.interactions.get(token);
    if (!record?.ack) return error(404, 10015, 'Unknown Webhook');
    const problems = messageProblems(body ?? {});
    if (problems.length) return this.invalid(problems);
    const msg = this.responseMessage(record, body);
    record.followups.push(msg);
    this.messages.set(msg.id, msg);
    return { status: 200, body: msg };
  }

  private createMessage(channelId: string, body: any): Reply {
    const channel = this.channelById(channelId);
    const problems = messageProblems(body ?? {});
    if (problems.length) return this.invalid(problems);
    // With enforce_nonce, Discord answers a repeated nonce with the message it already created.
    const repeat = body.enforce_nonce && body.nonce !== undefined ? this.byNonce.get(`${channelId}:${body.nonce}`) : undefined;
    if (repeat) return { status: 200, body: repeat };
    const ref = body.message_reference?.message_id ? this.messages.get(body.message_reference.message_id) : undefined;
    const msg = message({
      channel_id: channelId,
      guild_id: channel.guild_id,
      author: this.botUser,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      ...(ref ? { message_reference: { message_id: ref.id, channel_id: ref.channel_id, guild_id: channel.guild_id }, referenced_message: ref } : {}),
    });
    this.messages.set(msg.id, msg);
    if (body.enforce_nonce && body.nonce !== undefined) this.byNonce.set(`${channelId}:${body.nonce}`, msg);
    // Discord echoes the bot's own messages back over the gateway; the bot must ignore them.
    this.gateway.dispatch('MESSAGE_CREATE', msg, channel.guild_id);
    return { status: 200, body: msg };
  }

  private startThread(channelId: string, messageId: string, body: any): Reply {
    const parent = this.channelById(channelId);
    if (parent.type !== 0) return error(400, 50024, 'Cannot execute action on this channel type');
    if (!this.messages.has(messageId)) return error(404, 10008, 'Unknown Message');
    const name = String(body?.name ?? '');
    const problems = lengthProblems('name', name, 100, 1);
    if (problems.length) return this.invalid(problems);
    const guild = this.guilds.find((g) => g.id === parent.guild_id)!;
    if (guild.threads.some((t) => t.id === messageId)) return error(400, 160004, 'A thread has already been created for this message');
    const thread = threadChannel(parent, messageId, name, this.botUser.id, body?.auto_archive_duration);
    guild.threads.push(thread);
    this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, guild.id);
    return { status: 201, body: thread };
  }

  private getChannel(id: string): Reply {
    const found = this.guilds.flatMap((g) => [...g.channels, ...g.threads]).find((c) => c.id === id);
    return found ? { status: 200, body: found } : error(404, 10003, 'Unknown Channel');
  }

  private getMessage(id: string): Reply {
    const msg = this.messages.get(id);
    return msg ? { status: 200, body: msg } : error(404, 10008, 'Unknown Message');
  }
}

export { InteractionType };
