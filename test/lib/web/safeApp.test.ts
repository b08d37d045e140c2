import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";

import { safeAppStanding } from "../../../lib/web/council/safeApp.ts";
import { DEFAULT_SAFE_APP_ALLOWED_DOMAINS, SafeAppAllowedDomainsError, safeAppAllowedDomains } from "../../../lib/web/safeApp.ts";

const admits = (patterns: RegExp[], origin: string) => patterns.some((pattern) => pattern.test(origin));

describe("lib/web/safeApp: the parent frames a Safe App trusts", () => {
  it("defaults to Safe{Wallet} and Safe{Wallet} run locally, when unset or blank", () => {
    for (const value of [undefined, "", "  "]) {
      const patterns = safeAppAllowedDomains(value);
      assert.equal(patterns.length, DEFAULT_SAFE_APP_ALLOWED_DOMAINS.split(",").length);
      assert.ok(admits(patterns, "https://app.safe.global"));
      assert.ok(admits(patterns, "http://localhost:3000"));
      assert.ok(admits(patterns, "http://localhost:41234"));
    }
  });

  it("anchors every origin: look-alikes, other schemes, paths and other hosts are refused", () => {
    const patterns = safeAppAllowedDomains(undefined);
    for (const origin of [
      "https://app.safe.global.evil.example",
      "https://evil.example/https://app.safe.global",
      "http://app.safe.global",
      "https://appxsafe.global",
      "https://app.safe.global:8443",
      "http://localhost.evil.example:3000",
      "http://localhost",
      "http://127.0.0.1:3000",
      "null",
    ]) {
      assert.equal(admits(patterns, origin), false, origin);
    }
  });

  it("reads a comma- or space-separated list, '*' standing for one label or a port", () => {
    const patterns = safeAppAllowedDomains("https://safe.example.org,  https://*.safe.global http://127.0.0.1:*/");
    assert.equal(patterns.length, 3);
    assert.ok(admits(patterns, "https://safe.example.org"));
    assert.ok(admits(patterns, "https://app.safe.global"));
    assert.ok(admits(patterns, "https://staging.safe.global"));
    assert.ok(admits(patterns, "http://127.0.0.1:5173"));
    assert.equal(admits(patterns, "https://a.b.safe.global"), false, "one label only");
    assert.equal(admits(patterns, "https://app.safe.global"), true);
    assert.equal(admits(patterns, "https://localhost:3000"), false, "the default is replaced, not extended");
  });

  it("refuses an entry that is not an origin, naming it", () => {
    for (const entry of ["app.safe.global", "https://app.safe.global/apps", "ftp://safe.example", "https://", "https://app.safe.global?x=1"]) {
      assert.throws(() => safeAppAllowedDomains(`https://ok.example, ${entry}`), (error: unknown) => error instanceof SafeAppAllowedDomainsError && error.message.includes(entry), entry);
    }
  });
});

describe("lib/web/council/safeApp: which Safe can queue a council decision", () => {
  const council = "0x00000000000000000000000000000000000000C0" as const;
  const other = "0x00000000000000000000000000000000000000C1" as const;

  it("the council Safe on the decision's chain, whatever the address case", () => {
    assert.deepEqual(safeAppStanding({ safe: council.toLowerCase() as typeof council, chainId: 900 }, { council, chainId: 900 }), { kind: "council" });
  });

  it("another Safe is told it is not the council, even on the right chain", () => {
    assert.deepEqual(safeAppStanding({ safe: other, chainId: 900 }, { council, chainId: 900 }), { kind: "otherSafe", safe: other, council });
  });

  it("the council Safe on another chain is told which chain the decision is made on", () => {
    assert.deepEqual(safeAppStanding({ safe: council, chainId: 900 }, { council, chainId: 902 }), { kind: "otherChain", chainId: 900, decisionChainId: 902 });
  });
});

describe("public/manifest.json: the Safe Apps manifest", () => {
  const publicDir = resolve(import.meta.dirname, "../../../public");

  it("has the name, description and iconPath Safe{Wallet} reads, and the icon exists as a square SVG of at least 128 px", () => {
    const manifest = JSON.parse(readFileSync(resolve(publicDir, "manifest.json"), "utf8")) as Record<string, unknown>;
    assert.equal(typeof manifest.name, "string");
    assert.ok(typeof manifest.description === "string" && manifest.description.length > 20);
    assert.equal(typeof manifest.iconPath, "string");
    const icon = resolve(publicDir, manifest.iconPath as string);
    assert.ok(existsSync(icon), `${manifest.iconPath} is in public/`);
    const size = /<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"/.exec(readFileSync(icon, "utf8"));
    assert.ok(size && Number(size[1]) >= 128 && size[1] === size[2], "width = height ≥ 128");
  });
});
