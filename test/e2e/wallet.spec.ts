import { connectWallet, expect, test } from "./support/fixtures.ts";

test.describe("wallet", () => {
  test("an EIP-6963 wallet is discovered, connects, and the header shows its account", async ({ page, wallet }) => {
    await page.goto("/");
    await connectWallet(page);
    await expect(page.getByTestId("connected-account")).toHaveAttribute("title", wallet.address);
    await expect(page.getByText("chain 900", { exact: true })).toBeVisible();
  });

  test("the RPC proxy refuses node-side signing, unknown chains and malformed bodies", async ({ request, devnet }) => {
    const hub = devnet.manifest.hub.chainId;
    const signing = await request.post(`/api/rpc/${hub}`, { data: { jsonrpc: "2.0", id: 1, method: "eth_sendTransaction", params: [{}] } });
    expect((await signing.json()).error.code).toBe(-32601);
    const unknown = await request.post("/api/rpc/12345", { data: { jsonrpc: "2.0", id: 1, method: "eth_chainId" } });
    expect(unknown.status()).toBe(404);
    const malformed = await request.post(`/api/rpc/${hub}`, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(malformed.status()).toBe(400);
    const oversized = await request.post(`/api/rpc/${hub}`, { data: Buffer.alloc(2 << 20, 120), headers: { "content-type": "application/json" } });
    expect(oversized.status()).toBe(413);
    const chainId = await request.post(`/api/rpc/${hub}`, { data: [{ jsonrpc: "2.0", id: "a", method: "eth_chainId" }] });
    expect(await chainId.json()).toEqual([{ jsonrpc: "2.0", id: "a", result: `0x${hub.toString(16)}` }]);
  });
});
