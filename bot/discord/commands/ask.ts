import { answerMessages, spansIn } from '../answer-view.js';
import { textQueryCommand } from './text-query-command.js';

/** `/ask question [document]`: the extractive answer with its labels, sources and buttons. */
export const ask = textQueryCommand({
  name: 'ask',
  description: 'Ask a question about the UN documents; the answer cites paragraph numbers',
  descriptionZh: '就联合国文件提问，回答引用段落编号',
  text: { name: 'question', description: 'Your question, in Chinese or English', descriptionZh: '您的问题（中文或英文）' },
  async reply(ctx, question, source, settings) {
    const answer = await ctx.engine.ask(question, { source });
    return { messages: answerMessages(question, answer, spansIn(ctx.engine), { votes: settings.feedbackButtons }), answer };
  },
});
