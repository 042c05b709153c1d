import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../bot/shared/strings.js';
import { ABSTAIN_BELOW, assessConfidence } from '../retrieval/answer/confidence.js';
import { type AnswerInput, extractiveAnswer } from '../retrieval/answer/extractive-answer.js';
import { rankCandidates } from '../retrieval/answer/select.js';
import { splitSentences } from '../retrieval/answer/split-sentences.js';
import { askedListSize, asksNarrative, detectAnswerType } from '../retrieval/query/answer-type.js';
import type { Answer } from '../retrieval/types.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';
import { citationsOf, isNotFound, relatedOf, textOf } from './helpers/answers.js';

interface Question {
  id: string;
  lang: 'zh' | 'en';
  question: string;
  gold?: { source: string; paragraph: number }[];
}
const readQuestions = (path: string): Question[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Question);

let corpus: AnswerCorpus;
beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

const answer = (input: AnswerInput): Answer => extractiveAnswer(input, corpus.ctx);
const ask = async (question: string): Promise<Answer> => answer(await corpus.retrieve(question));
const confidence = async (question: string) => {
  const { analysis, results } = await corpus.retrieve(question);
  return assessConfidence(analysis, rankCandidates(results, analysis, corpus.ctx)[0], corpus.ctx);
};

/** Everything in the answer that is not a quote, a label or the fixed framing: must be nothing. */
function textOutsideQuotes(a: Answer): string {
  let rest = textOf(a, corpus.metas);
  for (const c of citationsOf(a)) {
    rest = rest.split(`「${c.quote}」`).join('').split(strings(a.lang).marker(c.label)).join('').split(c.label).join('');
    // …and the source list links each document with a symbol to its official text.
    if (c.url) rest = rest.split(c.url).join('');
  }
  // The source list names each report beside its symbol, from the metadata.
  for (const m of corpus.metas.values()) rest = rest.split(`(${m.shortTitle.en})`).join('').split(`（${m.shortTitle.zh}）`).join('');
  return rest.replace(/According to|and|:|来源：|Sources:|^- |\s/gm, '');
}

describe('splitSentences', () => {
  it('splits on Chinese enders and line breaks, keeping closing quotes with their sentence', async () => {
    const text = '他说：“会员国应合作。各方同意。”随后通过。增长了1.5倍！是否？\n第一项；第二项。';
    expect(splitSentences(text).map((s) => s.text)).toEqual(['他说：“会员国应合作。各方同意。”随后通过。', '增长了1.5倍！', '是否？', '第一项；', '第二项。']);
  });

  it('does not split inside 《》 or （） and does not let a stray bracket swallow the text', async () => {
    expect(splitSentences('《议定书。附件》已生效。（见上文。）完。').map((s) => s.text)).toEqual(['《议定书。附件》已生效。', '（见上文。）完。']);
    expect(splitSentences('（未闭合。下一句。').map((s) => s.text)).toEqual(['（未闭合。', '下一句。']);
  });

  it('returns verbatim sentences with offsets that tile every unit of the seed corpus', async () => {
    for (const unit of corpus.units) {
      const sentences = splitSentences(unit.text);
      expect(sentences.length).toBeGreaterThan(0);
      let end = 0;
      for (const s of sentences) {
        expect(unit.text.slice(s.start, s.end)).toBe(s.text);
        // In order, and nothing but whitespace left out between sentences.
        expect(unit.text.slice(end, s.start).trim()).toBe('');
        end = s.end;
      }
      expect(unit.text.slice(end).trim()).toBe('');
    }
  });
});

