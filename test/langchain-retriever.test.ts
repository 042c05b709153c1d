import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../retrieval/index.js';
import { UnitRetriever } from '../retrieval/langchain/index.js';

const TIP = '000_8c987accfb8d7853';
let engine: Engine;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'lc-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('UnitRetriever (LangChain BaseRetriever over the engine)', () => {
  it('returns the engine’s best units as Documents whose metadata cite them', async () => {
    const retriever = new UnitRetriever({ engine, k: 3 });
    const docs = await retriever.invoke('What is the Blue Heart Campaign?');
    const hits = await engine.search('What is the Blue Heart Campaign?', { k: 3 });
    expect(docs).toHaveLength(3);
    docs.forEach((d, i) => {
      const unit = hits[i]!.unit;
      expect(d.pageContent).toBe(unit.text);
      expect(d.metadata).toMatchObject({
        source: unit.source,
        kind: unit.kind,
        paragraph: unit.paragraph,
        label: engine.label(unit, 'en'),
        score: hits[i]!.score,
      });
    });
  });

  it('labels in the language asked for and keeps to one document', async () => {
    const docs = await new UnitRetriever({ engine, k: 5, source: TIP, lang: 'zh' }).invoke('偷运移民');
    expect(docs.length).toBe(5);
    for (const d of docs) {
      expect(d.metadata.source).toBe(TIP);
      expect(d.metadata.label).toMatch(/^CTOC\/COP\/2018\/2 第\d+段$/);
      expect(d.metadata.unitKey).toBe(`${TIP}#p${d.metadata.paragraph}`);
    }
  });
});
