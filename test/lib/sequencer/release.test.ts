import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { GovernedRelease } from "../../../lib/operator/verifyRelease.ts";
import { releaseStatus, sequencerBuild } from "../../../lib/sequencer/release.ts";

const build = { version: "1.4.0", digest: `0x${"aa".repeat(32)}` } as const;
const other = `0x${"bb".repeat(32)}` as const;
const REQUIRED = 1;
const RECOMMENDED = 0;
const release = (version: string, kind: number, digest: `0x${string}` = build.digest, activatesAt = 100n): GovernedRelease => {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return { major, minor, patch, kind, digest, activatesAt };
};
const now = 200n;

describe("release status", () => {
  it("lets any build run until governance has a release in force", () => {
    assert.equal(releaseStatus(build, [], now).state, "ok");
    assert.equal(releaseStatus(build, [release("1.4.0", REQUIRED, other, 300n)], now).state, "ok", "approved, not yet in force");
  });

  it("runs an approved build; warns when a newer recommended release is in force", () => {
    assert.equal(releaseStatus(build, [release("1.3.9", REQUIRED, other), release("1.4.0", RECOMMENDED)], now).state, "ok");
    const warn = releaseStatus(build, [release("1.4.0", REQUIRED), release("2.0.0", RECOMMENDED, other)], now);
    assert.equal(warn.state, "warn");
    assert.match(warn.message, /recommends sequencer release 2\.0\.0/);
  });

  it("halts below the newest required release", () => {
    const halt = releaseStatus(build, [release("1.4.0", RECOMMENDED), release("1.10.0", REQUIRED, other)], now);
    assert.deepEqual([halt.state, halt.state === "halt" && halt.reason], ["halt", "requiredNewer"]);
    assert.match(halt.message, /requires sequencer release 1\.10\.0; this is 1\.4\.0/);
  });

  it("halts a build whose digest matches no approved release, even at an approved version", () => {
    const halt = releaseStatus(build, [release("1.4.0", RECOMMENDED, other)], now);
    assert.deepEqual([halt.state, halt.state === "halt" && halt.reason], ["halt", "digestMismatch"]);
    assert.match(halt.message, /unapproved build: release 1\.4\.0 was approved with digest 0xbb/);
  });

  it("halts a version governance never approved once some release is in force", () => {
    const halt = releaseStatus(build, [release("1.3.0", RECOMMENDED, other)], now);
    assert.deepEqual([halt.state, halt.state === "halt" && halt.reason], ["halt", "notApproved"]);
    assert.match(halt.message, /newest approved is 1\.3\.0/);
  });

  it("knows its own version and a sha-256 digest of its sources", () => {
    const own = sequencerBuild();
    assert.match(own.version, /^\d+\.\d+\.\d+/);
    assert.match(own.digest, /^0x[0-9a-f]{64}$/);
    assert.equal(sequencerBuild().digest, own.digest, "deterministic");
  });
});
