// Build mode through the bundle, against the real Nix and the pinned nixpkgs,
// with the runner's services (Azurite, the results service, the REST API)
// running locally. This machine is offline, so Nix cannot build a NixOS image
// here: the build itself is shown failing cleanly, and the publishing path is
// driven by the Actions cache (the images are keyed by the derivation the
// action evaluates; a hit skips the build, as on a runner). The cached images
// are made here and are what they look like: image-shaped files, verified and
// published by the action, never claimed to come out of Nix.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import type { EvaluatedImage } from "../../src/nix/evaluate.js";
import { evaluate } from "../../src/nix/evaluate.js";
import { imageCacheKey, saveImage } from "../../src/publish/index.js";
import { NIXPKGS, testRequest } from "../helpers/nix.js";
import { quietActionsCore, withEnv } from "../publish/fixtures.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { actionDir, runAction } from "./harness.js";
import type { ImageOutput } from "../../src/action/report.js";

let servers: GitHubTestServers;
let plan: { meta: EvaluatedImage; lxc: EvaluatedImage };
let outDir: string;

beforeAll(async () => {
  await actionDir();
  servers = await startGitHubTestServers();
  outDir = join(servers.runnerTemp, "nixos-images");
  // The derivations, evaluated here independently of the action (the cache keys come from them).
  const [meta, lxc] = await evaluate(
    testRequest(),
    [
      { format: "lxc-metadata", system: "x86_64-linux" },
      { format: "lxc", system: "x86_64-linux" },
    ],
    { processes: 1 },
  );
  plan = { meta: meta!, lxc: lxc! };
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

/** Sizes as the summary shows them (bytes below 1 KiB). */
function shownSize(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** An LXC metadata tarball (metadata.yaml and a template), xz-compressed, at `path`. */
function makeLxcMetadata(path: string, work: string): Buffer {
  execFileSync("mkdir", ["-p", join(work, "templates")]);
  execFileSync("sh", [
    "-c",
    `printf 'architecture: x86_64\\ncreation_date: 1700000000\\nproperties:\\n  os: nixos\\ntemplates:\\n  /etc/hostname:\\n    when:\\n      - create\\n    template: hostname.tpl\\n' > '${work}/metadata.yaml'
     printf '{{ container.name }}\\n' > '${work}/templates/hostname.tpl'
     tar -C '${work}' --owner=0 --group=0 -cf - metadata.yaml templates | xz -9 > '${path}'`,
  ]);
  return readFileSync(path);
}

/** A root file system tarball whose xz stream is cut short (a damaged image). */
function makeTruncatedRootfs(path: string, work: string): Buffer {
  execFileSync("sh", [
    "-c",
    `mkdir -p '${work}/sbin' '${work}/etc' && head -c 200000 /dev/urandom > '${work}/etc/random' && printf '#!/bin/sh\\n' > '${work}/sbin/init' && chmod +x '${work}/sbin/init'
     tar -C '${work}' -cf - . | xz -0 > '${path}.full' && head -c 60000 '${path}.full' > '${path}' && rm '${path}.full'`,
  ]);
  return readFileSync(path);
}

const seeded = new Map<string, { key: string; path: string; bytes: Buffer }>();

/** Puts the image in the Actions cache under its key (once), and clears out-dir. */
async function seedCache(entry: EvaluatedImage, make: (path: string, work: string) => Buffer): Promise<{ key: string; path: string; bytes: Buffer }> {
  const done = seeded.get(entry.drvPath);
  if (done) {
    await rm(outDir, { recursive: true, force: true });
    return done;
  }
  const dir = join(outDir, `${entry.format}-${entry.system}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, entry.fileName);
  const bytes = make(path, join(servers.runnerTemp, `work-${entry.format}`));
  const key = imageCacheKey(entry.format, entry.system, entry.drvPath);
  const restoreEnv = withEnv(servers.env);
  const loud = quietActionsCore();
  try {
    expect(await saveImage(key, [path])).toBe(true);
  } finally {
    loud();
    restoreEnv();
  }
  await rm(outDir, { recursive: true, force: true });
  seeded.set(entry.drvPath, { key, path, bytes });
  return { key, path, bytes };
}


describe("build mode", { timeout: 300_000 }, () => {
  it("evaluates the default configuration with the given nixpkgs, then fails cleanly when Nix cannot build offline; nothing is uploaded", async () => {
    const run = await runAction({
      inputs: { formats: "lxc-metadata", nixpkgs: NIXPKGS },
      env: servers.env,
      token: servers.tokens.write,
    });
    // The cause is named from the failing fetcher's own log, not Nix's last line: exit 4 (the runner has no network).
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/^The build failed because a download failed \(no network, or the host is unreachable\): Cannot build '\/nix\/store\/[^']+\.drv'.*\("[^"]*(unable to download|Could not resolve host)[^"]*"\)\./);
    expect(run.errors[0]?.message).toMatch(/Read the build log above/);
    expect(run.log).toMatch(/^built 0 of \d+ derivations(, \d+ running)?, 1 failed \(\d+ s\)$/m);
    // One log group per phase, Nix's own output streamed into the build's.
    for (const group of ["Set up Nix", "Evaluate 1 image", "Build 1 image"]) expect(run.stdout).toContain(`::group::${group}\n`);
    expect(run.stdout).not.toMatch(/::group::(Verify|Upload)/);
    expect(run.log).toMatch(/using nix \(Nix\) 2\.\d+/);
    expect(run.log).toContain(`lxc-metadata (x86_64-linux): ${plan.meta.drvPath} -> ${plan.meta.output}/${plan.meta.filePath}`);
    expect(run.stderr).toMatch(/unable to download|Could not resolve host/);

    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({
      format: "lxc-metadata",
      system: "x86_64-linux",
      file: plan.meta.fileName,
      drvPath: plan.meta.drvPath,
      storePath: `${plan.meta.output}/${plan.meta.filePath}`,
      ok: false,
      sha256: null,
      cached: false,
      uploaded: false,
      findings: [{ check: "build" }],
    });
    expect(images[0]?.error).toMatch(/^The build failed because a download failed/);
    expect(run.outputs["artifact-ids"]).toBe("");
    expect(run.outputs.matrix).toBe(JSON.stringify({ include: [{ format: "lxc-metadata", system: "x86_64-linux", custom: false, kvm: false, runner: "ubuntu-latest" }] }));
    expect(run.summary).toContain(`| lxc-metadata | x86_64-linux | ${plan.meta.fileName} |  |  | ❌ build failed |`);
    const manifest = JSON.parse(await readFile(join(outDir, "manifest.json"), "utf8")) as { version: number; images: { ok: boolean }[] };
    expect(manifest.version).toBe(1);
    expect(manifest.images.map((i) => i.ok)).toEqual([false]);

    expect(servers.results.artifacts).toEqual([]);
    expect(servers.github.releases).toEqual([]);
  });

  it("special-args reach the configuration's modules as strings, from name=value lines and from JSON", async () => {
    // A configuration that stops the evaluation with the values it was given.
    await writeFile(join(servers.workspace, "args.nix"), '{ hostName, role, ... }: throw "given: hostName=${hostName} role=${role}"\n');
    for (const specialArgs of ["hostName=web1\n# a comment\nrole: \"db primary\"", '{"hostName": "web1", "role": "db primary"}']) {
      const run = await runAction({
        inputs: { config: "args.nix", formats: "lxc-metadata", nixpkgs: NIXPKGS, "special-args": specialArgs },
        env: servers.env,
        token: servers.tokens.write,
      });
      expect(run.code).toBe(3);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]?.message).toMatch(/^Nix evaluation failed: given: hostName=web1 role=db primary/);
    }
    expect(servers.results.artifacts).toEqual([]);
  });

  it("cache: true -> a hit skips the build; the image is verified and uploaded as an artifact (the bytes in Azurite)", async () => {
    const seeded = await seedCache(plan.meta, makeLxcMetadata);
    const entriesBefore = servers.results.cacheEntries.length;
    const run = await runAction({
      inputs: { formats: "lxc-metadata", nixpkgs: NIXPKGS, cache: "true", "retention-days": "3" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.log).toContain(`Restored the image from the cache (${seeded.key}).`);
    expect(run.stdout).not.toContain("::group::Build");
    for (const group of ["Set up Nix", "Evaluate 1 image", "Restore images from the cache", "Verify 1 image", "Upload 1 artifact"]) {
      expect(run.stdout).toContain(`::group::${group}\n`);
    }
    expect(run.stdout).toMatch(/^ok .*lxc-metadata-x86_64-linux\/.*\.tar\.xz: lxc-metadata \(xz\)/m);
    // The store path was never built (this machine cannot): the image came from the cache.
    expect(existsSync(join(plan.meta.output, plan.meta.filePath ?? ""))).toBe(false);

    // One artifact: the image itself (not a zip), named after the template plus the image's extension.
    expect(servers.results.artifacts).toHaveLength(1);
    const artifact = servers.results.artifacts[0]!;
    expect(artifact).toMatchObject({ name: "lxc-metadata-x86_64-linux.tar.xz", finalized: true });
    expect(artifact.expiresAt).toBeDefined();
    expect(sha256(await servers.results.readArtifactBlob(artifact))).toBe(sha256(seeded.bytes));

    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images).toEqual([
      expect.objectContaining({
        format: "lxc-metadata",
        system: "x86_64-linux",
        file: plan.meta.fileName,
        path: `lxc-metadata-x86_64-linux/${plan.meta.fileName}`,
        size: seeded.bytes.length,
        sha256: sha256(seeded.bytes),
        container: "lxc-metadata",
        ok: true,
        findings: [],
        drvPath: plan.meta.drvPath,
        cached: true,
        uploaded: true,
        artifactId: artifact.id,
        artifactName: "lxc-metadata-x86_64-linux.tar.xz",
        artifactUrl: `https://github.com/${servers.repository}/actions/runs/${servers.env.GITHUB_RUN_ID}/artifacts/${artifact.id}`,
      }),
    ]);
    expect(run.outputs["artifact-ids"]).toBe(String(artifact.id));
    expect(run.outputs.manifest).toBe(join(outDir, "manifest.json"));
    const manifest = JSON.parse(await readFile(join(outDir, "manifest.json"), "utf8")) as { images: { sha256: string }[] };
    expect(manifest.images[0]?.sha256).toBe(sha256(seeded.bytes));

    expect(run.summary).toContain("| Format | System | File | Size | SHA-256 | Link |");
    expect(run.summary).toContain(
      `| lxc-metadata | x86_64-linux | ${plan.meta.fileName} (cached) | ${shownSize(seeded.bytes.length)} | \`${sha256(seeded.bytes)}\` | [lxc-metadata-x86_64-linux.tar.xz](${images[0]?.artifactUrl}) |`,
    );
    // A restored image is not saved again.
    expect(servers.results.cacheEntries.length).toBe(entriesBefore);
    expect(servers.github.releases).toEqual([]);
  });

  it("upload: release -> the good image becomes a release asset; the damaged one is reported, not uploaded, and fails the step", async () => {
    const good = await seedCache(plan.meta, makeLxcMetadata);
    const bad = await seedCache(plan.lxc, makeTruncatedRootfs);
    const artifactsBefore = servers.results.artifacts.length;
    const run = await runAction({
      inputs: { formats: "lxc-metadata\nlxc", nixpkgs: NIXPKGS, cache: "true", upload: "release", "release-tag": "v0.1.0" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.code).toBe(5);
    expect(run.log).toContain(`Restored the image from the cache (${good.key}).`);
    expect(run.log).toContain(`Restored the image from the cache (${bad.key}).`);
    expect(run.stdout).not.toContain("::group::Build");
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/^lxc \(x86_64-linux\): The lxc image for x86_64-linux did not pass verification: \d+ findings? \(.*xz\.stream/);

    // The release holds the good image only, byte for byte.
    expect(servers.github.releases).toHaveLength(1);
    const release = servers.github.releases[0]!;
    expect(release).toMatchObject({ repository: servers.repository, tagName: "v0.1.0", targetCommitish: servers.env.GITHUB_SHA });
    // The good image, the checksums file that lists it, and the images manifest (which asset is which image).
    const sums = `${sha256(good.bytes)}  ${plan.meta.fileName}\n`;
    expect(release.assets.filter((a) => a.name !== "nixos-images.json").map((a) => [a.name, a.state, a.size, a.sha256])).toEqual([
      [plan.meta.fileName, "uploaded", good.bytes.length, sha256(good.bytes)],
      ["SHA256SUMS", "uploaded", sums.length, sha256(Buffer.from(sums))],
    ]);
    // An image of the step failed: the release stays a draft (published without it, an immutable one could never get it).
    expect(release.draft).toBe(true);
    expect(run.log).toMatch(/it stays a draft: 1 image of this step failed/);
    expect(servers.results.artifacts.length).toBe(artifactsBefore);

    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images.map((i) => [i.format, i.ok, i.uploaded, i.cached])).toEqual([
      ["lxc-metadata", true, true, true],
      ["lxc", false, false, true],
    ]);
    expect(images[0]?.assetUrl).toBe(
      `${servers.github.apiUrl}/${servers.repository}/releases/download/v0.1.0/${encodeURIComponent(plan.meta.fileName)}`,
    );
    expect(sha256(await servers.github.assetBytes(release.assets[0]!))).toBe(sha256(good.bytes));
    expect(images[1]?.findings.map((f) => f.check)).toContain("xz.stream");
    expect(images[1]?.error).toMatch(/did not pass verification/);
    expect(images[1]?.sha256).toBe(sha256(bad.bytes));
    // A copy that failed verification is still in out-dir: the manifest gives its path there.
    expect(images[1]?.path).toBe(`lxc-x86_64-linux/${plan.lxc.fileName}`);
    expect(run.outputs["artifact-ids"]).toBe("");

    expect(run.summary).toContain(`| lxc-metadata | x86_64-linux | ${plan.meta.fileName} (cached) |`);
    expect(run.summary).toContain(`[release v0.1.0](${images[0]?.assetUrl})`);
    expect(run.summary).toMatch(/\| lxc \| x86_64-linux \| .* \| ❌ verify failed \|/);
    expect(run.summary).toContain("### 1 image failed");
  });

  it("an upload GitHub refuses (a read-only token) fails the step after the outputs and summary say what was done", async () => {
    const good = await seedCache(plan.meta, makeLxcMetadata);
    const releasesBefore = servers.github.releases.length;
    const run = await runAction({
      inputs: { formats: "lxc-metadata", nixpkgs: NIXPKGS, cache: "true", upload: "release", "release-tag": "v0.2.0", "github-token": servers.tokens.read },
      env: servers.env,
    });
    expect(run.log).toContain(`Restored the image from the cache (${good.key}).`);
    expect(run.code).toBe(4);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/403/);
    expect(run.errors[0]?.message).toMatch(/permissions: contents: write/);
    expect(servers.github.releases.length).toBe(releasesBefore);
    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images.map((i) => [i.format, i.ok, i.uploaded, i.sha256])).toEqual([["lxc-metadata", true, false, sha256(good.bytes)]]);
    expect(run.summary).toContain("| ❌ upload failed |");
    expect(run.summary).toContain("### The upload failed");
  });
});
