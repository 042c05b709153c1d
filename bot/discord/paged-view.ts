import type { Lang } from '../../retrieval/index.js';
import { strings } from '../shared/strings.js';
import type { ButtonHandler, PagedView } from './context.js';
import { pageId } from './custom-ids.js';
import { button, buttonRows, type OutgoingMessage } from './message-layout.js';
import { updateMessage } from './respond.js';

const PAGE_COLOR = 0x5865f2;

/**
 * One page of a list as an embed, with ◀/▶ buttons that carry the page to show next. The page number is
 * clamped, so a stale button (the list changed) still lands on a real page.
 */
export function pagedMessage(
  view: string,
  lang: Lang,
  arg: string,
  page: number,
  pages: string[],
  title: (page: number, pages: number) => string,
): OutgoingMessage {
  const at = Math.min(Math.max(page, 0), pages.length - 1);
  const s = strings(lang);
  const embed = { title: title(at + 1, pages.length), description: pages[at], color: PAGE_COLOR };
  if (pages.length < 2) return { embeds: [embed], components: [] };
  const nav = [
    button(pageId(view, lang, arg, at - 1), s.previous, { emoji: '◀️', disabled: at === 0 }),
    button(pageId(view, lang, arg, at + 1), s.next, { emoji: '▶️', disabled: at === pages.length - 1 }),
  ];
  return { embeds: [embed], components: buttonRows(nav, 1) };
}

export function pageTurner(views: PagedView[]): ButtonHandler<'page'> {
  const byName = new Map(views.map((v) => [v.name, v]));
  return async (interaction, action, ctx) => {
    const view = byName.get(action.view);
    if (!view) throw new Error(`unknown paged view "${action.view}"`);
    await updateMessage(interaction, view.render(ctx, action.lang, action.arg, action.page));
  };
}
