import type { Route } from "next";
import Link from "next/link";

import { NavLink } from "./nav-link.tsx";
import { WalletButton } from "./wallet/wallet-button.tsx";

export type NavItem = {
  href: Route;
  label: string;
};

/** The product's sections, in the order a change moves through them. */
export const navItems: readonly NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/proposals", label: "Proposals" },
  { href: "/delegates", label: "Delegates" },
  { href: "/bridge", label: "Bridge" },
  { href: "/council", label: "Council" },
  { href: "/chains", label: "Chains" },
];

export type SiteHeaderProps = {
  items?: readonly NavItem[];
  /** Offer the wallet only when there is a deployment to talk to. */
  walletEnabled?: boolean;
};

/** Top bar: product name and the section navigation. */
export function SiteHeader({ items = navItems, walletEnabled = false }: SiteHeaderProps) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-6 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="inline-block size-3 rounded-full bg-accent" />
          Superchain Governance
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-1">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {walletEnabled && <WalletButton />}
      </div>
    </header>
  );
}
