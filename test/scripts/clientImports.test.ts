import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, it } from "node:test";

import { findServerImportsFromClient } from "../../scripts/lib/clientImports.ts";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "client-imports-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("findServerImportsFromClient", () => {
  it("names each path from a client module to a Node built-in or lib/web/server, import by import", () => {
    const root = tree({
      "components/panel.tsx": `"use client";\nimport { rows } from "@/lib/web/rows.ts";\nexport const Panel = () => rows;\n`,
      "lib/web/rows.ts": `import { readManifest } from "../chains/read.ts";\nexport const rows = readManifest;\n`,
      "lib/chains/read.ts": `import { readFileSync } from "node:fs";\nexport const readManifest = () => readFileSync("x");\n`,
      "app/page-client.tsx": `'use client'\nconst later = () => import("../lib/web/server/store.ts");\nexport default later;\n`,
      "lib/web/server/store.ts": `export const store = 1;\n`,
      "app/server-page.tsx": `import { store } from "@/lib/web/server/store.ts";\nimport { readFileSync } from "fs";\nexport default () => [store, readFileSync];\n`,
    });
    const found = findServerImportsFromClient(root).map(({ chain, forbidden }) => `${chain.join(" → ")} → ${forbidden}`).sort();
    assert.deepEqual(found, [
      "app/page-client.tsx → lib/web/server/store.ts",
      "components/panel.tsx → lib/web/rows.ts → lib/chains/read.ts → node:fs",
    ]);
  });

  it("lets type-only imports and exports through: they never reach the bundle", () => {
    const root = tree({
      "components/view.tsx": [
        `"use client";`,
        `import type { Store } from "@/lib/web/server/store.ts";`,
        `import { type Row } from "@/lib/web/server/rows.ts";`,
        `export type { Deployment } from "../lib/web/server/deployment.ts";`,
        `export const View = (s: Store, r: Row) => [s, r];`,
      ].join("\n"),
      "lib/web/server/store.ts": `import "node:fs";\nexport type Store = number;\n`,
      "lib/web/server/rows.ts": `export type Row = number;\n`,
      "lib/web/server/deployment.ts": `export type Deployment = number;\n`,
    });
    assert.deepEqual(findServerImportsFromClient(root), []);
  });

  it("finds nothing in this repository: no client component reaches server-only code", () => {
    const violations = findServerImportsFromClient(resolve(import.meta.dirname, "../.."));
    assert.deepEqual(violations.map(({ chain, forbidden }) => `${chain.join(" → ")} → ${forbidden}`), []);
  });
});
