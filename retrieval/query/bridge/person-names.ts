/**
 * Chinese person names of the corpus, with their pinyin, so that an English question naming a person the way
 * English texts write Chinese names ("Meng Qingtian", "Ms. Meng") reaches the paragraphs that write 孟庆甜女士.
 * UN documents introduce every speaker with a title after the name (女士, 先生, 阁下 …); a name is the word
 * before such a title whose first character is a surname in CC-CEDICT and which is not itself a dictionary
 * word (主任 or 代表 before 先生 are not names). The pinyin comes from CC-CEDICT, character by character: the
 * surname reading from its "surname X" entry, the given name from the character's ordinary readings.
 */
import { type CedictEntry, isProperNoun } from './cedict.js';
import type { GlossaryEntry } from './glossary.js';

/** Titles that follow a name in UN reports, with the English title an English text puts before the surname. */
const TITLES: Record<string, string | null> = {
  女士: 'Ms',
  先生: 'Mr',
  博士: 'Dr',
  教授: 'Professor',
  大使: 'Ambassador',
  法官: 'Judge',
  阁下: null,
};
const TITLE_AFTER_NAME = new RegExp(`([\\u4e00-\\u9fff]{2,8})\\s*(${Object.keys(TITLES).join('|')})`, 'g');
/** A given name's readings multiply: beyond this many spellings a name is not worth a search key. */
const MAX_SPELLINGS = 4;

export interface PersonName {
  zh: string;
  /** Every way the name may be spelt in pinyin, surname first ("Meng Qingtian"); one when no character is polyphonic. */
  spellings: string[];
  /** English titles the documents give the person (女士 → Ms). */
  titles: string[];
}

/** `qing4` → qing, `lu:4` → lü: a numbered pinyin syllable as names are written. */
function syllable(numbered: string): string {
  return numbered.replace(/\d$/, '').replace(/u:/g, 'ü').toLowerCase();
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Syllables joined as in a given name; a syllable starting with a vowel after another gets an apostrophe (Xi'an). */
function givenName(syllables: string[]): string {
  return capitalise(syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join(''));
}

/** Character readings from CC-CEDICT: ordinary readings of single characters, and surname readings. */
export class Readings {
  private readonly ordinary = new Map<string, string[]>();
  private readonly surname = new Map<string, string[]>();

  constructor(entries: Iterable<CedictEntry>, chars: ReadonlySet<string>) {
    for (const e of entries) {
      if (!chars.has(e.zh) || e.pinyin.includes(' ')) continue;
      const isSurname = isProperNoun(e) && e.senses.some((s) => /^surname /.test(s));
      const map = isSurname ? this.surname : isProperNoun(e) ? null : this.ordinary;
      if (!map) continue;
      const list = map.get(e.zh) ?? [];
      const s = syllable(e.pinyin);
      if (!list.includes(s)) list.push(s);
      map.set(e.zh, list);
    }
  }

  surnameOf(ch: string): string[] {
    return this.surname.get(ch) ?? [];
  }

  of(ch: string): string[] {
    return this.ordinary.get(ch) ?? [];
  }
}

/** Every combination of one reading per character, or null when some character has none. */
function combinations(options: string[][]): string[][] | null {
  let out: string[][] = [[]];
  for (const o of options) {
    if (!o.length) return null;
    out = out.flatMap((prefix) => o.map((x) => [...prefix, x]));
  }
  return out;
}

function spellingsOf(zh: string, readings: Readings): string[] {
  const surname = readings.surnameOf(zh[0]!);
  const given = combinations([...zh.slice(1)].map((ch) => readings.of(ch)));
  if (!surname.length || !given) return [];
  return surname.flatMap((s) => given.map((g) => `${capitalise(s)} ${givenName(g)}`)).slice(0, MAX_SPELLINGS + 1);
}

/**
 * The person names the texts write before a title. `cut` splits a text into words (jieba): the title must be
 * a word of its own (法官 in 司法官 is not a title) and the name the word before it; `isWord` says whether a
 * string is a dictionary headword.
 */
export function findPersonNames(
  texts: Iterable<string>,
  cut: (text: string) => string[],
  entries: readonly CedictEntry[],
  isWord: (zh: string) => boolean,
): PersonName[] {
  const found = new Map<string, Set<string>>();
  for (const text of texts) {
    for (const m of text.replace(/\s+(?=[\u4e00-\u9fff])/g, '').matchAll(TITLE_AFTER_NAME)) {
      const words = cut(m[0]);
      const name = words.at(-2);
      if (words.at(-1) !== m[2] || !name || name.length < 2 || name.length > 3 || isWord(name)) continue;
      const titles = found.get(name) ?? new Set<string>();
      const title = TITLES[m[2]!];
      if (title) titles.add(title);
      found.set(name, titles);
    }
  }
  const readings = new Readings(entries, new Set([...found.keys()].flatMap((n) => [...n])));
  const out: PersonName[] = [];
  for (const [zh, titles] of found) {
    const spellings = spellingsOf(zh, readings);
    // Too many readings to spell, or no surname: not a name we can write in English.
    if (spellings.length && spellings.length <= MAX_SPELLINGS) out.push({ zh, spellings, titles: [...titles] });
  }
  return out;
}

/**
 * A person name as glossary phrases: each spelling surname first and given name first ("Qingtian Meng", as
 * some English texts write it), and the title with the surname ("Ms Meng").
 */
export function personEntry(person: PersonName): GlossaryEntry {
  const en = new Set<string>();
  for (const spelling of person.spellings) {
    const [surname, given] = spelling.split(' ') as [string, string];
    en.add(spelling);
    en.add(`${given} ${surname}`);
    if (given.includes("'")) en.add(`${surname} ${given.replace(/'/g, '')}`);
    for (const title of person.titles) en.add(`${title} ${surname}`);
  }
  return { en: [...en], zh: [person.zh] };
}
