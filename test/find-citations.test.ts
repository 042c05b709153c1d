import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentNames } from '../retrieval/corpus/documents.js';
import { findCitations } from '../retrieval/query/find-citations.js';
import type { DocumentMeta } from '../retrieval/types.js';

const raw = JSON.parse(readFileSync('seeds/metadata.json', 'utf8')) as Record<string, Omit<DocumentMeta, 'source'>>;
const metas: DocumentMeta[] = Object.entries(raw).map(([source, m]) => ({ source, ...m }));
const docs = metas.flatMap((m) => documentNames(m).map((name) => ({ name, source: m.source })));
const TIP = '000_8c987accfb8d7853';
const WG = '002_fd7eaa732a510636';
const SOM = '003_eeaba24b4f8e657f';

describe('findCitations', () => {
  it('reads Chinese and English references to one paragraph of a document named by its symbol', () => {
    expect(findCitations('见 CTOC/COP/2018/2 第44段。', docs)).toEqual([{ source: TIP, paragraph: 44 }]);
    expect(findCitations('See CTOC/COP/2018/2, para. 44.', docs)).toEqual([{ source: TIP, paragraph: 44 }]);
    expect(findCitations('ctoc/cop/2018/2 paragraph 7', docs)).toEqual([{ source: TIP, paragraph: 7 }]);
  });

  it('expands ranges in both languages and keeps order of appearance without duplicates', () => {
    const range = [44, 45, 46].map((paragraph) => ({ source: TIP, paragraph }));
    expect(findCitations('CTOC/COP/2018/2, paras. 44-46', docs)).toEqual(range);
    expect(findCitations('CTOC/COP/2018/2 第44至46段', docs)).toEqual(range);
    expect(findCitations('CTOC/COP/2018/2 第46段、第44至46段', docs)).toEqual([46, 44, 45].map((paragraph) => ({ source: TIP, paragraph })));
  });

  it('does not expand an implausibly long range into dozens of paragraphs', () => {
    expect(findCitations('CTOC/COP/2018/2, paras. 3-300', docs)).toEqual([{ source: TIP, paragraph: 3 }]);
  });

  it('reads recommendations, and attributes them to a document named by its short title', () => {
    expect(findCitations('贩运人口问题工作组报告草稿（2019）建议 6', docs)).toEqual([{ source: WG, recommendation: 6 }]);
    expect(findCitations('Draft report of the Working Group on Trafficking in Persons (2019), recommendation 6', docs)).toEqual([
      { source: WG, recommendation: 6 },
    ]);
    expect(findCitations('recommendations 2 to 4', docs, { defaultSource: WG })).toEqual([2, 3, 4].map((recommendation) => ({ source: WG, recommendation })));
  });

  it('gives a bare ¶44 a document only when exactly one fits', () => {
    expect(findCitations('¶44', docs)).toEqual([{ source: null, paragraph: 44 }]);
    expect(findCitations('¶44', docs, { defaultSource: SOM })).toEqual([{ source: SOM, paragraph: 44 }]);
    // The only document named in the text wins over the default.
    expect(findCitations('In CTOC/COP/2018/2, see ¶44', docs, { defaultSource: SOM })).toEqual([{ source: TIP, paragraph: 44 }]);
    // Two documents named and the reference attached to neither: no guess.
    const two = findCitations('CTOC/COP/2018/2 and UNODC Smuggling of Migrants Protocol activities report (2018) both discuss this; see ¶44', docs);
    expect(two).toEqual([{ source: null, paragraph: 44 }]);
  });

  it('keeps each reference with the document written before it when several are named', () => {
    const text = 'Compare CTOC/COP/2018/2, para. 27 and para. 28 with UNODC Smuggling of Migrants Protocol activities report (2018), para. 24.';
    expect(findCitations(text, docs)).toEqual([
      { source: TIP, paragraph: 27 },
      { source: TIP, paragraph: 28 },
      { source: SOM, paragraph: 24 },
    ]);
  });

  it('ignores numbers that are not paragraph references', () => {
    expect(findCitations('大会第72/179号决议和2018年的报告', docs)).toEqual([]);
    expect(findCitations('The Protocol has 173 parties.', docs)).toEqual([]);
  });
});
