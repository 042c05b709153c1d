/** Case-, width- and spacing-blind form of a name, for comparing what a user typed with a title or symbol. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}
