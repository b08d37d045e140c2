"use client";

import { useState } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";

import { explainError } from "@/lib/web/errors.ts";

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Connect a wallet the browser announced (EIP-6963), show the connected account, disconnect. */
export function WalletButton() {
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const [open, setOpen] = useState(false);

  if (connection.status === "connected" && connection.address) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="rounded-md bg-accent-soft px-2 py-1 font-mono text-accent" data-testid="connected-account" title={connection.address}>
          {short(connection.address)}
        </span>
        <span className="text-muted">chain {connection.chainId}</span>
        <button type="button" className="btn-secondary" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </div>
    );
  }
  return (
    <div className="relative text-sm">
      <button type="button" className="btn-primary" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen((value) => !value)}>
        {connection.status === "connecting" || connection.status === "reconnecting" ? "Connecting…" : "Connect wallet"}
      </button>
      {open && (
        <div className="absolute right-0 z-10 mt-2 w-64 rounded-lg border border-line bg-surface p-2 shadow-lg">
          {connectors.length === 0 ? (
            <p className="p-2 text-muted">No browser wallet found. Install one that supports EIP-6963 and reload.</p>
          ) : (
            <ul>
              {connectors.map((connector) => (
                <li key={connector.uid}>
                  <button
                    type="button"
                    className="w-full rounded-md px-3 py-2 text-left hover:bg-line/60"
                    onClick={() => connect.mutate({ connector }, { onSuccess: () => setOpen(false) })}
                  >
                    {connector.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {connect.error && <p role="alert" className="p-2 text-red-700">{explainError(connect.error).sentence}</p>}
        </div>
      )}
    </div>
  );
}
