/**
 * Every word the bot says around document text, in both languages: the one source of each user-visible
 * string, shared by the terminal chat, the command-line tools and Discord. The engine returns codes and
 * values; this module words them.
 */
import {
  type AnswerNote,
  type AnswerType,
  type DocumentMeta,
  type DocumentProblem,
  type DocumentReport,
  type DocumentStatus,
  detectLang,
  documentName,
  type EvalFileProblem,
  type EvalLineProblem,
  type FusionSetting,
  type FusionStatus,
  type InputProblem,
  isDocumentError,
  type Lang,
  type LookupProblem,
  type ManageProblem,
  MIN_T,
  type UnitNumbers,
  zhJoin,
} from '../../retrieval/index.js';

const ANSWER_TYPE_EN: Record<AnswerType, string> = {
  count: 'number',
  date: 'date',
  place: 'place',
  name: 'name',
  person_body: 'name',
  list: 'list',
  definition: 'definition',
  reason: 'reason',
  statement: 'statement',
  yesno: 'answer',
  other: 'answer',
};
const ANSWER_TYPE_ZH: Record<AnswerType, string> = {
  count: '数字',
  date: '日期',
  place: '地点',
  name: '名称',
  person_body: '名称',
  list: '清单',
  definition: '定义',
  reason: '原因',
  statement: '发言内容',
  yesno: '答案',
  other: '答案',
};

/**
 * A number typed as a long string of digits is inexact past 2^53 (9007199254740993 reads as …992) and prints as
 * `1e+23`: such numbers are out of every range, and the message says so without repeating a wrong number.
 */
const exact = (n: number) => Number.isSafeInteger(n);
const LANGUAGE_NAMES: Record<Lang, Record<Lang, string>> = { en: { zh: 'Chinese', en: 'English' }, zh: { zh: '中文', en: '英文' } };

/** `12, 14–16`: numbers as ranges. */
function numberRanges(numbers: readonly number[], to: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}${to}${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return out.join(to === '–' ? ', ' : '、');
}

/** The units of a version another lacks: `paragraphs 12–13, recommendation 4, the summary`. */
function unitNumbersEn(u: UnitNumbers): string {
  return [
    ...(u.paragraphs.length ? [`paragraph${u.paragraphs.length > 1 ? 's' : ''} ${numberRanges(u.paragraphs, '–')}`] : []),
    ...(u.recommendations.length ? [`recommendation${u.recommendations.length > 1 ? 's' : ''} ${numberRanges(u.recommendations, '–')}`] : []),
    ...(u.summary ? ['the summary'] : []),
  ].join(', ');
}

function unitNumbersZh(u: UnitNumbers): string {
  return [
    ...(u.paragraphs.length ? [`第${numberRanges(u.paragraphs, '至')}段`] : []),
    ...(u.recommendations.length ? [`建议 ${numberRanges(u.recommendations, '至')}`] : []),
    ...(u.summary ? ['概要'] : []),
  ].join('、');
}
const f3 = (x: number) => x.toFixed(3);
const signed = (x: number, digits = 3) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const settingEn = (s: FusionSetting) => `dense weight ${s.denseWeight} (stand-out ${s.standout} sd${s.denseOnly ? ', dense-only units admitted' : ''})`;
const settingZh = (s: FusionSetting) => `向量权重 ${s.denseWeight}（突出阈值 ${s.standout} 个标准差${s.denseOnly ? '，允许仅由向量检索找到的段落' : ''}）`;

const listNames = (docs: DocumentMeta[], lang: Lang) => docs.map((d) => documentName(d, lang)).join(lang === 'zh' ? '、' : ', ');
const letterList = (letters: string[]) => (letters.length > 1 ? `(${letters[0]})–(${letters[letters.length - 1]})` : `(${letters[0]})`);

/** One bad line of an eval file, after its `file:line:`. */
function evalLineEn(p: EvalLineProblem): string {
  switch (p.code) {
    case 'not-json':
      return 'not valid JSON';
    case 'not-an-object':
      return 'not a JSON object';
    case 'missing-field':
      return `"${p.field}" is missing`;
    case 'not-text':
      return `"${p.field}" must be a non-empty string`;
    case 'duplicate-id':
      return `id "${p.id}" is already used on line ${p.firstLine}`;
    case 'unknown-lang':
      return `lang "${p.lang}" is neither "zh" nor "en"`;
    case 'gold-not-a-list':
      return '"gold" must be a list of {"source", "paragraph"}';
    case 'gold-empty':
      return '"gold" is empty: list the paragraphs that answer, or leave "gold" out for a question the documents do not answer';
    case 'gold-entry-shape':
      return `gold[${p.index}] must be {"source": FILE_STEM, "paragraph": NUMBER}`;
    case 'unknown-source':
      return `gold[${p.index}].source "${p.source}" is not a document's file stem${p.stem ? `; it names ${p.stem}: write "${p.stem}"` : ''}`;
    case 'paragraph-not-whole':
      return `gold[${p.index}].paragraph must be a whole number, not ${JSON.stringify(p.value)}`;
    case 'paragraph-missing':
      return `gold[${p.index}].paragraph ${p.paragraph} does not exist: ${p.source} has paragraphs ${p.first}-${p.last}`;
  }
}

