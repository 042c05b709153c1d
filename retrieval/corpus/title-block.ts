/**
 * What a UN document's first page says about it, read from the lines the parser booked as title block or
 * furniture: its symbol (CTOC/COP/2018/2), issue date (`23 July 2018`, `2018年7月23日`), session (`第九届会议`,
 * `ninth session`), the issuing body (the first line) and its title (the longest line). A prefill for new
 * metadata, which the user can override; nothing is guessed when nothing matches.
 */
import type { ParsedDocument } from '../parse/index.js';

export interface TitleBlock {
  symbol: string | null;
  date: string | null;
  session: string | null;
  body: string | null;
  title: string | null;
}

const SYMBOL = /(?:^|\s)([A-Z]{1,6}(?:\/[A-Z0-9][A-Za-z0-9.-]*){1,6})(?=\s|$)/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const ENGLISH_DATE = new RegExp(`^(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})$`, 'i');
const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const SESSION = /^(?:第[一二三四五六七八九十百零〇\d]+届会议|.*\bsession)$/i;
/** Lines of the distribution block that are not the title. */
const NOT_TITLE = /^(?:Distr\.|Chinese|English|Original|临时议程|议程项目)|^\d/;

const iso = (y: string, m: number, d: string) => `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;

function dateOf(text: string): string | null {
  const en = ENGLISH_DATE.exec(text);
  if (en) return iso(en[3]!, MONTHS.indexOf(en[2]!.toLowerCase()) + 1, en[1]!);
  const zh = CHINESE_DATE.exec(text);
  return zh ? iso(zh[1]!, Number(zh[2]), zh[3]!) : null;
}

export function readTitleBlock(parsed: Pick<ParsedDocument, 'outline' | 'ledger'>): TitleBlock {
  // Title lines as the parser joined them (a wrapped title is one line), and the furniture with the running header.
  const title = parsed.outline.flatMap((o) => (o.kind === 'title' ? [o.text.trim()] : []));
  const front = [...title, ...parsed.ledger.filter((e) => e.category === 'furniture').map((e) => e.text.trim())];
  const symbols = new Map<string, number>();
  for (const line of front) {
    const s = SYMBOL.exec(line)?.[1];
    if (s) symbols.set(s, (symbols.get(s) ?? 0) + 1);
  }
  // The running header repeats the symbol on every page: the commonest one is the document's.
  const symbol = [...symbols].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const candidates = title.filter((l) => !NOT_TITLE.test(l) && !SESSION.test(l) && dateOf(l) === null && !SYMBOL.test(l));
  return {
    symbol,
    date: title.map(dateOf).find((d) => d !== null) ?? null,
    session: title.find((l) => SESSION.test(l)) ?? null,
    body: candidates[0] ?? null,
    title: [...candidates].sort((a, b) => [...b].length - [...a].length)[0] ?? null,
  };
}
