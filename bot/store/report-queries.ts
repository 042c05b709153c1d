/** What the operators' report is made of, read from the question log and the votes of one period (and guild). */
import type Database from 'better-sqlite3';
import type { AnswerOutcome } from '../../retrieval/index.js';

export interface ReportScope {
  /** Milliseconds since the epoch, inclusive. */
  since: number;
  /** One guild, or every guild (and DMs) when null. */
  guildId: string | null;
}

export interface DownVoted {
  source: string;
  kind: string;
  paragraph: number | null;
  recommendation: number | null;
  label: string;
  down: number;
  up: number;
}

export interface ReportData {
  total: number;
  outcomes: Record<AnswerOutcome, number>;
  /** UTC days with at least one question, oldest first. */
  perDay: { day: string; questions: number; notFound: number }[];
  /** The newest not-found questions (at most NOT_FOUND_SAMPLE), with the words the documents lack. */
  notFound: { question: string; gapTerms: string[] }[];
  /** Nearest-rank percentiles of the answer latency, in ms; null without questions. */
  latencyMs: { p50: number; p95: number; p99: number; max: number } | null;
  /** Current votes cast in the period. */
  votes: { up: number; down: number };
  /** Cited units with the most 👎, most first (ties: fewest 👍). */
  downVoted: DownVoted[];
}

const NOT_FOUND_SAMPLE = 2_000;
const TOP_DOWN_VOTED = 10;

/** `AND guild_id = ?` when the scope names a guild: every query filters the same way. */
function scoped(scope: ReportScope) {
  return { where: scope.guildId === null ? '' : ' AND guild_id = @guildId', params: { since: scope.since, guildId: scope.guildId } };
}

export function reportData(db: Database.Database, scope: ReportScope): ReportData {
  const { where, params } = scoped(scope);
  const inScope = `FROM questions WHERE time >= @since${where}`;
  const outcomes: Record<AnswerOutcome, number> = { answered: 0, partial: 0, 'not-found': 0 };
  for (const r of db.prepare(`SELECT outcome, count(*) AS n ${inScope} GROUP BY outcome`).all(params) as { outcome: AnswerOutcome; n: number }[]) {
    outcomes[r.outcome] = r.n;
  }
  const perDay = db
    .prepare(`SELECT date(time / 1000, 'unixepoch') AS day, count(*) AS questions, sum(outcome = 'not-found') AS notFound ${inScope} GROUP BY day ORDER BY day`)
    .all(params) as ReportData['perDay'];
  const notFound = (
    db.prepare(`SELECT question, gap_terms ${inScope} AND outcome = 'not-found' ORDER BY id DESC LIMIT ${NOT_FOUND_SAMPLE}`).all(params) as {
      question: string;
      gap_terms: string;
    }[]
  ).map((r) => ({ question: r.question, gapTerms: JSON.parse(r.gap_terms) as string[] }));
  // Nearest rank: the smallest latency with at least p% of the others at or below it, as the bench reports it.
  const ranked = db
    .prepare(
      `SELECT rn, n, latency_ms FROM (SELECT latency_ms, row_number() OVER (ORDER BY latency_ms) AS rn, count(*) OVER () AS n ${inScope})
       WHERE rn IN ((n * 50 + 99) / 100, (n * 95 + 99) / 100, (n * 99 + 99) / 100, n)`,
    )
    .all(params) as { rn: number; n: number; latency_ms: number }[];
  const at = (p: number) => ranked.find((r) => r.rn === Math.floor((r.n * p + 99) / 100))!.latency_ms;
  const latencyMs = ranked.length ? { p50: at(50), p95: at(95), p99: at(99), max: at(100) } : null;

  // A person's vote on an answer is their newest row for it; votes cast in the period count.
  const current = `SELECT vote, citations FROM feedback WHERE id IN (
      SELECT max(id) FROM feedback WHERE time >= @sinceIso${where} GROUP BY message_id, user_hash)`;
  const voteParams = { ...params, sinceIso: new Date(scope.since).toISOString() };
  const votes = db
    .prepare(`SELECT coalesce(sum(vote = 'up'), 0) AS up, coalesce(sum(vote = 'down'), 0) AS down FROM (${current})`)
    .get(voteParams) as ReportData['votes'];
  const downVoted = db
    .prepare(
      `SELECT json_extract(c.value, '$.source') AS source, json_extract(c.value, '$.kind') AS kind,
              json_extract(c.value, '$.paragraph') AS paragraph, json_extract(c.value, '$.recommendation') AS recommendation,
              max(json_extract(c.value, '$.label')) AS label, sum(v.vote = 'down') AS down, sum(v.vote = 'up') AS up
       FROM (${current}) v, json_each(v.citations) c
       GROUP BY source, kind, paragraph, recommendation HAVING down > 0
       ORDER BY down DESC, up ASC, label LIMIT ${TOP_DOWN_VOTED}`,
    )
    .all(voteParams) as DownVoted[];
  return { total: outcomes.answered + outcomes.partial + outcomes['not-found'], outcomes, perDay, notFound, latencyMs, votes, downVoted };
}
