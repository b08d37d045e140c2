/**
 * The web app refuses to start on a deployment chosen explicitly (SUPERCHAIN_MANIFEST or
 * SUPERCHAIN_DEPLOYMENT) that is missing or invalid, saying which and why; the devnet default
 * starts whatever state its manifest is in (the quickstart starts the app before the devnet).
 * The last case runs the built app (`next start`), as an operator would.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { before, describe, it } from "node:test";

import { freePort } from "../../../../lib/devnet/nodes.ts";
import { chosenDeploymentProblem } from "../../../../lib/web/server/startupCheck.ts";
import { buildManifest } from "../../../helpers/manifest.ts";
import { tempFolder } from "../../../helpers/tempFiles.ts";

const root = resolve(import.meta.dirname, "../../../..");

describe("the web app's check at start", () => {
  const { dir, file } = tempFolder("superchain-web-start-");
  const valid = file("valid.json", JSON.stringify(buildManifest()));
  const invalid = file("invalid.json", JSON.stringify({ ...buildManifest(), hub: { chainId: -1 } }));

  it("passes a valid chosen manifest and the devnet default, and names the variable, the file and the fault otherwise", async () => {
    assert.equal(await chosenDeploymentProblem({}), undefined);
    assert.equal(await chosenDeploymentProblem({ SUPERCHAIN_MANIFEST: valid }), undefined);
    const missing = await chosenDeploymentProblem({ SUPERCHAIN_MANIFEST: `${dir}/nowhere.json` });
    assert.match(missing ?? "", /chosen by SUPERCHAIN_MANIFEST: .*nowhere\.json/);
    const broken = await chosenDeploymentProblem({ SUPERCHAIN_MANIFEST: invalid });
    assert.match(broken ?? "", /invalid\.json/);
    assert.match(broken ?? "", /hub/);
    const named = await chosenDeploymentProblem({ SUPERCHAIN_DEPLOYMENT: "no-such-deployment" });
    assert.match(named ?? "", /chosen by SUPERCHAIN_DEPLOYMENT: .*deployments\/no-such-deployment\.json/);
    assert.match((await chosenDeploymentProblem({ SUPERCHAIN_DEPLOYMENT: "../etc" })) ?? "", /Invalid network name/);
  });

  describe("the built app", () => {
    before(() => {
      // A no-op when the build is current (as in .ci/run, which builds first).
      const build = spawnSync(process.execPath, [resolve(root, "scripts/web-build.ts")], { cwd: root, encoding: "utf8" });
      assert.equal(build.status, 0, build.stdout + build.stderr);
    });

    it("runs alone from its standalone folder, from any working folder, and serves the chosen deployment", async () => {
      const distDir = resolve(root, process.env.NEXT_DIST_DIR || ".next");
      const port = await freePort();
      const app = spawn(process.execPath, [resolve(distDir, "standalone/server.js")], {
        cwd: dir,
        env: { ...process.env, SUPERCHAIN_MANIFEST: valid, SUPERCHAIN_WEB_DB: resolve(dir, "web.sqlite"), PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: "ignore",
      });
      try {
        const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((response) => response, () => undefined);
        let health: Response | undefined;
        for (let attempt = 0; attempt < 300 && !health?.ok; attempt++) {
          health = await get("/api/health");
          if (!health?.ok) await new Promise((wake) => setTimeout(wake, 100)); // the server's own start; no event to wait on from outside
        }
        assert.equal(health?.status, 200);
        const page = await get("/");
        assert.equal(page?.status, 200);
        const css = /\/_next\/static\/[^"]+\.css/.exec(await page!.text())?.[0];
        assert.ok(css, "the page links its stylesheet");
        assert.equal((await get(css))?.status, 200, "static assets are served from beside server.js");
      } finally {
        app.kill("SIGTERM");
      }
    });

    it("exits 1 at start, with the reason, on an invalid chosen manifest", async () => {
      const port = await freePort();
      const app = spawn(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(port)], {
        cwd: root,
        env: { ...process.env, SUPERCHAIN_MANIFEST: invalid, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      app.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      app.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((done) => app.once("exit", done));
      assert.equal(code, 1, output);
      assert.match(output, /superchain web app: cannot serve the deployment chosen by SUPERCHAIN_MANIFEST: .*invalid\.json/);
    });
  });
});
