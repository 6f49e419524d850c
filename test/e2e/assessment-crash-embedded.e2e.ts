/** The assessment's crash test (test/e2e/assessment-crash.ts) on the embedded database. */
import { describeCrashSafety } from "./assessment-crash.ts";

describeCrashSafety({ name: "the embedded database", postgres: false });
