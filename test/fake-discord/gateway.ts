import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type FakeGuild, type FakeUser, guildCreate, snowflake } from './payloads.js';

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

export interface GatewaySession {
  id: string;
  shard: [number, number];
  seq: number;
  ws: WebSocket | null;
  /** Dispatches kept for replay on RESUME, as Discord does. */
  sent: Array<{ s: number; payload: string }>;
}

export interface GatewayOptions {
  token: string;
  botUser: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  /** Intent bits the application is not allowed to use: IDENTIFY with any of them is closed with 4014. */
  disallowedIntents: number;
  heartbeatIntervalMs: number;
  url: (path: string) => string;
}

/**
 * The gateway half of the fake: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay of
 * missed dispatches, and sharding by `(guild_id >> 22) % shard_count` like Discord.
 */
export class FakeGateway extends EventEmitter {
  readonly sessions: GatewaySession[] = [];
  /** Every IDENTIFY and RESUME payload received, in order, with the path the socket connected to. */
  readonly received: Array<{ op: number; d: any; path: string }> = [];
  /** performance.now() of every heartbeat received: gaps show whether the client's event loop was starved. */
  readonly heartbeats: number[] = [];
  /** Socket closes with their code, who closed, and performance.now() time. */
  readonly closes: Array<{ code: number; by: 'client' | 'server'; at: number }> = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly closedByServer = new WeakSet<WebSocket>();

  constructor(private readonly opts: GatewayOptions) {
    super();
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (path !== '/gateway' && path !== '/gateway-resume') return void socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, path));
    });
  }

  private connected(ws: WebSocket, path: string): void {
    ws.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (raw: RawData) => this.onPacket(ws, path, JSON.parse(String(raw))));
    ws.on('close', (code: number) => {
      if (!this.closedByServer.has(ws)) this.closes.push({ code, by: 'client', at: performance.now() });
      for (const s of this.sessions) if (s.ws === ws) s.ws = null;
      this.emit('close', code);
    });
  }

  private onPacket(ws: WebSocket, path: string, packet: { op: number; d: any }): void {
    if (packet.op === Op.Heartbeat) {
      this.heartbeats.push(performance.now());
      return void ws.send(JSON.stringify({ op: Op.HeartbeatAck, d: null, s: null, t: null }));
    }
    if (packet.op !== Op.Identify && packet.op !== Op.Resume) return;
    this.received.push({ op: packet.op, d: packet.d, path });
    if (packet.d?.token !== this.opts.token) {
      this.refuse(ws, 4004, 'Authentication failed.');
      return;
    }
    if (packet.op === Op.Identify) this.identify(ws, packet.d);
    else this.resume(ws, packet.d);
  }

  private refuse(ws: WebSocket, code: number, reason: string): void {
    this.closedByServer.add(ws);
    this.closes.push({ code, by: 'server', at: performance.now() });
    ws.close(code, reason);
  }

  private guildsOf(shard: [number, number]): FakeGuild[] {
    return this.opts.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
  }

  private identify(ws: WebSocket, d: any): void {
    if ((Number(d.intents) & this.opts.disallowedIntents) !== 0) {
      this.refuse(ws, 4014, 'Disallowed intent(s).');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? d.shard : [0, 1];
    const session: GatewaySession = { id: snowflake(), shard, seq: 0, ws, sent: [] };
    this.sessions.push(session);
    const guilds = this.guildsOf(shard);
    this.send(session, 'READY', {
      v: 10,
      user: this.opts.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.opts.url('/gateway-resume'),
      shard,
      application: { id: this.opts.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const g of guilds) this.send(session, 'GUILD_CREATE', guildCreate(g, this.opts.botUser));
    this.emit('identify', session);
  }

  private resume(ws: WebSocket, d: any): void {
    const session = this.sessions.find((s) => s.id === d.session_id);
    if (!session) return void ws.send(JSON.stringify({ op: Op.InvalidSession, d: false, s: null, t: null }));
    session.ws = ws;
    const missed = session.sent.filter((e) => e.s > Number(d.seq));
    for (const e of missed) ws.send(e.payload);
    this.send(session, 'RESUMED', {});
    this.emit('resume', session, missed.length);
  }

  private send(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const payload = JSON.stringify({ op: Op.Dispatch, t, s: session.seq, d });
    session.sent.push({ s: session.seq, payload });
    if (session.sent.length > 1000) session.sent.shift();
    if (session.ws?.readyState === WebSocket.OPEN) session.ws.send(payload);
  }

  /** Sends a dispatch to the session that owns `guildId` (the newest session for that shard). */
  dispatch(t: string, d: unknown, guildId: string): void {
    const session = [...this.sessions].reverse().find((s) => this.guildsOf(s.shard).some((g) => g.id === guildId));
    if (!session) throw new Error(`no gateway session holds guild ${guildId}`);
    this.send(session, t, d);
  }

  /** Kills every socket without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
