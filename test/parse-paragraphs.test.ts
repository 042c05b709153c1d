import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSER_VERSION, parseDocument } from '../retrieval/parse/parse-document.js';
import type { Unit } from '../retrieval/types.js';

const SEEDS = new URL('../seeds/', import.meta.url);
const EXPECTED_PARAGRAPHS: Record<string, number> = {
  '000_8c987accfb8d7853': 74,
  '001_9a4ffc9ee25fcc75': 26,
  '002_fd7eaa732a510636': 39,
  '003_eeaba24b4f8e657f': 60,
  '004_4f6752799c9842c0': 93,
};
const [DOC_000, DOC_001, DOC_002, DOC_003, DOC_004] = Object.keys(EXPECTED_PARAGRAPHS) as [string, string, string, string, string];

const sourceText = (stem: string) => readFileSync(new URL(`${stem}.txt`, SEEDS), 'utf8');
const parsed = new Map(Object.keys(EXPECTED_PARAGRAPHS).map((stem) => [stem, parseDocument(sourceText(stem), stem)]));
const units = (stem: string) => parsed.get(stem)!;
const allUnits = () => [...parsed.values()].flat();

function paragraph(list: Unit[], n: number): Unit {
  const found = list.filter((u) => u.kind === 'paragraph' && u.paragraph === n);
  expect(found, `paragraph ${n}`).toHaveLength(1);
  return found[0]!;
}
const para = (stem: string, n: number) => paragraph(units(stem), n).text;
const sectionOf = (stem: string, n: number) => paragraph(units(stem), n).section.join(' / ');
const unitsContaining = (needle: string) => allUnits().filter((u) => u.text.includes(needle));

/** Two Chinese characters separated by whitespace: a wrap joined with a space, or a removed marker's gap. */
const SPACE_BETWEEN_HAN = /\p{Script=Han}\s+\p{Script=Han}/u;

