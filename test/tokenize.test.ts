import { describe, expect, it } from 'vitest';
import { CHINESE_STOPWORDS, countCjk, normalizeText, Tokenizer } from '../retrieval/query/tokenize.js';

const tokenizer = new Tokenizer();
const indexWords = (t: string) => tokenizer.indexWords(t);
const queryWords = (t: string) => tokenizer.queryWords(t);
const termWords = (t: string) => tokenizer.termWords(t);

describe('normalizeText', () => {
  it('folds full-width characters to ASCII and lowercases', () => {
    expect(normalizeText('ＵＮＯＤＣ（２０１６）')).toBe('unodc(2016)');
  });

  it('drops thousands separators so 1,200 and 1200 meet, but keeps other commas', () => {
    expect(normalizeText('1,200多名')).toBe('1200多名');
    expect(normalizeText('100,000 人')).toBe('100000人');
    expect(normalizeText('第6, 7条')).toBe('第6, 7条');
  });

  it('removes spaces next to CJK characters (PDF spacing) but not between Latin words', () => {
    expect(normalizeText('2016 年 11 月 以及 38 项')).toBe('2016年11月以及38项');
    expect(normalizeText('GLO.ACT project')).toBe('glo.act project');
  });
});

describe('indexWords', () => {
  const words = indexWords(normalizeText('毒品和犯罪问题办公室在2016 年为第72/179号决议和项目2(b)培训了1,200多名从业人员。'));

  it('segments with the jieba dictionary, whole words plus the words inside them', () => {
    expect(words).toEqual(expect.arrayContaining(['办公室', '办公', '从业人员', '从业', '人员', '培训', '决议']));
  });

  it('keeps numbers and symbols whole', () => {
    expect(words).toEqual(expect.arrayContaining(['2016', '72/179', '2(b)', '1200']));
  });

  it('drops stopwords, punctuation and lone characters', () => {
    for (const w of words) {
      expect(CHINESE_STOPWORDS.has(w)).toBe(false);
      expect(w).not.toMatch(/^[\u4e00-\u9fff]$/);
      expect(w).not.toMatch(/[。，、]/);
    }
    expect(words).not.toContain('和');
  });
});

describe('queryWords', () => {
  it('cuts precisely (no overlapping sub-words) and drops question words', () => {
    expect(queryWords('毒品和犯罪问题办公室优先关注哪些领域？')).toEqual(['毒品', '犯罪', '办公室', '优先', '关注', '领域']);
  });

  it('keeps resolution numbers and removes duplicates', () => {
    expect(queryWords('大会第72/179号决议和第72/179号决议对保护移民提出了什么要求？')).toEqual(['大会', '72/179', '决议', '保护', '移民', '要求']);
  });

  it('returns nothing for a question made only of function words', () => {
    expect(queryWords('这是什么？')).toEqual([]);
  });
});

describe('termWords', () => {
  it('finds the dictionary words inside a compound', () => {
    expect(termWords('人口贩卖')).toEqual(['人口', '贩卖']);
  });
});

describe('countCjk', () => {
  it('counts CJK characters only', () => {
    expect(countCjk('UNODC 贩运人口 2016')).toBe(4);
    expect(countCjk('no Chinese here')).toBe(0);
  });
});
