/** The two winkjs packages ship no type declarations: the parts used here. */
declare module 'wink-tokenizer' {
  interface Token {
    value: string;
    /** word, number, ordinal, punctuation, symbol, url, email, mention, hashtag, emoji, emoticon, time, currency, alien… */
    tag: string;
  }
  class Tokenizer {
    tokenize(text: string): Token[];
    defineConfig(config: Record<string, boolean>): number;
  }
  export default Tokenizer;
}

declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string;
}
