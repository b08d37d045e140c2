import { createPublicClient, http, type PublicClient } from "viem";

import { allChains, viemChain, type Manifest } from "../../lib/chains/index.ts";
import { toPublicDeployment } from "../../lib/web/deployment.ts";
import { READ_BATCHING, type Deployment } from "../../lib/web/server/deployment.ts";

/** A deployment whose clients (batching like the app's) record every JSON-RPC method they send, per HTTP request and chain. */
export function countingDeployment(manifest: Manifest): { deployment: Deployment; requests: string[][]; requestsOn: Map<number, string[][]> } {
  const requests: string[][] = [];
  const requestsOn = new Map<number, string[][]>();
  const clients = new Map(
    allChains(manifest).map((entry) => {
      const mine: string[][] = [];
      requestsOn.set(entry.chainId, mine);
      const client = createPublicClient({
        chain: { ...viemChain(entry), rpcUrls: { default: { http: [entry.rpcUrl] } } },
        transport: http(entry.rpcUrl, {
          batch: READ_BATCHING.rpc,
          onFetchRequest: async (request) => {
            const body = JSON.parse(await request.clone().text()) as { method: string } | Array<{ method: string }>;
            const methods = (Array.isArray(body) ? body : [body]).map((call) => call.method);
            requests.push(methods);
            mine.push(methods);
          },
        }),
        batch: { multicall: READ_BATCHING.multicall },
      }) as PublicClient;
      return [entry.chainId, client] as const;
    }),
  );
  const deployment: Deployment = { manifest, public: toPublicDeployment(manifest), hub: clients.get(manifest.hub.chainId)!, client: (id) => clients.get(id)! };
  return { deployment, requests, requestsOn };
}
