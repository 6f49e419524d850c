/** The assessment's crash test (test/e2e/assessment-crash.ts) on PostgreSQL, the server TEST_DATABASE_URL names. */
import { describeCrashSafety } from "./assessment-crash.ts";

describeCrashSafety({ name: "PostgreSQL", postgres: true });
