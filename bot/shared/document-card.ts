/**
 * A document's card (`/document` in Discord, `/info` in the terminal chat): its titles in both languages,
 * symbol and where it was confirmed, status, body, session, agenda item, date, counts, outline and links. Plain
 * text values; each front end lays them out (Discord escapes them and links the URLs).
 */
import { type DocumentInfo, documentName, type Lang, paragraphPart } from '../../retrieval/index.js';
import { shownLabel } from './citation-text.js';
import { strings } from './strings.js';

export interface DocumentCard {
  /** The document's name as citations give it, marked when it is a draft. */
  heading: string;
  fields: { name: string; value: string }[];
  /** The outline, one line per heading, indented by depth, with the paragraphs under it. */
  sections: string[];
  /** The official text in each language, the asker's first; empty without a symbol. */
  links: { lang: Lang; url: string }[];
}

export function documentCard(info: DocumentInfo, lang: Lang): DocumentCard {
  const s = strings(lang);
  const c = s.card;
  const { meta, paragraphs } = info;
  const heading = shownLabel({ label: documentName(meta, lang), status: meta.status }, lang);
  const fields = [
    { name: c.titleZh, value: meta.title.zh },
    { name: c.titleEn, value: meta.title.en },
    { name: c.symbol, value: meta.symbol ?? c.noSymbol },
    ...(meta.symbol && meta.symbolSource ? [{ name: c.symbolSource, value: meta.symbolSource }] : []),
    { name: c.status, value: s.status[meta.status] },
    { name: c.body, value: meta.body ?? c.unknown },
    { name: c.session, value: meta.session ?? c.unknown },
    { name: c.agendaItem, value: meta.agendaItem ?? c.unknown },
    { name: c.date, value: meta.date ?? c.unknown },
    { name: c.paragraphs, value: paragraphs.count ? `${paragraphs.count} (${paragraphs.first}–${paragraphs.last})` : '0' },
    { name: c.recommendations, value: String(info.recommendations) },
    ...(meta.versioned ? [{ name: c.versions, value: meta.languages.map((l) => c.languages[l]).join(lang === 'zh' ? '、' : ', ') }] : []),
  ];
  // A document with a version in the reader's language shows its outline in that version's headings.
  const sections = (info.sectionsIn[lang] ?? info.sections).map(
    (x) => `${'  '.repeat(x.depth - 1)}${x.heading} · ${paragraphPart({ first: x.first, last: x.last }, lang)}`,
  );
  const order: Lang[] = lang === 'zh' ? ['zh', 'en'] : ['en', 'zh'];
  const links = info.url ? order.map((l) => ({ lang: l, url: info.url![l] })) : [];
  return { heading, fields, sections, links };
}

/** The card as terminal text. */
export function documentCardText(info: DocumentInfo, lang: Lang): string {
  const s = strings(lang);
  const card = documentCard(info, lang);
  const sep = lang === 'zh' ? '：' : ': ';
  const links = card.links.length ? card.links.map((l) => `${s.card.languages[l.lang]} ${l.url}`).join(' · ') : s.card.noLink;
  return [
    `${card.heading} · ${info.meta.source}`,
    ...card.fields.map((f) => `${f.name}${sep}${f.value}`),
    `${s.card.sections}${sep.trimEnd()}`,
    ...card.sections.map((line) => `  ${line}`),
    `${s.card.link}${sep}${links}`,
  ].join('\n');
}
