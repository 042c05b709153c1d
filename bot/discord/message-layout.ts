import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField, ButtonStyle, ComponentType, embedLength } from 'discord.js';
import { LIMITS } from './limits.js';
import { packBlocks, splitText, truncate } from './split-text.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** A message the bot sends, before delivery adds `allowedMentions` and flags. */
export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
}

export function button(customId: string, label: string, opts: { emoji?: string; disabled?: boolean } = {}): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    ...(label ? { label: truncate(label, LIMITS.buttonLabel) } : {}),
    ...(opts.emoji ? { emoji: { name: opts.emoji } } : {}),
    ...(opts.disabled ? { disabled: true } : {}),
  };
}

/** A button that opens a web page (Discord's link style: a URL instead of a custom id). */
export function linkButton(label: string, url: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, url, label: truncate(label, LIMITS.buttonLabel) };
}

/** Buttons in rows of five, at most `maxRows` rows; buttons beyond that are dropped. */
export function buttonRows(buttons: APIButtonComponent[], maxRows: number): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < maxRows; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** Lines under one heading as as many fields as needed to respect the 1,024-character field value limit. */
export function listFields(name: string, continuedName: string, lines: string[]): APIEmbedField[] {
  return packBlocks(lines, LIMITS.fieldValue, '\n').map((value, i) => ({
    name: truncate(i === 0 ? name : continuedName, LIMITS.fieldName),
    value,
  }));
}

/**
 * Long text as consecutive embeds (4,096 characters of description each); the first gets `first` (title),
 * the last gets `fields` and `footer`, spilling fields into further embeds when they would not fit.
 */
export function textEmbeds(
  text: string,
  opts: { protect?: readonly string[]; color?: number; first?: Partial<APIEmbed>; fields?: APIEmbedField[]; footer?: string },
): APIEmbed[] {
  const pieces = text ? splitText(text, LIMITS.embedDescription, opts.protect) : [];
  const embeds: APIEmbed[] = (pieces.length ? pieces : ['']).map((description) => ({
    ...(description ? { description } : {}),
    ...(opts.color !== undefined ? { color: opts.color } : {}),
  }));
  Object.assign(embeds[0], opts.first);
  for (const field of opts.fields ?? []) {
    const last = embeds[embeds.length - 1];
    const withField = { ...last, fields: [...(last.fields ?? []), field] };
    if ((last.fields?.length ?? 0) < LIMITS.embedFields && embedLength(withField) <= LIMITS.embedTotalPerMessage) {
      embeds[embeds.length - 1] = withField;
    } else {
      embeds.push({ fields: [field], ...(opts.color !== undefined ? { color: opts.color } : {}) });
    }
  }
  if (opts.footer) {
    const footer = { text: truncate(opts.footer, LIMITS.footerText) };
    const last = embeds[embeds.length - 1];
    if (embedLength({ ...last, footer }) <= LIMITS.embedTotalPerMessage) last.footer = footer;
    else embeds.push({ footer });
  }
  return embeds;
}

/** Embeds grouped into messages: at most ten per message and 6,000 characters across them. */
export function embedMessages(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const n = embedLength(embed);
    if (current.length && (current.length >= LIMITS.embedsPerMessage || size + n > LIMITS.embedTotalPerMessage)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length) messages.push(current);
  return messages;
}

/** Text content (not embeds) packed into 2,000-character messages without splitting blocks. */
export function contentMessages(blocks: string[]): OutgoingMessage[] {
  return packBlocks(blocks, LIMITS.content).map((content) => ({ content }));
}
