import { beforeAll, describe, expect, it } from 'vitest';
import { compactText, isNameEntry } from '../retrieval/gloss/index.js';
import { numberSpans, parseChineseNumeral, plural } from '../retrieval/gloss/numbers.js';
import { readGlossary } from '../retrieval/query/bridge/glossary.js';
import type { Gloss } from '../retrieval/types.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';

let corpus: AnswerCorpus;
const SOM = '003_eeaba24b4f8e657f';
const TIP = '000_8c987accfb8d7853';
const WG = '002_fd7eaa732a510636';
const SG = '004_4f6752799c9842c0';

beforeAll(async () => {
  corpus = await loadAnswerCorpus();
});

const text = (key: string) => corpus.unitsByKey.get(key)!.text;
const glossesOf = (key: string) => corpus.glosser.gloss(text(key));
const pairs = (glosses: Gloss[]) => glosses.map((g) => `${g.zh} ${g.en}`);

describe('key terms of real paragraphs', () => {
  it('gives the names, the count and the session of the parties paragraph, in reading order', () => {
    // "《禁止贩运人口议定书》共有173个缔约方。自2016年缔约方会议第八届会议以来，斐济、日本、马尔代夫和巴勒斯坦国成为了…"
    expect(pairs(glossesOf(`${TIP}#p2`))).toEqual([
      '禁止贩运人口议定书 Trafficking in Persons Protocol',
      '173个缔约方 173 parties',
      '自2016年 since 2016',
      '缔约方会议 Conference of the Parties',
      '第八届会议 eighth session',
      '斐济 Fiji',
      '日本 Japan',
      '马尔代夫 Maldives',
      '巴勒斯坦国 State of Palestine',
      '缔约国 State party',
    ]);
  });

  it('reads dates and places of the maritime workshops paragraph', () => {
    const g = pairs(glossesOf(`${SOM}#p42`));
    expect(g).toContain('2016年11月 November 2016');
    expect(g).toContain('印度 India');
    expect(g).toContain('印度洋 Indian Ocean');
  });

  it('writes a Chinese speaker in pinyin and counts what the glossary knows, leaving out what it does not', () => {
    const g = glossesOf(`${WG}#p10`);
    expect(pairs(g)).toEqual(
      expect.arrayContaining([
        '孟庆甜 Meng Qingtian',
        '2013-2020年 2013–2020',
        '自2009年以来 since 2009',
        '3,901名儿童 3,901 children',
        '公安部 Ministry of Public Security',
      ]),
    );
    // 6,000 名特警: the glossary has no word for 特警, and "6,000" alone says nothing the digits do not.
    expect(g.some((x) => x.zh.includes('特警') || x.zh.startsWith('6,000'))).toBe(false);
  });

  it('names the regional groups the speakers represented', () => {
    const g = pairs(glossesOf(`${WG}#p7`));
    expect(g).toEqual(
      expect.arrayContaining([
        '西欧和其他国家组 Group of Western European and other States',
        '亚太国家组 Group of Asia-Pacific States',
        '非洲国家组 Group of African States',
        '拉丁美洲和加勒比国家组 Group of Latin American and Caribbean States',
        '议程项目2 agenda item 2',
      ]),
    );
  });

  it('takes a name the glossary lacks from CC-CEDICT when jieba tags it as one', () => {
    const key = corpus.units.map((u) => `${u.source}#p${u.paragraph}`).find((k) => k.startsWith(SG) && text(k).includes('斯洛文尼亚'))!;
    expect(readGlossary().entries.some((e) => e.zh.includes('斯洛文尼亚'))).toBe(false);
    expect(pairs(glossesOf(key))).toContain('斯洛文尼亚 Slovenia');
  });

  it('reads resolutions, ordinals of sessions and amounts', () => {
    const unit = corpus.units.find((u) => u.source === TIP && compactText(u.text).includes('第七十一届会议'))!;
    expect(pairs(corpus.glosser.gloss(unit.text)).some((g) => g.startsWith('第七十一届会议 seventy-first session'))).toBe(true);
    expect(pairs(glossesOf(`${TIP}#p65`))).toEqual(
      expect.arrayContaining([
        '蓝心运动 Blue Heart Campaign',
        '尼日利亚 Nigeria',
        '超过5,000万人 more than 50 million people',
        '62所学校 62 schools',
        '100,000多名学生 more than 100,000 students',
        '2017年7月 July 2017',
      ]),
    );
  });

  it('glosses names only, not the vocabulary of the glossary (贩运人口, 技术援助)', () => {
    const entries = readGlossary().entries;
    const names = new Set(entries.filter(isNameEntry).flatMap((e) => e.zh));
    const vocabulary = new Set(entries.flatMap((e) => (isNameEntry(e) ? [] : e.zh.filter((z) => !names.has(z)))));
    const glossed = corpus.units.flatMap((u) => corpus.glosser.gloss(u.text).map((g) => g.zh));
    expect(glossed.length).toBeGreaterThan(1000);
    expect(glossed.filter((zh) => vocabulary.has(zh))).toEqual([]);
  });

  it('gives every term as the quote writes it, once, for every unit of the corpus', () => {
    for (const u of corpus.units) {
      const compact = compactText(u.text);
      const glosses = corpus.glosser.gloss(u.text);
      for (const g of glosses) expect(compact).toContain(g.zh);
      expect(new Set(glosses.map((g) => `${g.zh}|${g.en}`)).size).toBe(glosses.length);
    }
  });

  it('does not gloss the part of a word jieba cut wrongly (巴哈 of 巴哈萨语, Bahasa), and still the languages beside it', () => {
    const p = pairs(glossesOf(`${SOM}#p32`));
    expect(p.some((g) => g.startsWith('巴哈 '))).toBe(false);
    expect(p).toContain('缅甸语 Burmese');
  });

  it('does not read a name inside another word (苏丹 in 南苏丹)', () => {
    expect(corpus.glosser.gloss('苏丹和南苏丹的代表').map((g) => g.zh)).toEqual(['苏丹']);
  });

  it('counts nouns, not verbs: 13个参与国 is no "13 took part"', () => {
    const unit = corpus.units.find((u) => u.text.replace(/\s+/g, '').includes('13个参与国'))!;
    const glossed = corpus.glosser.gloss(unit.text).map((g) => `${g.zh} ${g.en}`);
    expect(glossed.some((g) => g.includes('took part') || g.includes('take part'))).toBe(false);
    expect(glossed.some((g) => /^13个国家 13 countries$/.test(g))).toBe(true);
  });
});