function evalLineZh(p: EvalLineProblem): string {
  switch (p.code) {
    case 'not-json':
      return '不是有效的 JSON';
    case 'not-an-object':
      return '不是 JSON 对象';
    case 'missing-field':
      return `缺少"${p.field}"`;
    case 'not-text':
      return `"${p.field}"必须是非空字符串`;
    case 'duplicate-id':
      return `id "${p.id}" 已在第 ${p.firstLine} 行使用`;
    case 'unknown-lang':
      return `lang "${p.lang}" 既不是 "zh" 也不是 "en"`;
    case 'gold-not-a-list':
      return '"gold"必须是 {"source", "paragraph"} 的列表';
    case 'gold-empty':
      return '"gold"为空：请列出回答问题的段落；文件无法回答的问题请省略"gold"';
    case 'gold-entry-shape':
      return `gold[${p.index}] 必须是 {"source": 文件名, "paragraph": 编号}`;
    case 'unknown-source':
      return `gold[${p.index}].source "${p.source}" 不是文件名${p.stem ? `；它指的是 ${p.stem}，请写 "${p.stem}"` : ''}`;
    case 'paragraph-not-whole':
      return `gold[${p.index}].paragraph 必须是整数，而不是 ${JSON.stringify(p.value)}`;
    case 'paragraph-missing':
      return `gold[${p.index}].paragraph ${p.paragraph} 不存在：${p.source} 的段落编号为 ${p.first}–${p.last}`;
  }
}

/** An eval file that cannot be used: one `file:line: problem` per bad line. */
function evalFileText(p: EvalFileProblem, lang: Lang): string {
  const zh = lang === 'zh';
  if (p.code === 'unreadable') return zh ? `无法读取 ${p.file}（${p.reason}）` : `cannot read ${p.file} (${p.reason})`;
  if (p.code === 'empty') return zh ? `${p.file} 中没有问题：每行应有一个 JSON 对象` : `${p.file} has no questions: it should hold one JSON object per line`;
  const lines = p.problems.map((q) => `${p.file}:${q.line}: ${zh ? evalLineZh(q) : evalLineEn(q)}`);
  const n = p.problems.length;
  return [zh ? `评测文件有 ${n} 处问题：` : `the eval file has ${n} problem${n > 1 ? 's' : ''}:`, ...lines].join('\n');
}

