import { type ChainedAuditRow, GENESIS, STORED_AUDIT_COLUMNS, sealOf } from '../../../db/audit-chain.ts';
import type { Db } from '../../../db/client.ts';

/** Something `verifyAuditChain` found wrong, by row id. */
export type ChainProblem =
  /** The row's columns are not what was sealed. */
  | { kind: 'changed'; id: number }
  /** The row holds what was sealed as row `from`: rows were swapped or moved. */
  | { kind: 'moved'; id: number; from: number }
  /** Rows `from`…`to` are gone (ids skipped and the chain broken there, or cut from the end). */
  | { kind: 'missing'; from: number; to: number }
  /** The first row does not start the chain: the rows before it were removed. */
  | { kind: 'missingBefore'; id: number }
  /** The row is intact but does not follow the row before it: something was inserted or moved. */
  | { kind: 'unlinked'; id: number; previous: number }
  /** The row has no seal: it was added by other means than the bot. */
  | { kind: 'unsealed'; id: number };

export interface ChainReport {
  /** Rows read. */
  checked: number;
  problems: ChainProblem[];
  /** The last row's id and seal: written down elsewhere, it later proves the chain was not rebuilt. */
  last?: { id: number; hash: string | null };
  /** Where the seal asked about (`verifyAuditChain`'s `seal`) is in the chain, if it is. */
  sealFoundAt?: number;
}

/** Beyond this many rows whose seal fails, they are not paired up to tell moved rows from changed ones. */
const MAX_PAIRED = 500;

/**
 * For rows whose seal fails, the id each was sealed under when that is another such row's id: the
 * rows were swapped or moved together with their seals.
 */
function sealedAs(failing: ChainedAuditRow[]): Map<number, number> {
  const found = new Map<number, number>();
  if (failing.length > MAX_PAIRED) return found;
  for (const row of failing) {
    const { hash, prevHash } = row;
    if (hash === null || prevHash === null) continue;
    const other = failing.find((o) => o.id !== row.id && sealOf({ ...row, id: o.id }, prevHash) === hash);
    if (other) found.set(row.id, other.id);
  }
  return found;
}

/** An intact row that does not follow the one before it: rows before it removed, or something between. */
function brokenLink(row: ChainedAuditRow, previous: ChainedAuditRow | undefined): ChainProblem {
  if (!previous) return { kind: 'missingBefore', id: row.id };
  if (row.id > previous.id + 1) return { kind: 'missing', from: previous.id + 1, to: row.id - 1 };
  return { kind: 'unlinked', id: row.id, previous: previous.id };
}

/**
 * Walks the audit log in id order and checks every row's seal and its link to the row before it,
 * and that no row was cut from the end (sqlite_sequence remembers the highest id given). `seal`:
 * a seal written down earlier, looked for in the chain.
 */
export function verifyAuditChain(db: Db, seal?: string): ChainReport {
  const sqlite = db.$client;
  const rows = sqlite
    .prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`)
    .all() as ChainedAuditRow[];
  const idOfSeal = new Map<string, number>();
  for (const row of rows) if (row.hash !== null) idOfSeal.set(row.hash, row.id);

  const failing = rows.filter(
    (r) => r.hash !== null && r.prevHash !== null && sealOf(r, r.prevHash) !== r.hash,
  );
  const failed = new Set(failing.map((r) => r.id));
  const moved = sealedAs(failing);

  const problems: ChainProblem[] = [];
  let previous: ChainedAuditRow | undefined;
  for (const row of rows) {
    const from = moved.get(row.id);
    if (row.hash === null || row.prevHash === null) problems.push({ kind: 'unsealed', id: row.id });
    else if (from !== undefined) problems.push({ kind: 'moved', id: row.id, from });
    else if (failed.has(row.id)) problems.push({ kind: 'changed', id: row.id });
    else if (row.prevHash !== (previous?.hash ?? GENESIS)) problems.push(brokenLink(row, previous));
    previous = row;
  }

  const sequence = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as
    | { seq: number }
    | undefined;
  const lastId = previous?.id ?? 0;
  if (sequence && sequence.seq > lastId)
    problems.push({ kind: 'missing', from: lastId + 1, to: sequence.seq });

  return {
    checked: rows.length,
    problems,
    last: previous ? { id: previous.id, hash: previous.hash } : undefined,
    sealFoundAt: seal === undefined ? undefined : idOfSeal.get(seal),
  };
}
