import { shownUnitLabel } from '../../shared/citation-text.js';
import { langOfText, strings } from '../../shared/strings.js';
import { LIMITS } from '../limits.js';
import { echo, escapeText, quoteLines } from '../quote-format.js';
import { truncate } from '../split-text.js';
import { textQueryCommand } from './text-query-command.js';

const RESULTS = 5;
/** Enough to recognise the paragraph; the 📄 of /ask or /paragraph shows it whole. */
const EXCERPT_CHARS = 300;
const SEARCH_COLOR = 0x3ba55d;

/** `/search query [document]`: the best-matching paragraphs with their scores, quoted, no synthesis. */
export const search = textQueryCommand({
  name: 'search',
  description: 'Find the paragraphs that best match a query, with scores',
  descriptionZh: '查找与查询最相关的段落（含得分）',
  text: { name: 'query', description: 'Words or a question, in Chinese or English', descriptionZh: '关键词或问题（中文或英文）' },
  async reply(ctx, query, source) {
    const results = await ctx.engine.search(query, { source, k: RESULTS });
    const lang = langOfText(query);
    const s = strings(lang);
    const fields = results.map(({ unit, score }, i) => ({
      name: truncate(`${i + 1}. ${shownUnitLabel(ctx.engine, unit, lang)} · ${s.score} ${score.toFixed(3)}`, LIMITS.fieldName),
      value: quoteLines(escapeText(truncate(unit.text, EXCERPT_CHARS))),
    }));
    const embed = {
      title: truncate(s.searchTitle(echo(query)), LIMITS.embedTitle),
      color: SEARCH_COLOR,
      ...(fields.length ? { fields } : { description: s.noResults }),
    };
    return { messages: [{ embeds: [embed] }] };
  },
});
