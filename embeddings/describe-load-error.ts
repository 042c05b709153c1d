import { StallError } from './stall-guard.js';

/** Error codes of a network that is down, filtered or misconfigured, as Node's fetch (undici) reports them. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** One short human phrase for why loading failed, fit to go inside "could not be loaded (…)". */
export function describeLoadError(err: unknown): string {
  if (err instanceof StallError) return `network stalled: ${err.message}`;
  if (!(err instanceof Error)) return firstLine(String(err));
  const cause = err.cause as { code?: string; message?: string } | undefined;
  if (cause?.code && NETWORK_CODES.has(cause.code)) return `network unreachable: ${firstLine(cause.message ?? cause.code)}`;
  const located = /^Could not locate file: "(.+)"/.exec(err.message);
  if (located) return `not found on the hub: ${located[1]}`;
  if (/^(Unauthorized|Forbidden) access to file/.test(err.message)) return 'the hub refused access (private or gated model; set HF_TOKEN)';
  return firstLine(err.message);
}
