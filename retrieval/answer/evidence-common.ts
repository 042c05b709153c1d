/** What reading the asked kind of fact takes in any language: the evidence record, new facts, names found everywhere. */

import { BEFORE_ASKED_NOUN } from '../query/answer-type.js';
import type { CorpusStats, Lang, QueryAnalysis } from '../types.js';
import { matchText } from './context.js';

export interface Evidence {
  /** 0..1: how clearly the text carries the asked kind of fact (1 for kinds that need no particular form). */
  strength: number;
  /** The facts of that kind in the text that the question does not already state, in the text's match form. */
  facts: string[];
}

/**
 * Kinds whose facts count only in a sentence about the question's topic: a year in another sentence dates
 * something else. For these the quote composer weighs each sentence's evidence by how on-topic it is.
 */
export const LOCAL_TYPES: ReadonlySet<string> = new Set(['count', 'date', 'place', 'name', 'person_body']);

/**
 * "Who were the panellists", "专题主讲人是谁", "what is the name of the prosecutor", "who is the Executive
 * Director": people asked for by their role, answered by their names only, not by the role or the office. Not
 * "speakers" (发言者): in these reports those are delegations, named by their countries; nor chairs, hosts and
 * rapporteurs asked "是谁": those are often bodies or states (由人权高专办…出任主席, 日本主持召开, 国家报告员).
 */
export const PEOPLE_ASKED = new RegExp(
  [
    '(?:哪些|哪几位|哪位|谁)[^？?。]{0,8}(?:专题主讲人|主讲|主持人|小组成员)',
    '(?:专题主讲人|主讲人|主持人|小组成员)[^？?。]{0,8}(?:是谁|有谁|有哪些|是哪些)',
    '(?:检察官|执行主任|主任|主席|报告员|部长|大使|法官|负责人|发言人)的?(?:叫什么|名字|姓名)',
    '\\b(?:who|which)\\b[^?]{0,30}\\b(?:panell?ists?|panel speakers?|presenters?|moderators?|chairs?|chairpersons?)\\b',
    "\\bnames? of (?:the |that |this |a )?(?:[\\w'-]+ ){0,3}?(?:prosecutor|director|chair(?:person)?|official|officer|minister|ambassador|rapporteur|judge|head|president|spokesperson)s?\\b",
    "\\bwho(?: is|'s| was) (?:the |its |their )?(?:[\\w'-]+ ){0,3}?(?:director|minister|ambassador|prosecutor|judge)\\b",
  ].join('|'),
  'i',
);

/** A year as a whole number (2008), and every year a text names, not the 2006 of resolution 2006/27. */
export const YEAR = /^(?:19|20)\d{2}$/;
export const YEARS = /(?<![\d/])(?:19|20)\d{2}(?![\d/])/g;

/** "Which country" questions, in either language; 捐款国都有哪些 asks countries after naming them. */
export const COUNTRY_ASKED = new RegExp(
  String.raw`哪(?:个|一|些|几)?(?:[\d一二三四五六七八九十两]+个)?(?:国家|国(?![际内外]))|国(?:家)?都?(?:有|是|包括)哪(?:些|几个)|\b(?:which|what) ${BEFORE_ASKED_NOUN}{0,2}?(?:countries|country|states?|governments?)\b`,
  'i',
);

/** Units a name must be rarer than to answer "who": 毒品和犯罪问题办公室 is named everywhere and answers nothing. */
const EVERYWHERE = 0.05;

/** Whether a name found, or the name it ends with (…通过毒品和犯罪问题办公室), is in a large share of the units. */
export function everywhere(fact: string, stats: CorpusStats): boolean {
  for (let i = 0; i + 3 <= fact.length; i++) if (stats.df(fact.slice(i)) > EVERYWHERE * stats.size) return true;
  return false;
}

/** The words of the question in the text's match form, to tell a new fact from one the question already states. */
export function askedText(analysis: QueryAnalysis, lang: Lang): string {
  return [matchText(analysis.question, lang), ...analysis.groups.flatMap((g) => g.members.map((m) => m.term))].join(' ');
}

export function newOnes(found: Iterable<string>, question: string): string[] {
  // A name in quotation or title marks is the question's own when the question names it without them.
  const bare = (f: string) => f.replace(/^[“《「]|[”》」]$/g, '');
  return [...new Set([...found].filter((f) => bare(f).trim() && !question.includes(bare(f))))];
}