describe('extractiveAnswer', () => {
  it('answers a Chinese question with Chinese framing, quotes from the documents and a source list', async () => {
    const a = await ask('蓝心运动的全国学校作文比赛有多少学生参加？');
    expect(isNotFound(a)).toBe(false);
    expect(a.lang).toBe('zh');
    expect(citationsOf(a)[0]).toMatchObject({ source: '000_8c987accfb8d7853', paragraph: 65, label: 'CTOC/COP/2018/2 第65段' });
    expect(citationsOf(a)[0]!.quote).toContain('100,000多名学生');
    expect(textOf(a, corpus.metas)).toContain(`「${citationsOf(a)[0]!.quote}」〔CTOC/COP/2018/2 第65段〕`);
    expect(textOf(a, corpus.metas)).toMatch(/\n来源：\n- CTOC\/COP\/2018\/2 第65段/);
    expect(textOutsideQuotes(a)).toBe('');
  });

  it('answers an English question with English framing and labels around the Chinese quotes', async () => {
    const a = await ask('Which regional workshop on maritime smuggling was held in India in November 2016?');
    expect(isNotFound(a)).toBe(false);
    expect(a.lang).toBe('en');
    const first = citationsOf(a)[0]!;
    expect(first).toMatchObject({ source: '003_eeaba24b4f8e657f', paragraph: 42 });
    expect(first.label).toBe('UNODC Smuggling of Migrants Protocol activities report (2018), para. 42');
    expect(textOf(a, corpus.metas).split('\n')[0]).toBe(`According to ${first.label}: 「${first.quote}」`);
    expect(textOf(a, corpus.metas)).toContain('\nSources:\n');
    expect(textOutsideQuotes(a)).toBe('');
  });

  it('quotes only verbatim text of the cited units, each quote from its best sentences', async () => {
    for (const q of ['What does the Global Migration Group do?', '工作组关于国家转介机制的建议有哪些？', '萨尔瓦多在2005年逮捕了多少人？']) {
      const a = await ask(q);
      expect(citationsOf(a).length).toBeGreaterThan(0);
      for (const c of citationsOf(a)) {
        const key = c.recommendation !== null ? `${c.source}#r${c.recommendation}` : `${c.source}#p${c.paragraph}`;
        expect(corpus.unitsByKey.get(key)!.text).toContain(c.quote);
        expect(c.quote.length).toBeLessThanOrEqual(300);
      }
    }
    expect(citationsOf(await ask('萨尔瓦多在2005年逮捕了多少人？'))[0]!.quote).toContain('逮捕 53 人');
  });

  it('cites a recommendation rather than the paragraph that holds it', async () => {
    const a = await ask('工作组关于国家转介机制的建议有哪些？');
    const wg = citationsOf(a).filter((c) => c.source === '002_fd7eaa732a510636');
    expect(wg.length).toBeGreaterThan(0);
    expect(wg.every((c) => c.recommendation !== null)).toBe(true);
    expect(wg.map((c) => c.label)).toContain('贩运人口问题工作组报告草稿（2019）建议 4');
  });

  it('quotes explicitly referenced units from their beginning with full confidence', async () => {
    const rec6 = corpus.unitsByKey.get('002_fd7eaa732a510636#r6')!;
    const a = answer({ ...(await corpus.retrieve('建议 6 的内容是什么？')), referenced: [rec6] });
    expect(a).toMatchObject({ outcome: 'answered', confidence: 1 });
    expect(citationsOf(a)).toHaveLength(1);
    expect(citationsOf(a)[0]).toMatchObject({ recommendation: 6, paragraph: 4, quote: rec6.text });

    // A paragraph made of list items is quoted up to its first line break, so the quote stays one line.
    const listParagraph = corpus.unitsByKey.get('000_8c987accfb8d7853#p3')!;
    expect(listParagraph.text).toContain('\n');
    const quoted = answer({ ...(await corpus.retrieve('CTOC/COP/2018/2 第3段')), referenced: [listParagraph] }).passages[0]!.quote;
    expect(listParagraph.text.startsWith(quoted)).toBe(true);
    expect(quoted).not.toContain('\n');
  });
});

