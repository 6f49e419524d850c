import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./platform/project-root.ts";

/**
 * The shape docs/architecture.md describes: the platform knows nothing of the domain or the surfaces, and the
 * domain knows nothing of the surfaces or of HTTP. Test files are left out: they reach through every layer.
 */

const SRC = path.join(PROJECT_ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** What a file imports: packages by name, and its own files as paths under src/ (`web/html/fields.tsx`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)].map(
    (m) => (m[1] ?? m[2] ?? m[3])!,
  );
  return specifiers.map((s) => (s.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), s)) : s));
}

/** Each offending import of the files under `layer`, as `file → import`. */
function offences(layer: string, forbidden: (imported: string) => boolean): string[] {
  return sourceFiles(path.join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((imported) => `${path.relative(SRC, file)} → ${imported}`),
  );
}

/** The files at the top of src/ that wire the layers together (app.ts, server.ts, config.ts…). */
const topLevel = (imported: string) => !imported.includes("/") && /\.tsx?$/.test(imported);

describe("layers", () => {
  it("finds the imports it checks, relative and by package", () => {
    expect(importsOf(path.join(SRC, "app.ts"))).toEqual(expect.arrayContaining(["fastify", "web/candidate/plugin.tsx", "platform/db/database.ts"]));
  });

  it("keep the platform free of the domain and the surfaces", () => {
    // Only the settings' type comes from above: config.ts reads the environment and knows no feature.
    const above = (imported: string) => imported.startsWith("modules/") || imported.startsWith("web/") || (topLevel(imported) && imported !== "config.ts");
    expect(offences("platform", above)).toEqual([]);
  });

  it("keep the domain free of the surfaces and of HTTP", () => {
    const above = (imported: string) =>
      imported.startsWith("web/") || topLevel(imported) || imported === "fastify" || imported.startsWith("@fastify/") || imported === "fastify-plugin";
    expect(offences("modules", above)).toEqual([]);
  });
});
