/**
 * One process using the bot's store, as a shard would, for the tests of what several processes do to one file:
 * `node --import tsx test/helpers/store-process.ts DATA_DIR ACTION [COUNT]`. ACTION `open` opens and closes;
 * `vote` records COUNT 👍 clicks of one user on one answer. Prints one JSON line: the user's hash and the click
 * outcomes, or the StoreError's problem and message.
 */
import { openStore, StoreError } from '../../bot/store/index.js';

const [dataDir, action, count = '0'] = process.argv.slice(2);
try {
  const store = openStore({ dataDir: dataDir!, legacyFeedbackFile: process.env.LEGACY_FEEDBACK_FILE ?? null });
  const outcomes: string[] = [];
  if (action === 'vote') {
    for (let i = 0; i < Number(count); i++) {
      outcomes.push(store.feedback.record({ vote: 'up', question: 'q', citations: [], userId: 'same-user', messageId: 'm-race', guildId: 'g' }).outcome);
    }
  }
  store.close();
  process.stdout.write(`${JSON.stringify({ userHash: store.userHash('same-user'), outcomes })}\n`);
} catch (err) {
  if (!(err instanceof StoreError)) throw err;
  process.stdout.write(`${JSON.stringify({ problem: err.problem, message: err.message })}\n`);
}
