import type { AutocompleteInteraction, ButtonInteraction, Interaction, RepliableInteraction } from 'discord.js';
import { errorDetails } from '../shared/error-details.js';
import { langOfLocale, strings } from '../shared/strings.js';
import type { BotCommand, BotContext, ButtonHandlers } from './context.js';
import { parseButtonId } from './custom-ids.js';
import { DeliveryError } from './delivery.js';
import { describeFailure } from './failures.js';
import { mayAsk, rateLimitOf, roleIdsOf } from './guild-policy.js';
import { respondPrivately } from './respond.js';

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}

/** What was asked, for the log line of an answer Discord never accepted: the command with what the user typed. */
function asked(interaction: Interaction): string {
  if (!interaction.isChatInputCommand()) return describe(interaction);
  const typed = interaction.options.data.map((o) => ` ${o.name}: ${JSON.stringify(o.value)}`).join('');
  return `/${interaction.commandName}${typed}`;
}

/**
 * Routes every interaction to its command or button handler. Nothing escapes: a failing handler becomes an
 * ephemeral message to the user and a log line, never an unhandled rejection that could take the bot down.
 */
export function createInteractionRouter(ctx: BotContext, commands: BotCommand[], buttons: ButtonHandlers) {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (command?.kind !== 'slash' || !command.autocomplete) return interaction.respond([]);
    await command.autocomplete(interaction, ctx);
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const action = parseButtonId(interaction.customId);
    if (!action) throw new Error(`unknown button id "${interaction.customId}"`);
    switch (action.type) {
      case 'cite':
        return buttons.cite(interaction, action, ctx);
      case 'version':
        return buttons.version(interaction, action, ctx);
      case 'reference':
        return buttons.reference(interaction, action, ctx);
      case 'feedback':
        return buttons.feedback(interaction, action, ctx);
      case 'page':
        return buttons.page(interaction, action, ctx);
    }
  }

  async function command(interaction: RepliableInteraction): Promise<void> {
    const s = strings(ctx.replyLang(interaction));
    if (ctx.stopping()) return respondPrivately(interaction, s.shuttingDown);
    const settings = ctx.store.settings.get(interaction.guildId);
    const limited = () => {
      const limit = rateLimitOf(settings, ctx.config);
      const decision = ctx.limiter.take(interaction.user.id, limit);
      return decision.allowed ? null : s.rateLimited(limit, Math.ceil(decision.retryAfterMs / 1000));
    };
    if (interaction.isButton()) {
      // A vote writes to disk: it counts against the limit like a question. Showing a paragraph or a page does not.
      const refusal = parseButtonId(interaction.customId)?.type === 'feedback' ? limited() : null;
      return refusal ? respondPrivately(interaction, refusal) : button(interaction);
    }
    if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand()) return;
    const found = byName.get(interaction.commandName);
    if (!found) throw new Error(`unknown command "${interaction.commandName}"`);
    if ((found.access ?? 'ask') === 'ask' && !mayAsk(settings, roleIdsOf(interaction.member), interaction.memberPermissions)) {
      return respondPrivately(interaction, s.notAllowedToAsk);
    }
    const refusal = limited();
    if (refusal) return respondPrivately(interaction, refusal);
    if (found.kind === 'slash' && interaction.isChatInputCommand()) return found.execute(interaction, ctx);
    if (found.kind === 'message' && interaction.isMessageContextMenuCommand()) return found.execute(interaction, ctx);
    throw new Error(`command "${interaction.commandName}" was invoked as the wrong kind`);
  }

  return async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isRepliable()) await command(interaction);
    } catch (err) {
      // Past its deadline Discord would refuse an apology too: the log is where this answer ends up.
      if (err instanceof DeliveryError) return ctx.log(`undelivered: ${asked(interaction)}: ${err.message}`);
      const { text, logged } = describeFailure(err, strings(langOfLocale(interaction.locale)));
      if (logged) ctx.log(`${describe(interaction)} failed: ${errorDetails(err)}`);
      try {
        if (interaction.isAutocomplete()) {
          if (!interaction.responded) await interaction.respond([]);
        } else if (interaction.isRepliable()) {
          await respondPrivately(interaction, text);
        }
      } catch (replyErr) {
        ctx.log(`could not report the failure of ${describe(interaction)}: ${errorDetails(replyErr)}`);
      }
    }
  };
}
