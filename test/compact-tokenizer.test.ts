import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AutoTokenizer, env, PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactTokenizer, PieceSet } from '../embeddings/compact-tokenizer.js';

const SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'];

/** The seeds' lines: every text the tokenizer is checked on. */
async function seedLines(): Promise<string[]> {
  const files = (await readdir('seeds')).filter((f) => f.endsWith('.txt'));
  const texts = await Promise.all(files.map((f) => readFile(resolve('seeds', f), 'utf8')));
  return texts.flatMap((t) => t.split('\n').filter((l) => l.trim()));
}

/**
 * An XLM-R-style SentencePiece Unigram tokenizer (the layout of multilingual-e5-small's tokenizer.json), its
 * pieces the characters and the frequent 2–4-character substrings of the seeds, scored by frequency, so that
 * real paragraphs are cut into pieces of several lengths, as by the real model's tokenizer.
 */
function unigramTokenizer(lines: string[]): PreTrainedTokenizer {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const chars = [...`▁${line.replace(/\s+/g, '▁')}`];
    for (let i = 0; i < chars.length; i++) {
      for (let n = 1; n <= 4 && i + n <= chars.length; n++) {
        const piece = chars.slice(i, i + n).join('');
        counts.set(piece, (counts.get(piece) ?? 0) + 1);
      }
    }
  }
  const total = [...counts.values()].reduce((s, c) => s + c, 0);
  const pieces = [...counts].filter(([p, c]) => [...p].length === 1 || c >= 5).map(([p, c]): [string, number] => [p, Math.log(c / total)]);
  const json = {
    added_tokens: SPECIALS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'NFKC' },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [],
      special_tokens: { '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, byte_fallback: false, vocab: [...SPECIALS.map((s): [string, number] => [s, 0]), ...pieces] },
  };
  const config = { tokenizer_class: 'XLMRobertaTokenizer', bos_token: '<s>', eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' };
  return new PreTrainedTokenizer(json, config);
}

describe('compactTokenizer', () => {
  let lines: string[];
  beforeAll(async () => {
    lines = await seedLines();
  });

  it('replaces a Unigram tokenizer’s piece trie and cuts every seed line into the same ids as before', () => {
    const tokenizer = unigramTokenizer(lines);
    // Characters the pieces lack (one outside the BMP) fall back to <unk> as before.
    const texts = [...lines.map((l) => `passage: ${l}`), 'ꙮ𓀀 工作组'];
    const before = texts.map((t) => tokenizer.encode(t));
    // The check is only worth something if the pieces are of several lengths, as a real vocabulary's are.
    expect(new Set(before.flat()).size).toBeGreaterThan(1000);

    expect(compactTokenizer(tokenizer)).toBe(true);
    const model = (tokenizer as unknown as { model: { trie: unknown; config: { vocab?: unknown } } }).model;
    expect(model.trie).toBeInstanceOf(PieceSet);
    expect(model.config.vocab).toBeUndefined();
    const after = texts.map((t) => tokenizer.encode(t));
    expect(after).toEqual(before);
    expect(after.at(-1)).toContain(3);
  });

  it('leaves a WordPiece tokenizer (the test fixture’s) as it is', async () => {
    env.localModelPath = resolve('test/fixtures/models');
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-random-bert');
    const sample = lines.slice(0, 50).map((l) => tokenizer.encode(l));
    expect(compactTokenizer(tokenizer)).toBe(false);
    expect(lines.slice(0, 50).map((l) => tokenizer.encode(l))).toEqual(sample);
  });
});

describe('compactTokenizer on a tokenizer the set does not fit', () => {
  // Stand-ins of the library's shape: what is tested is that the tokenizer comes back as it was.
  const shaped = (encode: (usesTrie: boolean) => number[]) => {
    const trie = { commonPrefixSearch: (t: string) => [t.slice(0, 1)] };
    const config = { vocab: [['a', 0]] };
    const tokenizer = { model: { trie, config } as { trie: unknown; config: unknown }, encode: () => encode(tokenizer.model.trie === trie) };
    return { tokenizer, trie, config };
  };

  it('puts the trie and the piece list back when the ids change, or when encoding fails', () => {
    const throwsWithoutTrie = (usesTrie: boolean): number[] => {
      if (!usesTrie) throw new Error('this version needs its trie');
      return [1];
    };
    for (const encode of [(usesTrie: boolean) => (usesTrie ? [1] : [2]), throwsWithoutTrie]) {
      const { tokenizer, trie, config } = shaped(encode);
      expect(compactTokenizer(tokenizer)).toBe(false);
      expect(tokenizer.model.trie).toBe(trie);
      expect(tokenizer.model.config).toBe(config);
    }
  });
});

describe('PieceSet', () => {
  it('yields the pieces that begin a text, shortest first, walking code points', () => {
    const set = new PieceSet(['工', '工作', '工作组', '作组', '𓀀', '𓀀a']);
    expect([...set.commonPrefixSearch('工作组会议')]).toEqual(['工', '工作', '工作组']);
    expect([...set.commonPrefixSearch('作组')]).toEqual(['作组']);
    expect([...set.commonPrefixSearch('𓀀ab')]).toEqual(['𓀀', '𓀀a']);
    expect([...set.commonPrefixSearch('会议')]).toEqual([]);
  });
});
