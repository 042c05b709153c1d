/**
 * Questions as people really ask them, on the real seeds through the real engine: traditional characters,
 * invisible and full-width characters, English typos, documents named loosely, free-text references, and
 * follow-ups that lean on the conversation (the same in the terminal chat as in Discord threads).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../bot/shared/strings.js';
import {
  type Answer,
  containsAnswer,
  createEngine,
  type Engine,
  InputError,
  parseEvalFile,
  parseKeysFile,
  rankParagraphs,
  score,
  type Turn,
} from '../retrieval/index.js';
import { normalizeQuestion } from '../retrieval/query/normalize.js';
import { citationsOf, isNotFound } from './helpers/answers.js';
import { chatSession } from './helpers/chat-session.js';

const TIP = '000_8c987accfb8d7853';
const GIFT = '001_9a4ffc9ee25fcc75';
const WG = '002_fd7eaa732a510636';
const SOM = '003_eeaba24b4f8e657f';
const ECOSOC = '004_4f6752799c9842c0';
let engine: Engine;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'asked-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

const cited = (a: Answer) => citationsOf(a).map((c) => `${c.source}#${c.paragraph}`);

describe('input normalisation', () => {
  it('converts traditional to simplified by phrase, leaves simplified alone, and says so once', async () => {
    expect(normalizeQuestion('藍心運動是什麼？')).toEqual({ text: '蓝心运动是什么?', traditional: true });
    // A simplified question passes unchanged, even where a regional idiom table would "convert" it (尼日利亚).
    expect(normalizeQuestion('尼日利亚检察官被派到了哪里？').traditional).toBe(false);
    expect(normalizeQuestion('尼日利亚检察官被派到了哪里？').text).toBe('尼日利亚检察官被派到了哪里?');
    const a = await engine.ask('《偷運移民議定書》有多少個締約國？');
    expect(cited(a)).toContain(`${SOM}#2`);
    expect(a.notes.filter((n) => n.code === 'traditional-input')).toHaveLength(1);
    expect(strings('zh').note(a.notes[0]!)).toContain('简体');
    // The quotes stay the documents' own simplified text.
    expect(citationsOf(a)[0]!.quote).toContain('偷运移民议定书');
  });

  it('gives chat years their century and chat contractions their apostrophe, and leaves a span of years alone', () => {
    const read = (q: string) => normalizeQuestion(q).text;
    expect(read('秘书长08年那份报告')).toBe('秘书长2008年那份报告');
    expect(read('安理会15年12月开的会')).toBe('安理会2015年12月开的会');
    expect(read('17年那次会议')).toBe('2017年那次会议');
    // Fifteen years, not 2015.
    expect(read('最高判15年监禁')).toBe('最高判15年监禁');
    expect(read('2008年')).toBe('2008年');
    expect(read('whats the name, didnt they')).toBe("what's the name, didn't they");
  });

  it('removes zero-width and control characters and folds full-width letters and digits', async () => {
    expect(normalizeQuestion('贩\u200b运\u200b人\u200b口').text).toBe('贩运人口');
    expect(normalizeQuestion('ＣＴＯＣ／ＣＯＰ／２０１８／２　第４４段').text).toBe('CTOC/COP/2018/2 第44段');
    const plain = await engine.ask('贩运人口');
    const hidden = await engine.ask('贩\u200b运\u200b人\u200b口');
    expect(hidden.passages).toEqual(plain.passages);
    await expect(engine.ask('\u200b\u200c\ufeff')).rejects.toThrow(InputError);
    expect(cited(await engine.ask('ＣＴＯＣ／ＣＯＰ／２０１８／２　第４４段'))).toEqual([`${TIP}#44`]);
  });

  it('scores traditional-Chinese versions of the tuning questions within 0.02 of the simplified ones', async () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const items = parseEvalFile(await readFile('test/data/tune/qa.jsonl', 'utf8')).filter((i) => i.lang === 'zh' && i.gold?.length);
    const run = async (convert: (q: string) => string) => {
      const outcomes = [];
      for (const item of items) outcomes.push({ item, ranked: rankParagraphs(await engine.search(convert(item.question), { k: 10 })), abstained: false });
      return score(outcomes);
    };
    const simplified = await run((q) => q);
    const traditional = await run(toTraditional);
    expect(traditional.recall_at_5).toBeGreaterThanOrEqual(simplified.recall_at_5 - 0.02);
  });

  it('answers traditional-Chinese versions of the tuning questions with the key facts within 0.02 of the simplified ones', async () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const keys = parseKeysFile(await readFile('test/data/tune/keys.jsonl', 'utf8'));
    const items = parseEvalFile(await readFile('test/data/tune/qa.jsonl', 'utf8')).filter((i) => i.lang === 'zh' && keys.has(i.id));
    const factShare = async (convert: (q: string) => string) => {
      let found = 0;
      for (const item of items) {
        const a = await engine.ask(convert(item.question));
        if (
          containsAnswer(
            keys.get(item.id)!,
            a.passages.map((p) => p.quote),
          )
        )
          found++;
      }
      return found / items.length;
    };
    const simplified = await factShare((q) => q);
    expect(simplified).toBeGreaterThan(0.5);
    expect(await factShare(toTraditional)).toBeGreaterThanOrEqual(simplified - 0.02);
  });
});

describe('English typos', () => {
  it('corrects a misspelt word to the nearest word the bridge knows and says what was searched', async () => {
    const a = await engine.ask('How many parties does the smugling of migrants protocal have?');
    expect(cited(a)).toContain(`${SOM}#2`);
    const note = a.notes.find((n) => n.code === 'searched-for');
    expect(note && strings('en').note(note)).toBe('Searched for: How many parties does the smuggling of migrants protocol have?');
  });

  it('corrects a mistyped question word, the first word of the question included ("Waht" is "what", not a name)', async () => {
    const a = await engine.ask('Waht is the Blue Heart Campagin?');
    const note = a.notes.find((n) => n.code === 'searched-for');
    expect(note && strings('en').note(note)).toBe('Searched for: What is the Blue Heart Campaign?');
    expect(a.outcome).toBe('answered');
    expect(citationsOf(a)[0]!.quote).toContain('蓝心运动');
  });

  it('keeps recall@5 within 0.02 on the tuning set’s English questions with one typo in a content word each', async () => {
    const items = parseEvalFile(await readFile('test/data/tune/qa.jsonl', 'utf8')).filter((i) => i.lang === 'en' && i.gold?.length);
    // A deterministic typo: the two middle letters of the question's longest word swapped.
    const typo = (q: string) => {
      const longest = [...q.matchAll(/[a-z]{6,}/g)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0];
      if (!longest) return q;
      const i = Math.floor(longest.length / 2) - 1;
      return q.replace(longest, longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2));
    };
    let refusedClean = 0;
    let refusedTypo = 0;
    const clean = [];
    const typoed = [];
    for (const item of items) {
      clean.push({ item, ranked: rankParagraphs(await engine.search(item.question, { k: 10 })), abstained: false });
      typoed.push({ item, ranked: rankParagraphs(await engine.search(typo(item.question), { k: 10 })), abstained: false });
      if (isNotFound(await engine.ask(item.question))) refusedClean++;
      if (isNotFound(await engine.ask(typo(item.question)))) refusedTypo++;
    }
    expect(score(typoed).recall_at_5).toBeGreaterThanOrEqual(score(clean).recall_at_5 - 0.02);
    // At most one question in 25 more refused for its typo.
    expect(refusedTypo - refusedClean).toBeLessThanOrEqual(Math.ceil(items.length * 0.04));
  });
});

describe('documents named as people name them', () => {
  const names: [string, string[]][] = [
    [
      TIP,
      [
        'CTOC/COP/2018/2',
        'the trafficking in persons protocol report',
        'the 2018 trafficking in persons report',
        '禁止贩运人口议定书实施活动报告',
        '贩运人口议定书报告',
        'TIP Protocol activities report',
      ],
    ],
    [GIFT, ['UN.GIFT', 'the UN.GIFT report', 'the Executive Director report', '全球举措报告', '执行主任的报告', '打击人口贩运全球举措报告']],
    [WG, ['the Working Group report', 'the working group draft report', 'the 2019 draft report', '工作组报告', '工作组报告草稿', '贩运人口问题工作组报告草稿']],
    [
      SOM,
      [
        'the smuggling of migrants report',
        'the smuggling report',
        'migrant smuggling protocol report',
        '偷运移民报告',
        '偷运移民议定书实施活动报告',
        '偷运移民议定书报告',
      ],
    ],
    [ECOSOC, ['E/CN.15/2008/6', 'the 2006/27 report', 'the ECOSOC resolution report', '秘书长报告', '经社理事会决议报告', '第2006/27号决议报告']],
  ];
  it.each(names)('%s resolves from its natural names in both languages', (source, refs) => {
    for (const ref of refs) expect({ ref, source: engine.resolveDocument(ref)?.source }).toEqual({ ref, source });
  });

  it('refuses an ambiguous name with the candidates, worded with titles, never stems', () => {
    expect(engine.resolveDocument('the trafficking report')).toBeNull();
    let problem: unknown;
    try {
      engine.document('贩运人口报告');
    } catch (err) {
      problem = (err as InputError).problem;
    }
    expect(problem).toMatchObject({ code: 'ambiguous-document' });
    const text = strings('en').problem(problem as never);
    expect(text).toContain('CTOC/COP/2018/2');
    expect(text).not.toMatch(/\d{3}_[0-9a-f]{16}/);
  });

  it('finds references to paragraphs of documents named in free text', () => {
    const keys = (text: string) => engine.findCitedUnits(text).map((u) => `${u.source}#${u.paragraph}`);
    expect(keys('see para 44 of the smuggling report')).toEqual([`${SOM}#44`]);
    expect(keys('偷运移民报告第45段说了什么？')).toEqual([`${SOM}#45`]);
    expect(keys('CTOC/COP/2018/2第四十四段')).toEqual([`${TIP}#44`]);
    expect(keys('paragraphs 44-46 of the 2018 trafficking in persons report')).toEqual([`${TIP}#44`, `${TIP}#45`, `${TIP}#46`]);
  });
});

describe('follow-ups', () => {
  async function conversation(questions: string[]): Promise<Answer[]> {
    let history: Turn[] = [];
    const answers: Answer[] = [];
    for (const question of questions) {
      const answer = await engine.ask(question, { history });
      answers.push(answer);
      history = [...history, { question, answer }];
    }
    return answers;
  }

  it('looks up a bare paragraph number in the document the conversation is about, and shows "more" whole', async () => {
    const [, second, third, fourth, more] = await conversation([
      'What does CTOC/COP/2018/2 para. 44 say?',
      '第44段说了什么',
      'what about paragraph 45?',
      '第46段呢？',
      'more detail?',
    ]);
    expect(cited(second!)).toEqual([`${TIP}#44`]);
    expect(cited(third!)).toEqual([`${TIP}#45`]);
    expect(cited(fourth!)).toEqual([`${TIP}#46`]);
    expect(citationsOf(more!)[0]!.quote).toBe(engine.paragraph(TIP, 46).text);
  });

  it('searches within the previous topic for a new place: "and in Mexico?" quotes the Mexican campaign', async () => {
    const [, mexico] = await conversation(['What is the Blue Heart Campaign?', 'and in Mexico?']);
    expect(citationsOf(mexico!).some((c) => c.quote.includes('墨西哥'))).toBe(true);
    const [, zh] = await conversation(['蓝心运动是什么？', '那在墨西哥呢？']);
    expect(citationsOf(zh!).some((c) => c.quote.includes('墨西哥'))).toBe(true);
    // The earlier turn in traditional characters is read as simplified, as it was when it was asked.
    const [, afterTraditional] = await conversation(['藍心運動是什麼？', 'and in Mexico?']);
    expect(afterTraditional!.outcome).toBe('answered');
    expect(citationsOf(afterTraditional!).some((c) => c.quote.includes('墨西哥'))).toBe(true);
  });

  it('works the same in the terminal chat, where /p N uses the /doc document or the one being discussed', async () => {
    const out = await chatSession(engine, [
      '/doc 003',
      '/p 44',
      '/doc all',
      'What does CTOC/COP/2018/2 para. 44 say?',
      '/p 45',
      'what about paragraph 46?',
      '详细一点',
      '/quit',
    ]);
    expect(out).toContain('偷运移民议定书实施活动报告（2018）第44段');
    expect(out).toContain('CTOC/COP/2018/2 第45段');
    expect(out).toContain('According to CTOC/COP/2018/2, para. 46:');
    expect(out).toContain(engine.paragraph(TIP, 46).text.slice(-20));
    expect(out).not.toMatch(/usage: \/p/);
  });
});
