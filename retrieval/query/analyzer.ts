/**
 * Query analysis, once per question: language, weighted Chinese index terms (through the English bridge for
 * Latin words), their synonym groups, and the parts of the question retrieval cannot see (words the corpus
 * has in no form, the numbers and ordinals it pins down). The keyword index, the confidence and the answer
 * all read this one record.
 */
import type { CorpusStats, Lang, QueryAnalysis, QueryTerm } from '../types.js';
import { escapeRegExp } from '../util/escape-regexp.js';
import { countCjk, detectLang } from '../util/lang.js';
import { questionKind } from './answer-type.js';
import { bridgeEnglish, corpusDictionary, DICTIONARY_WEIGHT } from './bridge/bridge-english.js';
import type { ReverseDictionary } from './bridge/cedict.js';
import { ENGLISH_STOPWORDS, englishOrdinal, englishTokens, lemmaCandidates } from './bridge/english.js';
import { canonicalPhrase, expandAcronyms, type Glossary } from './bridge/glossary.js';
import { englishReading } from './english-reading.js';
import { englishStem } from './english-stems.js';
import { withoutFraming } from './framing.js';
import { isMarkedVerb } from './proper-names.js';
import { mainlandNames } from './regional.js';
import { askedThing, countedThing, datedEvent, datedThing, knownParts, otherFirstTime, questionNames, salientElements } from './salient.js';
import { SpellingCorrector } from './spelling.js';
import { termGroups } from './term-groups.js';
import { normalizeText, type Tokenizer } from './tokenize.js';

export { detectLang } from '../util/lang.js';

/**
 * Verbs questions are built with, on top of the bridge's stopwords: a content word the bridge could not
 * map into the corpus is evidence that the question is about something else; these are not.
 */
const EN_QUESTION_VERBS = new Set(
  'happen happens happened make makes take takes get gets got do done list explain show shows address addresses sit sits mean means meant'.split(' '),
);
/** The first time or session as one word, written either way: 第一次 / 首次, 第一届 / 首届. */
const FIRST_TIME = /^(?:第一|首)[次届]$/;
/** Glosses of a Chinese word tried for corpus synonyms: the first are its main senses. */
const MAX_GLOSSES = 4;
/** Corpus words a one-word gloss may translate to and still be one sense. */
const CLEAR_SENSES = 2;
/** Prefixes a hyphenated word leaves behind (anti-trafficking → anti, trafficking): not words of their own. */
const EN_PREFIXES = new Set(['anti', 'inter', 'intra', 'co', 'pre', 'post', 'non', 'multi', 'sub', 'cross', 're', 'self', 'counter']);
/** Nouns too generic to say a question is about something else (城市 is tagged a place name by jieba). */
export const GENERIC_NOUNS: ReadonlySet<string> = new Set([
  '城市',
  '地区',
  '国家',
  '地方',
  '名字',
  '名称',
  '角色',
  '比例',
  '东西',
  '事情',
  '方式',
  '问题',
  '内容',
  '情况',
  '时候',
  '文件',
  '报告',
  '方面',
  '部分',
  '结果',
  '成果',
]);

/** Chinese interrogatives (哪国, 几种, 多少人, 什么): they ask, they do not name a topic. */
const ZH_INTERROGATIVE = /[哪几谁啥]|什么|多少|怎|干嘛|干吗/;
/** A Chinese ordinal (第十二届, 第9次): a specific the evidence must match. */
const ZH_ORDINAL = /^第[\d〇零一二三四五六七八九十百]+[届次]?/;
/**
 * English in brackets right after Chinese words (「诉讼会诊」（prosecutorial clinics）) is the asker's own gloss of them:
 * what it says the Chinese says, so a word of it the bridge cannot map is nothing the documents lack.
 */
