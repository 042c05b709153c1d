import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../bot/shared/strings.js';
import { createEngine, type Engine, InputError, LookupError, unitKey } from '../retrieval/index.js';
import { citationsOf, isNotFound, problemText, textOf } from './helpers/answers.js';

const TIP = '000_8c987accfb8d7853';
const WG = '002_fd7eaa732a510636';
let engine: Engine;
let indexDir: string;
const logs: string[] = [];
const metas = () => new Map(engine.documents().map((d) => [d.meta.source, d.meta]));

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'engine-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: (m) => logs.push(m) });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('engine over the seeds (keyword mode)', () => {
  it('reports keyword mode and the documents with their counts', () => {
    expect(engine.status()).toMatchObject({ mode: 'keyword', model: null, documents: 5 });
    const counts = Object.fromEntries(engine.documents().map((d) => [d.meta.source, [d.paragraphs.count, d.recommendations]]));
    expect(counts).toEqual({
      [TIP]: [74, 0],
      '001_9a4ffc9ee25fcc75': [26, 0],
      [WG]: [39, 11],
      '003_eeaba24b4f8e657f': [60, 0],
      '004_4f6752799c9842c0': [93, 0],
    });
  });

  it('looks up paragraphs exactly and explains unknown ones', () => {
    const p = engine.paragraph(TIP, 44);
    expect(p).toMatchObject({ source: TIP, kind: 'paragraph', paragraph: 44 });
    expect(engine.label(p, 'zh')).toBe('CTOC/COP/2018/2 第44段');
    expect(engine.label(p, 'en')).toBe('CTOC/COP/2018/2, para. 44');
    expect(() => engine.paragraph(TIP, 75)).toThrow(LookupError);
    expect(() => engine.paragraph(TIP, 75)).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'paragraph-out-of-range', first: 1, last: 74 }) }),
    );
    expect(problemText(() => engine.paragraph(TIP, 75))).toMatch(/valid paragraphs are 1-74/);
    expect(problemText(() => engine.paragraph(TIP, 75), 'zh')).toBe('CTOC/COP/2018/2 没有第75段：段落编号为 1–74。');
    expect(problemText(() => engine.paragraph('nope', 1))).toMatch(/Unknown or ambiguous document “nope”/);
  });

  it('looks up recommendations with and without a document', () => {
    const r = engine.recommendation(6);
    expect(r).toMatchObject({ source: WG, kind: 'recommendation', recommendation: 6, paragraph: 4 });
    expect(engine.recommendation(6, WG)).toBe(r);
    expect(problemText(() => engine.recommendation(12))).toMatch(/valid numbers are 1-11/);
    expect(problemText(() => engine.recommendation(1, TIP))).toMatch(/has no numbered recommendations/);
    expect(engine.recommendations().map((u) => u.recommendation)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('resolves document references by stem, symbol, prefix and title, refusing ambiguity', () => {
    expect(engine.resolveDocument('CTOC/COP/2018/2')?.source).toBe(TIP);
    expect(engine.resolveDocument('ctoc/cop/2018/2 ')?.source).toBe(TIP);
    expect(engine.resolveDocument('002')?.source).toBe(WG);
    expect(engine.resolveDocument('贩运人口问题工作组报告草稿（2019）')?.source).toBe(WG);
    expect(engine.resolveDocument('00')).toBeNull();
    expect(engine.resolveDocument('')).toBeNull();
  });

  it('filters search by document and rejects unknown documents', async () => {
    const hits = await engine.search('偷运移民', { source: TIP, k: 5 });
    expect(hits.length).toBe(5);
    expect(hits.every((h) => h.unit.source === TIP)).toBe(true);
    await expect(engine.search('偷运移民', { source: 'missing' })).rejects.toThrow(LookupError);
  });

  it('rejects empty and huge questions with a clear message', async () => {
    await expect(engine.ask('   ')).rejects.toThrow(InputError);
    await expect(engine.ask('问'.repeat(5000))).rejects.toMatchObject({ problem: { code: 'question-too-long', length: 5000, max: 1000 } });
    expect(strings('en').problem({ code: 'question-too-long', length: 5000, max: 1000 })).toMatch(/too long \(5000 characters; at most 1000\)/);
  });

  it('answers with citations whose quotes are verbatim in the cited units', async () => {
    const answer = await engine.ask('蓝心运动在哪些国家开展了活动？');
    expect(isNotFound(answer)).toBe(false);
    expect(citationsOf(answer).length).toBeGreaterThan(0);
    const byKey = new Map(engine.units().map((u) => [unitKey(u), u]));
    for (const c of citationsOf(answer)) {
      const kind = c.recommendation === null ? 'paragraph' : 'recommendation';
      const unit = byKey.get(unitKey({ source: c.source, kind, paragraph: c.paragraph, recommendation: c.recommendation }));
      expect(unit?.text).toContain(c.quote);
      expect(textOf(answer, metas())).toContain(c.label);
    }
  });

  it('finds paragraph citations written in discussion', () => {
    const units = engine.findCitedUnits('As CTOC/COP/2018/2, para. 44 says, and see 建议 6.');
    expect(units.map(unitKey)).toEqual([`${TIP}#p44`, `${WG}#r6`]);
    expect(engine.findCitedUnits('see ¶12')).toEqual([]);
    expect(engine.findCitedUnits('see ¶12', { source: TIP }).map(unitKey)).toEqual([`${TIP}#p12`]);
  });
});

describe('references to units that do not exist', () => {
  it('note the valid range, beside what the existing references answer', async () => {
    const missing = await engine.ask('CTOC/COP/2018/2 第999段说什么？');
    expect(missing.outcome).toBe('not-found');
    expect(missing.notes.filter((n) => n.code === 'reference-not-found')).toEqual([
      { code: 'reference-not-found', problem: expect.objectContaining({ code: 'paragraph-out-of-range', number: 999, first: 1, last: 74 }) },
    ]);
    const both = await engine.ask('CTOC/COP/2018/2 第44段和第999段说了什么？');
    expect(citationsOf(both).map((c) => c.unitKey)).toContain(`${TIP}#p44`);
    expect(both.notes[0]).toMatchObject({ code: 'reference-not-found', problem: { number: 999 } });
    // 建议 N belongs to the one document that has recommendations, even unnamed.
    const rec = await engine.ask('建议 99 说了什么？');
    expect(rec.notes[0]).toMatchObject({ code: 'reference-not-found', problem: { code: 'recommendation-not-found', number: 99, first: 1, last: 11 } });
    // A bare number several documents could mean is no reference to a missing unit.
    const notMissing = (a: { notes: { code: string }[] }) => a.notes.filter((n) => n.code === 'reference-not-found');
    expect(notMissing(await engine.ask('第999段说什么？'))).toEqual([]);
    expect(notMissing(await engine.ask('CTOC/COP/2018/2 第44段说了什么？'))).toEqual([]);
  });
});

describe('follow-ups', () => {
  it('resolves an elliptical follow-up against the previous turn and answers in the language it was asked in', async () => {
    const first = await engine.ask('What did UNODC do about trafficking in persons in Mexico?');
    expect(first.lang).toBe('en');
    const history = [{ question: 'What did UNODC do about trafficking in persons in Mexico?', answer: first }];
    const follow = await engine.ask('那偷运移民呢？', { history });
    expect(follow.lang).toBe('zh');
    expect(isNotFound(follow)).toBe(false);
    expect(citationsOf(follow).some((c) => c.source === '003_eeaba24b4f8e657f')).toBe(true);
    expect(textOf(follow, metas())).toMatch(/〔.+第\d+段〕/);
  });
});
