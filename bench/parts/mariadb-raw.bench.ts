/** Part (e): the raw MariaDB rate of a transaction of 4 (UPDATE + INSERT) pairs at 32 connections. */
import { createPool, type Pool } from "mysql2/promise";
import { msSince, progress } from "../stats.ts";

const ROWS = 1024;

/** A pool with the part's two tables created afresh. */
export interface RawBench {
  pool: Pool;
  connections: number;
  close(): Promise<void>;
}

/** One round: committed transactions per second and each one's latency. */
export interface RawRound {
  txnPerSec: number;
  latencies: number[];
  seconds: number;
}

/** Opens a pool of `connections` on `url` and creates the tables the transaction writes to. */
export async function openRawBench(url: string, connections: number): Promise<RawBench> {
  const pool = createPool({ uri: url, connectionLimit: connections });
  await createTables(pool);
  return { pool, connections, close: () => pool.end() };
}

/** Measures committed transactions per second with every connection busy for about `seconds`. */
export async function rawRound(bench: RawBench, seconds: number): Promise<RawRound> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = seconds * 1000;
  const worker = async (w: number) => {
    const conn = await bench.pool.getConnection();
    try {
      let i = 0;
      while (msSince(start) < deadline) {
        const at = process.hrtime.bigint();
        await conn.beginTransaction();
        for (let pair = 0; pair < 4; pair++) {
          const id = (w * 32 + ((i * 4 + pair) % 32)) % ROWS;
          await conn.execute("UPDATE bench_raw_state SET n = n + 1, updated_at = ? WHERE id = ?", [new Date(), id]);
          await conn.execute("INSERT INTO bench_raw_log (state_id, payload, created_at) VALUES (?, ?, ?)", [id, `{"w":${w},"i":${i}}`, new Date()]);
        }
        await conn.commit();
        latencies.push(msSince(at));
        i++;
      }
    } finally {
      conn.release();
    }
  };
  const timer = setInterval(() => progress(`mariadb raw: ${latencies.length} transactions`), 2000);
  try {
    await Promise.all(Array.from({ length: bench.connections }, (_, w) => worker(w)));
  } finally {
    clearInterval(timer);
  }
  const elapsed = msSince(start) / 1000;
  return { txnPerSec: latencies.length / elapsed, latencies, seconds: elapsed };
}

/** Creates (afresh) the two tables the raw transaction writes to. */
async function createTables(pool: Pool): Promise<void> {
  await pool.query("DROP TABLE IF EXISTS bench_raw_log, bench_raw_state");
  await pool.query(
    "CREATE TABLE bench_raw_state (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0, updated_at DATETIME(3) NULL) ENGINE=InnoDB",
  );
  await pool.query(
    "CREATE TABLE bench_raw_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, state_id INT NOT NULL, payload TEXT NOT NULL, created_at DATETIME(3) NOT NULL, KEY (state_id)) ENGINE=InnoDB",
  );
  const values = Array.from({ length: ROWS }, (_, i) => `(${i}, 0)`).join(",");
  await pool.query(`INSERT INTO bench_raw_state (id, n) VALUES ${values}`);
}
