import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { lastGoodConfig, type ConfigSource, type GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";

const config = { chainId: 901, version: 3n } as GovernedConfig;

describe("lastGoodConfig", () => {
  it("keeps the last configuration when the hub stops answering, and says so", async () => {
    let up = true;
    const source: ConfigSource = { configAt: async () => (up ? config : Promise.reject(new Error("connect ECONNREFUSED"))) };
    const follower = lastGoodConfig(source);
    assert.deepEqual(await follower.read(901, 1n), { config, hubReachable: true });
    up = false;
    const reading = await follower.read(901, 2n);
    assert.equal(reading.config, config);
    assert.equal(reading.hubReachable, false);
    assert.match(reading.error ?? "", /ECONNREFUSED/);
  });

  it("has nothing to fall back on before the first answer", async () => {
    const follower = lastGoodConfig({ configAt: async () => Promise.reject(new Error("down")) });
    await assert.rejects(follower.read(901, 1n), /down/);
  });
});
