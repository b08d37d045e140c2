import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { releaseStatus, sequencerBuild, type ApprovedRelease } from "../../../lib/sequencer/release.ts";

const build = { version: "1.4.0", digest: `0x${"aa".repeat(32)}` } as const;
const release = (version: string, digest = build.digest): ApprovedRelease => {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return { major, minor, patch, digest };
};

describe("release status", () => {
  it("halts below the newest required release, warns below the newest recommended one", () => {
    assert.equal(releaseStatus(build).state, "ok");
    assert.equal(releaseStatus(build, release("1.3.9"), release("1.4.0")).state, "ok");
    const halt = releaseStatus(build, release("1.10.0"));
    assert.equal(halt.state, "halt");
    assert.match(halt.message, /requires sequencer release 1\.10\.0; this is 1\.4\.0/);
    const warn = releaseStatus(build, release("1.0.0"), release("2.0.0"));
    assert.equal(warn.state, "warn");
    assert.match(warn.message, /recommends sequencer release 2\.0\.0/);
  });

  it("warns when the approved version was approved with another build digest", () => {
    const status = releaseStatus(build, release("1.4.0", `0x${"bb".repeat(32)}`));
    assert.equal(status.state, "warn");
    assert.match(status.message, /approved with digest 0xbb/);
  });

  it("knows its own version and a sha-256 digest of its sources", () => {
    const own = sequencerBuild();
    assert.match(own.version, /^\d+\.\d+\.\d+/);
    assert.match(own.digest, /^0x[0-9a-f]{64}$/);
    assert.equal(sequencerBuild().digest, own.digest, "deterministic");
  });
});
