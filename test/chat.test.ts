import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../retrieval/api.js';
import { createEngine } from '../retrieval/engine.js';
import { chatSession } from './helpers/chat-session.js';

let engine: Engine;
let indexDir: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'chat-'));
  engine = await createEngine({ indexDir, embeddings: 'off', log: () => {} });
});
afterAll(async () => {
  await engine.close();
  await rm(indexDir, { recursive: true, force: true });
});

const session = (lines: string[]) => chatSession(engine, lines);

describe('terminal chat', () => {
  it('answers questions with citations, shows paragraphs and recommendations, and survives bad input', async () => {
    const out = await session([
      '/p CTOC/COP/2018/2 44',
      '/p CTOC/COP/2018/2 999',
      '/rec 6',
      '/bogus',
      '毒品和犯罪问题办公室在萨尔瓦多为哪个城市更新了贩运人口法律？',
      '/quit',
      'never reached',
    ]);
    expect(out).toContain('CTOC/COP/2018/2 第44段');
    expect(out).toMatch(/valid paragraphs are 1-74/);
    expect(out).toContain('贩运人口问题工作组报告草稿（2019）建议 6');
    expect(out).toMatch(/Unknown command \/bogus/);
    expect(out).toMatch(/来源：\n- CTOC\/COP\/2018\/2 第46段/);
    expect(out).not.toContain('never reached');
  });

  it('does not carry the previous topic into a new, unrelated question', async () => {
    const out = await session(['偷运移民议定书的宗旨是什么？', '今天天气怎么样？']);
    expect(out).toMatch(/> 在这些文件中未找到答案。/);
  });

  it('limits questions to one document with /doc', async () => {
    const out = await session(['/doc 003', '偷运移民议定书的宗旨是什么？', '/doc nowhere']);
    expect(out).toContain('Questions now limited to 003_eeaba24b4f8e657f');
    const sources = out
      .slice(out.indexOf('来源：'))
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((l) => !l.includes('CTOC/COP/2018/2'))).toBe(true);
    expect(out).toMatch(/Unknown or ambiguous document “nowhere”/);
  });
});
