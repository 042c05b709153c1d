/**
 * Key terms under English answers, end to end over the real engine and seeds: the engine puts them on every
 * passage as data; the terminal text, `ask --json` and Discord show them for English answers only, labelled
 * as no translation; the eval's coverage figure counts what they cover.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessages } from '../bot/discord/answer-view.js';
import { keyTermsLine } from '../bot/shared/key-terms.js';
import { answerJson, formatAnswer, metaOfEngine } from '../bot/shared/render-answer.js';
import { strings } from '../bot/shared/strings.js';
import { quoteElements } from '../retrieval/eval/gloss-coverage.js';
import { compactText } from '../retrieval/gloss/index.js';
import { type Answer, createEngine, type Engine, glossCoverage } from '../retrieval/index.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';

let engine: Engine;
let indexDir: string;
let english: Answer;
let chinese: Answer;
const LABEL = strings('en').keyTerms;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'key-terms-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
  english = await engine.ask('How many parties does the Trafficking in Persons Protocol have, and which States joined since 2016?');
  chinese = await engine.ask('《禁止贩运人口议定书》有多少个缔约方？');
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('key terms from the engine', () => {
  it('are on every passage of every answer, each a piece of its quote', () => {
    for (const answer of [english, chinese]) {
      expect(answer.outcome).not.toBe('not-found');
      for (const p of [...answer.passages, ...answer.related]) {
        expect(p.glosses).toBeDefined();
        for (const g of p.glosses!) expect(compactText(p.quote)).toContain(g.zh);
      }
    }
    const terms = english.passages.flatMap((p) => p.glosses!).map((g) => `${g.zh} ${g.en}`);
    expect(terms).toEqual(expect.arrayContaining(['173个缔约方 173 parties', '斐济 Fiji', '巴勒斯坦国 State of Palestine']));
  });
});

describe('front ends', () => {
  it('the terminal shows the labelled line under each quote of an English answer, never under a Chinese one', () => {
    const lines = formatAnswer(english, metaOfEngine(engine)).split('\n');
    const at = lines.findIndex((l) => l.includes('173个缔约方'));
    expect(lines[at]).toMatch(/^According to .*「/);
    expect(lines[at + 1]).toBe(`  ${keyTermsLine(english.passages.find((p) => p.quote.includes('173'))!, 'en')}`);
    expect(lines[at + 1]).toMatch(/^ {2}Key terms \(glossary, not a translation\): .*173个缔约方 173 parties · /);
    expect(formatAnswer(chinese, metaOfEngine(engine))).not.toContain(strings('zh').keyTerms);
    expect(formatAnswer(chinese, metaOfEngine(engine))).not.toContain(LABEL);
  });

  it('ask --json carries them per passage for English answers and an empty list for Chinese ones', () => {
    const en = answerJson(english, metaOfEngine(engine));
    expect(en.passages[0]!.glosses).toEqual(english.passages[0]!.glosses);
    expect(en.passages[0]!.glosses.length).toBeGreaterThan(0);
    expect(en.answer).toContain(LABEL);
    const zh = answerJson(chinese, metaOfEngine(engine));
    for (const p of zh.passages) expect(p.glosses).toEqual([]);
  });

  it('Discord puts them in small text under the quote, for English answers only', () => {
    const noSpans = () => null;
    const text = answerMessages('Q', english, noSpans)
      .flatMap((m) => m.embeds ?? [])
      .map((e) => e.description ?? '')
      .join('\n');
    expect(text).toMatch(/\n-# Key terms \(glossary, not a translation\): .*173个缔约方 173 parties/);
    const zhText = answerMessages('问', chinese, noSpans)
      .flatMap((m) => m.embeds ?? [])
      .map((e) => e.description ?? '')
      .join('\n');
    expect(zhText).not.toContain('-# ');
  });
});

describe('coverage of names, numbers and dates', () => {
  it('finds the elements of a quote independently of the glosses, leaving out the article 一, list numbers and bare digits', () => {
    const tokenizer = new Tokenizer();
    const quote = compactText('1.组织事项。2016年11月，在印度举办了一个讲习班，有62所学校参加，增加了76%。');
    const found = quoteElements(quote, tokenizer).map((e) => `${e.kind}:${quote.slice(e.start, e.end)}`);
    expect(found).toEqual(expect.arrayContaining(['name:印度', 'date:2016年', 'date:11月', 'number:62']));
    expect(found.some((f) => f.endsWith(':一') || f.endsWith(':1') || f.includes('76'))).toBe(false);
  });

  it('counts what the glosses cover and lists the rest', () => {
    const quote = english.passages.find((p) => p.quote.includes('173'))!;
    const covered = glossCoverage([quote]);
    // 173个缔约方 and 第八届会议.
    expect(covered.counts.number).toEqual({ covered: 2, total: 2 });
    expect(covered.counts.name.covered).toBe(covered.counts.name.total);
    const bare = glossCoverage([{ quote: quote.quote, glosses: [] }]);
    expect(bare.counts.name.covered).toBe(0);
    expect(bare.missed.get('斐济')).toBe(1);
  });
});
