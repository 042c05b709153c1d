/**
 * `npm run glossary:mine [-- --out FILE] [--all] [--min N]`: glossary candidates mined from the documents
 * (SEEDS_DIR, default seeds/) through the parser, each with English suggestions from CC-CEDICT and what the
 * bridge already does with it, as TSV for review by hand (see README, "Growing the glossary").
 *
 * Columns: kind (abbreviation, quoted, name, person, term, family: terms seen once that end alike, counted), status (glossary: a glossary entry has
 * it; bridge: an English suggestion already reaches it; new), count (occurrences in the corpus), zh, note
 * (the short form, a longer name it appears in), suggestions (CC-CEDICT English: the headword's own senses,
 * else word by word; pinyin for people).
 */

import { parseCommandLine, wholeArg } from '../bot/shared/args.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../retrieval/engine.js';
import { compactText } from '../retrieval/gloss/index.js';
import { atomicWrite } from '../retrieval/index/atomic-write.js';
import { corpusUnits, indexText } from '../retrieval/index/index-store.js';
import { KeywordIndex } from '../retrieval/index/keyword-index.js';
import { GENERIC_NOUNS } from '../retrieval/query/analyzer.js';
import { corpusDictionary } from '../retrieval/query/bridge/bridge-english.js';
import { readCedict } from '../retrieval/query/bridge/cedict.js';
import { readGlossary } from '../retrieval/query/bridge/glossary.js';
import { findPersonNames } from '../retrieval/query/bridge/person-names.js';
import { taggedWords } from '../retrieval/query/proper-names.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import { unitKey } from '../retrieval/types.js';
import { abbreviations, countedNouns, properNames, quotedNames, termNgrams } from './mine-glossary/candidates.js';

type Kind = 'abbreviation' | 'quoted' | 'name' | 'person' | 'term' | 'family' | 'counted';
/** Kinds whose single occurrences are worth a look: the pattern itself says it is a name. */
const ONE_IS_ENOUGH = new Set<Kind>(['abbreviation', 'quoted', 'person']);
const MAX_SUGGESTIONS = 4;

const USAGE = 'npm run glossary:mine -- [--out FILE] [--all] [--min N]';
const { values: flags } = parseCommandLine(process.argv.slice(2), {
  usage: USAGE,
  options: { out: { type: 'string' }, min: { type: 'string', default: '2' }, all: { type: 'boolean' } },
});
const minCount = wholeArg(flags.min, '--min', { min: 1, max: 1_000_000 }, USAGE);
const corpus = await loadCorpus(process.env.SEEDS_DIR ?? 'seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(
  corpusUnits(corpus).map((u) => ({ key: unitKey(u), text: indexText(u) })),
  tokenizer,
);
const { analyzer } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });
const cedict = readCedict();
const dictionary = corpusDictionary(keyword, cedict);
const glossary = readGlossary();
const glossaryEnglish = new Map(glossary.entries.flatMap((e) => e.zh.map((z) => [compactText(z), e.en[0]!] as const)));

const found = new Map<string, { kind: Kind; zh: string; count: number; notes: Set<string> }>();
function add(kind: Kind, zh: string, note?: string) {
  const key = `${kind}\t${zh}`;
  const c = found.get(key) ?? { kind, zh, count: 0, notes: new Set<string>() };
  c.count++;
  if (note) c.notes.add(note);
  found.set(key, c);
}

