/** The Discord commands, one file each, and the handlers of the buttons they put under their replies. */
import { recordFeedback, showCitedUnit, showReference, showVersion } from '../answer-buttons.js';
import type { BotCommand, ButtonHandlers } from '../context.js';
import { pageTurner } from '../paged-view.js';
import { ask } from './ask.js';
import { document } from './document.js';
import { forgetMe } from './forget-me.js';
import { paragraph } from './paragraph.js';
import { quoteCited } from './quote-cited.js';
import { recommendation, recommendationList } from './recommendation.js';
import { search } from './search.js';
import { settings } from './settings.js';
import { documentList, sources } from './sources.js';
import { stats } from './stats.js';

export const commands: BotCommand[] = [ask, recommendation, paragraph, document, search, sources, quoteCited, forgetMe, settings, stats];

export const buttonHandlers: ButtonHandlers = {
  cite: showCitedUnit,
  version: showVersion,
  reference: showReference,
  feedback: recordFeedback,
  page: pageTurner([recommendationList, documentList]),
};
