/**
 * Names written as in Taiwan (克罗埃西亚, 模里西斯, 奈及利亚) read as the documents write them (克罗地亚, 毛里求斯,
 * 尼日利亚). OpenCC's Taiwan idiom table does it, but also turns names the documents do write into Taiwan's
 * other ones (尼日利亚 → 尼日尔利亚, as 尼日 is Niger there), so only a stretch of the question the corpus lacks is
 * read so, and only into a word it has.
 */
import { Converter as toTraditional } from 'opencc-js/cn2t';
import { Converter as toSimplified } from 'opencc-js/t2cn';

const traditional = toTraditional({ from: 'cn', to: 'tw' });
const mainland = toSimplified({ from: 'twp', to: 'cn' });
const regional = (text: string) => mainland(traditional(text));

/** Longest stretch tried, in characters: the longest country names. */
const LONGEST = 8;

export function mainlandNames(question: string, inCorpus: (text: string) => boolean, isWord: (text: string) => boolean): string {
  if (regional(question) === question) return question;
  let out = '';
  for (let at = 0; at < question.length; ) {
    let taken = false;
    for (let len = Math.min(LONGEST, question.length - at); len >= 2 && !taken; len--) {
      const stretch = question.slice(at, at + len);
      if (inCorpus(stretch)) continue;
      const read = regional(stretch);
      if (read !== stretch && isWord(read)) {
        out += read;
        at += len;
        taken = true;
      }
    }
    if (!taken) out += question[at++];
  }
  return out;
}
