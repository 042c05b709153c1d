import type { FakeMessage } from './payloads.js';
import type { FakeDiscord, InteractionRecord } from './server.js';
import { mentionsDisabled } from './validate.js';

/** Reading what the bot answered, as a Discord user would see it. */

const EPHEMERAL = 64;

/** The visible messages of an interaction's response: the reply (unless deleted) and the follow-ups. */
export function responseMessages(record: InteractionRecord): FakeMessage[] {
  return [...(record.original && !record.deleted ? [record.original] : []), ...record.followups];
}

export function isEphemeral(msg: FakeMessage): boolean {
  return (msg.flags & EPHEMERAL) !== 0;
}

/** All text a reader sees in a message: content, embed titles, descriptions and fields. */
export function visibleText(msg: Pick<FakeMessage, 'content' | 'embeds'>): string {
  const embeds = msg.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
  return [
    msg.content,
    ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '']),
  ]
    .filter(Boolean)
    .join('\n');
}

type Button = { custom_id?: string; url?: string; label?: string; style: number };
const buttonsOf = (msg: FakeMessage) => (msg.components as Array<{ components: Button[] }>).flatMap((row) => row.components);

/** Custom ids of the buttons on a message (link buttons have none). */
export function buttonIds(msg: FakeMessage): string[] {
  return buttonsOf(msg).flatMap((c) => (c.custom_id === undefined ? [] : [c.custom_id]));
}

/** The link buttons on a message: what they say and where they go. */
export function linkButtons(msg: FakeMessage): { label: string; url: string }[] {
  return buttonsOf(msg).flatMap((c) => (c.style === 5 ? [{ label: c.label ?? '', url: c.url ?? '' }] : []));
}

/** Undoes Discord Markdown escaping, to compare shown text with document text. */
export function unescapeText(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

/**
 * What was wrong with the bot's outgoing messages: any payload that could ping (mentions not disabled) and any
 * message request Discord would have refused. Empty when all is well.
 */
export function unsafePayloads(fake: FakeDiscord): string[] {
  const pinging = fake
    .messagePayloads()
    .filter((r) => !mentionsDisabled(r.path.endsWith('/callback') ? r.body.data : r.body))
    .map((r) => `mentions enabled: ${r.method} ${r.path}`);
  const refused = fake
    .messagePayloads()
    // Answers forced by an injected fault say nothing about the payload.
    .filter((r) => r.status >= 400 && !r.fault)
    .map((r) => `refused ${r.status}: ${r.method} ${r.path} ${r.problems.join('; ')}`);
  return [...pinging, ...refused];
}
