import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { errorDigest } from "../../../lib/web/errorDigest.ts";

describe("errorDigest", () => {
  it("gives the digest Next.js attaches to a server error, and nothing for anything else", () => {
    assert.equal(errorDigest(Object.assign(new Error("hidden"), { digest: "4021356914" })), "4021356914");
    assert.equal(errorDigest(new Error("no digest")), undefined);
    assert.equal(errorDigest(Object.assign(new Error("odd"), { digest: 42 })), undefined, "a digest is a string");
    assert.equal(errorDigest({ digest: "not an Error" }), undefined);
    assert.equal(errorDigest(undefined), undefined);
  });
});
