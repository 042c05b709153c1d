import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { documentNames, type Engine, fold, type Lang } from '../../../retrieval/index.js';
import { langOfLocale } from '../../shared/strings.js';
import { LIMITS } from '../limits.js';
import { truncate } from '../split-text.js';

export const DOCUMENT_OPTION = 'document';

export function documentOption(option: SlashCommandStringOption, required: boolean): SlashCommandStringOption {
  return option
    .setName(DOCUMENT_OPTION)
    .setDescription('Which document (symbol or title)')
    .setDescriptionLocalizations({ 'zh-CN': '哪份文件（文号或标题）' })
    .setRequired(required)
    .setAutocomplete(true);
}

/** Documents whose stem, symbol or any title contains what the user has typed so far. */
export function documentChoices(engine: Engine, typed: string, lang: Lang) {
  const needle = fold(typed);
  return engine
    .documents()
    .filter(({ meta }) => documentNames(meta).some((name) => fold(name).includes(needle)))
    .slice(0, LIMITS.choices)
    .map((info) => {
      const name = info.meta.symbol ? `${info.meta.symbol} · ${info.meta.shortTitle[lang]}` : info.meta.shortTitle[lang];
      return { name: truncate(name, LIMITS.choiceName), value: info.meta.source };
    });
}

export function respondWithDocuments(interaction: AutocompleteInteraction, engine: Engine): Promise<void> {
  const typed = String(interaction.options.getFocused());
  return interaction.respond(documentChoices(engine, typed, langOfLocale(interaction.locale)));
}

/** The document the user chose: autocomplete gives the stem, but a typed symbol or title is accepted too. */
export function chosenDocument(interaction: ChatInputCommandInteraction, engine: Engine): string | undefined {
  const ref = interaction.options.getString(DOCUMENT_OPTION)?.trim();
  if (!ref) return undefined;
  return engine.document(ref).source;
}
