/**
 * Gaps users reported in the English bridge, each closed by a general method (mined glossary entries, pinyin
 * of the corpus's person names, mixed-language questions, dictionary noise rules), tested on the real seeds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../retrieval/answer/extractive-answer.js';
import { corpusDictionary } from '../retrieval/query/bridge/bridge-english.js';
import { ReverseDictionary, readCedict } from '../retrieval/query/bridge/cedict.js';
import { spellingKey } from '../retrieval/query/bridge/english.js';
import { expandAcronyms, readGlossary } from '../retrieval/query/bridge/glossary.js';
import { findPersonNames, personEntry } from '../retrieval/query/bridge/person-names.js';
import { findSoundedNames, pinyinSkeleton, skeleton } from '../retrieval/query/bridge/transliterations.js';
import { unitKey } from '../retrieval/types.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';

let corpus: AnswerCorpus;
const WG = '002_fd7eaa732a510636';

beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

const expandAcronymsOf = (question: string) => expandAcronyms(question, readGlossary());
const glossed = (english: string) =>
  corpus.analyzer
    .bridge(english)
    .terms.filter((t) => t.origin === 'glossary')
    .map((t) => t.term);
const top = async (question: string, k = 5) => (await corpus.retrieve(question, k)).results.map((r) => unitKey(r.unit));

describe('reported gaps', () => {
  it('"joint investigation teams" reaches 建议 3 (联合调查小组)', async () => {
    expect(glossed('joint investigation teams')).toEqual(expect.arrayContaining(['联合调查组', '联合调查小组']));
    expect((await top('What should Member States do about joint investigation teams?', 1))[0]).toBe(`${WG}#r3`);
    expect(await top('Which recommendation mentions joint investigation teams?', 2)).toContain(`${WG}#r3`);
  });

  it('"Asia-Pacific group" reaches 亚太国家组', async () => {
    expect(glossed('Asia-Pacific group')).toEqual(['亚太国家组']);
    expect((await top('Who spoke for the Asia-Pacific group?', 3))[0]).toBe(`${WG}#p7`);
  });

  it('reads chat abbreviations (WG, SG, res, Oct 2007) and an ordinal COP, instead of calling them unmentioned', async () => {
    expect(glossed('WG')).toEqual(['工作组']);
    expect(glossed('SG report')).toEqual(['秘书长', '报告']);
    expect(glossed('res 2006/27')).toEqual(['决议']);
    // Chat fillers are not words the documents lack.
    expect(corpus.analyzer.bridge('quick q pls, iirc what did the police actually build w/ Alibaba?').unmatched).toEqual([]);
    // Nor are they searched for: "in the first place" is no 一次 or 地方; "rec 10" is recommendation 10.
    const searched = (q: string) => corpus.analyzer.analyze(q).groups.flatMap((g) => g.members.map((m) => m.term));
    expect(searched('who bankrolled UN.GIFT in the first place?')).toEqual(expect.arrayContaining(['资助']));
    expect(searched('who bankrolled UN.GIFT in the first place?')).not.toEqual(expect.arrayContaining(['地方']));
    expect(searched('what principles does rec 10 cite?')).toContain('建议');
    // "Took part" is attending, not 采取 and 部分.
    expect(searched('How many officials took part in the workshop in India?')).toEqual(expect.arrayContaining(['参加', '出席']));
    expect(searched('How many officials took part in the workshop in India?')).not.toContain('部分');
    const funder = extractiveAnswer(await corpus.retrieve('who bankrolled UN.GIFT in the first place?'), corpus.ctx);
    expect(funder.passages[0]!.quote).toContain('阿拉伯联合酋长国');
    expect(corpus.analyzer.analyze('突尼斯的国家战略到底生效了没？').unexplained).not.toContain('到底');
    // "That speaker", "did she or not" point and ask; they are not words the documents lack.
    expect(corpus.analyzer.analyze('那位专题主讲人有没有提到DNA？').unexplained).toEqual([]);
    // TIP and SOM in capitals are the two protocols' topics; "tips" is not trafficking.
    expect(glossed('TIP')).toEqual(['贩运人口', '人口贩运']);
    expect(glossed('SOM')).toEqual(['偷运移民']);
    expect(glossed('any tips')).not.toContain('贩运人口');
    // In a Chinese question too, and never as a word the documents lack.
    const chinese = corpus.analyzer.analyze('TIP议定书有多少个缔约方？');
    expect(chinese.salient.filter((e) => !e.inCorpus)).toEqual([]);
    expect(chinese.groups.flatMap((g) => g.members.map((m) => m.term))).toContain('贩运人口');
    const portal = extractiveAnswer(await corpus.retrieve('How many laws does the TIP knowledge portal’s legislation database hold?'), corpus.ctx);
    expect(portal.passages[0]!.quote).toContain('445');
    const terms = (english: string) => corpus.analyzer.bridge(english).terms.map((t) => t.term);
    expect(terms('Oct 2007')).toEqual(['2007年10月']);
    expect(terms('Sept 2019')).toEqual(['2019年9月']);
    expect(terms('after the eighth COP')).toContain('第八届');
    // A session number written onto the acronym is the ordinal; a number after a space counts something.
    expect(terms('since COP8')).toEqual(expect.arrayContaining(['第八届', '缔约方会议']));
    expect(terms('ICAT 23 members')).toContain('23');
    expect(expandAcronymsOf('How does the work relate to SDG16?')).toContain('SDG16');
    expect(glossed('GA')).toEqual(['大会', '联合国大会']);
    expect(corpus.analyzer.bridge('offices that signed MoUs').terms.map((t) => t.term)).toContain('谅解备忘录');
    const a = extractiveAnswer(await corpus.retrieve('Which countries joined the trafficking protocol after the eighth COP?'), corpus.ctx);
    expect(a.outcome).toBe('answered');
    expect(a.passages[0]!.quote).toContain('马尔代夫');
    const who = extractiveAnswer(await corpus.retrieve('who co-organised the Vilnius conference in Oct 2007?'), corpus.ctx);
    expect(who.notes.filter((n) => n.code === 'not-mentioned')).toEqual([]);
    // An ordinal before "conference" is a session only where the documents number one so: "the first" stays ordinary.
    const first = extractiveAnswer(await corpus.retrieve('What was decided at the first conference on trafficking?'), corpus.ctx);
    expect(first.notes.filter((n) => n.code === 'not-mentioned')).toEqual([]);
    // "Jan" before a year is January; elsewhere it may be a name.
    const names = (q: string) =>
      corpus.analyzer
        .analyze(q)
        .salient.filter((e) => e.kind === 'name')
        .map((e) => e.text);
    expect(names('What happened in Jan 2008 in Vienna?')).toEqual(['Vienna']);
    expect(names('What did Jan Smith say in Vienna?')).toEqual(['Jan Smith', 'Vienna']);
    // Next to a day or after a preposition it is a month too, never a name the documents lack.
    for (const q of ['What did the working group decide on Oct 11?', 'What did the WG discuss in Sept?'])
      expect({ q, months: names(q).filter((n) => /^(?:Oct|Sept)$/.test(n)) }).toEqual({ q, months: [] });
  });

  it('"SOM Protocol" is the Smuggling of Migrants Protocol', () => {
    expect(glossed('SOM Protocol')).toEqual(['偷运移民议定书']);
    expect(glossed('How many parties does the SOM Protocol have?')).toContain('偷运移民议定书');
  });

  it('a mixed-language question is answered: the English name inside it is explained by the bridge', async () => {
    const question = 'Blue Heart Campaign在尼日利亚叫什么？';
    expect(corpus.analyzer.analyze(question).unexplained).toEqual([]);
    const answer = extractiveAnswer({ ...(await corpus.retrieve(question)), replyLang: 'zh', referenced: [] }, corpus.ctx);
    expect(answer.outcome).not.toBe('not-found');
    expect(answer.passages[0]!.citations.map((c) => c.unitKey)).toContain('000_8c987accfb8d7853#p65');
    expect(answer.passages[0]!.quote).toContain('我是无价的');
  });
});

describe('names the texts write by their sound', () => {
  const names = () => {
    const cedict = readCedict();
    const dictionary = corpusDictionary(corpus.ctx.stats, cedict);
    return findSoundedNames(
      corpus.units.filter((u) => u.lang === 'zh').map((u) => u.text),
      (t) => corpus.tokenizer.tag(t),
      cedict,
      (zh) => dictionary.englishOf(zh),
    ).map((n) => n.zh);
  };

  it('reduces English and pinyin to the consonants transliteration keeps', () => {
    for (const [english, pinyin] of [
      ['Basso', 'basuo'],
      ['Sophia', 'suofeiya'],
      ['Khartoum', 'katumu'],
      ['Palermo', 'balemo'],
      ['Valletta', 'walaita'],
    ])
      expect({ english, key: skeleton(english!) }).toEqual({ english, key: pinyinSkeleton(pinyin!) });
    expect(skeleton('Basso')).not.toBe(skeleton('Brazil'));
    // A name opening with a vowel sound is not one opening with a consonant: Sahel is not 以色列 (yi-se-lie).
    expect(skeleton('Sahel')).not.toBe(pinyinSkeleton('yiselie'));
    expect(skeleton('Israel')).toBe(pinyinSkeleton('yiselie'));
  });

  it('finds the transliterated names of the seeds, not mis-tagged words or names translated by meaning', () => {
    const found = names();
    expect(found).toEqual(expect.arrayContaining(['巴索', '索菲亚', '瓦莱塔']));
    for (const word of ['巴西', '西非', '这两项', '尤为重要']) expect(found).not.toContain(word);
  });

  it('lets an English question name an operation the texts write in Chinese characters, and guesses no other', async () => {
    const basso = extractiveAnswer(await corpus.retrieve("What was 'Operation Basso' that the South African speaker mentioned?"), corpus.ctx);
    expect(basso.passages[0]!.quote).toContain('巴索行动');
    expect(basso.notes.filter((n) => n.code === 'not-mentioned')).toEqual([]);
    const sophia = extractiveAnswer(await corpus.retrieve('When did UNODC sign an agreement with Operation Sophia?'), corpus.ctx);
    expect(sophia.passages[0]!.quote).toContain('索菲亚');
    // Cairo has a translation (开罗) the texts lack: not a sound to match.
    expect((await corpus.retrieve('What did UNODC do in Cairo?')).analysis.salient.filter((e) => !e.inCorpus).map((e) => e.text)).toEqual(['Cairo']);
  });
});

describe('person names in pinyin', () => {
  it('finds the corpus’s Chinese speakers by the title after their name, spelt from CC-CEDICT', () => {
    const persons = findPersonNames(
      corpus.units.map((u) => u.text),
      (t) => corpus.tokenizer.tag(t).map((w) => w.word),
      readCedict(),
      (zh) => zh === '主任',
    );
    expect(persons).toContainEqual({ zh: '孟庆甜', spellings: ['Meng Qingtian'], titles: ['Ms'] });
    // 司法官: 法官 inside a word is no title, so 和司 before it is no name.
    expect(persons.map((p) => p.zh)).not.toContain('和司');
    for (const p of persons) expect(corpus.units.some((u) => u.text.replace(/\s+/g, '').includes(p.zh))).toBe(true);
  });

  it('writes each spelling surname first and given name first, and the title with the surname', () => {
    expect(personEntry({ zh: '孟庆甜', spellings: ['Meng Qingtian'], titles: ['Ms'] })).toEqual({
      en: ['Meng Qingtian', 'Qingtian Meng', 'Ms Meng'],
      zh: ['孟庆甜'],
    });
  });

  it('lets an English question name a Chinese speaker in pinyin, even misspelt', async () => {
    for (const name of ['Meng Qingtian', 'Qingtian Meng', 'Ms. Meng']) expect(glossed(name)).toEqual(['孟庆甜']);
    // Every paragraph found first names her; the one where she speaks about China is among them.
    const found = await top('What did Meng Qingtian say about China?', 4);
    expect(found).toContain(`${WG}#p10`);
    for (const key of found) expect(corpus.unitsByKey.get(key)!.text).toContain('孟庆甜');
    const a = corpus.analyzer.analyze('What did Meng Qingtain say?');
    expect(a.corrections).toEqual([{ from: 'Qingtain', to: 'qingtian' }]);
    expect(a.terms.map((t) => t.term)).toContain('孟庆甜');
  });
});

describe('dictionary noise on common English words', () => {
  it('a head word does not reach glosses whose modifiers only point, nor a proper noun’s description', () => {
    const dict = ReverseDictionary.build(
      [
        { zh: '本市', pinyin: 'ben3 shi4', senses: ['this city', 'our city'] },
        { zh: '现代', pinyin: 'Xian4 dai4', senses: ['Hyundai, South Korean company'] },
        { zh: '公司', pinyin: 'gong1 si1', senses: ['(business) company'] },
        { zh: '检察官', pinyin: 'jian3 cha2 guan1', senses: ['public prosecutor'] },
      ],
      () => true,
    );
    expect(dict.lookup('city')).toEqual([]);
    expect(dict.lookup('company')).toEqual([{ zh: '公司', quality: 1 }]);
    expect(dict.lookup('prosecutor')).toEqual([{ zh: '检察官', quality: 0.5 }]);
    expect(dict.nameOf('现代')).toBe('Hyundai');
    expect(dict.nameOf('公司')).toBeNull();
  });

  it('a verb sense narrowed by brackets counts less than the plain verb', () => {
    const dict = ReverseDictionary.build(
      [
        { zh: '满足', pinyin: 'man3 zu2', senses: ['to satisfy', 'to meet (the needs of)'] },
        { zh: '遇到', pinyin: 'yu4 dao4', senses: ['to meet; to run into'] },
      ],
      () => true,
    );
    expect(dict.lookup('meet')).toEqual([
      { zh: '遇到', quality: 1 },
      { zh: '满足', quality: 0.5 },
    ]);
    expect(dict.lookup('satisfy')).toEqual([{ zh: '满足', quality: 1 }]);
  });

  it('on the corpus: "city" no longer means 本市, "companies" not 现代, and "corporate" is not corrected to "cooperate"', () => {
    const terms = (q: string) => corpus.analyzer.bridge(q).terms.map((t) => t.term);
    expect(terms('city')).not.toContain('本市');
    expect(terms('companies')).not.toContain('现代');
    expect(corpus.analyzer.analyze('corporate responsibility').corrections).toEqual([]);
    // Real typos are still corrected.
    expect(corpus.analyzer.analyze('smugling of migrants protocal').question).toBe('smuggling of migrants protocol');
  });
});

describe('British and American spellings', () => {
  it('meet on one key', () => {
    const pairs = [
      ['organisation', 'organization'],
      ['labour', 'labor'],
      ['centre', 'center'],
      ['programme', 'program'],
      ['defence', 'defense'],
      ['travelled', 'traveled'],
      ['analyse', 'analyze'],
      ['catalogue', 'catalog'],
    ];
    for (const [uk, us] of pairs) expect(spellingKey(uk!)).toBe(spellingKey(us!));
    // Words that do not alternate keep keys of their own.
    expect(new Set(['called', 'filled', 'filed', 'four', 'hour'].map(spellingKey)).size).toBe(5);
  });

  it('let a glossary name be asked in the other spelling', () => {
    expect(glossed('International Center for Migration Policy Development')).toContain('国际移民政策发展中心');
    expect(glossed('Organised Crime Convention')).toContain('有组织犯罪公约');
  });
});
