/**
 * The optional HTTP endpoint for whoever runs the bot: `/healthz` (200 when the gateway is connected, the
 * index loaded and the database writable, else 503, with each check in the JSON body) and `/metrics` in
 * Prometheus's text format. Bound to 127.0.0.1 unless HEALTH_HOST says otherwise: nothing here is for the
 * public.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface Health {
  gateway: boolean;
  index: boolean;
  mode: string;
  database: { writable: boolean; problem: string | null };
}

export const healthy = (h: Health) => h.gateway && h.index && h.database.writable;

export async function startHealthServer(host: string, port: number, health: () => Health, registry: Registry): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/healthz') {
      const h = health();
      res.writeHead(healthy(h) ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify({ ok: healthy(h), ...h })}\n`);
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(port, host);
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://${host}:${bound}` };
}
