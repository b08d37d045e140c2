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
};

export default nextConfig;
