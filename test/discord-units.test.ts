import { describe, expect, it } from 'vitest';
import { answerMessages } from '../bot/discord/answer-view.js';
import { readBotConfig } from '../bot/discord/config.js';
import { citeId, feedbackId, pageId, parseButtonId, referenceId, versionId } from '../bot/discord/custom-ids.js';
import { quoteBlocks } from '../bot/discord/quote-format.js';
import { RateLimiter } from '../bot/discord/rate-limit.js';
import { packBlocks, splitText, truncate } from '../bot/discord/split-text.js';
import { WorkQueue } from '../bot/discord/work-queue.js';
import { shownLabel } from '../bot/shared/citation-text.js';
import type { Answer, Passage } from '../retrieval/types.js';
import { unescapeText } from './fake-discord/inspect.js';
import { messageProblems } from './fake-discord/validate.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitText', () => {
  it('returns short text unchanged and nothing for blank text', () => {
    expect(splitText('短文本。', 10)).toEqual(['短文本。']);
    expect(splitText('   ', 2)).toEqual([]);
  });

  it('never splits a surrogate pair, an emoji sequence or a combining mark', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = `${'😀'.repeat(7)}${family}e\u0301${'🇺🇳'.repeat(5)}`.repeat(9);
    for (const limit of [2, 3, 5, 11, 12, 13, 50]) {
      const pieces = splitText(text, Math.max(limit, family.length));
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(Math.max(limit, family.length));
        expect(LONE_SURROGATE.test(p)).toBe(false);
        expect(p.startsWith('\u0301') || p.startsWith('\u200d') || p.endsWith('\u200d')).toBe(false);
      }
      expect(pieces.join('')).toBe(text);
    }
  });

  it('prefers sentence ends and keeps a label with the sentence it follows', () => {
    const sentence = (n: number) => `「第${n}句话的内容在这里，说明了一些事情。」〔CTOC/COP/2018/2 第${n}段〕`;
    const text = Array.from({ length: 30 }, (_, i) => sentence(i + 1)).join('');
    const pieces = splitText(text, 200);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p).toMatch(/^「第\d+句/);
      expect(p).toMatch(/段〕$/);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('does not break inside protected labels, even ones with full stops', () => {
    const label = 'CTOC/COP/2018/2, para. 44';
    const text = Array.from({ length: 40 }, () => `According to ${label}: the text. More words follow here`).join(' ');
    const pieces = splitText(text, 97, [label]);
    const count = (s: string) => s.split(label).length - 1;
    expect(pieces.reduce((n, p) => n + count(p), 0)).toBe(40);
    expect(squash(pieces.join(''))).toBe(squash(text));
  });

  it('never separates a Markdown escape from the character it escapes', () => {
    const text = '\\*'.repeat(50);
    const pieces = splitText(text, 9);
    for (const p of pieces) expect(p.endsWith('\\')).toBe(false);
    expect(pieces.join('')).toBe(text);
  });

  it('cuts inside a protected span only when that span alone exceeds the limit', () => {
    const huge = `〔${'很'.repeat(100)}〕`;
    const pieces = splitText(huge, 30);
    expect(pieces.join('')).toBe(huge);
    expect(pieces.every((p) => p.length <= 30)).toBe(true);
  });

  it('rejects a nonsensical limit', () => {
    expect(() => splitText('abc', 1)).toThrow(RangeError);
  });
});

describe('truncate and packBlocks', () => {
  it('truncates at a clean break with an ellipsis', () => {
    const t = truncate('一二三四五。六七八九十。'.repeat(5), 20);
    expect(t.length).toBeLessThanOrEqual(20);
    expect(t.endsWith('。…')).toBe(true);
    expect(truncate('short', 20)).toBe('short');
  });

  it('packs whole blocks and only splits a block that alone is too long', () => {
    const blocks = ['a'.repeat(900), 'b'.repeat(900), 'c'.repeat(900), `${'长句子。'.repeat(700)}`];
    const out = packBlocks(blocks, 2000);
    expect(out[0]).toBe(`${'a'.repeat(900)}\n\n${'b'.repeat(900)}`);
    expect(out[1].startsWith('c'.repeat(900))).toBe(true);
    expect(out.every((m) => m.length <= 2000)).toBe(true);
    expect(squash(out.join(''))).toBe(squash(blocks.join('')));
  });
});

