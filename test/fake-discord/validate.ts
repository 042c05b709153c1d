/**
 * The checks Discord applies to message payloads (documented limits), so the fake answers 400 where
 * Discord would. Written independently of the bot's own limits so that a wrong constant there is caught here.
 */

type Json = Record<string, any>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function lengthProblem(path: string, value: unknown, max: number, problems: string[], min = 0): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string') {
    problems.push(`${path}: not a string`);
    return 0;
  }
  if (value.length > max) problems.push(`${path}: ${value.length} > ${max} characters`);
  if (value.length < min) problems.push(`${path}: shorter than ${min}`);
  if (LONE_SURROGATE.test(value)) problems.push(`${path}: contains a lone surrogate (a character cut in half)`);
  return value.length;
}

/** Problems with one string field: too long, too short, or not valid UTF-16. */
export function lengthProblems(path: string, value: unknown, max: number, min = 0): string[] {
  const problems: string[] = [];
  lengthProblem(path, value, max, problems, min);
  return problems;
}

function embedProblems(embeds: Json[], problems: string[]): void {
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    total += lengthProblem(`${at}.title`, e.title, 256, problems);
    total += lengthProblem(`${at}.description`, e.description, 4096, problems);
    total += lengthProblem(`${at}.footer.text`, e.footer?.text, 2048, problems);
    total += lengthProblem(`${at}.author.name`, e.author?.name, 256, problems);
    const fields: Json[] = e.fields ?? [];
    if (fields.length > 25) problems.push(`${at}.fields: ${fields.length} > 25`);
    fields.forEach((f, j) => {
      total += lengthProblem(`${at}.fields[${j}].name`, f.name, 256, problems, 1);
      total += lengthProblem(`${at}.fields[${j}].value`, f.value, 1024, problems, 1);
    });
  });
  if (total > 6000) problems.push(`embeds: ${total} > 6000 characters in one message`);
}

function componentProblems(rows: Json[], problems: string[]): void {
  if (rows.length > 5) problems.push(`components: ${rows.length} > 5 rows`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const items: Json[] = row.components ?? [];
    if (row.type !== 1 || items.length < 1 || items.length > 5) problems.push(`components[${i}]: bad action row`);
    items.forEach((c, j) => {
      const at = `components[${i}].components[${j}]`;
      lengthProblem(`${at}.label`, c.label, 80, problems);
      if (!c.label && !c.emoji) problems.push(`${at}: a button needs a label or an emoji`);
      // A link button (style 5) opens its URL and has no custom id; every other button is the reverse.
      if (c.style === 5) {
        if (c.custom_id !== undefined) problems.push(`${at}: a link button cannot have a custom_id`);
        lengthProblem(`${at}.url`, c.url, 512, problems, 1);
        if (!/^https?:\/\//.test(c.url ?? '')) problems.push(`${at}: a link button needs an http(s) url`);
        return;
      }
      if (c.url !== undefined) problems.push(`${at}: only link buttons have a url`);
      lengthProblem(`${at}.custom_id`, c.custom_id, 100, problems, 1);
      if (c.custom_id === undefined) problems.push(`${at}: a button needs a custom_id`);
      if (ids.has(c.custom_id)) problems.push(`${at}: duplicate custom_id ${c.custom_id}`);
      ids.add(c.custom_id);
    });
  });
}

/** Problems with a message create/edit payload; `partial` for edits, which may change only some fields. */
export function messageProblems(body: Json, partial = false): string[] {
  const problems: string[] = [];
  lengthProblem('content', body.content, 2000, problems);
  embedProblems(body.embeds ?? [], problems);
  componentProblems(body.components ?? [], problems);
  const empty = !body.content && !(body.embeds ?? []).length && !(body.components ?? []).length;
  if (empty && !partial) problems.push('cannot send an empty message');
  return problems;
}

export function choiceProblems(choices: Json[]): string[] {
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: ${choices.length} > 25`);
  choices.forEach((c, i) => {
    lengthProblem(`choices[${i}].name`, c.name, 100, problems, 1);
    if (typeof c.value === 'string') lengthProblem(`choices[${i}].value`, c.value, 100, problems);
  });
  return problems;
}

/** True when a payload that carries message content could not ping anyone. */
export function mentionsDisabled(body: Json): boolean {
  const am = body.allowed_mentions;
  return !!am && Array.isArray(am.parse) && am.parse.length === 0 && !(am.users ?? []).length && !(am.roles ?? []).length && am.replied_user !== true;
}