describe('numbers and dates by rule', () => {
  const none = () => null;
  const en = (s: string) => numberSpans(s, none).map((x) => `${s.slice(x.start, x.end)} → ${x.en}`);

  it('writes dates the English way, with ranges and lists of days', () => {
    expect(en('2017年9月11日至13日')).toContain('2017年9月11日至13日 → 11–13 September 2017');
    expect(en('2018年7月4日和5日')).toContain('2018年7月4日和5日 → 4 and 5 July 2018');
    expect(en('2017年2月12至16日和19至23日、7月17至19日及11月12至16日')).toContain(
      '2017年2月12至16日和19至23日、7月17至19日及11月12至16日 → 12–16 and 19–23 February, 17–19 July and 12–16 November 2017',
    );
    expect(en('自2015年7月以来')).toEqual(['自2015年7月以来 → since July 2015']);
    expect(en('2016、2017和2018年')).toContain('2016、2017和2018年 → 2016, 2017 and 2018');
    expect(en('预计于2018年年底')).toContain('2018年年底 → end of 2018');
  });

  it('writes sessions, meetings, resolutions and articles', () => {
    expect(en('第1和第2场会议')).toContain('第1和第2场会议 → 1st and 2nd meetings');
    expect(en('第十二次年度会议')).toContain('第十二次年度会议 → twelfth annual meeting');
    expect(en('第71/167号和第71/322号决议')).toContain('第71/167号和第71/322号决议 → resolutions 71/167 and 71/322');
    expect(en('第2331 (2016)号决议')).toContain('第2331 (2016)号决议 → resolution 2331 (2016)');
    expect(en('第6、第7和第8条')).toContain('第6、第7和第8条 → articles 6, 7 and 8');
    expect(en('第2条(b)款')).toContain('第2条(b)款 → article 2 (b)');
  });

  it('reads 万, 多/余, several and small Chinese numerals, and not the article 一', () => {
    expect(en('200万美元')).toEqual(['200万美元 → 2 million United States dollars']);
    expect(en('数十名')).toEqual(['数十名 → dozens']);
    expect(en('两国')).toEqual(['两国 → two countries']);
    expect(en('建立了一个网站')).toEqual([]);
    expect(en('增加了76%')).toEqual([]);
  });

  it('counts what the glossary names, with the plural it lists', () => {
    const nounOf = (t: string, at: number) => (t.startsWith('缔约国', at) ? { length: 3, singular: 'State party', plural: 'States parties' } : null);
    expect(numberSpans('共有146个缔约国', nounOf).map((x) => x.en)).toEqual(['146 States parties']);
  });

  it('parses Chinese numerals and makes English plurals', () => {
    expect(['七十一', '十二', '两', '一百零五', '二〇一六'].map(parseChineseNumeral)).toEqual([71, 12, 2, 105, 2016]);
    expect(['party', 'child', 'country', 'police', 'workshop', 'NGO'].map(plural)).toEqual(['parties', 'children', 'countries', 'police', 'workshops', 'NGO']);
  });
});
