import { describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../retrieval/query/follow-up.js';

const followUp = (previous: string, question: string) => resolveFollowUp(question, [{ question: previous }]);

describe('resolveFollowUp', () => {
  it('swaps the topic of the previous question for the one a short follow-up names', () => {
    expect(followUp('What did UNODC do against trafficking in persons in the Niger?', 'and for smuggling of migrants?')).toBe(
      'What did UNODC do against smuggling of migrants in the Niger?',
    );
    expect(followUp('毒品和犯罪问题办公室在尼日尔开展了哪些打击贩运人口的活动？', '那偷运移民呢？')).toBe(
      '毒品和犯罪问题办公室在尼日尔开展了哪些打击偷运移民的活动？',
    );
  });

  it('swaps a recommendation, paragraph or year reference', () => {
    expect(followUp('What does recommendation 6 say?', 'what about recommendation 3?')).toBe('What does recommendation 3 say?');
    expect(followUp('建议 6 的内容是什么？', '建议 3 呢？')).toBe('建议 3 的内容是什么？');
    expect(followUp('萨尔瓦多在2005年逮捕了多少人？', '那2006年呢？')).toBe('萨尔瓦多在2006年逮捕了多少人？');
    expect(followUp('What did UNODC do in Mexico?', 'and in Colombia?')).toBe('What did UNODC do in Colombia?');
    expect(followUp('What did UNODC do in the Niger?', 'What about Mexico?')).toBe('What did UNODC do in Mexico?');
  });

  it('adds the fragment to the previous question when nothing in it plays the same role', () => {
    expect(followUp('What did UNODC do in the Niger?', 'how about training?')).toBe('What did UNODC do in the Niger training');
    expect(followUp('蓝心运动是什么？', '那墨西哥呢？')).toBe('蓝心运动是什么 墨西哥');
    expect(followUp('蓝心运动是什么？', '那么墨西哥怎么样？')).toBe('蓝心运动是什么 墨西哥');
  });

  it('leaves a question that stands on its own unchanged', () => {
    const full = [
      'And what did the Conference of the Parties decide about the working group?',
      'What does the Bali Process do?',
      '《偷运移民议定书》的宗旨是什么呢？',
      '那么工作组关于国家转介机制提出了哪些建议？',
      '今天天气怎么样？',
      '法国的首都如何？',
    ];
    for (const q of full) expect(followUp('What is the Blue Heart Campaign?', q)).toBe(q);
  });

  it('needs a previous turn, and resolves a chain of follow-ups', () => {
    expect(resolveFollowUp('and for smuggling of migrants?', [])).toBe('and for smuggling of migrants?');
    const history = [{ question: 'What did UNODC do against trafficking in persons in Mexico?' }, { question: 'and in Colombia?' }];
    expect(resolveFollowUp('and for smuggling of migrants?', history)).toBe('What did UNODC do against smuggling of migrants in Colombia?');
  });
});
