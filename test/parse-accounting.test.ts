/**
 * Nothing silently lost: every character of a document is booked as unit text, a heading, a footnote, furniture,
 * title-block text or markup, or reported as text that fits nowhere; numbering faults are errors naming the line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../retrieval/parse/index.js';

const SEEDS = new URL('../seeds/', import.meta.url);
const stems = Object.keys(JSON.parse(readFileSync(new URL('metadata.json', SEEDS), 'utf8'))).sort();
const digits = (text: string) => (text.match(/\d/g) ?? []).length;
const paragraphs = (text: string) => parseText(text, 'doc').units.filter((u) => u.kind === 'paragraph');

describe('every seed', () => {
  it.each(stems)('%s: every character is booked, nothing is unplaced, no problems', (stem) => {
    const parsed = parseText(readFileSync(new URL(`${stem}.txt`, SEEDS), 'utf8'), stem);
    const booked = Object.values(parsed.characters.booked).reduce((a, b) => a + b, 0);
    expect(booked).toBe(parsed.characters.source);
    expect(parsed.characters.booked.unplaced).toBe(0);
    expect(parsed.problems).toEqual([]);
  });

  it.each(stems)('%s: no digit is lost: digits in units, headings and title block are the source digits less footnotes and furniture', (stem) => {
    const text = readFileSync(new URL(`${stem}.txt`, SEEDS), 'utf8');
    const parsed = parseText(text, stem);
    const removed = parsed.ledger.filter((e) => e.category === 'footnote' || e.category === 'furniture' || e.category === 'markup');
    const kept = parsed.ledger.filter((e) => e.category === 'unit' || e.category === 'heading' || e.category === 'title');
    expect(kept.reduce((n, e) => n + digits(e.text), 0) + removed.reduce((n, e) => n + digits(e.text), 0)).toBe(digits(text));
    // And every digit booked as unit text is in a unit.
    const unitDigits = parsed.units.filter((u) => u.kind !== 'recommendation').reduce((n, u) => n + digits(u.text), 0);
    const numbering = parsed.units.filter((u) => u.kind === 'paragraph').reduce((n, u) => n + String(u.paragraph).length, 0);
    expect(unitDigits + numbering).toBe(parsed.ledger.filter((e) => e.category === 'unit').reduce((n, e) => n + digits(e.text), 0));
  });
});

describe('digits next to ideographic spaces (U+3000)', () => {
  it('keeps every digit of dates written with U+3000, even where footnote markers are being removed', () => {
    const text = [
      '一. 导言',
      '1. 本报告以毒品和犯罪问题办公室在2008　年　1　月　24　日之前收到的资料为基础。1',
      '2. 会议于　2　月　3　日举行，共有　12　个国家参加。',
      '__________________',
      ' 1 脚注文字。',
      '3. 第三段。',
    ].join('\n');
    const [p1, p2, p3] = paragraphs(text);
    expect(p1!.text).toBe('本报告以毒品和犯罪问题办公室在2008　年　1　月　24　日之前收到的资料为基础。');
    expect(p2!.text).toBe('会议于　2　月　3　日举行，共有　12　个国家参加。');
    expect(p3!.text).toBe('第三段。');
  });
});

describe('clear errors naming the line', () => {
  it('a document without any numbered paragraph', () => {
    expect(parseText('报告\n\n这份文件没有编号段落。', 'doc').problems).toEqual([{ code: 'no-paragraphs' }]);
    expect(parseText('', 'doc').problems).toEqual([{ code: 'no-paragraphs' }]);
  });

  it('a duplicate paragraph number', () => {
    const parsed = parseText(['1. 第一段。', '2. 第二段。', '2. 又一个第二段。', '3. 第三段。'].join('\n'), 'doc');
    expect(parsed.problems).toEqual([{ code: 'duplicate-paragraph', number: 2, line: 3, firstLine: 2 }]);
  });

  it('a paragraph number out of order', () => {
    const parsed = parseText(['1. 第一段。', '2. 第二段。', '3. 第三段。', '1. 又是第一段。', '4. 第四段。'].join('\n'), 'doc');
    expect(parsed.problems).toEqual([{ code: 'duplicate-paragraph', number: 1, line: 4, firstLine: 1 }]);
    const swapped = parseText(['1. 第一段。', '3. 第三段。', '2. 第二段。', '4. 第四段。'].join('\n'), 'doc');
    expect(swapped.problems).toEqual([
      { code: 'paragraph-out-of-order', number: 3, line: 2, after: 1 },
      { code: 'paragraph-missing', number: 3, line: 4 },
    ]);
  });

  it('missing paragraph numbers, and the following paragraphs keep their own numbers', () => {
    const parsed = parseText(['1. 第一段。', '2. 第二段。', '5. 第五段。', '6. 第六段。'].join('\n'), 'doc');
    expect(parsed.units.map((u) => u.paragraph)).toEqual([1, 2, 5, 6]);
    expect(parsed.problems).toEqual([
      { code: 'paragraph-missing', number: 3, line: 3 },
      { code: 'paragraph-missing', number: 4, line: 3 },
    ]);
  });

  it('paragraph numbers above 9,999 are paragraphs of their own', () => {
    const lines = ['1. 第一段。'];
    for (let n = 2; n <= 12_001; n++) lines.push(`${n}. 第${n}段。`);
    const parsed = parseText(lines.join('\n'), 'doc');
    expect(parsed.units).toHaveLength(12_001);
    expect(parsed.units.at(-1)).toMatchObject({ paragraph: 12_001, text: '第12001段。' });
    expect(parsed.problems).toEqual([]);
  });

  it('text after a heading that belongs to no paragraph is a warning with its line and an excerpt', () => {
    const parsed = parseText(['一. 导言', '1. 第一段。', 'A. 一节', '这一行文字不属于任何段落，也不是标题。', '2. 第二段。'].join('\n'), 'doc');
    expect(parsed.problems).toEqual([{ code: 'unplaced-text', line: 4, text: '这一行文字不属于任何段落，也不是标题。' }]);
    expect(parsed.characters.booked.unplaced).toBe(19);
  });

  it('a short line after a sentence end followed by more text is the paragraph going on, not a heading', () => {
    const parsed = parseText(['一. 导言', '1. 第一句在这里结束。', '第二句的开头', '在下一行继续并结束。', '2. 第二段。'].join('\n'), 'doc');
    expect(parsed.units[0]!.text).toBe('第一句在这里结束。\n第二句的开头在下一行继续并结束。');
    expect(parsed.units[1]!.section).toEqual(['一. 导言']);
    expect(parsed.problems).toEqual([]);
  });
});

describe('page furniture in text', () => {
  it('removes n/N page numbers, footers in either order and running headers, and books them as furniture', () => {
    const page = (n: number, body: string[]) => [n > 1 ? '贩运人口问题工作组报告' : '', ...body, n % 2 ? `V.19-38229  ${n}/4` : `${n}/4  V.19-38229`];
    const text = [
      ...page(1, ['一. 导言', '1. 毒品和犯罪问题办公室在报告所述期间继续向会员国提供援助，']),
      ...page(2, ['协助它们实施议定书。', 'A. 一般性建议']),
      ...page(3, ['2. 第二段。']),
      ...page(4, ['3. 第三段。']),
    ].join('\n');
    const parsed = parseText(text, 'doc');
    expect(parsed.units.map((u) => [u.paragraph, u.text, u.section.join(' / ')])).toEqual([
      [1, '毒品和犯罪问题办公室在报告所述期间继续向会员国提供援助，协助它们实施议定书。', '一. 导言'],
      [2, '第二段。', '一. 导言 / A. 一般性建议'],
      [3, '第三段。', '一. 导言 / A. 一般性建议'],
    ]);
    expect(parsed.ledger.filter((e) => e.category === 'furniture').map((e) => e.text)).toEqual([
      'V.19-38229  1/4',
      '贩运人口问题工作组报告',
      '2/4  V.19-38229',
      '贩运人口问题工作组报告',
      'V.19-38229  3/4',
      '贩运人口问题工作组报告',
      '4/4  V.19-38229',
    ]);
  });

  it('keeps a symbol cited in the text that a wrap left alone on its line', () => {
    const parsed = parseText(['一. 导言', '1. 与会者名单载于', 'CTOC/COP/WG.4/2019/INF/1', '号文件。'].join('\n'), 'doc');
    expect(parsed.units[0]!.text).toBe('与会者名单载于CTOC/COP/WG.4/2019/INF/1号文件。');
  });
});
