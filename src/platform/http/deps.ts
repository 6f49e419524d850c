import type { Config } from "../../config.ts";
import type { Db } from "../db/database.ts";

/** What every feature's routes receive: the database, the settings, the clock and the outbox's doorbell. */
export type AppDeps = {
  db: Db;
  config: Config;
  now: () => Date;
  nudgeOutbox: () => void;
};