describe('quoteBlocks', () => {
  it('quotes escaped document text under the whole label, repeating the label on continuations', () => {
    const text = '# 标题 *强调* _下划线_ [链接](#) 1. 列表'.concat('这是一个很长的句子。'.repeat(400));
    const blocks = quoteBlocks('CTOC/COP/2018/2 第44段', text, 'zh', 2000);
    expect(blocks.length).toBeGreaterThan(1);
    blocks.forEach((b, i) => {
      expect(b.length).toBeLessThanOrEqual(2000);
      const [head, ...body] = b.split('\n');
      expect(head).toBe(i === 0 ? '**CTOC/COP/2018/2 第44段**' : '**CTOC/COP/2018/2 第44段**（续）');
      expect(body.every((line) => line.startsWith('> '))).toBe(true);
    });
    expect(blocks[0]).toContain('\\*强调\\*');
    expect(blocks[0]).toContain('\\_下划线\\_');
    const shown = blocks
      .map((b) =>
        b
          .split('\n')
          .slice(1)
          .map((l) => l.slice(2))
          .join('\n'),
      )
      .join('');
    expect(squash(unescapeText(shown))).toBe(squash(text));
  });
});

/** These answers quote made-up text, so no quote is found in a unit. */
const noSpans = () => null;

function passage(n: number, quote: string, label = `CTOC/COP/2018/2 第${n}段`): Passage {
  const source = '000_8c987accfb8d7853';
  return {
    quote,
    citations: [
      {
        unitKey: `${source}#p${n}`,
        kind: 'paragraph',
        source,
        paragraph: n,
        recommendation: null,
        label,
        url: null,
        status: 'final',
        lang: 'zh',
        versions: [],
      },
    ],
    role: 'answer',
    score: 1 / n,
  };
}

describe('answer view', () => {
  it('renders the passages with their labels and keeps sources out of the text, in the answer language', () => {
    const zh: Answer = { outcome: 'answered', confidence: 0.8, lang: 'zh', passages: [passage(1, '甲。'), passage(2, '乙。')], related: [], notes: [] };
    const [msg] = answerMessages('问', zh, noSpans);
    expect(msg.embeds![0].description).toBe('「甲。」〔CTOC/COP/2018/2 第1段〕\n「乙。」〔CTOC/COP/2018/2 第2段〕');
    expect(msg.embeds![0].fields).toEqual([{ name: '来源', value: '• CTOC/COP/2018/2 第1段\n• CTOC/COP/2018/2 第2段' }]);
    const en: Answer = { ...zh, lang: 'en', passages: [passage(1, '甲。', 'CTOC/COP/2018/2, para. 1')] };
    expect(answerMessages('Q', en, noSpans)[0].embeds![0].description).toBe('According to CTOC/COP/2018/2, para. 1: 「甲。」');
  });

  it('splits an oversized answer into valid messages without cutting labels, with buttons on the first only', () => {
    const passages = Array.from({ length: 30 }, (_, i) => passage(i + 1, `第${i + 1}段的引文，说明了贩运人口问题的一些方面。`.repeat(12)));
    const answer: Answer = { outcome: 'answered', confidence: 0.9, lang: 'zh', passages, related: [], notes: [{ code: 'citations-removed', count: 1 }] };
    const messages = answerMessages('问题 😀 *加粗*', answer, noSpans);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(messageProblems(m as Record<string, unknown>)).toEqual([]);
    expect(messages[0].components).toHaveLength(5);
    expect(messages.slice(1).every((m) => !m.components)).toBe(true);
    const descriptions = messages.flatMap((m) => m.embeds!.map((e) => e.description ?? ''));
    for (const p of passages) expect(descriptions.filter((d) => d.includes(`〔${p.citations[0]!.label}〕`))).toHaveLength(1);
    expect(squash(descriptions.join(''))).toBe(squash(passages.map((p) => `「${p.quote}」〔${p.citations[0]!.label}〕`).join('')));
    expect(messages[0].embeds![0].title).toBe('问题 😀 \\*加粗\\*');
  });

  it('marks a draft wherever it is cited, unless its name already says so', () => {
    const draft = (label: string, n: number): Passage => {
      const p = passage(n, '甲乙丙丁。', label);
      return { ...p, citations: [{ ...p.citations[0]!, status: 'draft', url: 'https://undocs.org/en/X/2019/L.1' }] };
    };
    const answer: Answer = {
      outcome: 'answered',
      confidence: 1,
      lang: 'en',
      passages: [draft('X/2019/L.1, para. 3', 3), draft('Draft report of the Working Group (2019), para. 4', 4)],
      related: [],
      notes: [],
    };
    const [msg] = answerMessages('Q', answer, noSpans);
    expect(msg.embeds![0].description).toBe(
      'According to X/2019/L.1, para. 3 (draft): 「甲乙丙丁。」\nAccording to Draft report of the Working Group (2019), para. 4: 「甲乙丙丁。」',
    );
    expect(msg.embeds![0].fields![0]!.value).toBe(
      '• [X/2019/L.1, para. 3 (draft)](https://undocs.org/en/X/2019/L.1)\n• [Draft report of the Working Group (2019), para. 4](https://undocs.org/en/X/2019/L.1)',
    );
    expect((msg.components![0]!.components[0] as any).label).toBe('X/2019/L.1, para. 3 (draft)');
    expect(shownLabel({ label: 'X/2019/L.1 第3段', status: 'draft' }, 'zh')).toBe('X/2019/L.1 第3段（草稿）');
    expect(shownLabel({ label: '贩运人口问题工作组报告草稿（2019）第3段', status: 'draft' }, 'zh')).toBe('贩运人口问题工作组报告草稿（2019）第3段');
    expect(shownLabel({ label: 'X/2019/1 第3段', status: 'final' }, 'zh')).toBe('X/2019/1 第3段');
  });

  it('shows an abstention as not found with the possibly related paragraphs', () => {
    const answer: Answer = {
      outcome: 'not-found',
      confidence: 0.1,
      lang: 'en',
      passages: [],
      related: [{ ...passage(7, 'related text', 'CTOC/COP/2018/2, para. 7'), role: 'context' }],
      notes: [],
    };
    const [msg] = answerMessages('Weather in Paris?', answer, noSpans);
    expect(msg.embeds![0].description).toBe('**Not found in these documents.**');
    expect(msg.embeds![0].fields![0]).toEqual({ name: 'Possibly related', value: '• **CTOC/COP/2018/2, para. 7**: related text' });
    expect(msg.components![0].components[0]).toMatchObject({ custom_id: 'cite:en:000_8c987accfb8d7853:p:7' });
  });
});

