import { connectWallet, expect, test } from "./support/fixtures.ts";

test.describe("wallet", () => {
  test("an EIP-6963 wallet is discovered, connects, and the header shows its account", async ({ page, wallet }) => {
    await page.goto("/");
    await connectWallet(page);
    await expect(page.getByTestId("connected-account")).toHaveAttribute("title", wallet.address);
    await expect(page.getByText("chain 900", { exact: true })).toBeVisible();
  });

  test("the wallet list is a keyboard disclosure: focus moves in, Escape closes it and returns focus", async ({ page, wallet: _wallet }) => {
    await page.goto("/");
    const trigger = page.getByRole("button", { name: "Connect wallet" });
    await trigger.click();
    await expect(trigger).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("button", { name: "Test Wallet" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(trigger).toHaveAttribute("aria-expanded", "false");
    await expect(trigger).toBeFocused();
  });

  test("the RPC proxy refuses node-side signing, unknown chains and malformed bodies", async ({ request, devnet }) => {
    const hub = devnet.manifest.hub.chainId;
    const signing = await request.post(`/api/rpc/${hub}`, { data: { jsonrpc: "2.0", id: 1, method: "eth_sendTransaction", params: [{}] } });
    expect((await signing.json()).error.code).toBe(-32601);
    const unknown = await request.post("/api/rpc/12345", { data: { jsonrpc: "2.0", id: 1, method: "eth_chainId" } });
    expect(unknown.status()).toBe(404);
    const malformed = await request.post(`/api/rpc/${hub}`, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(malformed.status()).toBe(400);
    const notJson = await request.post(`/api/rpc/${hub}`, { data: Buffer.from("{}"), headers: { "content-type": "text/plain" } });
    expect(notJson.status()).toBe(415);
    const nodeControl = await request.post(`/api/rpc/${hub}`, { data: { jsonrpc: "2.0", id: 1, method: "evm_mine" } });
    expect((await nodeControl.json()).error.code).toBe(-32601);
    const oversized = await request.post(`/api/rpc/${hub}`, { data: Buffer.alloc(2 << 20, 120), headers: { "content-type": "application/json" } });
    expect(oversized.status()).toBe(413);
    const chainId = await request.post(`/api/rpc/${hub}`, { data: [{ jsonrpc: "2.0", id: "a", method: "eth_chainId" }] });
    expect(await chainId.json()).toEqual([{ jsonrpc: "2.0", id: "a", result: `0x${hub.toString(16)}` }]);
  });
});
