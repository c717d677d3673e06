import type { ClusterNode, ClusterRegistry } from './config-types.ts';
import type { SqlDb } from './sql.ts';

interface NodeRow {
  node_id: string;
  host: string;
  started_at: number | string;
  age_ms: number | string;
  present_agents: string;
}

/** A node silent this long is gone for good: its row is removed by whichever node beats next. */
const FORGET_AFTER_MS = 3_600_000;

/**
 * The database's clock in epoch ms, so that heartbeat ages do not depend on the nodes' clocks
 * agreeing. `clock_timestamp()`, not `now()`: the latter is the transaction's start.
 */
export function databaseNowMs(db: SqlDb): string {
  return db.dialect === 'postgres'
    ? 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)'
    : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

/** The `cluster_nodes` table (migration 5): one row per running node, rewritten at each heartbeat. */
export function clusterRepo(db: SqlDb): ClusterRegistry {
  const now = databaseNowMs(db);
  return {
    async heartbeat(beat) {
      const agents = JSON.stringify([...beat.presentAgents]);
      await db.run(
        `INSERT INTO cluster_nodes (node_id, host, started_at, heartbeat_at, present_agents)
         VALUES (?, ?, ${now}, ${now}, ?)
         ON CONFLICT (node_id) DO UPDATE SET host = excluded.host, heartbeat_at = excluded.heartbeat_at,
           present_agents = excluded.present_agents`,
        [beat.id, beat.host, agents],
      );
      await db.run(`DELETE FROM cluster_nodes WHERE heartbeat_at < ${now} - ?`, [FORGET_AFTER_MS]);
      const rows = await db.all<NodeRow>(
        `SELECT node_id, host, started_at, ${now} - heartbeat_at AS age_ms, present_agents
         FROM cluster_nodes ORDER BY started_at, node_id`,
      );
      return rows.map(toNode);
    },

    async leaveCluster(nodeId) {
      await db.run('DELETE FROM cluster_nodes WHERE node_id = ?', [nodeId]);
    },
  };
}

function toNode(r: NodeRow): ClusterNode {
  let presentAgents: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.present_agents);
    if (Array.isArray(parsed)) presentAgents = parsed.filter((a): a is string => typeof a === 'string');
  } catch {
    // A row no node of this version wrote: no one present there.
  }
  return {
    id: r.node_id,
    host: r.host,
    startedAt: Number(r.started_at),
    ageMs: Math.max(0, Number(r.age_ms)),
    presentAgents,
  };
}