// Recommendations repeat the paragraph that holds them: each text is read once.
const texts = [...new Set(corpusUnits(corpus).map((u) => compactText(u.text)))];
for (const text of texts) {
  const words = taggedWords(tokenizer, text);
  for (const a of abbreviations(text, words)) add('abbreviation', a.full, `short form ${a.short}`);
  for (const q of quotedNames(text)) add('quoted', q);
  for (const n of properNames(words, GENERIC_NOUNS)) add('name', n);
  for (const t of termNgrams(words)) add('term', t.term, t.words.slice(-2).join(''));
  for (const n of countedNouns(text, (s) => taggedWords(tokenizer, s)[0])) add('counted', n);
}
// Terms seen once that end on the same two words (亚太国家组, 非洲国家组) are reported as one family.
for (const c of [...found.values()].filter((c) => c.kind === 'term' && c.count === 1)) {
  const ending = [...c.notes][0]!;
  const key = `family\t${ending}`;
  const family = found.get(key) ?? { kind: 'family' as const, zh: ending, count: 0, notes: new Set<string>() };
  family.count++;
  family.notes.add(c.zh);
  found.set(key, family);
}
for (const c of found.values()) if (c.kind === 'term') c.notes.clear();
const persons = findPersonNames(
  texts,
  (t) => tokenizer.tag(t).map((w) => w.word),
  cedict,
  (zh) => dictionary.englishOf(zh).length > 0,
);
for (const p of persons) found.set(`person\t${p.zh}`, { kind: 'person', zh: p.zh, count: 1, notes: new Set(p.titles) });

/** What the glossary or the dictionary says a word is in English (its name, or its first senses). */
function sensesOf(zh: string): string[] {
  return [...new Set([glossaryEnglish.get(zh), dictionary.nameOf(zh), ...dictionary.englishOf(zh)].filter((s): s is string => Boolean(s)))];
}

/** The longest known words that spell a word the dictionary lacks (南非共和国 → 南非 + 共和国), unknown characters in brackets. */
function tiles(zh: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < zh.length; ) {
    let len = zh.length - i;
    while (len > 1 && !sensesOf(zh.slice(i, i + len)).length) len--;
    out.push(zh.slice(i, i + len));
    i += len;
  }
  return out;
}

/** English for a Chinese term: the glossary's, the dictionary's name or senses, else word by word. */
function suggestions(zh: string): string[] {
  const person = persons.find((p) => p.zh === zh);
  if (person) return person.spellings;
  const own = sensesOf(zh);
  if (own.length) return own.slice(0, MAX_SUGGESTIONS);
  let combos: string[] = [''];
  for (const w of tokenizer.queryWords(zh).flatMap((w) => (sensesOf(w).length ? [w] : tiles(w)))) {
    const senses = sensesOf(w);
    const options = senses.length ? senses.slice(0, 2) : [`[${w}]`];
    combos = combos.flatMap((c) => options.map((o) => `${c} ${o}`.trim()));
  }
  return combos.slice(0, MAX_SUGGESTIONS);
}

function status(zh: string, english: string[]): 'glossary' | 'bridge' | 'new' {
  if (glossaryEnglish.has(zh)) return 'glossary';
  if (english.some((en) => !en.includes('[') && analyzer.bridge(en).terms.some((t) => t.term === zh))) return 'bridge';
  return 'new';
}

const order: Kind[] = ['abbreviation', 'quoted', 'person', 'name', 'term', 'family', 'counted'];
const rows = [...found.values()]
  .filter((c) => c.count >= (ONE_IS_ENOUGH.has(c.kind) ? 1 : minCount))
  .map((c) => ({ ...c, english: suggestions(c.zh) }))
  .map((c) => ({ ...c, status: status(c.zh, c.english) }))
  .filter((c) => flags.all || c.status === 'new')
  .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.count - a.count || a.zh.localeCompare(b.zh));
const lines = [
  'kind\tstatus\tcount\tzh\tnote\tsuggestions',
  ...rows.map((r) => [r.kind, r.status, r.count, r.zh, [...r.notes].join('; '), r.english.join(' | ')].join('\t')),
];
const out = flags.out;
if (out) {
  await atomicWrite(out, `${lines.join('\n')}\n`);
  process.stderr.write(`wrote ${rows.length} candidates to ${out}\n`);
} else process.stdout.write(`${lines.join('\n')}\n`);