describe('button ids', () => {
  it('round-trip every action and reject malformed ids', () => {
    const ref = { source: '002_fd7eaa732a510636', kind: 'recommendation' as const, paragraph: null, recommendation: 6 };
    expect(parseButtonId(citeId(ref, 'en'))).toEqual({ type: 'cite', lang: 'en', ref, span: null });
    expect(parseButtonId(feedbackId('down'))).toEqual({ type: 'feedback', vote: 'down' });
    expect(parseButtonId(pageId('recs', 'zh', '*', 2))).toEqual({ type: 'page', view: 'recs', lang: 'zh', arg: '*', page: 2 });
    for (const bad of ['', 'cite:xx:a:p:1', 'cite:zh:a:q:1', 'cite:zh:a:p:x', 'fb:maybe', 'page:recs:zh:*:-1', 'nope:1']) {
      expect(parseButtonId(bad)).toBeNull();
    }
  });

  it('carry a quote span on 📄 and a subparagraph and span on Cite, within Discord’s 100 characters', () => {
    const ref = { source: '000_8c987accfb8d7853', kind: 'paragraph' as const, paragraph: 44, recommendation: null };
    const span = { start: 120, end: 305 };
    expect(citeId(ref, 'zh', span)).toBe('cite:zh:000_8c987accfb8d7853:p:44:120-305');
    expect(parseButtonId(citeId(ref, 'zh', span))).toEqual({ type: 'cite', lang: 'zh', ref, span });
    for (const sub of ['b', null]) {
      const id = referenceId({ ref, sub, span }, 'en');
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseButtonId(id)).toEqual({ type: 'reference', lang: 'en', target: { ref, sub, span } });
    }
    expect(referenceId({ ref, sub: null, span }, 'en')).toBe('ref:en:000_8c987accfb8d7853:p:44:-:120-305');
    for (const bad of ['cite:zh:a:p:1:5-5', 'cite:zh:a:p:1:9-3', 'cite:zh:a:p:1:1-2:x', 'ref:en:a:p:1:bb:0-4', 'ref:en:a:p:1:-', 'ref:en:a:p:1:b:x-4']) {
      expect(parseButtonId(bad)).toBeNull();
    }
  });

  it('name a language version as unit keys do: Chinese as before, English with @en', () => {
    const ref = { source: 'synthetic_harbourlight', kind: 'paragraph' as const, paragraph: 5, recommendation: null };
    const span = { start: 0, end: 90 };
    // A Chinese unit's id is the id it had before documents had versions, so old buttons keep working.
    expect(citeId({ ...ref, lang: 'zh' }, 'en', span)).toBe('cite:en:synthetic_harbourlight:p:5:0-90');
    expect(citeId({ ...ref, lang: 'en' }, 'zh', span)).toBe('cite:zh:synthetic_harbourlight:p:5@en:0-90');
    expect(parseButtonId('cite:zh:synthetic_harbourlight:p:5@en:0-90')).toEqual({ type: 'cite', lang: 'zh', ref: { ...ref, lang: 'en' }, span });
    expect(parseButtonId(citeId(ref, 'en'))).toEqual({ type: 'cite', lang: 'en', ref, span: null });
    expect(versionId({ ...ref, lang: 'en' }, 'zh')).toBe('ver:zh:synthetic_harbourlight:p:5@en');
    expect(parseButtonId(versionId({ ...ref, lang: 'en' }, 'zh'))).toEqual({ type: 'version', lang: 'zh', ref: { ...ref, lang: 'en' } });
    const rec = { source: 'synthetic_harbourlight', kind: 'recommendation' as const, paragraph: null, recommendation: 1, lang: 'en' as const };
    expect(parseButtonId(referenceId({ ref: rec, sub: null, span }, 'en'))).toEqual({ type: 'reference', lang: 'en', target: { ref: rec, sub: null, span } });
    for (const bad of ['ver:en:a:p:5@fr', 'ver:en:a:p:5@', 'ver:xx:a:p:5', 'ver:en:a:p:5:0-9', 'cite:en:a:p:5@en@en']) expect(parseButtonId(bad)).toBeNull();
  });
});

