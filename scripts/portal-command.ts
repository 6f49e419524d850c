/**
 * What the portal's command-line tasks (`npm run staff`, `retention`, `seed:scale`) share: the database the
 * portal's own settings name, and one way to exit.
 */
import { type Config, ConfigError, loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/platform/db/database.ts";

/**
 * Runs a task on the portal's database (DATABASE_URL, or the embedded one under DATA_DIR — stop the portal
 * first then, as the embedded database opens in one process at a time), and closes it afterwards.
 */
export async function withPortalDatabase(task: (config: Config, database: Database) => Promise<number>): Promise<number> {
  const config = await loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await task(config, database);
  } finally {
    await database.close();
  }
}

/** Runs a command and exits with its code; a settings mistake is said in one line, anything else in full. */
export function runCommand(main: () => Promise<number>): void {
  main()
    .then((code) => process.exit(code))
    .catch((error) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    });
}
