// Starts create-embedded-database from its TypeScript source, where no build has compiled it (the tests, and
// the server run through tsx). The bundle that `npm start` runs has a compiled create-embedded-database.js
// instead and never loads this file.
import { register } from "tsx/esm/api";

register();
await import("./create-embedded-database.ts");
