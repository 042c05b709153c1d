/** The glossary's mining patterns on the real seeds, and the mining script end to end. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactText } from '../retrieval/gloss/index.js';
import { GENERIC_NOUNS } from '../retrieval/query/analyzer.js';
import { taggedWords } from '../retrieval/query/proper-names.js';
import { abbreviations, countedNouns, isSubsequence, properNames, quotedNames, termNgrams } from '../scripts/mine-glossary/candidates.js';
import { type AnswerCorpus, loadAnswerCorpus } from './helpers/answer-corpus.js';

let corpus: AnswerCorpus;
let texts: string[];

beforeAll(async () => {
  corpus = await loadAnswerCorpus();
  texts = [...new Set(corpus.units.map((u) => compactText(u.text)))];
});

const words = (text: string) => taggedWords(corpus.tokenizer, text);
const all = <T>(f: (text: string) => T[]) => texts.flatMap(f);

describe('mining patterns', () => {
  it('finds full names with their short forms in brackets', () => {
    expect(isSubsequence('儿基会', '联合国儿童基金会')).toBe(true);
    expect(isSubsequence('基儿会', '联合国儿童基金会')).toBe(false);
    const found = all((t) => abbreviations(t, words(t)));
    expect(found).toEqual(
      expect.arrayContaining([
        { full: '联合国儿童基金会', short: '儿基会' },
        { full: '国际劳工组织', short: '劳工组织' },
        { full: '欧洲安全与合作组织', short: '欧安组织' },
        { full: '国际刑事警察组织', short: '刑警组织' },
      ]),
    );
    // Brackets that hold no short form of what precedes them are not abbreviations (（2015-2020 年）, （斐济）).
    for (const a of found) expect(isSubsequence(a.short, a.full) || /^[A-Z]/.test(a.short)).toBe(true);
  });

  it('finds names in 《》 and “”, and jieba’s proper names', () => {
    const quoted = all(quotedNames);
    expect(quoted).toEqual(expect.arrayContaining(['蓝心运动', '我是无价的', '禁止贩运人口议定书']));
    const names = all((t) => properNames(words(t), GENERIC_NOUNS));
    expect(names).toEqual(expect.arrayContaining(['斐济', '马尔代夫', '维也纳']));
    expect(names).not.toContain('国际');
  });

  it('finds recurring terms and the families of terms seen once', () => {
    const terms = all((t) => termNgrams(words(t))).map((t) => t.term);
    expect(terms.filter((t) => t === '联合调查组')).toHaveLength(2);
    expect(terms).toEqual(expect.arrayContaining(['亚太国家组', '非洲国家组', '区域讲习班']));
    expect(
      all((t) => termNgrams(words(t)))
        .find((t) => t.term === '亚太国家组')!
        .words.slice(-2)
        .join(''),
    ).toBe('国家组');
  });

  it('finds what the documents count', () => {
    const counted = all((t) => countedNouns(t, (s) => words(s)[0]));
    expect(counted).toEqual(expect.arrayContaining(['缔约方', '国家', '法域']));
  });
});

describe('npm run glossary:mine', () => {
  it('writes the candidates as TSV with English suggestions and what the glossary and bridge already know', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mine-'));
    try {
      const out = join(dir, 'candidates.tsv');
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/mine-glossary.ts', '--all', '--out', out], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      const rows = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      expect(rows[0]).toEqual(['kind', 'status', 'count', 'zh', 'note', 'suggestions']);
      const row = (kind: string, zh: string) => rows.find((x) => x[0] === kind && x[3] === zh);
      expect(row('abbreviation', '联合国儿童基金会')).toEqual([
        'abbreviation',
        'glossary',
        '1',
        '联合国儿童基金会',
        'short form 儿基会',
        expect.stringContaining("United Nations Children's Fund"),
      ]);
      expect(row('person', '孟庆甜')?.[5]).toBe('Meng Qingtian');
      expect(row('family', '国家组')?.[4]).toContain('亚太国家组');
      // Every row says one of the three statuses.
      for (const x of rows.slice(1)) expect(['glossary', 'bridge', 'new']).toContain(x[1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