const ZH_GLOSSED = /[\u4e00-\u9fff」”》][（(]\s*([A-Za-z][A-Za-z\s.'’-]*?)\s*[）)]/g;

function mentions(phrase: string, word: string): boolean {
  return new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(word)}(?:[^a-z0-9]|$)`).test(phrase);
}

/**
 * Numbers a question names (years, resolution numbers such as 72/179), normalized as the index does. A number of
 * 万 or 亿 ("98万多人") is a rounded magnitude the documents write in full (980,700): no number to match.
 */
export function questionNumbers(question: string): string[] {
  return [...new Set(normalizeText(question).match(/\d+(?:[./]\d+)*(?!\d|[./]\d|\s*[多余]?[万亿])/g) ?? [])];
}

export interface QueryAnalyzerDeps {
  tokenizer: Tokenizer;
  stats: CorpusStats;
  glossary: Glossary;
  /** Defaults to CC-CEDICT restricted to the corpus's words. */
  dictionary?: ReverseDictionary;
  /** The statistics of the corpus's English text (language versions), when it has any: questions are also read in English words for it. */
  englishStats?: CorpusStats;
}

/** A glossary phrase of a question and the forms the documents write it in. */
interface Phrase {
  phrase: string;
  forms: string[];
}

/** The phrases a text writes, longest first, none inside another. */
function phrasesIn(text: string, phrases: readonly Phrase[]): Phrase[] {
  let rest = normalizeText(text);
  const found: Phrase[] = [];
  for (const p of phrases) {
    if (!rest.includes(p.phrase)) continue;
    found.push(p);
    rest = rest.replaceAll(p.phrase, '，');
  }
  return found;
}

export class QueryAnalyzer {
  private readonly tokenizer: Tokenizer;
  private readonly stats: CorpusStats;
  readonly glossary: Glossary;
  private readonly dictionary: ReverseDictionary;

  private readonly spelling: SpellingCorrector;
  /** Words of the glossary's English phrases: the UN's own vocabulary (state, party, protocol, working group). */
  private readonly unVocabulary: ReadonlySet<string>;
  private readonly englishStats: CorpusStats | undefined;
  /** A Chinese form or short form the glossary lists → its entry's English name: 南共体 is the SADC the documents write out. */
  private readonly glossed: ReadonlyMap<string, string>;
  /** The glossary's Chinese names of several words (打击人口贩运全球举措), longest first, each with its entry's forms. */
  private readonly namePhrases: readonly Phrase[];
  /** Askers' phrases of several words the documents never write (人口贩卖), longest first, with the entry's forms. */
  private readonly askedPhrases: readonly Phrase[];
  /** A glossary name's forms the documents write (安理会, 安全理事会), by each of them: one name, either way. */
  private readonly nameForms: ReadonlyMap<string, string[]>;

  constructor(deps: QueryAnalyzerDeps) {
    this.tokenizer = deps.tokenizer;
    this.stats = deps.stats;
    this.glossary = deps.glossary;
    this.englishStats = deps.englishStats;
    this.dictionary = deps.dictionary ?? corpusDictionary(deps.stats);
    const names = deps.glossary.entries.flatMap((e) => e.en.flatMap((p) => englishTokens(p)));
    this.unVocabulary = new Set(names);
    this.glossed = new Map(deps.glossary.entries.flatMap((e) => [...e.zh, ...(e.zhAsked ?? [])].map((z) => [normalizeText(z), e.en[0]!] as const)));
    // Each entry with the forms the documents write it in; a name's English is capitalised (UNODC, Security Council).
    const entries = deps.glossary.entries.map((e) => ({
      name: /^[A-Z]/.test(e.en[0]!),
      forms: e.zh.map(normalizeText).filter((z) => this.stats.df(z) > 0),
      // Askers' forms the documents never write (南共体, 人口贩卖).
      asked: (e.zhAsked ?? []).map(normalizeText).filter((z) => this.stats.df(z) === 0),
    }));
    const severalWords = (z: string) => this.tokenizer.queryWords(z).length > 1;
    const longestFirst = (a: Phrase, b: Phrase) => b.phrase.length - a.phrase.length;
    this.namePhrases = entries
      .filter((e) => e.name)
      // A short form askers write (南共体) names what the documents write out.
      .flatMap(({ forms, asked }) => [...forms.filter(severalWords), ...(forms.length ? asked : [])].map((phrase) => ({ phrase, forms })))
      .sort(longestFirst);
    this.nameForms = new Map(entries.filter((e) => e.name && e.forms.length > 1).flatMap(({ forms }) => forms.map((f) => [f, forms] as const)));
    // Not a name's (预防犯罪委员会): the documents' later mentions of a body are short (委员会), and found by its words.
    this.askedPhrases = entries
      .filter((e) => !e.name && e.forms.length > 0)
      .flatMap(({ forms, asked }) => asked.filter(severalWords).map((phrase) => ({ phrase, forms })))
      .sort(longestFirst);
    // Any word the dictionary's senses use is a word, not a typo: "corporate" is not "cooperate" misspelt.
    // A word of the English text is known too, whatever the dictionary says ("Harbourlight" is no typo there).
    const inEnglishText = (w: string) => this.englishStats?.hasWord(englishStem(w)) ?? false;
    this.spelling = new SpellingCorrector(
      names,
      this.dictionary.corpusWords(),
      (w) => this.dictionary.isEnglish(w) || this.stats.hasWord(w) || inEnglishText(w),
    );
  }

  /** English → Chinese terms for a (part of a) question, with the English words that found nothing. */
  bridge(english: string) {
    return bridgeEnglish(english, this.stats, this.glossary, this.dictionary);
  }

  analyze(asked: string): QueryAnalysis {
    // Acronyms first, so that no later step reads "TIP" as an unknown word.
    const { text: spelled, corrections } = this.spelling.correct(expandAcronyms(asked, this.glossary));
    const lang = detectLang(spelled);
    const question =
      lang === 'zh'
        ? mainlandNames(
            spelled,
            (t) => this.stats.df(t) > 0,
            (w) => this.stats.hasWord(w),
          )
        : spelled;
    const framed = withoutFraming(question);
    // An asker's phrase the documents never write (人口贩卖) is searched as the documents' term, not as its words.
    const phrases = lang === 'zh' ? phrasesIn(framed, this.askedPhrases) : [];
    const content = phrases.reduce((t, p) => t.replaceAll(p.phrase, '，'), framed);
    const words = this.tokenizer.queryWords(content);
    const rephrased = phrases.flatMap((p) => {
      const weight = this.tokenizer.queryWords(p.phrase).length / p.forms.length;
      return p.forms.map((f) => ({ term: f, weight, origin: 'glossary' as const, from: `zh:${p.phrase}` }));
    });
    let terms: QueryTerm[];
    // A name the glossary writes in several words (打击人口贩运全球举措) is a name the answer must speak of; it is
    // still searched by its words, as the documents' later mentions are short (工作组 for 贩运人口问题工作组).
    const names = lang === 'zh' ? phrasesIn(framed, this.namePhrases) : [];
    if (lang === 'zh') {
      // Latin names in a Chinese question go through the bridge (UNODC在萨尔瓦多…).
      const zh = this.chineseWordTerms(words);
      terms = [...rephrased, ...zh.terms, ...(zh.latin.length ? this.bridge(zh.latin.join(' ')).terms : [])];
    } else {
      // Chinese words in an English question are used as they are (What does 蓝心运动 mean?).
      terms = [...this.bridge(content).terms, ...this.chineseWordTerms(words.filter((w) => countCjk(w) > 0)).terms];
    }
    const unexplained = this.unexplainedWords(content, lang, terms);
    const numbers = questionNumbers(question);
    const deps = {
      tokenizer: this.tokenizer,
      stats: this.stats,
      bridge: (english: string) => this.bridge(english),
      generic: GENERIC_NOUNS,
      synonyms: (w: string) => this.synonyms(w).map((t) => t.term),
      nameSynonyms: (w: string) => this.synonyms(w, true).map((t) => t.term),
      isUnVocabulary: (w: string) => lemmaCandidates(w).some((l) => this.unVocabulary.has(l)),
      isGlossaryName: (phrase: string) => this.glossary.byPhrase.has(canonicalPhrase(englishTokens(phrase))),
      isDictionaryName: (zh: string) => this.dictionary.nameOf(zh) !== null,
      senses: (zh: string) =>
        this.dictionary
          .englishOf(zh)
          .slice(0, MAX_GLOSSES)
          .flatMap((english) => this.bridge(english).terms.map((t) => t.term)),
    };
    const ordinals = unexplained.filter((w) => englishOrdinal(w) !== null || ZH_ORDINAL.test(w));
    const absentWords = unexplained.filter((w) => !ordinals.includes(w) && this.isRealWord(w));
    const en = this.englishStats
      ? englishReading(question, { stats: this.englishStats, content, names: questionNames(question, deps), numbers, isWord: (w) => this.isRealWord(w) })
      : undefined;
    const kind = questionKind(question);
    return {
      question,
      corrections,
      lang,
      terms,
      groups: termGroups(terms),
      unexplained,
      numbers,
      ordinals,
      ...kind,
      counted: countedThing(question, deps),
      asked: askedThing(question, deps),
      dated: kind.answerType === 'date' ? datedEvent(question, deps) : [],
      datedThing: kind.answerType === 'date' ? datedThing(question, deps) : [],
      salient: [
        ...names.map((n) => ({ text: n.phrase, kind: 'name' as const, forms: n.forms, inCorpus: true })),
        ...salientElements(question, numbers, absentWords, deps, ordinals).filter((e) => !names.some((n) => n.phrase.includes(normalizeText(e.text)))),
      ],
      ...(en ? { en } : {}),
    };
  }

  /**
   * Chinese words (and numbers) of a question: each one the corpus has, at full weight (BM25's idf already
   * makes rare words count more). A word the corpus lacks falls back to the dictionary words inside it when
   * they make up the whole word (人口贩卖 → 人口, 贩卖), sharing its weight. Alphabetic words are returned for
   * the English bridge.
   */
  private chineseWordTerms(words: string[]): { terms: QueryTerm[]; latin: string[] } {
    const terms: QueryTerm[] = [];
    const latin: string[] = [];
    for (const w of words) {
      if (/^[a-z]/.test(w) && !this.stats.hasWord(w)) {
        latin.push(w);
      } else if (FIRST_TIME.test(w)) {
        // 第一次 and 首次 say the same ("安理会首次…"): either covers the word.
        for (const t of [w, otherFirstTime(w)]) terms.push({ term: t, weight: 0.5, origin: 'dictionary', from: `zh:${w}` });
      } else if (this.nameForms.has(w)) {
        const forms = this.nameForms.get(w)!;
        for (const f of forms) terms.push({ term: f, weight: 1 / forms.length, origin: 'glossary', from: `zh:${w}` });
      } else if (this.stats.df(w) > 0) {
        terms.push({ term: w, weight: 1, origin: 'text' });
      } else {
        const parts = knownParts(w, { tokenizer: this.tokenizer, stats: this.stats });
        if (parts) for (const p of parts) terms.push({ term: p, weight: 1 / parts.length, origin: 'text' });
        else terms.push(...this.synonyms(w));
      }
    }
    return { terms, latin };
  }

  /**
   * Corpus words for a Chinese word the corpus lacks, through its own English glosses and the glossary:
   * 英国 → "United Kingdom" → 联合王国, 联大 → "UN General Assembly" → 联合国, 大会. One synonym set, weighed as
   * dictionary translations are. For a name (`whole`), only a gloss the glossary translates as a whole:
   * 联合国开发计划署 is not mentioned because 联合国 is.
   */
  private synonyms(word: string, whole = false): QueryTerm[] {
    const tags = this.tokenizer.tag(word);
    const noun = !whole && tags.length === 1 && tags[0]!.tag === 'n';
    const glossed = this.glossed.get(word);
    const found = [...(glossed ? [glossed] : []), ...this.dictionary.englishOf(word).slice(0, MAX_GLOSSES)]
      // Only the glossary's translations: a dictionary gloss is often a definition ("Tencent, Chinese tech
      // company"), whose words would make any question about a company look answered.
      .flatMap((english) => {
        const sameSense = (t: QueryTerm) => canonicalPhrase(englishTokens(t.from ?? '')) === canonicalPhrase(englishTokens(english));
        // A noun's dictionary translation of its whole gloss is a noun with the same sense (天灾 and 自然灾害, both
        // "natural disaster"; 女的 and 妇女, "woman"), not a definition's words, unless that one word has many
        // (区块 "block" → 阻碍, 部门, 阶段); a verb's or an adverb's gloss is too loose (后来 "later").
        const terms = this.bridge(english).terms;
        const senses = terms.filter((t) => t.origin === 'dictionary' && sameSense(t));
        const clear = noun && (englishTokens(english).length >= 2 || senses.length <= CLEAR_SENSES);
        return terms.filter((t) => (t.origin === 'glossary' || (clear && senses.includes(t))) && (!whole || sameSense(t)));
      });
    const best = new Map<string, number>();
    for (const t of found) best.set(t.term, Math.max(best.get(t.term) ?? 0, t.weight));
    const total = [...best.values()].reduce((s, x) => s + x, 0);
    return [...best].map(([term, w]) => ({ term, weight: (DICTIONARY_WEIGHT * w) / total, origin: 'dictionary', from: `zh:${word}` }));
  }

  /**
   * Whether an unexplained word is a real word of the language that the corpus lacks (a noun jieba knows,
   * an English word the dictionary glosses), rather than a question's phrasing, a mis-cut or a typo: only
   * those say the question is about something these documents do not cover.
   */
  private isRealWord(word: string): boolean {
    if (/^[a-z]/.test(word)) return lemmaCandidates(word).some((w) => this.dictionary.knows(w));
    if (GENERIC_NOUNS.has(word)) return false;
    const tags = this.tokenizer.tag(word);
    return tags.length === 1 && /^(?:n|vn|eng|a)/.test(tags[0]!.tag);
  }

  /** Question words that no query term accounts for: words the corpus does not contain in any form. */
  private unexplainedWords(question: string, lang: Lang, queryTerms: QueryTerm[]): string[] {
    const terms = new Set(queryTerms.map((t) => normalizeText(t.term)));
    if (lang === 'zh') {
      // Latin names went through the bridge (ICAT, or a phrase of several words: Blue Heart Campaign), Chinese
      // words the corpus lacks through their glosses (英国).
      const viaBridge = queryTerms.flatMap((t) => (t.from === undefined ? [] : [t.from.replace(/^zh:/, '')]));
      const bridged = (w: string) => viaBridge.some((from) => from === w || (/^[a-z]/.test(w) && mentions(from, w)));
      const glossed = new Set([...question.matchAll(ZH_GLOSSED)].flatMap((m) => englishTokens(m[1]!)));
      return this.tokenizer.queryWords(question).filter(
        (w) =>
          !/^\d+$/.test(w) &&
          !ZH_INTERROGATIVE.test(w) &&
          !isMarkedVerb(w, this.tokenizer) &&
          // An English function word in a mixed question (蓝心运动是什么 in Mexico) explains nothing and misses nothing.
          !ENGLISH_STOPWORDS.has(w) &&
          !glossed.has(w) &&
          !bridged(w) &&
          !this.tokenizer.termWords(w).some((sub) => sub.length >= 2 && terms.has(sub)),
      );
    }
    const sources = queryTerms.map((t) => normalizeText(t.from ?? t.term));
    const explained = (w: string) => terms.has(w) || sources.some((s) => mentions(s, w));
    const content = (w: string) => !ENGLISH_STOPWORDS.has(w) && !EN_QUESTION_VERBS.has(w) && !EN_PREFIXES.has(w) && !/\d/.test(w);
    // A hyphenated word the bridge split (inter-agency → inter, agency) is explained by its parts.
    return englishTokens(question).filter((w) => content(w) && !explained(w) && !w.split('-').filter(content).some(explained));
  }
}
