/**
 * Run as a process of its own by `createEmbeddedDatabaseApart`: creates the embedded database under the
 * DATA_DIR given as its one argument, migrates it, and exits, handing its memory back.
 */
import { openDatabase } from "./database.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("create-embedded-database needs the data directory as its argument");
const database = await openDatabase({ dataDir });
await database.close();
