// Azurite, the real Azure Blob Storage emulator, as a child process on a free
// port of 127.0.0.1 with in-memory or temporary-directory storage.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";

/** Azurite's built-in development account (documented, the same in every Azurite). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  blobEndpoint: string;
  port: number;
  credential: StorageSharedKeyCredential;
  /** A client with the account key (full access). */
  service: BlobServiceClient;
  /** The whole content of a blob. */
  readBlob(container: string, blob: string): Promise<Buffer>;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** "memory" (default) keeps blobs in RAM; "disk" in a temporary directory removed on stop. */
  storage?: "memory" | "disk";
  /** Milliseconds to wait for Azurite to listen; default 60000. */
  startTimeoutMs?: number;
}

function azuriteBlobMain(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("azurite/package.json")), "dist", "src", "blob", "main.js");
}

function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /successfully listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        cleanup();
        resolvePort(Number(match[1]));
      }
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(new Error(`Azurite exited (${code ?? signal}) before listening:\n${output}`));
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    }
    function fail(error: Error): void {
      cleanup();
      reject(error);
    }
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", onExit);
  });
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const storage = options.storage ?? "memory";
  const location = storage === "disk" ? await mkdtemp(join(tmpdir(), "azurite-")) : undefined;
  const args = [
    azuriteBlobMain(),
    "--blobHost", "127.0.0.1",
    "--blobPort", "0",
    "--skipApiVersionCheck",
    "--loose",
    "--silent",
    "--disableTelemetry",
    ...(location ? ["--location", location] : ["--inMemoryPersistence"]),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], cwd: location ?? tmpdir() });
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  let port: number;
  try {
    port = await waitForPort(child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill("SIGKILL");
    process.off("exit", killOnExit);
    if (location) await rm(location, { recursive: true, force: true });
    throw error;
  }
  // Keep draining its output so it never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();

  const blobEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
  const service = new BlobServiceClient(blobEndpoint, credential);
  let stopped = false;
  return {
    blobEndpoint,
    port,
    credential,
    service,
    async readBlob(container, blob) {
      return service.getContainerClient(container).getBlobClient(blob).downloadToBuffer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((done) => child.once("exit", () => done()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (location) await rm(location, { recursive: true, force: true });
    },
  };
}
