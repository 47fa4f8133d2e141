// Runs the GitHub test servers until Ctrl-C and prints the runner environment
// for them as shell `export` lines (see scripts/start-test-servers).
import { registerHooks } from "node:module";

// The sources import "./x.js" (tsc's NodeNext convention); Node's type
// stripping runs the "./x.ts" behind each.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith("./") || specifier.startsWith("../");
      if (relative && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});

const { startGitHubTestServers } = await import("./index.js");

const storage = process.argv.includes("--disk") ? "disk" : "memory";
const servers = await startGitHubTestServers({ azurite: { storage } });
const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
const lines = Object.entries(servers.env).map(([name, value]) => `export ${name}=${quote(value)}`);
lines.push(
  `# a token with contents: write (pass it as the action's github-token), and one with contents: read`,
  `export TEST_GITHUB_TOKEN=${quote(servers.tokens.write)}`,
  `export TEST_GITHUB_READ_TOKEN=${quote(servers.tokens.read)}`,
);
console.log(lines.join("\n"));
console.error(`\nAzurite: ${servers.azurite.blobEndpoint}  results service: ${servers.results.url}  REST API: ${servers.github.apiUrl}`);
console.error("Press Ctrl-C to stop.");

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await servers.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