describe('calibrated abstention', () => {
  const outOfDomain = readQuestions('test/data/out-of-domain.jsonl');
  const answerable = readQuestions('test/data/answerable.jsonl');

  it('has at least 15 out-of-domain questions, in both languages', async () => {
    expect(outOfDomain.length).toBeGreaterThanOrEqual(15);
    expect(new Set(outOfDomain.map((q) => q.lang))).toEqual(new Set(['zh', 'en']));
    expect(outOfDomain.every((q) => q.gold === undefined)).toBe(true);
  });

  it('abstains on every out-of-domain question, in its language, offering verbatim related paragraphs', async () => {
    for (const q of outOfDomain) {
      const a = await ask(q.question);
      expect({ q: q.question, abstained: isNotFound(a) }).toEqual({ q: q.question, abstained: true });
      expect(textOf(a, corpus.metas)).toBe(strings(q.lang).notFound);
      expect(citationsOf(a)).toEqual([]);
      expect(a.confidence).toBeLessThan(ABSTAIN_BELOW);
      for (const r of relatedOf(a)) {
        expect(corpus.unitsByKey.get(r.unitKey)!.text).toContain(r.quote);
      }
    }
  });

  it('offers the nearest paragraphs as related when a question about the domain names another year', async () => {
    const a = await ask('贩运人口问题工作组2012年的会议提出了哪些建议？');
    expect(isNotFound(a)).toBe(true);
    expect(relatedOf(a).length).toBeGreaterThan(0);
    expect(relatedOf(a).some((r) => r.source === '002_fd7eaa732a510636')).toBe(true);
  });

  it('answers at least 95% of answerable questions, with a confidence in 0..1 on every answer', async () => {
    const abstained: typeof answerable = [];
    for (const q of answerable) {
      const a = await ask(q.question);
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
      if (isNotFound(a)) abstained.push(q);
    }
    expect(answerable.length).toBeGreaterThanOrEqual(60);
    expect(abstained.length / answerable.length, abstained.map((q) => q.question).join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('separates the signals it reports: names and years the corpus never mentions, missing kinds of fact, non-domain vocabulary', async () => {
    const singapore = await confidence('What did Singapore report in its reply on ECOSOC resolution 2006/27?');
    expect(singapore.signals.absentNames).toEqual(['Singapore']);
    const year = await confidence('What did the Working Group on Trafficking in Persons recommend at its 2012 meeting?');
    expect(year.signals.absentSpecifics).toEqual(['2012']);
    const france = await confidence('What is the capital of France?');
    expect(france.signals.topicality!).toBeLessThan(2);
    const blueHeart = await confidence('蓝心运动的全国学校作文比赛有多少学生参加？');
    expect(blueHeart.signals.topicality!).toBeGreaterThan(4);
    expect(blueHeart.signals.evidence).toBe(1);
    expect(blueHeart.confidence).toBeGreaterThan(france.confidence);
    const money = await confidence('白俄罗斯为支持打击人口贩运小组的工作捐了多少钱？');
    expect(money.signals.evidence).toBeLessThan(0.5);
  });

  it('recognises the kind of answer asked for in both languages', () => {
    const cases: [string, string][] = [
      ['联合国是哪一年成立的？', 'date'],
      ['贩运人口问题工作组第七次会议是哪几天开的？', 'date'],
      ['When was the Vienna Forum held?', 'date'],
      ['How many people live in Vienna?', 'count'],
      ['蓝心运动有多少学生参加？', 'count'],
      ['Why was the Vienna Forum cancelled?', 'reason'],
      ['会议在哪个城市举行？', 'place'],
      ['Who chaired the meeting?', 'person_body'],
      ['Which UN entity sent an observer?', 'person_body'],
      ['What kind of body is ICAT?', 'list'],
      ['Which 21 ICAT entities attended?', 'list'],
      ['那名检察官叫什么名字？', 'name'],
      ['What is the Blue Heart Campaign?', 'definition'],
      ['工作组提出了哪些建议？', 'list'],
      ['还有哪个区域组织答复了调查？', 'person_body'],
      ['项目3是哪几位主讲的？', 'person_body'],
      ['毒罪办是与哪国政府一起办的附带活动？', 'person_body'],
      ['哪些区域组织答复了调查？', 'list'],
      ['讲习班上专家介绍了什么？', 'statement'],
      ['What did the Special Rapporteur say about compensation?', 'statement'],
      ['Per the recommendations, who should States work with when drafting laws?', 'person_body'],
      ['When and in which city was UN.GIFT launched?', 'date'],
      ['2018年第27届会议通过了哪几项决议？', 'list'],
      ['“全球行动”是在哪13个国家实施的？', 'list'],
      ["What's the information cut-off date for the report?", 'date'],
      ['By what deadline were governments asked to reply?', 'date'],
      ['Which decision set up the working group?', 'name'],
      ['What are the key areas of technical assistance?', 'list'],
      ['Has South Africa joined the Blue Heart Campaign?', 'yesno'],
      // How people ask in chat.
      ['拉脱维亚会不会给被害人发临时居留证？', 'yesno'],
      ['2008年指导委员会开过会没有？', 'yesno'],
      ['这个联合平台是用来干嘛的？', 'definition'],
      ['全球举措的指导委员会到底是个什么角色？', 'definition'],
      ['毒罪办干嘛要培训检察官？', 'reason'],
      ['毒罪办干嘛培训检察官？', 'reason'],
      ['蓝心运动是啥？', 'definition'],
      ['能不能告诉我毒罪办在墨西哥做了什么？', 'other'],
      // 几 that asks a number, and 几 that is "a few" (那几起, 几百起, 好几次).
      ['工作组开过几次会？', 'count'],
      ['列支敦士登报告的那几起案件主要是什么类型？', 'definition'],
      ['报告的几百起案件主要涉及哪些剥削形式？', 'list'],
      ['好几个国家提到的措施有哪些？', 'list'],
      ['几位发言者指出了什么？', 'statement'],
      ['最近几年贩运人口的趋势是什么？', 'definition'],
      ['有几个国家答复了？', 'count'],
      // Clause by clause: a count asked first, then a place.
      ['那个委员会2008年开过几次会？都在哪开的？', 'count'],
      ['哪国加入了议定书？', 'person_body'],
    ];
    for (const [q, type] of cases) expect({ q, type: detectAnswerType(q) }).toEqual({ q, type });
  });

  it('reads how many items a question asks to be named, and what someone did or said', () => {
    const sizes: [string, number | null][] = [
      ['Which 14 countries sent participants?', 14],
      ['which nine foreign languages were the posters printed in?', 9],
      ['Can you list all 19 countries that joined?', 19],
      ['What are the 13 countries where GLO.ACT is implemented?', 13],
      ['“全球行动”是在哪13个国家实施的？', 13],
      ['正式加入蓝心运动的十九个国家都是哪些？', 19],
      ['这个联合平台是哪两个机构的？', 2],
      ['Which countries joined in 2016?', null],
      ['How many of the 23 entities attended?', null],
      ['Which one country reported no cases?', null],
    ];
    for (const [q, n] of sizes) expect({ q, n: askedListSize(q) }).toEqual({ q, n });
    expect(asksNarrative('What did UNODC do in Mexico?', detectAnswerType('What did UNODC do in Mexico?'))).toBe(true);
    expect(asksNarrative('毒罪办在墨西哥做了哪些工作？', detectAnswerType('毒罪办在墨西哥做了哪些工作？'))).toBe(false);
    expect(asksNarrative('How has the working group defined exploitation?', detectAnswerType('How has the working group defined exploitation?'))).toBe(false);
    expect(asksNarrative('毒罪办在墨西哥做了什么？', detectAnswerType('毒罪办在墨西哥做了什么？'))).toBe(true);
    expect(asksNarrative('When did UNODC do the assessment?', detectAnswerType('When did UNODC do the assessment?'))).toBe(false);
    for (const q of [
      'How did UNODC help the Maldives with its law?',
      '毒罪办和荷兰国家报告员估算贩运人口规模是怎么做的？',
      '毒罪办在墨西哥干嘛了？',
      '能不能告诉我毒罪办在墨西哥做了什么？',
    ])
      expect({ q, narrative: asksNarrative(q, detectAnswerType(q)) }).toEqual({ q, narrative: true });
    // A question naming how many items it wants asks for a list, however it opens.
    expect(detectAnswerType('What are the 13 countries where GLO.ACT is implemented?')).toBe('list');
    expect(detectAnswerType('Can you list all 19 countries that joined?')).toBe('list');
    expect(detectAnswerType('What is the Blue Heart Campaign?')).toBe('definition');
  });

  it('does not count a match inside a domain phrase the question did not ask about', () => {
    expect(corpus.ctx.phrases.maskUnasked('打击贩运人口的行动', ['人口'], 'what is the population 人口')).toBe('打击□□□□的行动');
    expect(corpus.ctx.phrases.maskUnasked('打击贩运人口的行动', ['贩运人口'], 'trafficking in persons 贩运人口')).toBe('打击贩运人口的行动');
  });

  it('gives no weight to keyword/dense rank agreement, which no real model here could calibrate', async () => {
    const { analysis, results } = await corpus.retrieve('蓝心运动的全国学校作文比赛有多少学生参加？');
    const keywordOnly = assessConfidence(analysis, rankCandidates(results, analysis, corpus.ctx)[0], corpus.ctx);
    const disagreeing = results.map((r, i) => ({ ...r, ranks: { keyword: i + 1, dense: i === 0 ? 30 : i + 1 } }));
    expect(assessConfidence(analysis, rankCandidates(disagreeing, analysis, corpus.ctx)[0], corpus.ctx).confidence).toBe(keywordOnly.confidence);
  });

  it('abstains when retrieval returns nothing', async () => {
    const input = await corpus.retrieve('你好');
    expect(answer({ ...input, results: [] })).toMatchObject({ outcome: 'not-found', passages: [], related: [] });
  });
});
