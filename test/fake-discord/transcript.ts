/**
 * A real session for the README: runs `npm run register` and `npm start` exactly as a user would, but pointed
 * at the fake Discord, then plays a member using each command and prints what the channel shows.
 *
 *   npx tsx test/fake-discord/transcript.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEphemeral, responseMessages } from './inspect.js';
import { type FakeMessage, type FakeUser, InteractionType, user } from './payloads.js';
import { FakeDiscord, type InteractionRecord } from './server.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
/** npm's complaints about this machine's npmrc are not part of the product's output. */
const ownLines = (text: string) => text.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));

function show(msg: Pick<FakeMessage, 'content' | 'embeds' | 'components' | 'flags'>, botName: string): void {
  out(`${botName}:${isEphemeral(msg as FakeMessage) ? ' (only you can see this)' : ''}`);
  for (const line of msg.content ? msg.content.split('\n') : []) out(`  ${line}`);
  for (const e of msg.embeds as any[]) {
    if (e.title) out(`  ┃ **${e.title}**`);
    for (const line of e.description?.split('\n') ?? []) out(`  ┃ ${line}`);
    for (const f of e.fields ?? []) {
      out(`  ┃ ${f.name}`);
      for (const line of f.value.split('\n')) out(`  ┃   ${line}`);
    }
    if (e.footer) out(`  ┃ ${e.footer.text}`);
  }
  // A link button shows where it goes.
  const buttons = (msg.components as any[]).flatMap((row) =>
    row.components.map((b: any) => `[${[b.emoji?.name, b.label].filter(Boolean).join(' ')}${b.url ? ` → ${b.url}` : ''}]`),
  );
  if (buttons.length) out(`  ${buttons.join(' ')}`);
}

async function run(command: string, env: NodeJS.ProcessEnv): Promise<void> {
  out(`$ ${command}`);
  const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (c) => (text += String(c)));
  child.stderr.on('data', (c) => (text += String(c)));
  await once(child, 'exit');
  for (const line of ownLines(text)) out(line);
  out();
}

async function main(): Promise<void> {
  const fake = await FakeDiscord.start();
  const dir = await mkdtemp(join(tmpdir(), 'discord-transcript-'));
  const env = {
    ...process.env,
    DISCORD_TOKEN: fake.token,
    DISCORD_GUILD_ID: fake.guild.id,
    DISCORD_API_BASE: fake.apiBase,
    EMBEDDINGS: 'off',
    INDEX_DIR: join(dir, 'index'),
    DATA_DIR: join(dir, 'data'),
    // One member tries every command within a minute here; the default limit (6) would stop the tour.
    RATE_LIMIT_PER_MINUTE: '30',
  };
  await run('npm run register', env);

  out('$ npm start');
  // Its own process group, so Ctrl-C can be delivered to npm and everything under it, as a terminal does.
  const bot: ChildProcess = spawn('npm start', { shell: true, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  bot.stdout!.on('data', (c) => (log += String(c)));
  bot.stderr!.on('data', (c) => (log += String(c)));
  await once(fake.gateway, 'identify');
  await new Promise((r) => setTimeout(r, 300));
  for (const line of ownLines(log)) out(line);
  const printed = ownLines(log).length;
  out();

  const member: FakeUser = user('alice');
  const botName = fake.botUser.username;
  const slash = async (name: string, options: Record<string, string | number> = {}, locale = 'en-US') => {
    out(
      `${member.username}: /${name}${Object.entries(options)
        .map(([k, v]) => ` ${k}:${v}`)
        .join('')}`,
    );
    const record = await fake.settled(
      fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData(name, options), user: member, locale }),
      200,
      20_000,
    );
    for (const m of responseMessages(record)) show(m, botName);
    out();
    return record;
  };
  const click = async (record: InteractionRecord, pick: (b: any) => boolean) => {
    const message = responseMessages(record).find((m) => (m.components as any[]).some((r) => r.components.some(pick)))!;
    const button = (message.components as any[]).flatMap((r) => r.components).find(pick);
    out(`${member.username}: (clicks [${[button.emoji?.name, button.label].filter(Boolean).join(' ')}])`);
    const result = await fake.settled(
      fake.interact({ type: InteractionType.MessageComponent, data: { custom_id: button.custom_id, component_type: 2 }, message, user: member }),
      200,
    );
    for (const m of responseMessages(result)) show(m, botName);
    out();
    return result;
  };

  await slash('sources');
  const answer = await slash('ask', { question: 'What is the Blue Heart Campaign?' });
  const view = await click(answer, (b) => b.emoji?.name === '📄' && !b.label.startsWith('Draft'));
  await click(view, (b) => b.emoji?.name === '📋');
  await click(answer, (b) => b.emoji?.name === '👍');
  await slash('ask', { question: '贩运人口问题工作组建议会员国建立什么数据库？' }, 'zh-CN');
  await slash('ask', { question: 'What will the weather be in Paris tomorrow?' });
  await slash('paragraph', { document: '000_8c987accfb8d7853', number: '65' }, 'zh-CN');
  await slash('paragraph', { document: '000_8c987accfb8d7853', number: '75' });
  const sub = await slash('paragraph', { document: 'CTOC/COP/2018/2', number: '4(b)' });
  await click(sub, (b) => b.emoji?.name === '📋');
  await slash('document', { document: 'CTOC/COP/2018/2' });
  await slash('document', { document: '002_fd7eaa732a510636' }, 'zh-CN');
  await slash('recommendation', { number: 6 }, 'zh-CN');
  await slash('search', { query: '蓝心运动' });

  out(`${member.username}: @${botName} What does UNODC do against the smuggling of migrants?`);
  const question = fake.postMessage({ author: member, content: 'What does UNODC do against the smuggling of migrants?', mention: true });
  const first = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${question.id}/messages`, 20_000);
  out(`  (${botName} starts the thread "${fake.channelById(question.id).name}" and answers there)`);
  show({ ...first.body, components: first.body.components ?? [], flags: 0 }, botName);
  out();
  const followUp = '那贩运人口呢？';
  out(`${member.username} (in the thread): ${followUp}`);
  const follow = fake.postMessage({ author: member, content: followUp, channel: fake.channelById(question.id) });
  const second = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === follow.id, 20_000);
  show({ ...second.body, components: second.body.components ?? [], flags: 0 }, botName);
  out();

  const cited = fake.postMessage({ author: user('bob'), content: 'I read CTOC/COP/2018/2, para. 64 differently, and 建议 6 says otherwise.' });
  out(`bob: ${cited.content}`);
  out(`${member.username}: (message menu on bob's message → Apps → Quote cited paragraphs)`);
  const quoted = await fake.settled(
    fake.interact({
      type: InteractionType.ApplicationCommand,
      data: {
        id: fake.registeredCommand('Quote cited paragraphs').id,
        name: 'Quote cited paragraphs',
        type: 3,
        target_id: cited.id,
        resolved: { messages: { [cited.id]: cited } },
      },
      user: member,
    }),
    200,
  );
  for (const m of responseMessages(quoted)) show(m, botName);
  out();

  out('^C');
  process.kill(-bot.pid!, 'SIGINT');
  await once(bot, 'exit');
  for (const line of ownLines(log).slice(printed)) out(line);
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
