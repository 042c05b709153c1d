// Diagnostics on the TUNE set only: which answers miss their key facts, and why.
import { readFileSync } from 'node:fs';
import { containsAnswer, createEngine, parseEvalFile, parseKeysFile } from '../../retrieval/index.js';

const [qa, keysFile, filter] = process.argv.slice(2);
const items = parseEvalFile(readFileSync(qa, 'utf8'));
const keys = parseKeysFile(readFileSync(keysFile, 'utf8'));
const engine = await createEngine({ embeddings: 'off', log: () => {}, indexDir: '/tmp/diag-index' });
const ids = process.env.IDS?.split(',');
const byKey = new Map(engine.units().map((u) => [`${u.source}#${u.paragraph}#${u.kind}`, u]));
for (const item of items.filter((i) => !ids || ids.includes(i.id))) {
  const a = await engine.ask(item.question);
  const key = keys.get(item.id);
  const quotes = a.passages.map((p) => p.quote);
  const ok = key ? containsAnswer(key, quotes) : a.outcome === 'not-found';
  const firstOk = key ? a.passages[0] && containsAnswer(key, [a.passages[0].quote]) : ok;
  const tag = ok ? (firstOk ? 'OK' : 'NOTFIRST') : a.outcome === 'not-found' ? 'REFUSED' : key ? 'MISS' : 'FALSEANS';
  if (filter && !filter.split(',').includes(tag)) continue;
  console.log(
    `\n### ${item.id} [${tag}] ${(item as unknown as Record<string, unknown>).type ?? (item as unknown as Record<string, unknown>).category} hard=${(item as unknown as Record<string, unknown>).hard ?? ''} conf=${a.confidence}`,
  );
  console.log(`Q: ${item.question}`);
  if (key) console.log(`KEY: ${JSON.stringify(key)}`);
  for (const g of item.gold ?? []) {
    const u = byKey.get(`${g.source}#${g.paragraph}#paragraph`);
    console.log(`GOLD ${g.source.slice(0, 3)}¶${g.paragraph}: ${u?.text.replace(/\n/g, '⏎').slice(0, 400)}`);
  }
  for (const p of a.passages)
    console.log(
      `  -> ${p.citations.map((c) => `${c.source.slice(0, 3)}¶${c.paragraph}${c.recommendation ? `r${c.recommendation}` : ''}`).join('+')}: ${p.quote.replace(/\n/g, '⏎').slice(0, 300)}`,
    );
  if (a.outcome === 'not-found')
    for (const p of a.related) console.log(`  ~~ ${p.citations[0].source.slice(0, 3)}¶${p.citations[0].paragraph}: ${p.quote.slice(0, 120)}`);
}
await engine.close();
