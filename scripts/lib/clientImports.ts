/**
 * Which server-only code a client component reaches. Next.js bundles everything a `"use client"`
 * module imports (types aside) for the browser; a path from there to `lib/web/server/` or to a
 * Node built-in (`node:fs`, …, as `lib/chains/index.ts` reads files) either fails deep inside the
 * bundler or, worse, ships server code to the browser. This finds every such path before the
 * build, and names it import by import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

import ts from "typescript";

/** Folders searched for client modules and followed for imports. */
export const CLIENT_SOURCE_DIRS = ["app", "components", "lib"] as const;
/** Code only the server may run: reaching it from a client module is refused. */
export const SERVER_ONLY_DIRS = ["lib/web/server"] as const;

/** One path from a client module to server-only code, each step a file relative to the root. */
export interface ServerImportViolation {
  chain: string[];
  /** What the last file imports: a Node built-in, or a module under a server-only folder. */
  forbidden: string;
}

const NODE_BUILTINS = new Set(builtinModules);
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Whether the module starts with the `"use client"` directive. */
function isClientModule(source: ts.SourceFile): boolean {
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use client") return true;
  }
  return false;
}

/** The specifiers a module imports at run time: `import type`, `export type` and type-only names drop out. */
function runtimeImports(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The repository file a specifier names (`@/` is the root, as in tsconfig), or undefined for a package. */
function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/") ? join(root, specifier.slice(2)) : specifier.startsWith(".") ? resolve(dirname(from), specifier) : undefined;
  if (base === undefined) return undefined;
  if (existsSync(base) && statSync(base).isFile()) return base;
  for (const extension of EXTENSIONS) if (existsSync(base + extension)) return base + extension;
  return undefined;
}

const isBuiltin = (specifier: string) => specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0]!);

/**
 * Every path from a `"use client"` module under `root` to a Node built-in or a server-only
 * folder, shortest first per client module and forbidden import.
 *
 * @example
 * const violations = findServerImportsFromClient(process.cwd())
 * for (const v of violations) console.error(`${v.chain.join(" → ")} → ${v.forbidden}`)
 */
export function findServerImportsFromClient(root: string): ServerImportViolation[] {
  const parsed = new Map<string, { client: boolean; imports: string[] }>();
  const read = (file: string) => {
    let entry = parsed.get(file);
    if (!entry) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      entry = { client: isClientModule(source), imports: runtimeImports(source) };
      parsed.set(file, entry);
    }
    return entry;
  };
  const serverOnly = SERVER_ONLY_DIRS.map((dir) => join(root, dir) + "/");
  const name = (file: string) => relative(root, file);
  const violations: ServerImportViolation[] = [];
  const reported = new Set<string>();

  for (const start of CLIENT_SOURCE_DIRS.flatMap((dir) => sourceFiles(join(root, dir)))) {
    if (!read(start).client) continue;
    // Breadth first, so each forbidden import is reported along its shortest path.
    const previous = new Map<string, string | undefined>([[start, undefined]]);
    const queue = [start];
    const chainTo = (file: string) => {
      const chain: string[] = [];
      for (let at: string | undefined = file; at !== undefined; at = previous.get(at)) chain.unshift(name(at));
      return chain;
    };
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const specifier of read(file).imports) {
        const target = resolveSpecifier(root, file, specifier);
        const forbidden = isBuiltin(specifier) ? specifier : target && serverOnly.some((dir) => target.startsWith(dir)) ? name(target) : undefined;
        if (forbidden !== undefined) {
          const key = `${name(start)}|${forbidden}`;
          if (!reported.has(key)) {
            reported.add(key);
            violations.push({ chain: chainTo(file), forbidden });
          }
          continue;
        }
        if (target && !previous.has(target)) {
          previous.set(target, file);
          queue.push(target);
        }
      }
    }
  }
  return violations;
}
