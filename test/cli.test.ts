import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const metadata = JSON.parse(await readFile('seeds/metadata.json', 'utf8')) as Record<string, { symbol: string | null; status: string }>;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a package.json script's entry point the way `npm run` does, in keyword mode with a private index. */
function run(script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; stdout?: number } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bot/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EMBEDDINGS: 'off', INDEX_DIR: join(dir, 'index'), DISCORD_TOKEN: '', ...opts.env },
    stdio: ['ignore', opts.stdout ?? 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('command-line scripts', () => {
  it('ask --json prints one object with the promised fields', () => {
    const r = run('ask', ['--json', '北非混合移民问题工作队是什么时候成立的？']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.out);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) {
      expect(Object.keys(c).sort()).toEqual(['label', 'lang', 'paragraph', 'quote', 'recommendation', 'score', 'source', 'status', 'url', 'versions']);
      // The seeds are Chinese only: every quote is from the Chinese text, and no other version is offered.
      expect(c.lang).toBe('zh');
      expect(c.versions).toEqual([]);
      expect(typeof c.score).toBe('number');
      // The link is the official text of the cited document, in the answer's language, exactly when it has a symbol.
      const symbol = metadata[c.source].symbol;
      expect(c.url).toBe(symbol ? `https://undocs.org/${answer.lang}/${symbol}` : null);
      expect(c.status).toBe(metadata[c.source].status);
    }
  });

  it('ask prints a human answer and rejects an empty question', () => {
    const r = run('ask', ['Blue Heart Campaign']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sources:/);
    const empty = run('ask', ['   ']);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/usage: npm run ask/);
  });

  it('dump --json prints every unit as JSON Lines', () => {
    const r = run('dump', ['--json']);
    expect(r.code).toBe(0);
    const units = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(units.filter((u) => u.kind === 'paragraph')).toHaveLength(74 + 26 + 39 + 60 + 93);
    expect(units.filter((u) => u.kind === 'recommendation')).toHaveLength(11);
    expect(units.filter((u) => u.kind === 'summary')).toHaveLength(1);
    expect(Object.keys(units[0]).sort()).toEqual(['kind', 'lang', 'paragraph', 'recommendation', 'section', 'source', 'text']);
    expect(new Set(units.map((u) => u.lang))).toEqual(new Set(['zh']));
  });

  // One process per lookup: each test stays well inside the timeout on a busy machine.
  it('paragraph looks up exactly', () => {
    const p = run('paragraph', ['CTOC/COP/2018/2', '44']);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^CTOC\/COP\/2018\/2 第44段 {2}· {2}CTOC\/COP\/2018\/2, para\. 44/);
  });

  it('paragraph refuses a paragraph or document that does not exist, saying what does', () => {
    const bad = run('paragraph', ['000_8c987accfb8d7853', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/valid paragraphs are 1-74/);
    const unknown = run('paragraph', ['XYZ', '3']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown or ambiguous document “XYZ”/);
  });

  it('recommendation looks up exactly, with the valid range on error', () => {
    const rec = run('recommendation', ['--json', '11']);
    expect(rec.code).toBe(0);
    expect(JSON.parse(rec.out)).toMatchObject({ kind: 'recommendation', recommendation: 11, paragraph: 5 });
    expect(run('recommendation', ['99']).err).toMatch(/valid numbers are 1-11/);
  });

  it('eval prints recall per language and writes rankings', async () => {
    const file = join(dir, 'qa.jsonl');
    const out = join(dir, 'ranked.jsonl');
    await writeFile(
      file,
      [
        { id: 'a', lang: 'zh', question: '蓝心运动的全国学校作文比赛有多少学生参加？', gold: [{ source: '000_8c987accfb8d7853', paragraph: 65 }] },
        { id: 'b', lang: 'zh', question: '今天天气怎么样？' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const r = run('eval', [file, '--json', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/zh\s+1\s+1\.00\s+1\.00\s+1\.00\s+1\.00/);
    expect(r.out).toMatch(/abstention: 1\/1 questions without gold abstained/);
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].id).toBe('a');
    expect(lines[0].ranked.length).toBeGreaterThanOrEqual(10);
    expect(lines[0].ranked[0]).toEqual({ source: '000_8c987accfb8d7853', paragraph: 65 });
  });

  it('eval --glosses prints how many names, numbers and dates of the quotes the key terms cover', async () => {
    const file = join(dir, 'glosses.jsonl');
    await writeFile(
      file,
      JSON.stringify({
        id: 'g',
        lang: 'en',
        question: 'Which States became parties to the Trafficking in Persons Protocol since 2016?',
        gold: [{ source: '000_8c987accfb8d7853', paragraph: 2 }],
      }),
    );
    const r = run('eval', [file, '--glosses']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/key terms: names, numbers and dates of the quotes that a gloss covers/);
    const lines = r.out.split('\n');
    const row = lines.slice(lines.findIndex((l) => l.startsWith('key terms'))).find((l) => l.startsWith('en '))!;
    // lang, quotes, then covered/total and share for names, numbers, dates and all.
    const [covered, total] = row.trim().split(/\s+/).at(-2)!.split('/').map(Number);
    expect(row.trim().split(/\s+/)[2]).toBe('4/4'); // 斐济, 日本, 马尔代夫, 巴勒斯坦国
    expect(total).toBeGreaterThanOrEqual(6);
    expect(covered).toBe(total);
    expect(run('eval', [file]).out).not.toMatch(/key terms/);
  });

  it('rejects unknown flags, flags without their value and stray arguments with the usage and exit 2', () => {
    for (const [script, args, why] of [
      ['ask', ['--jsn', 'x'], /^Error: Unknown option '--jsn'/],
      ['ask', ['蓝心运动', '--doc'], /^Error: Option '--doc <value>' argument missing/],
      ['ask', ['--doc', '--json', '蓝心运动'], /^Error: Option '--doc' argument is ambiguous/],
      ['dump', ['--jsonl'], /^Error: Unknown option '--jsonl'/],
      ['paragraph', ['000', '44', '45'], /^Error: unexpected argument: 45/],
      ['recommendation', ['--doc'], /^Error: Option '--doc <value>' argument missing/],
      ['eval', [], /^Error: missing argument/],
      ['build-index', ['now'], /^Error: unexpected argument: now/],
    ] as const) {
      const r = run(script, [...args]);
      expect(r.code, `${script} ${args.join(' ')}`).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err).toMatch(/\nusage: npm run /);
      expect(r.out).toBe('');
    }
    const help = run('ask', ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: npm run ask -- \[--json\] \[--doc DOCUMENT\] "question"/);
    // A question that starts with a dash goes after --, as the usage says.
    expect(run('ask', ['--', '--jsn']).code).toBe(0);
  });

  it('looks up without loading the embedding model or printing its warning', () => {
    // The model is wanted but cannot be had (offline, no such folder): only lookups may stay silent about it.
    const env = { EMBEDDINGS: 'auto', OFFLINE: '1', MODELS_DIR: join(dir, 'no-models') };
    for (const [script, args] of [
      ['paragraph', ['000', '44']],
      ['recommendation', ['6']],
      ['dump', ['--json']],
    ] as const) {
      const r = run(script, [...args], { env });
      expect(r.code).toBe(0);
      expect(r.err).not.toMatch(/Embedding model|embedding worker|Warning/i);
    }
    expect(run('ask', ['蓝心运动'], { env }).err).toMatch(/Warning: Embedding model/);
  });

  it.skipIf(!existsSync('/dev/full'))('exits 1 when its output cannot be written', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = run('dump', ['--json'], { stdout: full });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Error: could not write the output: ENOSPC/);
    } finally {
      closeSync(full);
    }
  });

  it('names the valid range, never a rounded or exponent number, for numbers beyond any document', () => {
    for (const n of ['100000000000000000000000', '9007199254740993']) {
      const p = run('paragraph', ['000', n]);
      expect(p.code).toBe(2);
      expect(p.err).toMatch(/^Error: CTOC\/COP\/2018\/2 has no paragraph with so large a number: valid paragraphs are 1-74\.$/m);
      expect(p.err).not.toMatch(/e\+|Infinity|9007199254740992/);
      const r = run('recommendation', [n]);
      expect(r.err).toMatch(/^Error: No recommendation has so large a number: valid numbers are 1-11\.$/m);
    }
    for (const n of ['1e+23', 'Infinity', '4.0']) expect(run('paragraph', ['000', n]).err).toMatch(/paragraph number must be a positive whole number/);
  });

  it('answers a question naming a paragraph that does not exist with the valid range', () => {
    const zh = run('ask', ['CTOC/COP/2018/2 第999段说什么？']);
    expect(zh.code).toBe(0);
    expect(zh.out.split('\n')[0]).toBe('CTOC/COP/2018/2 没有第999段：段落编号为 1–74。');
    const en = run('ask', ['--json', 'What does CTOC/COP/2018/2, para. 100000000000000000000000 say?']);
    const answer = JSON.parse(en.out);
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toBe('CTOC/COP/2018/2 has no paragraph with so large a number: valid paragraphs are 1-74.');
    expect(answer.notes[0]).toBe(answer.answer);
    // The plain answer leads with the range and does not list the reference's own words as unmentioned.
    const plain = run('ask', ['What does CTOC/COP/2018/2, para. 999 say?']);
    expect(plain.out.split('\n')[0]).toBe('CTOC/COP/2018/2, para. 999 does not exist: valid paragraphs are 1-74.');
    expect(plain.out).not.toMatch(/do not mention/);
  });

  it('checks every line of an eval file and names each problem by file and line, exit 2, before scoring anything', async () => {
    const file = join(dir, 'bad-qa.jsonl');
    const lines = [
      { id: 'a', lang: 'zh', question: '蓝心运动是什么？', gold: [{ source: '000_8c987accfb8d7853', paragraph: 64 }] },
      '{"id": "b", "question": ',
      null,
      { id: 'c', lang: 'zh' },
      { id: 'a', lang: 'cn', question: 'q' },
      { id: 'e', lang: 'en', question: 'q', gold: [{ source: 'CTOC/COP/2018/2', paragraph: 44 }] },
      { id: 'f', lang: 'en', question: 'q', gold: [{ source: '000_8c987accfb8d7853', paragraph: '44' }] },
      { id: 'g', lang: 'en', question: 'q', gold: [{ source: '000_8c987accfb8d7853', paragraph: 999 }] },
      { id: 'h', lang: 'en', question: 'q', gold: [] },
    ];
    await writeFile(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    const r = run('eval', [file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const shown = r.err.split('\n').filter((l) => l.startsWith(file));
    expect(shown).toEqual([
      `${file}:2: not valid JSON`,
      `${file}:3: not a JSON object`,
      `${file}:4: "question" is missing`,
      `${file}:5: lang "cn" is neither "zh" nor "en"`,
      `${file}:5: id "a" is already used on line 1`,
      `${file}:7: gold[0].paragraph must be a whole number, not "44"`,
      `${file}:9: "gold" is empty: list the paragraphs that answer, or leave "gold" out for a question the documents do not answer`,
    ]);
    expect(r.err).toMatch(/^Error: the eval file has 7 problems:/);
    // Once the lines parse, the gold is checked against the corpus: a symbol for a stem, a paragraph beyond the document.
    await writeFile(file, [lines[0], lines[5], lines[7]].map((l) => JSON.stringify(l)).join('\n'));
    const gold = run('eval', [file]);
    expect(gold.code).toBe(2);
    expect(gold.err.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}:2: gold[0].source "CTOC/COP/2018/2" is not a document's file stem; it names 000_8c987accfb8d7853: write "000_8c987accfb8d7853"`,
      `${file}:3: gold[0].paragraph 999 does not exist: 000_8c987accfb8d7853 has paragraphs 1-74`,
    ]);
  });

  it('refuses an empty or missing eval file, and an output that would overwrite the input', async () => {
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '\n  \n');
    const e = run('eval', [empty]);
    expect(e.code).toBe(2);
    expect(e.err).toContain(`Error: ${empty} has no questions: it should hold one JSON object per line`);
    const missing = run('eval', [join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`Error: cannot read ${join(dir, 'nope.jsonl')} (ENOENT)`);
    const file = join(dir, 'keep.jsonl');
    const text = `${JSON.stringify({ id: 'a', lang: 'zh', question: '蓝心运动是什么？', gold: [{ source: '000_8c987accfb8d7853', paragraph: 64 }] })}\n`;
    await writeFile(file, text);
    for (const out of [file, join(dir, '.', 'keep.jsonl')]) {
      const r = run('eval', [file, '--json', out]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--json .*keep\.jsonl is the input file/);
    }
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