describe('every seed', () => {
  it.each(Object.entries(EXPECTED_PARAGRAPHS))('%s has paragraphs 1..%i, each exactly once, in order', (stem, count) => {
    const numbers = units(stem)
      .filter((u) => u.kind === 'paragraph')
      .map((u) => u.paragraph);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('gives every unit its source, a non-empty text and a section path', () => {
    for (const [stem, list] of parsed) {
      for (const unit of list) {
        expect(unit.source).toBe(stem);
        expect(unit.text.trim()).not.toBe('');
        expect(unit.text).toBe(unit.text.trim());
        expect(unit.section.length, `${stem} ${unit.kind} ${unit.paragraph}`).toBeGreaterThan(0);
        expect(unit.section.every((h) => h.trim() !== '' && !h.startsWith('#'))).toBe(true);
      }
    }
  });

  it('leaves no footnote rule, no markdown and no space between two Chinese characters in any unit', () => {
    for (const unit of allUnits()) {
      const where = `${unit.source} ${unit.kind} ${unit.paragraph}`;
      expect(unit.text, where).not.toContain('__________________');
      expect(unit.text, where).not.toMatch(SPACE_BETWEEN_HAN);
      expect(unit.text, where).not.toMatch(/\]\(|\\[*_[\]#]|^#+\s|\*\*|[¹²³⁴⁵⁶⁷⁸⁹⁰]/m);
    }
  });

  it('keeps the document characters verbatim and in order (nothing normalised, nothing invented)', () => {
    for (const [stem, list] of parsed) {
      const source = sourceText(stem);
      let at = 0;
      const missing: string[] = [];
      for (const unit of list.filter((u) => u.kind !== 'recommendation')) {
        for (const ch of unit.text.replace(/\s+/g, '')) {
          const found = source.indexOf(ch, at);
          if (found < 0) missing.push(`${unit.kind} ${unit.paragraph}: ${ch}`);
          else at = found + ch.length;
        }
      }
      expect(missing, stem).toEqual([]);
    }
  });

  it('exposes a parser version for the index manifest', () => {
    expect(PARSER_VERSION).toMatch(/\S/);
  });
});

describe('recommendations (002)', () => {
  const recommendations = () => units(DOC_002).filter((u) => u.kind === 'recommendation');

  it('finds 建议 1..11, linked to paragraphs 4 (1-8) and 5 (9-11), and none in the other seeds', () => {
    expect(recommendations().map((u) => [u.recommendation, u.paragraph])).toEqual(Array.from({ length: 11 }, (_, i) => [i + 1, i < 8 ? 4 : 5]));
    expect(allUnits().filter((u) => u.kind === 'recommendation' && u.source !== DOC_002)).toEqual([]);
  });

  it('gives each recommendation its own body, also kept whole in the holding paragraph', () => {
    for (const rec of recommendations()) {
      const holder = paragraph(units(DOC_002), rec.paragraph!);
      expect(holder.text).toContain(`建议 ${rec.recommendation}\n${rec.text}`);
      expect(rec.text).not.toMatch(/建议 \d/);
      expect(rec.text.startsWith('会员国应')).toBe(true);
      expect(rec.section).toEqual(holder.section);
    }
    const [first, , , , , sixth, , eighth, , tenth, eleventh] = recommendations();
    expect(first!.text).toBe('会员国应为检察官召开“诉讼会诊”，使检察官能够分享他们的经验，包括关于贩运人口案件中证据问题的经验。');
    expect(sixth!.text).toContain('建立打击人口贩运的国家 DNA 数据库。');
    // Recommendation 8 ends at the heading `B.`, 11 at the heading `C.`: neither swallows it.
    expect(eighth!.text).toBe('会员国应采取措施，支持强大和独立的媒体，以帮助提高认识和加强预防工作。');
    expect(tenth!.text).toContain('分享制定和实施透明措施的经验教训');
    expect(eleventh!.text.endsWith('解决供应链中强迫劳动的风险。')).toBe(true);
    expect(para(DOC_002, 4).startsWith('工作组建议缔约方会议审议下述建议供通过：\n建议 1\n')).toBe(true);
  });

  it('puts the recommendations under their sections', () => {
    expect(recommendations()[0]!.section).toEqual(['二. 建议', 'A. 一般性建议']);
    expect(recommendations()[8]!.section).toEqual(['二. 建议', 'B. 关于涉及贩运人口的预防犯罪措施的建议']);
  });

  it('lists units in document order: each recommendation right after its paragraph or the previous one', () => {
    const order = units(DOC_002).map((u) => (u.kind === 'paragraph' ? `p${u.paragraph}` : `r${u.recommendation}`));
    expect(order.slice(3, 18)).toEqual(['p4', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'p5', 'r9', 'r10', 'r11', 'p6', 'p7']);
  });
});

describe('summary (001)', () => {
  it('is one unit of kind summary, before paragraph 1, without its footnote', () => {
    const list = units(DOC_001);
    const summaries = list.filter((u) => u.kind === 'summary');
    expect(summaries).toHaveLength(1);
    const summary = summaries[0]!;
    expect(list[0]).toBe(summary);
    expect(summary.paragraph).toBeNull();
    expect(summary.recommendation).toBeNull();
    expect(summary.section).toEqual(['概要']);
    expect(summary.text.startsWith('本报告简要概述了打击人口贩运全球举措的活动。')).toBe(true);
    expect(summary.text).toContain('本报告载述了维也纳论坛的准备工作。');
    expect(summary.text).not.toContain('E/CN.15/2008/1');
    expect(summary.text).not.toContain('一. 导言');
    expect(allUnits().filter((u) => u.kind === 'summary' && u.source !== DOC_001)).toEqual([]);
  });

  it('joins paragraph 6 across its footnote and puts section 八. 建议 over paragraphs 22-26', () => {
    expect(para(DOC_001, 6)).toContain('并取名为“维也纳论坛”。此外，会议商定了维也纳论坛的目标');
    expect(unitsContaining('《条约汇编》')).toEqual([]);
    for (let n = 22; n <= 26; n++) expect(paragraph(units(DOC_001), n).section).toEqual(['八. 建议']);
  });
});

describe('000: page breaks, footnotes, restarting sub-headings', () => {
  it('joins the halves of page-split paragraphs and drops the footnotes between them', () => {
    expect(para(DOC_000, 3)).toContain('组织或协助组织了63项专门针对贩运人口问题的活动以及 38 项针对贩运人口和偷运移民两方面问题的活动；');
    expect(para(DOC_000, 38)).toContain('为逼婚或假婚目的进行贩运的案件约占已查明贩运行为受害者总数的 1.4%。');
    expect(para(DOC_000, 14)).toContain('在第 71/167 号决议中，大会强调指出需要系统地收集分列数据');
    expect(para(DOC_000, 44)).toContain('其中包括与本国的其他利益攸关方进行座谈。');
    expect(para(DOC_000, 55)).toContain('伊比利亚-美洲检察官协会通过的');
    expect(unitsContaining('CTOC/COP/2018/1')).toEqual([]);
    expect(unitsContaining('icat.network')).toEqual([]);
    expect(unitsContaining('夸祖鲁-纳塔尔省区域法院')).toEqual([]);
  });

  it('removes superscript footnote markers and keeps bullet items on their own lines', () => {
    expect(para(DOC_000, 24).endsWith('已向会员国和相关利益攸关方开放。')).toBe(true);
    expect(para(DOC_000, 37).endsWith('如 2017 年南非的一项法院裁决。')).toBe(true);
    expect(para(DOC_000, 3).split('\n')).toHaveLength(5);
    expect(para(DOC_000, 3)).toContain('\n开发了两种面向从业人员的标准制定技术工具');
  });

  it('treats `1. 支持政府间机构` and the unnumbered lines below it as headings, not paragraphs', () => {
    const list = units(DOC_000);
    expect(sectionOf(DOC_000, 7)).toBe(
      '二 协助各国实施《议定书》的各项活动 / A. 规范性和政策性工作及机构间合作与协调 / 1. 支持政府间机构 / 联合国打击跨国有组织犯罪公约缔约方会议',
    );
    expect(paragraph(list, 9).section.at(-1)).toBe('预防犯罪和刑事司法委员会');
    expect(paragraph(list, 20).section).toEqual([
      '二 协助各国实施《议定书》的各项活动',
      'A. 规范性和政策性工作及机构间合作与协调',
      '2. 参与机构间协调与合作机制和区域协调与合作机制',
    ]);
    expect(paragraph(list, 42).section.slice(1)).toEqual(['B. 通过技术合作促进和支持《议定书》的实工作', '1. 立法援助和制定国家战略与协调']);
    expect(paragraph(list, 73).section).toEqual(['三. 结论']);
    expect(unitsContaining('支持政府间机构').filter((u) => u.source === DOC_000)).toEqual([]);
  });

  it('turns Markdown links into their text', () => {
    expect(para(DOC_000, 7)).toContain('技术背景文件（CTOC/COP/WG.4/2017/2），供 2017 年 9 月 6 日');
    expect(para(DOC_000, 13)).toContain('大会在第 71/1 号决议中');
  });
});

describe('002: hard-wrapped lines and the agenda list', () => {
  it('joins wrapped lines without adding spaces between Chinese characters', () => {
    expect(para(DOC_002, 1)).toBe(
      '联合国打击跨国有组织犯罪公约缔约方会议在其第 4/4 号决定中承认，《联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》是打击人口贩运的有法律约束力的主要全球性文书。缔约方会议在该决定中还决定设立一个贩运人口问题不限成员名额临时工作组。本工作组以往的会议分别于 2009 年 4 月 14 日和 15 日、2010 年 1 月 27 日至 29 日、2010 年 10 月 19 日、2011 年 10 月 10 日至 12 日、2013 年 11 月 6 日至 8 日、2015 年 11 月 16 日至 18 日、2017 年 9 月 6 日至 8 日以及 2018 年 7 月 2 日至 3 日举行。',
    );
    expect(para(DOC_002, 7)).toContain('Phoebe Blagg 女士，代表西欧和其他国家组；');
    // The document spaces Chinese from Latin and digits, so a wrap between them gives the space back.
    expect(para(DOC_002, 27)).toContain('和 Ooshara Sewpaul 女士（南非共和国）。');
    expect(para(DOC_002, 10)).toContain('一个预警平台，6,000 名特警正在使用该平台');
    expect(para(DOC_002, 11)).toContain('伙伴关系在打击犯罪方面取得了进展');
    expect(para(DOC_002, 38)).toContain('（CTOC/COP/WG.4/2019/4）；');
  });

  it('keeps the agenda list inside paragraph 31, items on their own lines', () => {
    expect(para(DOC_002, 31)).toBe(
      [
        '工作组在 2019 年 9 月 9 日第一次会议上以协商一致方式通过了以下议程：',
        '1. 组织事项:',
        '(a) 会议开幕；',
        '(b) 通过议程和工作安排。',
        '2. 涉及贩运人口的预防犯罪措施。',
        '3. 外交和领事官员或外交和领事使团中的联络官及其在处理贩运人口问题中的作用。',
        '4. 其他事项。',
        '5. 通过报告。',
      ].join('\n'),
    );
    expect(paragraph(units(DOC_002), 32).section).toEqual(['四. 会议安排', 'D. 出席情况']);
  });

  it('finds paragraphs written after a line break without a blank line, and drops the trailing link list', () => {
    expect(para(DOC_002, 24).startsWith('会议由工作组主席 Nazhat Shameem Khan 阁下（斐济）宣布开幕。')).toBe(true);
    expect(para(DOC_002, 39)).toBe('工作组于 2019 年 9 月 11 日通过了本次会议报告。');
    expect(unitsContaining('undocs.org')).toEqual([]);
  });
});

describe('003: Markdown', () => {
  it('removes headings marks, escapes and links, and ignores inconsistent # levels', () => {
    for (const unit of units(DOC_003)) {
      expect(unit.text).not.toMatch(/#|\\|\]\(/);
      expect(unit.section.join('')).not.toMatch(/#|\\/);
    }
    const list = units(DOC_003);
    expect(sectionOf(DOC_003, 9)).toBe(
      '二. 协助会员国实施《偷运移民议定书》的各项活动 / A. 规范和政策性工作及机构间合作与协调 / 1. 向政府间机构提供支持 / 大会',
    );
    expect(paragraph(list, 33).section.slice(1)).toEqual(['B. 通过技术合作促进并支持执行《偷运移民议定书》', '1. 立法援助和战略拟订']);
    expect(para(DOC_003, 3)).not.toContain('CTOC/COP/2018/1');
    expect(para(DOC_003, 8)).toContain('举办了一次题为“打击非洲之角贩运人口和偷运移民：多边做法”的附带活动。在同一届会议上');
  });
});

describe('004: footnote blocks, glued markers, numbers at line starts', () => {
  /** Each note's first line under a `____` rule, as written in the file (` 3 列支敦士登。`). */
  function footnoteLines(): string[] {
    const lines = sourceText(DOC_004).split('\n');
    const notes: string[] = [];
    lines.forEach((line, i) => {
      if (!/^_{5,}/.test(line.trim())) return;
      for (const next of lines.slice(i + 1, i + 20)) {
        const note = /^\s*\d{1,2} (\S.*)$/.exec(next);
        if (note) notes.push(note[1]!.trim());
      }
    });
    return notes;
  }

  it('drops every footnote, including notes that run over two lines', () => {
    const notes = footnoteLines();
    expect(notes.length).toBeGreaterThanOrEqual(11);
    for (const note of notes) expect(unitsContaining(note), note).toEqual([]);
    expect(unitsContaining('毛里求斯和尼日尔。')).toEqual([]);
    expect(unitsContaining('该文件体现了对性别问题的关切')).toEqual([]);
    expect(unitsContaining('对相应国家的贩运案件数量作恰当的估计')).toEqual([]);
  });

  it('removes footnote markers glued to the text and keeps real numbers', () => {
    expect(sourceText(DOC_004)).toContain('惩罚。5惩罚');
    expect(para(DOC_004, 6).startsWith('一些国家报告了对贩运人口所处的惩罚。惩罚多种多样')).toBe(true);
    expect(para(DOC_004, 5)).toContain(
      '在报告已批准议定书的会员国中，并不是所有国家都已完成起草和通过具体立法的程序。其他会员国表示，其正处于批准议定书的过程中。一些国家虽然尚未批准议定书',
    );
    expect(para(DOC_004, 5)).toContain('已作了规定。卡塔尔的答复还指出了打击某些形式的人口贩运的立法。2005 年卡塔尔通过了法律');
    expect(para(DOC_004, 7).endsWith('儿童色情制品的任择议定书》。')).toBe(true);
    expect(para(DOC_004, 10)).toContain('跨国部分的报告，而且有明显的迹象表明');
    expect(para(DOC_004, 60)).toContain('（“一站式”服务）创造机会。一些成员国指出');
    expect(para(DOC_004, 61).endsWith('都是向贩运行为被害人提供帮助的一部分。')).toBe(true);
    expect(para(DOC_004, 21)).toContain('共发生 1,037 起人口贩运案件，犯罪分子 2,078 人，解救了 5,513 名被害人。');
  });

  it('joins paragraphs split by a footnote block, whatever the continuation starts with', () => {
    expect(para(DOC_004, 9)).toContain('利用情况。希望取得的成果之一是，可以就涉及以下情形的外国刑事程序收集信息：被害人或犯罪人为爱沙尼亚公民');
    expect(para(DOC_004, 17)).toContain('还同奥地利、丹麦、法国、德国');
    expect(para(DOC_004, 65)).toContain('其中有些答复国根据国家行动计划建立了协调机制');
  });

  it('reads `37.在拉脱维亚` as paragraph 37 and a wrapped `1 月，…` line as text', () => {
    expect(para(DOC_004, 37).startsWith('在拉脱维亚，在国家人口贩运战略下')).toBe(true);
    expect(para(DOC_004, 12)).toContain('此后直到 2007 年 1 月，共确认了 65 名贩运活动被害人。');
  });

  it('drops page furniture between paragraphs', () => {
    expect(unitsContaining('E/CN.15/2008/6')).toEqual([]);
    expect(para(DOC_004, 74).endsWith('被害人的安全和福祉情况。')).toBe(true);
    expect(para(DOC_004, 84)).toContain('其在整个 2007 年期间的相关工作（E/CN.15/2008/4）。');
  });

  it('puts unnumbered sub-headings below the lettered sections', () => {
    const list = units(DOC_004);
    expect(paragraph(list, 8).section).toEqual(['二. 对会员国的调查结果', 'B. 强制执行', '在确定问题范围方面的困难']);
    expect(paragraph(list, 10).section).toEqual(['二. 对会员国的调查结果', 'B. 强制执行', '强制执行措施']);
    expect(paragraph(list, 26).section).toEqual(['二. 对会员国的调查结果', 'C. 培训和研讨会']);
    expect(paragraph(list, 85).section).toEqual(['三. 联合国毒品和犯罪问题办公室的技术援助', '打击人口贩运问题机构间合作小组']);
  });
});

describe('general rules on small documents', () => {
  const parse = (text: string) => parseDocument(text, 'doc');
  const paragraphs = (list: Unit[]) => list.filter((u) => u.kind === 'paragraph').map((u) => [u.paragraph, u.text]);

  it('numbers paragraphs by sequence: restarting sub-headings and lists are not paragraphs', () => {
    const list = parse(
      [
        '一. 第一章',
        '1. 第一段。',
        'A. 甲节',
        '1. 第一小节',
        '2. 第二段，列出以下事项：',
        '1. 事项一',
        '2. 事项二',
        '3. 事项三',
        '2. 第二小节',
        '背景',
        '3. 第三段。',
      ].join('\n'),
    );
    expect(paragraphs(list)).toEqual([
      [1, '第一段。'],
      [2, '第二段，列出以下事项：\n1. 事项一\n2. 事项二\n3. 事项三'],
      [3, '第三段。'],
    ]);
    expect(list[1]!.section).toEqual(['一. 第一章', 'A. 甲节', '1. 第一小节']);
    expect(list[2]!.section).toEqual(['一. 第一章', 'A. 甲节', '2. 第二小节', '背景']);
  });

  it('prefers the body over a heading that carries the expected number', () => {
    const list = parse(['1. 第一段。', '2. 小标题', '2. 第二段正文。', '3. 第三段。'].join('\n'));
    expect(paragraphs(list)).toEqual([
      [1, '第一段。'],
      [2, '第二段正文。'],
      [3, '第三段。'],
    ]);
    expect(list[1]!.section).toEqual(['2. 小标题']);
  });

  it('carries on after a paragraph whose number was lost', () => {
    const list = parse(['1. 第一段。', '2. 第二段。', '第三段失去了编号。', '4. 第四段。', '5. 第五段。'].join('\n'));
    expect(paragraphs(list).map(([n]) => n)).toEqual([1, 2, 4, 5]);
    expect(paragraphs(list)[1]![1]).toBe('第二段。\n第三段失去了编号。');
  });

  it('joins Chinese and numbers across a wrap the way the document writes them elsewhere', () => {
    const dates = '会议于 2019 年 9 月 9 日、2019 年 9 月 10 日和 2019 年 9 月 11 日举行。';
    const spaced = parse([`1. ${dates}`, '2. 会议于 2010 年 10 月', '19 日举行。'].join('\n'));
    expect(paragraphs(spaced)[1]).toEqual([2, '会议于 2010 年 10 月 19 日举行。']);
    const glued = parse([`1. ${dates.replace(/ /g, '')}`, '2. 会议于2010年10月', '19日举行。'].join('\n'));
    expect(paragraphs(glued)[1]).toEqual([2, '会议于2010年10月19日举行。']);
  });

  it('strips Markdown from a .md document', () => {
    const list = parse(
      [
        '# 报告',
        '## 一. 导言',
        '1. 见 [A/73/1](#) 和 **重要** 文件\\*，以及 *强调* 与 `代码`。',
        '',
        '### 背景情况',
        '',
        '2. 第二段[^1]。',
        '',
        '[^1]: 脚注文字。',
      ].join('\n'),
    );
    expect(paragraphs(list)).toEqual([
      [1, '见 A/73/1 和 重要 文件，以及 强调 与 代码。'],
      [2, '第二段。'],
    ]);
    expect(list[1]!.section).toEqual(['一. 导言', '背景情况']);
  });

  it('joins a paragraph split by a page break with a footnote between its halves', () => {
    const list = parse(
      [
        '一. 导言',
        '',
        '1. 这是被分页符截断的段落的前半部分，它在句子中间',
        '',
        '¹ 脚注：不属于任何段落。',
        '',
        'V.18-04846',
        '',
        '断开，后半部分在下一页。¹',
        '',
        '2. Latin words wrapped across',
        'lines keep one space.',
      ].join('\n'),
    );
    expect(paragraphs(list)).toEqual([
      [1, '这是被分页符截断的段落的前半部分，它在句子中间断开，后半部分在下一页。'],
      [2, 'Latin words wrapped across lines keep one space.'],
    ]);
  });

  it('handles a hard-wrapped document: footnote blocks, glued markers, wrapped headings', () => {
    // 30 Chinese characters: one full line of a 60-column text.
    const line = (head: string) => head + '文'.repeat(30 - [...head].length);
    const text = [
      '一. 导言',
      `1. ${line('甲')}`,
      line('乙'),
      `${line('丙')}1`,
      '__________________',
      ` 1 ${line('脚注一')}`,
      '继续脚注。',
      line('丁'),
      line('戊'),
      '的结果。',
      `A. ${line('关于一个很长的标题')}`,
      '的第二行',
      `2. ${line('己')}`,
      line('庚'),
      line('辛'),
      '结束。',
    ].join('\n');
    const list = parse(text);
    expect(paragraphs(list)).toEqual([
      [1, [line('甲'), line('乙'), line('丙'), line('丁'), line('戊'), '的结果。'].join('')],
      [2, [line('己'), line('庚'), line('辛'), '结束。'].join('')],
    ]);
    expect(list[1]!.section).toEqual(['一. 导言', `A. ${line('关于一个很长的标题')}的第二行`]);
  });
});