const STRINGS = {
  en: {
    // Answers
    notFound: 'Not found in these documents.',
    /** One quotation of an answer in plain text, with the labels of the units it quotes. */
    passage: (quote: string, labels: string[]) => `According to ${labels.join(' and ')}: 「${quote}」`,
    /** An inline label after text it supports. */
    marker: (label: string) => `[${label}]`,
    sources: 'Sources',
    /** Under a quote in an English answer: the names, numbers and dates it mentions, which are no translation of it. */
    keyTerms: 'Key terms (glossary, not a translation):',
    possiblyRelated: 'Possibly related',
    confidence: 'confidence',
    continued: (name: string) => `${name} (cont.)`,
    note: (note: AnswerNote): string => {
      switch (note.code) {
        case 'not-mentioned':
          return `The documents do not mention ${note.terms.join(', ')}.`;
        case 'traditional-input':
          return 'The documents are in simplified Chinese; your question was converted to simplified characters.';
        case 'not-matched':
          return `These words of the question matched nothing in the documents: ${note.terms.map((t) => `“${t}”`).join(', ')}.`;
        case 'not-in-passages':
          return `The quoted paragraphs do not mention ${note.terms.join(', ')}.`;
        case 'only-in-names':
          return `The documents use ${note.terms.map((t) => `${t.term} only in the name ${t.name}`).join('; ')}.`;
        case 'searched-for':
          return `Searched for: ${note.text}`;
        case 'not-stated':
          return `The quoted paragraphs do not give the ${ANSWER_TYPE_EN[note.answerType]} asked for.`;
        case 'outcome-not-stated':
          return 'The quoted paragraphs do not say what came of it.';
        case 'list-incomplete':
          return `The quoted paragraphs do not name all ${note.asked} asked for.`;
        case 'llm-fallback':
          return `LLM answer unavailable (${note.reason}); extractive answer shown.`;
        case 'llm-sentences-dropped':
          return `Dropped ${note.count} sentence(s) of the model’s reply that could not be verified.`;
        case 'citations-removed':
          return `Removed ${note.count} citation${note.count > 1 ? 's' : ''} that the documents do not support.`;
        case 'citations-withdrawn':
          return 'The answer’s citations did not match the documents and were withdrawn.';
        case 'reference-not-found':
          return strings('en').problem(note.problem);
      }
    },
    // What went wrong with a request
    problem: (p: LookupProblem | InputProblem): string => {
      switch (p.code) {
        case 'unknown-document':
          return `Unknown or ambiguous document “${p.ref}”. Known documents: ${listNames(p.candidates, 'en')}.`;
        case 'ambiguous-document':
          return `Unknown or ambiguous document “${p.ref}”: it could mean ${listNames(p.candidates, 'en')}. Please name one.`;
        case 'paragraph-out-of-range':
          return exact(p.number)
            ? `${documentName(p.document, 'en')}, para. ${p.number} does not exist: valid paragraphs are ${p.first}-${p.last}.`
            : `${documentName(p.document, 'en')} has no paragraph with so large a number: valid paragraphs are ${p.first}-${p.last}.`;
        case 'recommendation-not-found':
          return exact(p.number)
            ? `Recommendation ${p.number} does not exist: valid numbers are ${p.first}-${p.last}.`
            : `No recommendation has so large a number: valid numbers are ${p.first}-${p.last}.`;
        case 'no-recommendations':
          return p.document ? `${documentName(p.document, 'en')} has no numbered recommendations.` : 'No document has numbered recommendations.';
        case 'recommendation-ambiguous':
          return `Several documents have a recommendation ${p.number}; choose a document: ${listNames(p.candidates, 'en')}.`;
        case 'no-summary':
          return `${documentName(p.document, 'en')} has no summary.`;
        case 'empty-question':
          return 'The question is empty. Ask something about the documents, e.g. “What does UNODC do against trafficking in persons?”';
        case 'question-too-long':
          return `The question is too long (${p.length} characters; at most ${p.max}). Please shorten it.`;
        case 'subparagraph-not-found':
          return p.letters.length
            ? `${documentName(p.document, 'en')}, para. ${p.number} has no subparagraph (${p.letter}): its subparagraphs are ${letterList(p.letters)}.`
            : `${documentName(p.document, 'en')}, para. ${p.number} has no lettered subparagraphs.`;
        case 'bad-paragraph-ref':
          return `“${p.text}” is not a paragraph number: write it as 44, or 44(b) for a subparagraph.`;
        case 'eval-file':
          return evalFileText(p.problem, 'en');
      }
    },
    // Ingestion reports (npm run index / add / remove)
    documentReport: (r: DocumentReport): string => {
      const booked = Object.values(r.characters.booked).reduce((a, b) => a + b, 0);
      const version = r.version && r.lang ? `, ${LANGUAGE_NAMES.en[r.lang]} version of ${r.source}` : '';
      const head = `${r.file}${r.detail || version ? ` (${[r.detail, version.slice(2)].filter(Boolean).join(', ')})` : ''}`;
      if (r.format === null || (r.characters.source === 0 && !r.paragraphs)) return `${head}: ${r.loaded ? 'loaded' : 'NOT LOADED'}`;
      return (
        `${head}: ${r.paragraphs} paragraphs, ${r.recommendations} recommendations, ${r.summary ? 'a summary' : 'no summary'}` +
        ` · removed: ${r.lines.heading} heading lines, ${r.lines.footnote} footnote lines, ${r.lines.furniture} furniture lines` +
        ` (page numbers, headers, footers), ${r.lines.title} title-block lines` +
        ` · ${booked.toLocaleString('en')} of ${r.characters.source.toLocaleString('en')} characters accounted for` +
        (r.characters.booked.unplaced ? `, ${r.characters.booked.unplaced} unplaced` : '') +
        (r.loaded ? '' : ' · NOT LOADED')
      );
    },
    documentProblem: (p: DocumentProblem): string => {
      const at = 'line' in p ? `line ${p.line}${'page' in p && p.page ? ` (page ${p.page})` : ''}: ` : '';
      switch (p.code) {
        case 'no-paragraphs':
          return 'error: no numbered paragraph found (paragraphs must start with their number, "1. …")';
        case 'duplicate-paragraph':
          return `error: ${at}paragraph ${p.number} appears again (first at line ${p.firstLine})`;
        case 'paragraph-out-of-order':
          return `error: ${at}paragraph ${p.number} comes after paragraph ${p.after}`;
        case 'paragraph-missing':
          return `error: ${at}paragraph ${p.number} is missing (numbering jumps to this line)`;
        case 'unplaced-text':
          return `warning: ${at}text outside any paragraph: “${p.text}”`;
        case 'metadata-invalid':
          return `error: metadata field ${p.field}: ${p.message}`;
        case 'duplicate-symbol':
          return `error: metadata symbol ${p.symbol} is already the symbol of ${p.other}`;
        case 'duplicate-stem':
          return `error: ${p.other} has the same file stem, which is the document's id: rename one`;
        case 'unreadable':
          return `error: ${p.reason}`;
        case 'version-language':
          return `error: declared the ${LANGUAGE_NAMES.en[p.declared]} version, but its text is ${LANGUAGE_NAMES.en[p.found]}`;
        case 'version-missing':
          return `warning: the ${LANGUAGE_NAMES.en[p.lang]} version ${p.file} is not in the seeds folder: the document loads without it`;
        case 'version-conflict':
          return `error: a second ${LANGUAGE_NAMES.en[p.lang]} version (${p.other} is the one loaded)`;
        case 'version-claimed':
          return `error: also declared a version of ${p.other}: a file belongs to one document`;
        case 'version-unaligned':
          return `warning: ${unitNumbersEn(p)} not in the ${LANGUAGE_NAMES.en[p.lang]} version (versions align by number): cited from this version only, none offered in ${LANGUAGE_NAMES.en[p.lang]}`;
        case 'version-length':
          return `warning: paragraph${p.paragraphs.length > 1 ? 's' : ''} ${numberRanges(p.paragraphs, '–')} ${p.paragraphs.length > 1 ? 'differ' : 'differs'} in length from the ${LANGUAGE_NAMES.en[p.lang]} version far more than the others: check that each number holds the same text in both`;
      }
    },
    manageProblem: (p: ManageProblem): string => {
      switch (p.code) {
        case 'not-a-file':
          return `${p.file} is not a file that can be added.`;
        case 'already-present':
          return `The corpus already has a document ${p.source} (${p.file}): remove it first with \`npm run remove -- ${p.source}\`, or rename the new file.`;
        case 'document-rejected':
          return `${p.report.file} was not added: ${p.report.problems.filter(isDocumentError).length} error(s), listed above. Nothing was changed.`;
        case 'unknown-document':
          return `No document “${p.ref}” in the corpus. Documents: ${p.known.join(', ')}.`;
      }
    },
    indexReady: (units: number, documents: number, mode: string, seconds: number) =>
      `Index ready: ${units} units from ${documents} documents, mode ${mode}, ${seconds.toFixed(2)} s.`,
    fusionSummary: ({ model, ...f }: FusionStatus): string => {
      if (f.source === 'configured') return `Fusion with ${model}: ${settingEn(f.setting)}, set by DENSE_WEIGHT (not calibrated).`;
      const c = f.calibration;
      if (!c)
        return `Fusion with ${model} is not calibrated (${f.calibrationProblem}): dense weight 0, answers come from keyword search. Set CALIBRATION_QUESTIONS, or DENSE_WEIGHT.`;
      const on = `on ${c.questions.answerable} labelled questions (${c.questions.documents} documents)`;
      const cv = c.crossValidated
        ? `; cross-validated MRR@10 gain ${signed(c.crossValidated.gain, 4)}, t = ${c.crossValidated.t.toFixed(2)} (needs ≥ ${MIN_T})`
        : '';
      const figures = `MRR@10 ${f3(c.keyword.mrr10)} → ${f3(c.hybrid.mrr10)}, recall@5 ${f3(c.keyword.recall5)} → ${f3(c.hybrid.recall5)}${c.hybrid.factInAnswer !== null && c.keyword.factInAnswer !== null ? `, fact in answer ${f3(c.keyword.factInAnswer)} → ${f3(c.hybrid.factInAnswer)}` : ''}`;
      if (c.verdict === 'accepted') return `Fusion with ${model} calibrated ${on}: ${settingEn(c.setting)}; keyword → hybrid ${figures}${cv}.`;
      const why = {
        'no-gain': 'no significant MRR@10 gain, or a lower recall@5',
        'worse-answers': 'answers held the asked fact less often, or refused or declined wrongly more often',
        'too-few-questions': `too few labelled questions cover this corpus (30 needed)`,
      }[c.verdict];
      return `Fusion with ${model} calibrated ${on}: it does not beat keyword search (${why}), so its dense weight is 0 and answers come from keyword search. Best setting tried: ${settingEn(c.best)}, ${figures}${cv}.`;
    },
    denseNotBuilt: (why: string) => `The dense index was not built (${why}): keyword search only until it is (the next start or npm run index builds it).`,
    notLoaded: (n: number) => `${n} document(s) not loaded: fix the errors above (the rest of the corpus is indexed).`,
    indexUnsaved: (why: string) => `The index was built but could not be saved: ${why}`,
    added: (source: string, file: string, prefilled: string[]) =>
      `Added ${file} as document ${source}${prefilled.length ? ` (read from its title block: ${prefilled.join(', ')}; edit seeds/metadata.json to correct)` : ''}.`,
    removed: (source: string, file: string) => `Removed ${file} (document ${source}) and its metadata.`,
    // Discord
    feedbackThanks: 'Thanks, your feedback was recorded.',
    feedbackChanged: (vote: 'up' | 'down') => `Your vote on this answer is now ${vote === 'up' ? '👍' : '👎'} (it replaces your earlier one).`,
    feedbackWithdrawn: (vote: 'up' | 'down') => `Your ${vote === 'up' ? '👍' : '👎'} on this answer was withdrawn. Click again to vote.`,
    feedbackMissing: 'This message has no answer to rate.',
    rateLimited: (limit: number, seconds: number) => `You are asking too fast: at most ${limit} requests per minute. Try again in ${seconds} s.`,
    busy: 'The bot is busy answering other questions. Please try again in a moment.',
    failed: 'Something went wrong while answering. The error was logged; please try again.',
    settings: {
      title: 'Settings of this server',
      mentionChannels: (v: string) => `Channels where mentions are answered: ${v}`,
      allChannels: 'all',
      replyMode: (mode: 'thread' | 'channel' | 'ephemeral') =>
        `Replies to mentions: ${{ thread: 'in a new thread', channel: 'in the channel', ephemeral: 'none (slash commands only, answered privately)' }[mode]}`,
      askRoles: (v: string) => `Who may ask: ${v} (members with Manage Server always may)`,
      everyone: 'everyone',
      language: (v: 'auto' | 'zh' | 'en') =>
        `Language of replies without a question to read it from: ${{ auto: "the member's Discord language", zh: 'Chinese', en: 'English' }[v]}`,
      rateLimit: (n: number, ownLimit: boolean) => `Requests per member per minute: ${n}${ownLimit ? '' : ' (the bot’s default)'}`,
      voteButtons: (shown: boolean) => `👍/👎 under answers: ${shown ? 'shown' : 'hidden'}`,
      saved: 'Saved; it applies from now on.',
      manageOnly: 'Only members with the Manage Server permission can do this. Nothing was changed.',
      guildOnly: 'This belongs to a server: use it in one.',
      unknownChannel: 'That is not a text channel of this server. Nothing was changed.',
      unknownRole: 'That is not a role of this server that can be given to members. Nothing was changed.',
    },
    notAllowedToAsk: 'On this server only members with certain roles may ask the bot. A moderator can give you one.',
    mentionsOff: 'On this server the bot answers slash commands only: use /ask.',
    report: {
      title: (days: number, guild: string | null) => `Questions of the last ${days} day(s)${guild ? ` in server ${guild}` : ', all servers'}`,
      none: 'No questions were logged in this period.',
      totals: (total: number, answered: number, partial: number, notFound: number, rate: string) =>
        `${total} question(s): ${answered} answered, ${partial} partial, ${notFound} not found (not-found rate ${rate})`,
      perDay: 'Questions per day',
      day: (day: string, n: number, notFound: number) => `${day}  ${n} (${notFound} not found)`,
      gaps: 'Top not-found questions (coverage gaps), by key terms',
      gap: (terms: string, n: number) => `${terms} — ${n} question(s)`,
      downVoted: 'Most down-voted citations',
      citationVotes: (label: string, down: number, up: number) => `${label} — 👎 ${down}, 👍 ${up}`,
      noDownVotes: 'No citation was voted down.',
      votes: (up: number, down: number) => `Votes: 👍 ${up}, 👎 ${down}`,
      latency: (p50: string, p95: string, p99: string, max: string) =>
        `Latency (question to delivered answer): p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${max} ms`,
    },
    forgotten: (e: { questions: number; votes: number; turns: number }) =>
      `Erased what the bot kept about you: ${e.questions} question(s), ${e.votes} vote record(s) and ${e.turns} conversation turn(s). Your next question starts a new record.`,
    notSaved: 'This could not be saved: the bot cannot write its database right now. Nothing was changed; the operator was told. Please try again later.',
    shuttingDown: 'The bot is restarting. Please try again in a minute.',
    emptyQuestion: 'Ask a question after mentioning me, e.g. “What does UNODC do against trafficking in persons?”',
    noRecommendations: 'No document has numbered recommendations.',
    recommendationsTitle: (page: number, pages: number) => `Recommendations (page ${page}/${pages})`,
    documentsTitle: (count: number) => `Documents (${count})`,
    documentStats: (paragraphs: number, first: number, last: number, recommendations: number) =>
      `${paragraphs} paragraphs (${first}–${last}) · ${recommendations} recommendations`,
    searchTitle: (query: string) => `Search: ${query}`,
    noResults: 'No paragraph matches this search.',
    score: 'score',
    noCitations: 'No paragraph citation found in this message (e.g. “CTOC/COP/2018/2, para. 44”, “建议 6”, “¶44”).',
    moreCitations: (n: number) => `…and ${n} more cited paragraph(s), not quoted here.`,
    previous: 'Previous',
    next: 'Next',
    // Citations and documents
    /** Beside a draft's label, unless its name already says it is one. */
    draftMark: ' (draft)',
    draftWord: /\bdraft\b/i,
    status: { draft: 'draft', final: 'final' } as Record<DocumentStatus, string>,
    cite: 'Cite',
    officialText: 'Official text',
    copyReference: 'The reference, ready to paste:',
    forFootnote: 'With the quoted sentence, for a footnote:',
    /** A footnote's text: the reference, and where the official text is when there is a link. */
    footnote: (reference: string, url: string | null) => (url ? `${reference}, available at ${url}.` : `${reference}.`),
    quoted: (quote: string) => `“${quote}”`,
    inParagraph: (label: string) => `In ${label}:`,
    // Language versions
    /** Beside a source quoted in one version: the document's other version(s) of the same paragraph. */
    alsoIn: (lang: Lang) => `also in ${LANGUAGE_NAMES.en[lang]}`,
    /** Under a unit view: which version is shown, and which others there are. */
    versionShown: (shown: Lang, others: Lang[]) => `${LANGUAGE_NAMES.en[shown]} version · also in ${others.map((l) => LANGUAGE_NAMES.en[l]).join(', ')}`,
    card: {
      titleZh: 'Title (Chinese)',
      titleEn: 'Title (English)',
      symbol: 'Symbol',
      noSymbol: 'none confirmed',
      symbolSource: 'Symbol confirmed from',
      status: 'Status',
      body: 'Body',
      session: 'Session',
      agendaItem: 'Agenda item',
      date: 'Date',
      paragraphs: 'Paragraphs',
      recommendations: 'Recommendations',
      sections: 'Sections',
      link: 'Official text',
      noLink: 'no link without a symbol',
      unknown: '–',
      languages: LANGUAGE_NAMES.en,
      versions: 'Language versions',
    },
  },
  zh: {
    notFound: '在这些文件中未找到答案。',
    passage: (quote: string, labels: string[]) => `「${quote}」${labels.map((l) => `〔${l}〕`).join('')}`,
    marker: (label: string) => `〔${label}〕`,
    sources: '来源',
    keyTerms: '要点术语（据术语表，非译文）：',
    possiblyRelated: '可能相关',
    confidence: '置信度',
    continued: (name: string) => `${name}（续）`,
    note: (note: AnswerNote): string => {
      switch (note.code) {
        case 'not-mentioned':
          return `文件中没有提到${note.terms.join('、')}。`;
        case 'traditional-input':
          return '文件为简体中文，已将您的问题转换为简体进行检索。';
        case 'not-matched':
          return `问题中的以下词语在文件中没有找到对应：${note.terms.map((t) => `“${t}”`).join('、')}。`;
        case 'not-in-passages':
          return `所引段落没有提到${note.terms.join('、')}。`;
        case 'only-in-names':
          return `${note.terms.map((t) => `文件中的“${t.term}”只出现在名称“${t.name}”中`).join('；')}。`;
        case 'searched-for':
          return `检索内容：${note.text}`;
        case 'not-stated':
          return `所引段落没有给出所问的${ANSWER_TYPE_ZH[note.answerType]}。`;
        case 'outcome-not-stated':
          return '所引段落没有说明其成果。';
        case 'list-incomplete':
          return `所引段落没有列全所问的 ${note.asked} 项。`;
        case 'llm-fallback':
          return `大语言模型回答不可用（${note.reason}），以下为摘录式回答。`;
        case 'llm-sentences-dropped':
          return `已删除模型回答中 ${note.count} 个无法核实的句子。`;
        case 'citations-removed':
          return `已删除 ${note.count} 条与文件原文不符的引用。`;
        case 'citations-withdrawn':
          return '答案的引用与文件原文核对不一致，已撤回。';
        case 'reference-not-found':
          return strings('zh').problem(note.problem);
      }
    },
    problem: (p: LookupProblem | InputProblem): string => {
      switch (p.code) {
        case 'unknown-document':
          return `未知或不明确的文件“${p.ref}”。现有文件：${listNames(p.candidates, 'zh')}。`;
        case 'ambiguous-document':
          return `未知或不明确的文件“${p.ref}”：可能指${listNames(p.candidates, 'zh')}。请指明其中一份。`;
        case 'paragraph-out-of-range':
          return zhJoin(
            documentName(p.document, 'zh'),
            `${exact(p.number) ? `没有第${p.number}段` : '没有编号这么大的段落'}：段落编号为 ${p.first}–${p.last}。`,
          );
        case 'recommendation-not-found':
          return `${exact(p.number) ? `没有建议 ${p.number}` : '没有编号这么大的建议'}：建议编号为 ${p.first}–${p.last}。`;
        case 'no-recommendations':
          return p.document ? zhJoin(documentName(p.document, 'zh'), '没有编号的建议。') : '没有文件含有编号的建议。';
        case 'recommendation-ambiguous':
          return `多份文件都有建议 ${p.number}，请选择文件：${listNames(p.candidates, 'zh')}。`;
        case 'no-summary':
          return zhJoin(documentName(p.document, 'zh'), '没有概要。');
        case 'empty-question':
          return '问题是空的。请就这些文件提问，例如“毒品和犯罪问题办公室如何打击贩运人口？”';
        case 'question-too-long':
          return `问题太长（${p.length} 个字符；最多 ${p.max} 个），请缩短。`;
        case 'subparagraph-not-found':
          return p.letters.length
            ? zhJoin(documentName(p.document, 'zh'), `第${p.number}段没有(${p.letter})项：该段的分项为 ${letterList(p.letters)}。`)
            : zhJoin(documentName(p.document, 'zh'), `第${p.number}段没有按字母编号的分项。`);
        case 'bad-paragraph-ref':
          return `“${p.text}”不是段落编号：请写成 44，分项写成 44(b)。`;
        case 'eval-file':
          return evalFileText(p.problem, 'zh');
      }
    },
    documentReport: (r: DocumentReport): string => {
      const booked = Object.values(r.characters.booked).reduce((a, b) => a + b, 0);
      const version = r.version && r.lang ? `${r.source} 的${LANGUAGE_NAMES.zh[r.lang]}文本` : '';
      const head = `${r.file}${r.detail || version ? `（${[r.detail, version].filter(Boolean).join('，')}）` : ''}`;
      if (r.format === null || (r.characters.source === 0 && !r.paragraphs)) return `${head}：${r.loaded ? '已载入' : '未载入'}`;
      return (
        `${head}：${r.paragraphs} 段，${r.recommendations} 条建议，${r.summary ? '有概要' : '无概要'}` +
        ` · 已移除：标题 ${r.lines.heading} 行、脚注 ${r.lines.footnote} 行、页面附加信息 ${r.lines.furniture} 行（页码、页眉、页脚）、标题页 ${r.lines.title} 行` +
        ` · 已核算 ${booked} / ${r.characters.source} 个字符` +
        (r.characters.booked.unplaced ? `，${r.characters.booked.unplaced} 个无法归位` : '') +
        (r.loaded ? '' : ' · 未载入')
      );
    },
    documentProblem: (p: DocumentProblem): string => {
      const at = 'line' in p ? `第 ${p.line} 行${'page' in p && p.page ? `（第 ${p.page} 页）` : ''}：` : '';
      switch (p.code) {
        case 'no-paragraphs':
          return '错误：没有找到编号段落（段落须以编号开头，如“1. ……”）';
        case 'duplicate-paragraph':
          return `错误：${at}第${p.number}段重复出现（首次在第 ${p.firstLine} 行）`;
        case 'paragraph-out-of-order':
          return `错误：${at}第${p.number}段出现在第${p.after}段之后`;
        case 'paragraph-missing':
          return `错误：${at}缺少第${p.number}段（编号在此行跳过）`;
        case 'unplaced-text':
          return `警告：${at}不属于任何段落的文字：“${p.text}”`;
        case 'metadata-invalid':
          return `错误：元数据字段 ${p.field}：${p.message}`;
        case 'duplicate-symbol':
          return `错误：元数据文号 ${p.symbol} 已是 ${p.other} 的文号`;
        case 'duplicate-stem':
          return `错误：${p.other} 的文件名主干相同（它是文件的标识），请重命名其中一个`;
        case 'unreadable':
          return `错误：${p.reason}`;
        case 'version-language':
          return `错误：元数据声明为${LANGUAGE_NAMES.zh[p.declared]}文本，但文字是${LANGUAGE_NAMES.zh[p.found]}`;
        case 'version-missing':
          return `警告：${LANGUAGE_NAMES.zh[p.lang]}文本 ${p.file} 不在文件夹中：文件不含该文本载入`;
        case 'version-conflict':
          return `错误：又一个${LANGUAGE_NAMES.zh[p.lang]}文本（已载入的是 ${p.other}）`;
        case 'version-claimed':
          return `错误：又被声明为 ${p.other} 的语言文本：一个文件只属于一份文件`;
        case 'version-unaligned':
          return `警告：${unitNumbersZh(p)}不在${LANGUAGE_NAMES.zh[p.lang]}文本中（各语言文本按编号对齐）：只从本文本引用，不提供${LANGUAGE_NAMES.zh[p.lang]}文本`;
        case 'version-length':
          return `警告：第${numberRanges(p.paragraphs, '至')}段与${LANGUAGE_NAMES.zh[p.lang]}文本的长度差异远大于其他段落：请核对同一编号下是否为同一内容`;
      }
    },
    manageProblem: (p: ManageProblem): string => {
      switch (p.code) {
        case 'not-a-file':
          return `${p.file} 不是可以添加的文件。`;
        case 'already-present':
          return `文件库中已有文件 ${p.source}（${p.file}）：请先用 \`npm run remove -- ${p.source}\` 删除，或重命名新文件。`;
        case 'document-rejected':
          return `${p.report.file} 未添加：有 ${p.report.problems.filter(isDocumentError).length} 个错误（见上）。未作任何更改。`;
        case 'unknown-document':
          return `文件库中没有“${p.ref}”。现有文件：${p.known.join('、')}。`;
      }
    },
    indexReady: (units: number, documents: number, mode: string, seconds: number) =>
      `索引已就绪：${documents} 份文件 ${units} 个单元，模式 ${mode}，${seconds.toFixed(2)} 秒。`,
    fusionSummary: ({ model, ...f }: FusionStatus): string => {
      if (f.source === 'configured') return `${model} 的融合：${settingZh(f.setting)}，由 DENSE_WEIGHT 设定（未校准）。`;
      const c = f.calibration;
      if (!c) return `${model} 的融合未校准（${f.calibrationProblem}）：向量权重为 0，回答来自关键词检索。请设置 CALIBRATION_QUESTIONS 或 DENSE_WEIGHT。`;
      const on = `在 ${c.questions.answerable} 个带标注的问题上（${c.questions.documents} 份文件）`;
      const cv = c.crossValidated ? `；交叉验证 MRR@10 增益 ${signed(c.crossValidated.gain, 4)}，t = ${c.crossValidated.t.toFixed(2)}（须 ≥ ${MIN_T}）` : '';
      const figures = `MRR@10 ${f3(c.keyword.mrr10)} → ${f3(c.hybrid.mrr10)}，recall@5 ${f3(c.keyword.recall5)} → ${f3(c.hybrid.recall5)}${c.hybrid.factInAnswer !== null && c.keyword.factInAnswer !== null ? `，答案含所问事实 ${f3(c.keyword.factInAnswer)} → ${f3(c.hybrid.factInAnswer)}` : ''}`;
      if (c.verdict === 'accepted') return `${model} 的融合已${on}校准：${settingZh(c.setting)}；关键词 → 混合 ${figures}${cv}。`;
      const why = {
        'no-gain': 'MRR@10 无显著提升，或 recall@5 下降',
        'worse-answers': '答案含所问事实的比例下降，或错误拒答增多',
        'too-few-questions': '涵盖本文件库的带标注问题太少（至少需要 30 个）',
      }[c.verdict];
      return `${model} 的融合已${on}校准：不优于关键词检索（${why}），因此向量权重为 0，回答来自关键词检索。最佳尝试设置：${settingZh(c.best)}，${figures}${cv}。`;
    },
    denseNotBuilt: (why: string) => `向量索引未建立（${why}）：在建立之前只用关键词检索（下次启动或 npm run index 会建立）。`,
    notLoaded: (n: number) => `${n} 份文件未载入：请修正上面的错误（其余文件已编入索引）。`,
    indexUnsaved: (why: string) => `索引已建立但无法保存：${why}`,
    added: (source: string, file: string, prefilled: string[]) =>
      `已添加 ${file}，文件标识 ${source}${prefilled.length ? `（从标题页读取：${prefilled.join('、')}；可在 seeds/metadata.json 中修改）` : ''}。`,
    removed: (source: string, file: string) => `已删除 ${file}（文件 ${source}）及其元数据。`,
    feedbackThanks: '谢谢，已记录您的反馈。',
    feedbackChanged: (vote: 'up' | 'down') => `您对这个回答的评价已改为 ${vote === 'up' ? '👍' : '👎'}（取代先前的评价）。`,
    feedbackWithdrawn: (vote: 'up' | 'down') => `您对这个回答的 ${vote === 'up' ? '👍' : '👎'} 已撤回。再次点击即可重新评价。`,
    feedbackMissing: '这条消息没有可评价的回答。',
    rateLimited: (limit: number, seconds: number) => `提问太快了：每分钟最多 ${limit} 次。请在 ${seconds} 秒后再试。`,
    busy: '机器人正忙于回答其他问题，请稍后再试。',
    failed: '回答时出错，错误已记录，请再试一次。',
    settings: {
      title: '本服务器的设置',
      mentionChannels: (v: string) => `回答提及的频道：${v}`,
      allChannels: '全部',
      replyMode: (mode: 'thread' | 'channel' | 'ephemeral') =>
        `回复提及的方式：${{ thread: '新建子区', channel: '在频道中', ephemeral: '不回复（仅斜杠命令，私下回答）' }[mode]}`,
      askRoles: (v: string) => `可以提问的成员：${v}（有"管理服务器"权限的成员始终可以）`,
      everyone: '所有人',
      language: (v: 'auto' | 'zh' | 'en') => `无法从问题判断语言时的回复语言：${{ auto: '成员的 Discord 语言', zh: '中文', en: '英文' }[v]}`,
      rateLimit: (n: number, ownLimit: boolean) => `每位成员每分钟的请求数：${n}${ownLimit ? '' : '（机器人默认值）'}`,
      voteButtons: (shown: boolean) => `回答下的 👍/👎：${shown ? '显示' : '隐藏'}`,
      saved: '已保存，即刻生效。',
      manageOnly: '只有拥有"管理服务器"权限的成员才能这样做。没有任何更改。',
      guildOnly: '这属于服务器：请在服务器中使用。',
      unknownChannel: '这不是本服务器的文字频道。没有任何更改。',
      unknownRole: '这不是本服务器中可以授予成员的身份组。没有任何更改。',
    },
    notAllowedToAsk: '在本服务器上只有拥有特定身份组的成员才能向机器人提问。管理员可以为您授予。',
    mentionsOff: '在本服务器上机器人只回答斜杠命令：请使用 /ask。',
    report: {
      title: (days: number, guild: string | null) => `最近 ${days} 天的提问${guild ? `（服务器 ${guild}）` : '（所有服务器）'}`,
      none: '这段时间没有记录到提问。',
      totals: (total: number, answered: number, partial: number, notFound: number, rate: string) =>
        `共 ${total} 个问题：已回答 ${answered}，部分回答 ${partial}，未找到 ${notFound}（未找到率 ${rate}）`,
      perDay: '每天的提问',
      day: (day: string, n: number, notFound: number) => `${day}  ${n}（未找到 ${notFound}）`,
      gaps: '未找到答案最多的问题（覆盖缺口），按关键词',
      gap: (terms: string, n: number) => `${terms} — ${n} 个问题`,
      downVoted: '得到 👎 最多的引文',
      citationVotes: (label: string, down: number, up: number) => `${label} — 👎 ${down}，👍 ${up}`,
      noDownVotes: '没有引文得到 👎。',
      votes: (up: number, down: number) => `评价：👍 ${up}，👎 ${down}`,
      latency: (p50: string, p95: string, p99: string, max: string) =>
        `延迟（从提问到回答送达）：p50 ${p50} 毫秒，p95 ${p95} 毫秒，p99 ${p99} 毫秒，最大 ${max} 毫秒`,
    },
    forgotten: (e: { questions: number; votes: number; turns: number }) =>
      `已删除机器人保存的您的记录：${e.questions} 条提问、${e.votes} 条评价记录和 ${e.turns} 轮对话。您的下一个问题将开始新的记录。`,
    notSaved: '未能保存：机器人目前无法写入其数据库。没有任何更改，已通知管理员。请稍后再试。',
    shuttingDown: '机器人正在重启，请一分钟后再试。',
    emptyQuestion: '请在提及我之后提出问题，例如“毒品和犯罪问题办公室如何打击贩运人口？”',
    noRecommendations: '没有文件含有编号的建议。',
    recommendationsTitle: (page: number, pages: number) => `建议（第 ${page}/${pages} 页）`,
    documentsTitle: (count: number) => `文件（${count} 份）`,
    documentStats: (paragraphs: number, first: number, last: number, recommendations: number) =>
      `${paragraphs} 段（${first}–${last}）· ${recommendations} 条建议`,
    searchTitle: (query: string) => `搜索：${query}`,
    noResults: '没有与此搜索匹配的段落。',
    score: '得分',
    noCitations: '这条消息中没有找到段落引用（例如“CTOC/COP/2018/2 第44段”“建议 6”“¶44”）。',
    moreCitations: (n: number) => `……另有 ${n} 处引用的段落未在此引用。`,
    previous: '上一页',
    next: '下一页',
    draftMark: '（草稿）',
    draftWord: /草稿/,
    status: { draft: '草稿', final: '定稿' } as Record<DocumentStatus, string>,
    cite: '引用',
    officialText: '正式文本',
    copyReference: '引用格式，可直接粘贴：',
    forFootnote: '附引文，用作脚注：',
    footnote: (reference: string, url: string | null) => (url ? `${reference}，见 ${url}。` : `${reference}。`),
    quoted: (quote: string) => `「${quote}」`,
    inParagraph: (label: string) => `出自${label}：`,
    alsoIn: (lang: Lang) => `另有${LANGUAGE_NAMES.zh[lang]}文本`,
    versionShown: (shown: Lang, others: Lang[]) => `${LANGUAGE_NAMES.zh[shown]}文本 · 另有${others.map((l) => LANGUAGE_NAMES.zh[l]).join('、')}文本`,
    card: {
      titleZh: '标题（中文）',
      titleEn: '标题（英文）',
      symbol: '文号',
      noSymbol: '未确认',
      symbolSource: '文号来源',
      status: '状态',
      body: '机构',
      session: '会议',
      agendaItem: '议程项目',
      date: '日期',
      paragraphs: '段落',
      recommendations: '建议',
      sections: '章节',
      link: '正式文本',
      noLink: '没有文号，无链接',
      unknown: '–',
      languages: LANGUAGE_NAMES.zh,
      versions: '语言文本',
    },
  },
} satisfies Record<Lang, unknown>;

export type Strings = (typeof STRINGS)['en'];

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** The language a message is written in, by the engine's rule, so a reply's framing never disagrees with the answer it frames. */
export const langOfText: (text: string) => Lang = detectLang;

/** A language as its own speakers name it: the label of a button that switches to that version (中文, English). */
export function languageSwitch(lang: Lang): string {
  return LANGUAGE_NAMES[lang][lang];
}

/** For commands without free text, the user's Discord client language decides. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