describe('RateLimiter', () => {
  it('allows N per sliding minute per user and warns once per window', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.take('u').allowed).toBe(true);
    now = 10_000;
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('other').allowed).toBe(true);
    now = 20_000;
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 40_000, warned: false });
    expect(limiter.take('u')).toMatchObject({ allowed: false, warned: true });
    now = 60_000;
    expect(limiter.take('u').allowed).toBe(true);
  });
});

describe('WorkQueue', () => {
  it('runs at most `concurrency` jobs, in order, and refuses beyond the queue bound', async () => {
    const queue = new WorkQueue(2, 3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      order.push(n);
      running--;
      return n;
    };
    const runs = [1, 2, 3, 4, 5].map((n) => queue.run(job(n)));
    await expect(queue.run(job(6))).rejects.toThrow('too many');
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual([1, 2]);
    expect(queue.active).toBe(0);
    expect(queue.queued).toBe(0);
  });

  it('frees the slot when a job throws', async () => {
    const queue = new WorkQueue(1, 1);
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(() => 42)).toBe(42);
  });
});

describe('readBotConfig', () => {
  it('reads the Discord settings with defaults and rejects nonsense numbers', () => {
    expect(readBotConfig({ DISCORD_TOKEN: ' t ', RATE_LIMIT_PER_MINUTE: '10' })).toMatchObject({
      token: 't',
      guildId: null,
      apiBase: null,
      rateLimitPerMinute: 10,
      maxConcurrentAnswers: 2,
      dataDir: 'data',
      legacyFeedbackFile: 'data/feedback.jsonl',
      userHashSalt: null,
    });
    expect(readBotConfig({ DATA_DIR: '/srv/bot', FEEDBACK_SALT: 'old' })).toMatchObject({
      dataDir: '/srv/bot',
      legacyFeedbackFile: '/srv/bot/feedback.jsonl',
      userHashSalt: 'old',
    });
    expect(readBotConfig({ USER_HASH_SALT: 'new', FEEDBACK_SALT: 'old' }).userHashSalt).toBe('new');
    expect(readBotConfig({}).conversation).toEqual({ maxTurns: 10, maxAgeDays: 7 });
    expect(readBotConfig({ CONVERSATION_TURNS: '4', CONVERSATION_DAYS: '30' }).conversation).toEqual({ maxTurns: 4, maxAgeDays: 30 });
    expect(readBotConfig({}).questionLogDays).toBe(90);
    expect(readBotConfig({ QUESTION_LOG_DAYS: '30' }).questionLogDays).toBe(30);
    expect(() => readBotConfig({ CONVERSATION_TURNS: '0' })).toThrow('CONVERSATION_TURNS must be a whole number from 1 to 100, not "0".');
    expect(() => readBotConfig({ MAX_CONCURRENT_ANSWERS: '0' })).toThrow('MAX_CONCURRENT_ANSWERS must be a whole number from 1 to 256, not "0".');
    expect(() => readBotConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    // Numbers a double cannot hold, or would show as 1e+23, are refused with the range instead of rounded.
    for (const raw of ['1e+23', '1e3', 'Infinity', '9007199254740993', '100000000000000000000000', '2.0', '-3']) {
      expect(() => readBotConfig({ RATE_LIMIT_PER_MINUTE: raw })).toThrow(`RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 10000, not "${raw}".`);
    }
    expect(readBotConfig({ RATE_LIMIT_PER_MINUTE: '0010' }).rateLimitPerMinute).toBe(10);
    expect(readBotConfig({}).deliveryBudgetMs).toBe(900_000);
    expect(readBotConfig({ DELIVERY_BUDGET_SECONDS: '60' }).deliveryBudgetMs).toBe(60_000);
  });
});
