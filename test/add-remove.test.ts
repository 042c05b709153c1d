/**
 * `npm run add` and `npm run remove` as a user runs them, on a copy of the seeds: a PDF goes in with its
 * metadata read from its title block and only its units indexed, a bad file changes nothing, and a running
 * engine switches to the new index without a restart and without dropping a question.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../retrieval/index.js';

const TIP = '000_8c987accfb8d7853';
let dir: string;
let seeds: string;
let indexDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'add-remove-'));
  seeds = join(dir, 'seeds');
  indexDir = join(dir, 'index');
  await cp('seeds', seeds, { recursive: true });
  // The corpus without CTOC/COP/2018/2, which the PDF fixture brings back.
  await rm(join(seeds, `${TIP}.txt`));
  const metadata = JSON.parse(await readFile(join(seeds, 'metadata.json'), 'utf8'));
  delete metadata[TIP];
  await writeFile(join(seeds, 'metadata.json'), JSON.stringify(metadata, null, 2));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bot/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EMBEDDINGS: 'off', SEEDS_DIR: seeds, INDEX_DIR: indexDir, DISCORD_TOKEN: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run add / remove', () => {
  it('adds a UN PDF: metadata from its title block, its report, only its units indexed; remove takes it out again', async () => {
    expect(run('build-index', []).code).toBe(0);
    const pdf = join(dir, 'ctoc-cop-2018-2.pdf');
    await cp(`test/fixtures/layout/${TIP}.pdf`, pdf);
    const added = run('add-document', [pdf, '--title-en', 'UNODC activities report (2018)']);
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added');
    expect(added.out).toMatch(/read from its title block: symbol, date, body, session, title\.zh/);
    expect(added.out).toMatch(/ctoc-cop-2018-2\.pdf \(13 pages\): 74 paragraphs, 0 recommendations, no summary · removed: .* furniture lines/);
    expect(added.out).toMatch(/(\d[\d,]*) of \1 characters accounted for/);
    expect(added.err).toContain('Updating keyword index: document added: ctoc-cop-2018-2.pdf (74 units tokenised).');
    const meta = JSON.parse(await readFile(join(seeds, 'metadata.json'), 'utf8'))['ctoc-cop-2018-2'];
    expect(meta).toMatchObject({ symbol: 'CTOC/COP/2018/2', date: '2018-07-23', session: '第九届会议', title: { en: 'UNODC activities report (2018)' } });
    expect(meta.title.zh).toMatch(/而开展的活动$/);

    const asked = run('paragraph', ['CTOC/COP/2018/2', '44']);
    expect(asked.code).toBe(0);
    expect(asked.out).toContain('吉尔吉斯斯坦');

    const removed = run('remove-document', ['CTOC/COP/2018/2']);
    expect(removed.code).toBe(0);
    expect(removed.err).toContain('document removed: ctoc-cop-2018-2.pdf');
    expect(await readdir(seeds)).not.toContain('ctoc-cop-2018-2.pdf');
    expect(run('paragraph', ['CTOC/COP/2018/2', '44']).code).toBe(2);
  });

  it('refuses a file with errors, printing its report, and changes nothing', async () => {
    const bad = join(dir, 'bad.txt');
    await writeFile(bad, '一. 导言\n1. 第一段。\n3. 第三段。\n');
    const before = await readFile(join(seeds, 'metadata.json'), 'utf8');
    const r = run('add-document', [bad]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('error: line 3: paragraph 2 is missing (numbering jumps to this line)');
    expect(r.err).toMatch(/bad\.txt was not added: 1 error\(s\), listed above\. Nothing was changed\./);
    expect(await readdir(seeds)).not.toContain('bad.txt');
    expect(await readFile(join(seeds, 'metadata.json'), 'utf8')).toBe(before);
  });

  it('refuses a document already in the corpus, and an unknown one to remove', async () => {
    const again = run('add-document', [join(seeds, '002_fd7eaa732a510636.txt')]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already has a document 002_fd7eaa732a510636/);
    const unknown = run('remove-document', ['no-such-document']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/No document “no-such-document” in the corpus/);
  });
});

describe('a running engine', () => {
  it('switches to the index another process updated, answering every question meanwhile', async () => {
    const logs: string[] = [];
    const engine = await createEngine({ seedsDir: seeds, indexDir, embeddings: 'off', watch: true, watchIntervalMs: 100, log: (m) => logs.push(m) });
    try {
      expect(engine.resolveDocument('CTOC/COP/2018/2')).toBeNull();
      const before = engine.status().units;
      let answered = 0;
      let asking = true;
      const loop = (async () => {
        while (asking) {
          const a = await engine.ask('蓝心运动');
          if (a.passages.length) answered++;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await cp(`test/fixtures/layout/${TIP}.pdf`, join(dir, 'ctoc.pdf'));
      expect(run('add-document', [join(dir, 'ctoc.pdf')]).code).toBe(0);
      const deadline = Date.now() + 15_000;
      while (engine.status().units === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      asking = false;
      await loop;
      expect(engine.status().units).toBe(before + 74);
      expect(engine.paragraph(engine.resolveDocument('CTOC/COP/2018/2')!.source, 44).text).toContain('吉尔吉斯斯坦');
      expect(answered).toBeGreaterThan(0);
      expect(logs.join('\n')).toMatch(/Index changed: now 5 documents, 304 units \(was 4, 230\)/);
    } finally {
      await engine.close();
    }
  });
});
