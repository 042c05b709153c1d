/** An error for a log: its stack when it has one (the message is its first line), else its text. */
export function errorDetails(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
