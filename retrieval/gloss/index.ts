/** Key terms of Chinese quotes in English (glossary, dictionary names, pinyin of people, numbers and dates by rule). */
export { compactText, Glosser, type GlosserDeps, isNameEntry, withGlosses } from './glosser.js';
