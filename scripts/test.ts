/**
 * Runs every test suite (Solidity, TypeScript, browser) after building, and ends
 * with one line `N passed, N failed` summing them all. Exits non-zero when anything failed, when
 * a suite ran no tests, or when a test was skipped: a skipped test proves nothing.
 *
 *   node scripts/test.ts             # everything
 *   node scripts/test.ts solidity    # one or more suites by name
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const node = process.execPath;
const hardhat = resolve(root, "node_modules/hardhat/dist/src/cli.js");

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Suite {
  name: string;
  command: string[];
  /** Reads the suite's own summary from its output; null when it printed none (it crashed). */
  parse: (output: string) => Counts | null;
}

const lastNumber = (output: string, pattern: RegExp): number | null => {
  const matches = [...output.matchAll(pattern)];
  const last = matches.at(-1);
  return last ? Number(last[1]) : null;
};

const SUITES: Suite[] = [
  {
    name: "solidity",
    command: [node, hardhat, "test", "solidity", "--no-compile"],
    parse: (output) => {
      const passed = lastNumber(output, /^\s*(\d+) passing/gm);
      const failed = lastNumber(output, /^\s*(\d+) failing/gm) ?? 0;
      const skipped = lastNumber(output, /^\s*(\d+) skipped/gm) ?? 0;
      return passed === null && failed === 0 ? null : { passed: passed ?? 0, failed, skipped };
    },
  },
  {
    name: "typescript",
    command: [node, "--test", "--test-reporter=spec", "test/**/*.test.ts"],
    parse: (output) => {
      const passed = lastNumber(output, /^ℹ pass (\d+)/gm);
      if (passed === null) return null;
      const failed = (lastNumber(output, /^ℹ fail (\d+)/gm) ?? 0) + (lastNumber(output, /^ℹ cancelled (\d+)/gm) ?? 0);
      const skipped = (lastNumber(output, /^ℹ skipped (\d+)/gm) ?? 0) + (lastNumber(output, /^ℹ todo (\d+)/gm) ?? 0);
      return { passed, failed, skipped };
    },
  },
  {
    name: "browser",
    command: [node, resolve(root, "node_modules/@playwright/test/cli.js"), "test"],
    parse: (output) => {
      const passed = lastNumber(output, /^\s*(\d+) passed/gm);
      const failed = (lastNumber(output, /^\s*(\d+) failed/gm) ?? 0) + (lastNumber(output, /^\s*(\d+) flaky/gm) ?? 0);
      const skipped = (lastNumber(output, /^\s*(\d+) skipped/gm) ?? 0) + (lastNumber(output, /^\s*(\d+) did not run/gm) ?? 0);
      return passed === null && failed === 0 ? null : { passed: passed ?? 0, failed, skipped };
    },
  },
];

function run(command: string[], echo: boolean): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const [bin, ...args] = command as [string, ...string[]];
    const child = spawn(bin, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "0" } });
    let output = "";
    const collect = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (echo) stream.write(chunk);
    };
    child.stdout.on("data", (chunk: Buffer) => collect(chunk, process.stdout));
    child.stderr.on("data", (chunk: Buffer) => collect(chunk, process.stderr));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

async function gate(label: string, command: string[]): Promise<boolean> {
  console.log(`\n━━ ${label}`);
  const { code } = await run(command, true);
  if (code !== 0) console.error(`✘ ${label} failed (exit ${code})`);
  return code === 0;
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(", ")}. Suites: ${SUITES.map((s) => s.name).join(", ")}.`);
  process.exit(2);
}
const selected = requested.length === 0 ? SUITES : SUITES.filter((s) => requested.includes(s.name));

const rows: Array<{ name: string } & Counts & { note: string }> = [];
const gatesPassed =
  (await gate("build (contracts + ABIs)", [node, resolve(root, "scripts/build.ts")])) &&
  (await gate("typecheck", [node, resolve(root, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", root])) &&
  (!selected.some((s) => s.name === "browser") || (await gate("web build", [node, resolve(root, "scripts/web-build.ts")])));

if (!gatesPassed) {
  rows.push({ name: "build/typecheck", passed: 0, failed: 1, skipped: 0, note: "gate failed; suites not run" });
} else {
  for (const suite of selected) {
    console.log(`\n━━ ${suite.name}`);
    const started = performance.now();
    const { code, output } = await run(suite.command, true);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = suite.parse(output);
    if (counts === null) {
      rows.push({ name: suite.name, passed: 0, failed: 1, skipped: 0, note: `no summary (exit ${code}), ${seconds}s` });
    } else if (counts.passed + counts.failed === 0) {
      rows.push({ name: suite.name, ...counts, failed: 1, note: `ran no tests, ${seconds}s` });
    } else if (code !== 0 && counts.failed === 0) {
      rows.push({ name: suite.name, ...counts, failed: 1, note: `exit ${code} without a failing test, ${seconds}s` });
    } else {
      rows.push({ name: suite.name, ...counts, note: `${seconds}s` });
    }
  }
}

console.log("\n━━ summary");
for (const row of rows) {
  const skipped = row.skipped > 0 ? `, ${row.skipped} skipped (not allowed)` : "";
  console.log(`  ${row.name.padEnd(16)} ${row.passed} passed, ${row.failed} failed${skipped}  (${row.note})`);
}
const total = rows.reduce(
  (sum, row) => ({ passed: sum.passed + row.passed, failed: sum.failed + row.failed, skipped: sum.skipped + row.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 || total.skipped > 0 ? 1 : 0);
