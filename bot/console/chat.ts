/** The terminal chat: questions and slash-like commands over the same engine the Discord bot uses. */
import { createInterface } from 'node:readline/promises';
import { activeDocument, type Engine, InputError, LookupError, paragraphRef, type Turn } from '../../retrieval/index.js';
import { infoOf } from '../shared/citation-text.js';
import { documentCardText } from '../shared/document-card.js';
import { formatAnswer, metaOfEngine } from '../shared/render-answer.js';
import { langOfText, strings } from '../shared/strings.js';
import { formatSubparagraph, formatVersions } from './format-unit.js';

const HELP = `Ask a question in Chinese or English, or use a command:
  /p [DOCUMENT] N   show paragraph N (of the /doc document, or the one being discussed, without DOCUMENT), or a subparagraph (… 4(b))
  /info DOCUMENT    the document's card: titles, symbol, status, body, session, agenda item, sections, link
  /rec N            show recommendation N
  /doc DOCUMENT     restrict questions to one document (/doc all to lift)
  /sources          list the documents
  /new              forget the conversation (follow-ups use earlier turns)
  /quit             leave`;

/** Turns kept for follow-up resolution: enough for "and for smuggling?" chains without dragging old topics along. */
const HISTORY_TURNS = 4;

export interface ChatIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

function sourcesTable(engine: Engine): string {
  return engine
    .documents()
    .map(
      (d) =>
        `  ${d.meta.source}  ${d.meta.symbol ?? d.meta.shortTitle.en}\n      ${d.meta.title.zh}\n      ${d.paragraphs.count} paragraphs, ${d.recommendations} recommendations`,
    )
    .join('\n');
}

/** A command typed wrongly: the chat says how to type it and carries on. */
class ChatUsage extends Error {}

/** Interactive terminal front end over the same engine API the Discord bot uses. */
export async function runChat(engine: Engine, io: ChatIo = { input: process.stdin, output: process.stdout }): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: (io.input as NodeJS.ReadStream).isTTY === true });
  const say = (text: string) => io.output.write(`${text}\n`);
  const s = engine.status();
  say(`UN documents chat: ${s.documents} documents, ${s.units} units, ${s.mode} search${s.model ? ` (${s.model})` : ''}.`);
  if (s.fusion) say(strings('en').fusionSummary(s.fusion));
  say('Type a question, /help for commands, /quit to leave.\n');
  let history: Turn[] = [];
  let source: string | undefined;

  const metaOf = metaOfEngine(engine);
  const documentRef = (ref: string) => engine.document(ref).source;

  const handle = async (line: string): Promise<boolean> => {
    const [cmd, ...rest] = line.split(/\s+/);
    switch (cmd) {
      case '/quit':
      case '/exit':
        return false;
      case '/help':
        say(HELP);
        break;
      case '/sources':
        say(sourcesTable(engine));
        break;
      case '/new':
        history = [];
        say('Conversation cleared.');
        break;
      case '/doc':
        source = rest[0] && rest[0] !== 'all' ? documentRef(rest.join(' ')) : undefined;
        say(source ? `Questions now limited to ${source}.` : 'Questions now cover all documents.');
        break;
      case '/p': {
        // `4 (b)` arrives as two words.
        const last = rest.pop();
        const n = last && /^[(（]/.test(last) && rest.length > 1 ? `${rest.pop()}${last}` : last;
        // Without a document: the one /doc chose, else the one the conversation is about.
        const current = source ?? activeDocument(history);
        if (!n || (!rest.length && !current)) throw new ChatUsage('usage: /p [DOCUMENT] N  (N may name a subparagraph: 4(b))');
        const ref = paragraphRef(n);
        const doc = rest.length ? documentRef(rest.join(' ')) : current!;
        say(
          ref.sub === undefined
            ? formatVersions(engine, engine.paragraph(doc, ref.paragraph))
            : formatSubparagraph(engine, engine.subparagraph(doc, ref.paragraph, ref.sub)),
        );
        break;
      }
      case '/info': {
        if (!rest.length) throw new ChatUsage('usage: /info DOCUMENT');
        const source = documentRef(rest.join(' '));
        say(documentCardText(infoOf(engine, source)!, langOfText(rest.join(' '))));
        break;
      }
      case '/rec': {
        if (!rest[0] || !/^\d+$/.test(rest[0])) throw new ChatUsage('usage: /rec N');
        say(formatVersions(engine, engine.recommendation(Number(rest[0]), source)));
        break;
      }
      default: {
        if (cmd.startsWith('/')) throw new ChatUsage(`Unknown command ${cmd}; /help lists them.`);
        const answer = await engine.ask(line, { source, history });
        history = [...history, { question: line, answer }].slice(-HISTORY_TURNS);
        say(formatAnswer(answer, metaOf));
      }
    }
    return true;
  };

  const prompt = '\n> ';
  io.output.write(prompt.trimStart());
  for await (const raw of rl) {
    const line = raw.trim();
    if (line) {
      try {
        if (!(await handle(line))) break;
      } catch (err) {
        if (err instanceof InputError || err instanceof LookupError) say(strings(langOfText(line)).problem(err.problem));
        else if (err instanceof ChatUsage) say(err.message);
        else throw err;
      }
    }
    io.output.write(prompt);
  }
  rl.close();
  say('');
}
