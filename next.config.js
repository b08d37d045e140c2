/**
 * Next.js configuration for the Superchain Governance web app.
 *
 * The app must build and run offline: no remote images, no Google fonts
 * (system font stacks live in app/globals.css).
 *
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  // One build serves any deployment: `<distDir>/standalone/server.js` runs without the repository
  // (scripts/web-build.ts copies the static assets beside it); the manifest is read at run time.
  output: "standalone",
  // Lets several builds coexist (e.g. parallel e2e runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  typedRoutes: true,
  poweredByHeader: false,
  images: { unoptimized: true, remotePatterns: [] },
  // The Safe Apps provider is CommonJS: its `require` of the SDK would take the SDK's CommonJS
  // build, which brings a CommonJS viem of its own (~190 KB gzip loaded in Safe{Wallet}'s frame).
  // The SDK's ES build shares the app's viem.
  turbopack: { resolveAlias: { "@safe-global/safe-apps-sdk": "./node_modules/@safe-global/safe-apps-sdk/dist/esm/index.js" } },
  // The Safe Apps manifest and its icon: Safe{Wallet} fetches them from its own origin when an
  // owner adds the app as a custom Safe App, so they answer any origin (they are public anyway).
  async headers() {
    const cors = [
      { key: "Access-Control-Allow-Origin", value: "*" },
      { key: "Access-Control-Allow-Methods", value: "GET" },
      { key: "Access-Control-Allow-Headers", value: "X-Requested-With, content-type, Authorization" },
    ];
    return ["/manifest.json", "/safe-app-icon.svg"].map((source) => ({ source, headers: cors }));
  },
};

export default nextConfig;
