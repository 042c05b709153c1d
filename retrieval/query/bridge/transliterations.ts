/**
 * Foreign names the Chinese texts write by their sound (“巴索行动”, 地中海行动索菲亚, 瓦莱塔), so that an English
 * question naming them the way English texts do ("Operation Basso", "Operation Sophia") reaches them
 * when no dictionary has the name. Both sides are reduced to a consonant skeleton: Chinese transliteration keeps a
 * name's consonants in order and drops what Chinese syllables cannot hold (the r of Khartoum, 喀土穆), adds vowels
 * and glides (Sophia, 索菲亚), and does not keep English voicing or l/r apart (Palermo, 巴勒莫). The readings come
 * from CC-CEDICT, character by character.
 */
import type { CedictEntry } from './cedict.js';
import { Readings } from './person-names.js';

/** jieba's tags for names of people, places, organisations and other proper nouns. */
const NAME_TAGS = new Set(['nr', 'nrt', 'ns', 'nz']);
/** A name's readings multiply: beyond this many, its sound is not worth a key. */
const MAX_READINGS = 4;
/** Skeletons of fewer consonants match too many names. */
const MIN_SKELETON = 2;
const longEnough = (key: string) => key.replace('_', '').length >= MIN_SKELETON;

export interface SoundedName {
  zh: string;
  /** The consonant skeletons of its readings (巴索 → "bs"). */
  keys: string[];
}

/**
 * The consonant skeleton of an English word: its consonants by the classes Chinese transliteration keeps apart, in
 * order, each run once. Digraphs first (ph, kh, th, sh, ch), a soft c is s, x is ks; an r before a consonant goes
 * (Khartoum, 喀土穆).
 */
export function skeleton(word: string): string {
  const s = word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/[kg]h|ck|q/g, 'k')
    .replace(/th/g, 't')
    .replace(/sch|sh/g, 's')
    .replace(/ch|j/g, 'J')
    .replace(/c(?=[eiy])|z/g, 's')
    .replace(/c/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/r(?=[^aeiouy]|$)/g, '');
  return classes(s);
}

/** The same for pinyin syllables: zh, ch, j and q are one sound to English ears (J), x, sh, z and c another (s). */
export function pinyinSkeleton(pinyin: string): string {
  return classes(
    pinyin
      .toLowerCase()
      .replace(/zh|ch|j|q/g, 'J')
      .replace(/sh|x|z|c/g, 's'),
  );
}

/**
 * Vowels, glides and h go, but a name that opens with a vowel is marked so (Sahel is not 以色列, yi-se-lie);
 * voicing and l/r are not kept apart; ng is n; each run of one class once.
 */
function classes(s: string): string {
  return (
    (/^[aeiouyüwv]/.test(s) ? '_' : '') +
    s
      .replace(/ng/g, 'n')
      .replace(/[aeiouyüwhv]/g, '')
      .replace(/p/g, 'b')
      .replace(/t/g, 'd')
      .replace(/k/g, 'g')
      .replace(/r/g, 'l')
      .replace(/(.)\1+/g, '$1')
  );
}

/**
 * The names of the texts that jieba tags as proper nouns (two to four characters), with the skeletons of their
 * readings. `tag` is jieba's tagger; `englishOf` the dictionary's English for a word: a name it translates by
 * meaning (巴西, Brazil; 西非, West Africa) is no transliteration, one it spells alike (索菲亚, Sofia) is.
 */
export function findSoundedNames(
  texts: Iterable<string>,
  tag: (text: string) => { word: string; tag: string }[],
  entries: readonly CedictEntry[],
  englishOf: (zh: string) => string[],
): SoundedName[] {
  const names = new Set<string>();
  for (const text of texts) {
    for (const t of tag(text)) if (NAME_TAGS.has(t.tag) && /^[\u4e00-\u9fff]{2,4}$/.test(t.word)) names.add(t.word);
  }
  const readings = new Readings(entries, new Set([...names].flatMap((n) => [...n])));
  const sounded: (SoundedName & { alike: boolean; glossed: boolean })[] = [];
  for (const zh of names) {
    let spelt: string[] = [''];
    for (const ch of zh) spelt = spelt.flatMap((prefix) => readings.of(ch).map((r) => prefix + r));
    if (spelt.length === 0 || spelt.length > MAX_READINGS) continue;
    const keys = [...new Set(spelt.map(pinyinSkeleton))].filter(longEnough);
    const english = englishOf(zh);
    if (keys.length) sounded.push({ zh, keys, glossed: english.length > 0, alike: english.some((e) => keys.includes(skeleton(e))) });
  }
  // The characters of names the dictionary spells alike (意大利, 伦敦, 索菲亚) are the ones used for sound; a name
  // it does not know is taken for a transliteration only when written in those (巴索, not 这两项 or 尤为重要).
  const soundChars = new Set(sounded.filter((n) => n.alike).flatMap((n) => [...n.zh]));
  return sounded.filter((n) => n.alike || (!n.glossed && [...n.zh].every((ch) => soundChars.has(ch)))).map(({ zh, keys }) => ({ zh, keys }));
}

/** The one name of the texts that sounds like an English word, or null when none or several do. */
export function soundsLike(word: string, names: ReadonlyMap<string, string[]>): string | null {
  const key = skeleton(word);
  if (!longEnough(key)) return null;
  const found = names.get(key) ?? [];
  return found.length === 1 ? found[0]! : null;
}

/** Skeleton → the names with it. */
export function soundIndex(names: readonly SoundedName[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const n of names) for (const k of n.keys) index.set(k, [...new Set([...(index.get(k) ?? []), n.zh])]);
  return index;
}
