import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";

import { buildFingerprint, buildStatus, clearBuildStamp, WEB_BUILD_INPUTS, writeBuildStamp } from "../../scripts/lib/buildFingerprint.ts";

/** A throwaway git checkout shaped like the app: tracked sources, an ignored `.next`. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), "fingerprint-"));
  const files: Record<string, string> = {
    ".gitignore": ".next/\n.env\nnext-env.d.ts\n",
    "app/page.tsx": "export default function Page() { return null; }\n",
    "components/proposals/markdown.tsx": "export const x = 1;\n",
    "lib/contracts/generated/Governor.ts": "export const abi = [] as const;\n",
    "next.config.js": "export default {};\n",
    "package-lock.json": "{}\n",
    "README.md": "not an input\n",
  };
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  execFileSync("git", ["init", "-q"], { cwd: root });
  execFileSync("git", ["add", "-A"], { cwd: root });
  return root;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe("buildFingerprint", () => {
  let root: string;
  const fingerprint = (env: Record<string, string> = {}) => buildFingerprint({ root, ...WEB_BUILD_INPUTS, env });
  before(() => {
    root = checkout();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("is the same for an unchanged checkout, even when a file's mtime moves", () => {
    const first = fingerprint();
    assert.match(first ?? "", /^[0-9a-f]{64}$/);
    utimesSync(join(root, "app/page.tsx"), new Date(), new Date(Date.now() + 60_000));
    assert.equal(fingerprint(), first);
  });

  it("changes when a tracked input's content changes, and back when it is restored", () => {
    const first = fingerprint();
    write(root, "components/proposals/markdown.tsx", "export const x = 2;\n");
    assert.notEqual(fingerprint(), first);
    write(root, "components/proposals/markdown.tsx", "export const x = 1;\n");
    assert.equal(fingerprint(), first);
  });

  it("changes when a generated ABI module or the lockfile changes", () => {
    const first = fingerprint();
    write(root, "lib/contracts/generated/Governor.ts", "export const abi = [1] as const;\n");
    const afterAbi = fingerprint();
    assert.notEqual(afterAbi, first);
    write(root, "package-lock.json", "{ \"lockfileVersion\": 3 }\n");
    assert.notEqual(fingerprint(), afterAbi);
  });

  it("ignores files in .next, other ignored files and files outside the inputs", () => {
    const first = fingerprint();
    write(root, ".next/BUILD_ID", "abc\n");
    write(root, ".next/superchain-build.json", "{}\n");
    write(root, "next-env.d.ts", "// generated\n");
    write(root, "README.md", "edited, still not an input\n");
    write(root, "notes.txt", "untracked, outside the inputs\n");
    assert.equal(fingerprint(), first);
  });

  it("counts a new untracked source, a deleted tracked one and an ignored .env file", () => {
    const first = fingerprint();
    write(root, "app/new/page.tsx", "export default function New() { return null; }\n");
    const withNew = fingerprint();
    assert.notEqual(withNew, first);
    rmSync(join(root, "app/new"), { recursive: true });
    assert.equal(fingerprint(), first);
    rmSync(join(root, "next.config.js"));
    assert.notEqual(fingerprint(), first);
    write(root, "next.config.js", "export default {};\n");
    write(root, ".env", "SUPERCHAIN_MANIFEST=x\n");
    assert.notEqual(fingerprint(), first);
    rmSync(join(root, ".env"));
    assert.equal(fingerprint(), first);
  });

  it("counts NEXT_PUBLIC_* variables and no others", () => {
    const first = fingerprint();
    assert.equal(fingerprint({ HOME: "/elsewhere", SUPERCHAIN_MANIFEST: "x" }), first);
    assert.notEqual(fingerprint({ NEXT_PUBLIC_CHAIN: "900" }), first);
    assert.notEqual(fingerprint({ NEXT_PUBLIC_CHAIN: "901" }), fingerprint({ NEXT_PUBLIC_CHAIN: "900" }));
  });

  it("is null outside a git checkout", () => {
    const bare = mkdtempSync(join(tmpdir(), "fingerprint-nogit-"));
    try {
      assert.equal(buildFingerprint({ root: bare, ...WEB_BUILD_INPUTS }), null);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe("buildStatus", () => {
  let dist: string;
  const stampFile = () => join(dist, "superchain-build.json");
  const buildIdFile = () => join(dist, "BUILD_ID");
  const status = (fingerprint: string | null) => buildStatus({ stampFile: stampFile(), fingerprint, outputs: [buildIdFile(), join(dist, "routes-manifest.json")], buildIdFile: buildIdFile() });
  before(() => {
    dist = mkdtempSync(join(tmpdir(), "fingerprint-dist-"));
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  it("is current only after a successful build of the same fingerprint with its outputs present", () => {
    assert.deepEqual(status("aa"), { current: false, reason: "never built" });
    write(dist, "BUILD_ID", "build-1\n");
    write(dist, "routes-manifest.json", "{}\n");
    writeBuildStamp({ stampFile: stampFile(), fingerprint: "aa", buildIdFile: buildIdFile() });
    assert.deepEqual(status("aa"), { current: true });
    assert.deepEqual(status("bb"), { current: false, reason: "changed" });
    assert.deepEqual(status(null), { current: false, reason: "no fingerprint" });
  });

  it("is not current when an output is missing or another build replaced this one", () => {
    rmSync(join(dist, "routes-manifest.json"));
    assert.deepEqual(status("aa"), { current: false, reason: "outputs missing" });
    write(dist, "routes-manifest.json", "{}\n");
    write(dist, "BUILD_ID", "build-2\n");
    assert.deepEqual(status("aa"), { current: false, reason: "rebuilt elsewhere" });
  });

  it("forgets the build once its stamp is cleared, and a malformed stamp counts as none", () => {
    writeBuildStamp({ stampFile: stampFile(), fingerprint: "aa", buildIdFile: buildIdFile() });
    assert.deepEqual(status("aa"), { current: true });
    clearBuildStamp(stampFile());
    assert.deepEqual(status("aa"), { current: false, reason: "never built" });
    write(dist, "superchain-build.json", "not json");
    assert.deepEqual(status("aa"), { current: false, reason: "never built" });
  });
});
