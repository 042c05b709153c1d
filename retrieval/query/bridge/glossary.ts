import { readFileSync } from 'node:fs';
import { englishTokens, irregularBase, numericOrdinal, spellingKey } from './english.js';

/**
 * The curated UN-terminology glossary (retrieval/glossary.json): English phrases → the Chinese terms these
 * documents use for them. It takes precedence over the dictionary because it knows the domain's choices
 * (trafficking → 贩运, not 贩卖; UNODC → 毒品和犯罪问题办公室).
 */

export interface GlossaryEntry {
  /** English phrases naming the concept (full names, short names, acronyms, adjectives such as Brazilian). */
  en: string[];
  /** Chinese terms as they appear in the documents; alternatives, any of which is a match. */
  zh: string[];
  /**
   * Acronyms matched only as written, in capitals: "TIP" is trafficking in persons, "tips" and "tip-off" are
   * not. Unambiguous acronyms (UNODC) go in `en`.
   */
  acronyms?: string[];
  /**
   * Chinese words askers write that the documents need not use: short forms (南共体 for 南部非洲发展共同体) and
   * everyday words (经费 for the documents' 资助). A question's word among them is read as the entry's name.
   */
  zhAsked?: string[];
}

export interface Glossary {
  entries: GlossaryEntry[];
  /** Canonical English phrase → Chinese terms. */
  byPhrase: Map<string, string[]>;
  /** Longest English phrase, in words. */
  maxWords: number;
  /** Case-sensitive acronym → the entry's first English phrase, which it stands for. */
  acronyms: Map<string, string>;
  /** Consonant skeleton → the corpus's names written by sound (bs → 巴索), for English names no dictionary has. */
  sounds: ReadonlyMap<string, string[]>;
}

const ACRONYM = /^[A-Z][A-Z0-9]+$/;

export const GLOSSARY_PATH = new URL('./glossary.json', import.meta.url);

/**
 * Plural- and spelling-insensitive form of an English word, applied to glossary phrases and questions alike,
 * so "victims of trafficking" meets "victim of trafficking" and "Organised Crime Convention" meets "Organized
 * Crime Convention", without a stemmer's guesses on other words.
 */
export function canonicalWord(word: string): string {
  const irregular = irregularBase(word);
  if (irregular) return irregular;
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies')) return spellingKey(`${word.slice(0, -3)}y`);
  if (/(?:ss|x|ch|sh)es$/.test(word)) return spellingKey(word.slice(0, -2));
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return spellingKey(word.slice(0, -1));
  return spellingKey(word);
}

export function canonicalPhrase(words: readonly string[]): string {
  return words.map(canonicalWord).join(' ');
}

/** Validates and indexes glossary data; throws with the offending entry on anything malformed or ambiguous. */
export function parseGlossary(data: unknown): Glossary {
  const fail = (why: string): never => {
    throw new Error(`Invalid glossary: ${why}`);
  };
  const list = (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) fail('expected {"entries": [...]}');
  const entries: GlossaryEntry[] = [];
  const byPhrase = new Map<string, string[]>();
  const acronyms = new Map<string, string>();
  let maxWords = 1;
  (list as unknown[]).forEach((raw, i) => {
    const e = raw as Partial<GlossaryEntry> | null;
    const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string' && s.trim() !== '');
    if (!e || !isStrings(e.en) || !isStrings(e.zh)) fail(`entry ${i} needs non-empty "en" and "zh" string arrays`);
    const entry = e as GlossaryEntry;
    for (const phrase of entry.en) {
      const words = englishTokens(phrase);
      const key = canonicalPhrase(words);
      if (!key) fail(`entry ${i}: "${phrase}" has no words`);
      const existing = byPhrase.get(key);
      if (existing === entry.zh) continue; // a spelling variant within the same entry
      if (existing) fail(`"${phrase}" (entry ${i}) is already defined by another entry (${existing.join(', ')})`);
      byPhrase.set(key, entry.zh);
      maxWords = Math.max(maxWords, words.length);
    }
    if (entry.acronyms !== undefined && !Array.isArray(entry.acronyms)) fail(`entry ${i}: "acronyms" must be an array`);
    for (const acronym of entry.acronyms ?? []) {
      if (typeof acronym !== 'string' || !ACRONYM.test(acronym)) fail(`entry ${i}: acronym "${acronym}" must be capital letters and digits`);
      if (acronyms.has(acronym)) fail(`acronym "${acronym}" (entry ${i}) is already defined by another entry`);
      acronyms.set(acronym, entry.en[0]!);
    }
    if (entry.zhAsked !== undefined && !isStrings(entry.zhAsked)) fail(`entry ${i}: "zhAsked" must be a non-empty string array`);
    entries.push(entry);
  });
  return { entries, byPhrase, maxWords, acronyms, sounds: new Map() };
}

/** Reads and validates the project glossary. */
export function readGlossary(path: URL = GLOSSARY_PATH): Glossary {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Glossary not found at ${path.pathname}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new Error(`Glossary ${path.pathname} is not valid JSON: ${(err as Error).message}`);
  }
  return parseGlossary(data);
}

/**
 * The glossary with entries found in the corpus rather than curated (person names in pinyin): a phrase the
 * curated glossary already defines keeps its curated meaning.
 */
export function withEntries(glossary: Glossary, extra: readonly GlossaryEntry[]): Glossary {
  const byPhrase = new Map(glossary.byPhrase);
  let maxWords = glossary.maxWords;
  for (const entry of extra) {
    for (const phrase of entry.en) {
      const words = englishTokens(phrase);
      const key = canonicalPhrase(words);
      if (!key || byPhrase.has(key)) continue;
      byPhrase.set(key, entry.zh);
      maxWords = Math.max(maxWords, words.length);
    }
  }
  return { ...glossary, entries: [...glossary.entries, ...extra], byPhrase, maxWords };
}

/**
 * The question with the glossary's case-sensitive acronyms written out ("the TIP Protocol" → "the trafficking in
 * persons Protocol"), and a body's session written after its acronym as the ordinal the documents number it by
 * ("since COP8" → "since 8th COP", read as 第八届).
 */
export function expandAcronyms(question: string, glossary: Glossary): string {
  // Only a number written onto the acronym ("ICAT 23 members" counts members), and only of a body that meets in
  // numbered sessions, a conference or a commission (not SDG16, WG4).
  const sessions = question.replace(/\b([A-Z]{2,})(\d{1,2})\b(?![/.,]\d)/g, (whole, body: string, n: string) =>
    (glossary.byPhrase.get(canonicalPhrase(englishTokens(body))) ?? []).some((zh) => SESSIONS.test(zh)) ? `${numericOrdinal(Number(n))} ${body}` : whole,
  );
  if (glossary.acronyms.size === 0) return sessions;
  return sessions.replace(/\b[A-Z][A-Z0-9]+\b/g, (word) => glossary.acronyms.get(word) ?? word);
}

/** Bodies that meet in numbered sessions: 缔约方会议, 预防犯罪和刑事司法委员会. */
const SESSIONS = /(?:会议|委员会)$/;

/** The glossary with the corpus's transliterated names, found by how an English word sounds. */
export const withSounds = (glossary: Glossary, sounds: ReadonlyMap<string, string[]>): Glossary => ({ ...glossary, sounds });
