// Starts the inspection worker from its TypeScript source, where no build has compiled it (the tests, and the
// server run through tsx): worker threads do not inherit the parent's loader, so this one registers tsx itself.
// The bundle that `npm start` runs has a compiled inspection-worker.js instead and never loads this file.
import { register } from "tsx/esm/api";

register();
await import("./inspection-worker.ts");
