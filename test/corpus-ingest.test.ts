/**
 * Loading a corpus folder with real files: every encoding a user's tools write is decoded or refused by name,
 * documents with errors are reported and left out while the rest loads, and metadata is validated field by field.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { decodeText } from '../retrieval/ingest/index.js';

const WG = '002_fd7eaa732a510636';
let dir: string;
let seeds: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'));
  seeds = join(dir, 'seeds');
  await cp('seeds', seeds, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const reportOf = async (file: string) => (await loadCorpus(seeds)).reports!.find((r) => r.file === file)!;
const metadata = async () => JSON.parse(await readFile(join(seeds, 'metadata.json'), 'utf8')) as Record<string, unknown>;
const setMetadata = async (m: Record<string, unknown>) => writeFile(join(seeds, 'metadata.json'), JSON.stringify(m));

describe('encodings', () => {
  const text = '一. 导言\n1. 本报告以 2008　年　1　月　24　日之前收到的资料为基础。\n';

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['UTF-16LE without a BOM', Buffer.from(`Report\r\n${text}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'utf-16be'],
    ['GB18030', Buffer.from('d2bb2e20b5bcd1d40a312e20b1beb1a8b8e6a1a3', 'hex'), 'gb18030'],
  ])('decodes %s', (_name, bytes, encoding) => {
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain('一. 导言');
  });

  it('a UTF-16 seed loads with the same units as UTF-8', async () => {
    const original = await readFile(join(seeds, `${WG}.txt`), 'utf8');
    const utf8 = (await loadCorpus(seeds)).documents.find((d) => d.meta.source === WG)!.units;
    await writeFile(join(seeds, `${WG}.txt`), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]));
    expect((await loadCorpus(seeds)).documents.find((d) => d.meta.source === WG)!.units).toEqual(utf8);
    expect((await reportOf(`${WG}.txt`)).detail).toBe('utf-16le');
  });

  it('refuses a binary file by name, and the rest of the corpus still loads', async () => {
    await writeFile(join(seeds, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 7, 8, 9]));
    const corpus = await loadCorpus(seeds);
    expect(corpus.documents).toHaveLength(5);
    const report = corpus.reports!.find((r) => r.file === 'binary.txt')!;
    expect(report.loaded).toBe(false);
    expect(report.problems).toEqual([{ code: 'unreadable', reason: expect.stringMatching(/not text in UTF-8, UTF-16 or GB18030/) }]);
  });

  it('refuses an empty file, a file without paragraphs and a corrupt PDF, naming each', async () => {
    await writeFile(join(seeds, 'empty.txt'), '');
    await writeFile(join(seeds, 'prose.md'), '# 一份说明\n\n这份文件没有编号段落。\n');
    await writeFile(join(seeds, 'broken.pdf'), '%PDF-1.7\nthis is not really a PDF');
    await writeFile(join(seeds, 'bad-word.docx'), 'PK not a zip');
    const corpus = await loadCorpus(seeds);
    expect(corpus.documents.map((d) => d.meta.source)).not.toContain('empty');
    const problems = Object.fromEntries(corpus.reports!.map((r) => [r.file, r.problems.map((p) => p.code)]));
    expect(problems['empty.txt']).toEqual(['no-paragraphs']);
    expect(problems['prose.md']).toEqual(['no-paragraphs']);
    expect(problems['broken.pdf']).toEqual(['unreadable']);
    expect(problems['bad-word.docx']).toEqual(['unreadable']);
    expect(corpus.documents).toHaveLength(5);
  });

  it('refuses duplicate and missing paragraph numbers with their line, and two files with one stem', async () => {
    await writeFile(join(seeds, 'dup.txt'), '一. 导言\n1. 第一段。\n2. 第二段。\n2. 又一个第二段。\n');
    await writeFile(join(seeds, `${WG}.md`), '1. 同名文件。\n');
    const corpus = await loadCorpus(seeds);
    expect(corpus.reports!.find((r) => r.file === 'dup.txt')!.problems).toEqual([{ code: 'duplicate-paragraph', number: 2, line: 4, firstLine: 3 }]);
    expect(corpus.reports!.find((r) => r.file === `${WG}.txt`)!.problems).toEqual([{ code: 'duplicate-stem', other: `${WG}.md` }]);
    expect(corpus.documents.map((d) => d.meta.source)).not.toContain('dup');
  });
});

describe('metadata validation', () => {
  it('names the document and field of every error; the other documents load', async () => {
    const m = await metadata();
    await setMetadata({ ...m, [WG]: null, '001_9a4ffc9ee25fcc75': { ...(m['001_9a4ffc9ee25fcc75'] as object), title: { zh: 3 } } });
    const corpus = await loadCorpus(seeds);
    expect(corpus.documents.map((d) => d.meta.source).sort()).toEqual(['000_8c987accfb8d7853', '003_eeaba24b4f8e657f', '004_4f6752799c9842c0']);
    expect((await reportOf(`${WG}.txt`)).problems).toEqual([{ code: 'metadata-invalid', field: '(entry)', message: expect.stringMatching(/expected object/) }]);
    expect((await reportOf('001_9a4ffc9ee25fcc75.txt')).problems.map((p) => ('field' in p ? p.field : p.code))).toEqual(['title.zh', 'title.en']);
  });

  it('fills defaults: a missing shortTitle is the title, missing fields are null, unknown fields are kept', async () => {
    const m = await metadata();
    const { shortTitle: _s, body: _b, ...rest } = m[WG] as Record<string, unknown>;
    await setMetadata({ ...m, [WG]: { ...rest, links: { un: 'https://undocs.org/x' } } });
    const meta = (await loadCorpus(seeds)).documents.find((d) => d.meta.source === WG)!.meta;
    expect(meta.shortTitle).toEqual(meta.title);
    expect(meta.body).toBeNull();
    expect((meta as unknown as { links: unknown }).links).toEqual({ un: 'https://undocs.org/x' });
  });

  it('refuses a second document with the same symbol, naming the first', async () => {
    const m = await metadata();
    await setMetadata({ ...m, [WG]: { ...(m[WG] as object), symbol: 'ctoc/cop/2018/2' } });
    expect((await reportOf(`${WG}.txt`)).problems).toEqual([{ code: 'duplicate-symbol', symbol: 'ctoc/cop/2018/2', other: '000_8c987accfb8d7853' }]);
  });

  it('stops with the file name on metadata that is not JSON or not an object', async () => {
    await writeFile(join(seeds, 'metadata.json'), '{"a": ');
    await expect(loadCorpus(seeds)).rejects.toThrow(/metadata\.json is not valid JSON/);
    await writeFile(join(seeds, 'metadata.json'), '[1, 2]');
    await expect(loadCorpus(seeds)).rejects.toThrow(/metadata\.json must be an object with one entry per document file stem/);
  });
});
