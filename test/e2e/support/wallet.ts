import type { Page } from "@playwright/test";
import { createWalletClient, defineChain, hexToBigInt, http, numberToHex, type Address, type Hex, type LocalAccount, type TypedDataDefinition } from "viem";

/** A chain the test wallet can be on: its id and the RPC a real wallet would use (the user RPC). */
export interface WalletChain {
  chainId: number;
  rpcUrl: string;
}

interface RpcFailure {
  code: number;
  message: string;
}

/** EIP-712 JSON from `eth_signTypedData_v4`: integers may come as decimal or hex strings. */
function typedDataFromJson(json: string): TypedDataDefinition {
  const parsed = JSON.parse(json) as { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string; message: Record<string, unknown> };
  const { EIP712Domain: _domain, ...types } = parsed.types;
  const convert = (type: string, value: unknown): unknown => {
    if (/^u?int\d*$/.test(type) && (typeof value === "string" || typeof value === "number")) return BigInt(value);
    const struct = types[type];
    if (struct && typeof value === "object" && value !== null) {
      return Object.fromEntries(struct.map((field) => [field.name, convert(field.type, (value as Record<string, unknown>)[field.name])]));
    }
    return value;
  };
  const domain = { ...parsed.domain, ...(parsed.domain.chainId !== undefined ? { chainId: Number(parsed.domain.chainId) } : {}) };
  return { domain, types, primaryType: parsed.primaryType, message: convert(parsed.primaryType, parsed.message) as Record<string, unknown> } as unknown as TypedDataDefinition;
}

/**
 * A browser wallet for tests: an EIP-1193 provider injected into the page and announced by
 * EIP-6963, exactly as an extension wallet does. Requests cross to Node, where viem accounts
 * sign; transactions go to the chain's user RPC (the shared sequencer for member chains). The
 * app under test uses its real wallet path; nothing in it knows about this wallet.
 */
export class TestWallet {
  #page: Page | undefined;
  #connected = false;
  /** Every method the page asked the wallet for, in order (e.g. to prove nothing was sent). */
  readonly requests: string[] = [];
  chainId: number;

  readonly chains: readonly WalletChain[];
  account: LocalAccount;

  constructor(chains: readonly WalletChain[], account: LocalAccount) {
    this.chains = chains;
    this.account = account;
    this.chainId = chains[0]!.chainId;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Injects the provider into every document the page loads from now on. */
  async install(page: Page): Promise<void> {
    this.#page = page;
    await page.exposeFunction("__testWalletRequest", (method: string, params: unknown[]) => this.#handle(method, params));
    await page.addInitScript(() => {
      type Listener = (...args: unknown[]) => void;
      const listeners = new Map<string, Set<Listener>>();
      const bridge = (window as unknown as { __testWalletRequest: (m: string, p: unknown[]) => Promise<{ result?: unknown; error?: { code: number; message: string } }> }).__testWalletRequest;
      const provider = {
        isTestWallet: true,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = await bridge(method, params ?? []);
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return provider;
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
      };
      (window as unknown as { __testWalletEmit: (event: string, value: unknown) => void }).__testWalletEmit = (event, value) => {
        for (const listener of listeners.get(event) ?? []) listener(value);
      };
      const icon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E%3Ccircle cx='4' cy='4' r='4' fill='%234f46e5'/%3E%3C/svg%3E";
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent("eip6963:announceProvider", {
            detail: Object.freeze({ info: { uuid: "0b4f1f4e-7e1a-4d6c-9d55-5b1f0a3c7e21", name: "Test Wallet", icon, rdns: "dev.superchain.testwallet" }, provider }),
          }),
        );
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    });
  }

  /** Switches the signing account, as a user picking another account in their wallet. */
  async useAccount(account: LocalAccount): Promise<void> {
    this.account = account;
    if (this.#connected) await this.#emit("accountsChanged", [account.address]);
  }

  async #emit(event: string, value: unknown): Promise<void> {
    await this.#page?.evaluate(([e, v]) => (window as unknown as { __testWalletEmit: (e: string, v: unknown) => void }).__testWalletEmit(e, v), [event, value] as const).catch(() => undefined);
  }

  #chain(chainId = this.chainId): WalletChain {
    const chain = this.chains.find((c) => c.chainId === chainId);
    if (!chain) throw Object.assign(new Error(`Unrecognized chain ID ${chainId}.`), { code: 4902 });
    return chain;
  }

  async #handle(method: string, params: unknown[]): Promise<{ result?: unknown; error?: RpcFailure }> {
    this.requests.push(method);
    try {
      return { result: await this.#dispatch(method, params) };
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : -32603;
      return { error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  }

  async #dispatch(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case "eth_requestAccounts":
        this.#connected = true;
        return [this.address];
      case "eth_accounts":
        return this.#connected ? [this.address] : [];
      case "eth_chainId":
        return numberToHex(this.chainId);
      case "wallet_requestPermissions":
        this.#connected = true;
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_revokePermissions":
        this.#connected = false;
        return null;
      case "wallet_switchEthereumChain": {
        const chainId = Number((params[0] as { chainId: Hex }).chainId);
        this.#chain(chainId);
        this.chainId = chainId;
        await this.#emit("chainChanged", numberToHex(chainId));
        return null;
      }
      case "wallet_addEthereumChain":
        return null;
      case "eth_sendTransaction": {
        const tx = params[0] as { to?: Address; data?: Hex; value?: Hex; gas?: Hex };
        const chain = this.#chain();
        const client = createWalletClient({
          account: this.account,
          chain: defineChain({ id: chain.chainId, name: `chain-${chain.chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [chain.rpcUrl] } } }),
          transport: http(chain.rpcUrl),
        });
        return client.sendTransaction({
          ...(tx.to ? { to: tx.to } : {}),
          ...(tx.data ? { data: tx.data } : {}),
          ...(tx.value ? { value: hexToBigInt(tx.value) } : {}),
          ...(tx.gas ? { gas: hexToBigInt(tx.gas) } : {}),
        });
      }
      case "eth_signTypedData_v4":
        return this.account.signTypedData(typedDataFromJson(params[1] as string));
      case "personal_sign":
        return this.account.signMessage({ message: { raw: params[0] as Hex } });
      default: {
        const response = await fetch(this.#chain().rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        });
        const answer = (await response.json()) as { result?: unknown; error?: RpcFailure };
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      }
    }
  }
}
