"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";

import { explainError } from "@/lib/web/errors.ts";
import { shortAddress } from "@/lib/web/format.ts";



/** Connect a wallet the browser announced (EIP-6963), show the connected account, disconnect. */
export function WalletButton() {
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // A disclosure: opening moves focus into the list, Escape or a click outside closes it and
  // returns focus to the button that opened it.
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("button, a")?.focus();
    const close = () => {
      setOpen(false);
      trigger.current?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close();
    };
    const onPointer = (event: PointerEvent) => {
      if (!panel.current?.contains(event.target as Node) && !trigger.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  if (connection.status === "connected" && connection.address) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="rounded-md bg-accent-soft px-2 py-1 font-mono text-accent" data-testid="connected-account" title={connection.address}>
          {shortAddress(connection.address)}
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
      <button ref={trigger} type="button" className="btn-primary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        {connection.status === "connecting" || connection.status === "reconnecting" ? "Connecting…" : "Connect wallet"}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="absolute right-0 z-10 mt-2 w-64 rounded-lg border border-line bg-surface p-2 shadow-lg">
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
