import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/platform/project-root.ts";
import { BUNDLE_ENTRIES, bundleServer, bundleServerUnlessBuilt } from "./bundle-server.mjs";

// Inside the project, so the bundle finds node_modules as dist/ does.
const outdir = path.join(PROJECT_ROOT, ".tmp", `bundle-${randomBytes(4).toString("hex")}`);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the start-up bundle", () => {
  it("runs document inspections in the bundled worker beside it", async () => {
    mkdirSync(outdir, { recursive: true });
    // Stands in for the server: bundled code that inspects one upload through the pool, as saveDocument does.
    const check = path.join(outdir, "check-entry.ts");
    const pool = path.join(PROJECT_ROOT, "src/modules/documents/inspection/inspection-pool.ts");
    writeFileSync(
      check,
      `import { createInspectionPool } from ${JSON.stringify(pool)};
const pool = createInspectionPool();
const pdf = new TextEncoder().encode("%PDF-1.7\\n1 0 obj\\n<< /Type /Catalog >>\\nendobj\\ntrailer\\n<< /Root 1 0 R >>\\n%%EOF\\n");
const verdict = await pool.inspect({ bytes: pdf, fileName: "a.pdf" });
console.log(JSON.stringify({ ok: verdict.ok, kind: verdict.ok ? verdict.kind : verdict.reason }));
await pool.close();
`,
    );
    await bundleServer({ check: check, "inspection-worker": BUNDLE_ENTRIES["inspection-worker"] }, outdir);
    expect(existsSync(path.join(outdir, "inspection-worker.js"))).toBe(true);

    const run = spawnSync(process.execPath, [path.join(outdir, "check.js")], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, kind: "pdf" });
  });

  it("is made again only when it is missing or its sources changed since it was made", async () => {
    const dir = path.join(outdir, "restart");
    const entries = { "inspection-worker": BUNDLE_ENTRIES["inspection-worker"] };
    expect(await bundleServerUnlessBuilt(entries, dir)).toBe(true);
    expect(await bundleServerUnlessBuilt(entries, dir)).toBe(false);
    rmSync(path.join(dir, "inspection-worker.js"));
    expect(await bundleServerUnlessBuilt(entries, dir)).toBe(true);
    writeFileSync(path.join(dir, "sources.sha256"), "made from other sources");
    expect(await bundleServerUnlessBuilt(entries, dir)).toBe(true);
    expect(await bundleServerUnlessBuilt(entries, dir)).toBe(false);
  });
});
