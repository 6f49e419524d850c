/**
 * CPU time of processes as Linux counts it (/proc/<pid>/stat: user + system), which stays steady on a busy
 * machine where wall-clock rates swing: the bench reports it per request beside each rate.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type pg from "pg";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Milliseconds of CPU a process has used so far, or null once it has gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; the fields after its closing parenthesis start with the state (field 3).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The load average over 1, 5 and 15 minutes. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = readFileSync("/proc/loadavg", "utf8").split(" ").map(Number);
  return [one ?? 0, five ?? 0, fifteen ?? 0];
}

/**
 * The PostgreSQL backends serving one database (the bench's own), by pid with their CPU so far. Read through
 * a connection to another database, so the reading itself is not counted; `except` leaves out the bench's
 * own helper connections to the measured database.
 */
export async function backendCpu(admin: pg.Client, database: string, except: number[]): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    if (except.includes(pid)) continue;
    const ms = cpuMsOf(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** CPU the backends used between two readings; a backend that started in between counts whole. */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
