// Artifact upload with the real @actions/artifact client against Azurite and
// a results service that speaks GitHub's Twirp API.
import { appendFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { uploadImageArtifacts, type ImageFile } from "../../src/publish/index.js";
import { readZip, startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { format, makeQcow2, makeRawDisk, makeZstd, quietActionsCore, sha256, sha256File, withEnv } from "./fixtures.js";

let servers: GitHubTestServers;
let restoreEnv: () => void;
let loud: () => void;
let dir: string;
let qcow2: ImageFile;
let sd: ImageFile;
let raw: ImageFile;

beforeAll(async () => {
  loud = quietActionsCore();
  servers = await startGitHubTestServers();
  restoreEnv = withEnv(servers.env);
  dir = await mkdtemp(join(servers.runnerTemp, "images-"));
  qcow2 = { path: join(dir, "nixos.qcow2"), format: format("qcow"), system: "x86_64-linux" };
  sd = { path: join(dir, "nixos-sd-image-aarch64-linux.img.zst"), format: format("sd-aarch64"), system: "aarch64-linux" };
  raw = { path: join(dir, "nixos.img"), format: format("raw"), system: "x86_64-linux" };
  await makeQcow2(qcow2.path, 64);
  await makeZstd(sd.path, 8 * 1024 * 1024);
  await makeRawDisk(raw.path, 64);
});

afterAll(async () => {
  restoreEnv?.();
  await servers?.stop();
  loud?.();
});

async function onlyEntry(artifactId: number) {
  const record = servers.results.artifacts.find((a) => a.id === artifactId);
  expect(record, `artifact ${artifactId} is known to the service`).toBeDefined();
  const blob = await servers.results.readArtifactBlob(record!);
  const entries = readZip(blob);
  expect(entries).toHaveLength(1);
  return { record: record!, blob, entry: entries[0]! };
}

describe("uploadImageArtifacts", () => {
  it("by default uploads a single-file image unarchived: the artifact is the image, named <format>-<system> plus its extension", async () => {
    const images = [qcow2, sd];
    const before = servers.results.calls.length;
    const uploaded = await uploadImageArtifacts(images);
    expect(uploaded.map((u) => u.name)).toEqual(["qcow-x86_64-linux.qcow2", "sd-aarch64-aarch64-linux.img.zst"]);
    for (const [index, result] of uploaded.entries()) {
      const image = images[index]!;
      const record = servers.results.artifacts.find((a) => a.id === result.id)!;
      expect(record).toMatchObject({ name: result.name, finalized: true, mimeType: "application/octet-stream" });
      const blob = await servers.results.readArtifactBlob(record);
      // The stored bytes are the image itself, not a zip.
      expect(sha256(blob)).toBe(await sha256File(image.path));
      expect(result).toMatchObject({ archived: false, compressionLevel: 0, size: (await stat(image.path)).size, digest: await sha256File(image.path) });
    }
    const creates = servers.results.calls.slice(before).filter((c) => c.method === "CreateArtifact");
    expect(creates.map((c) => c.request.mime_type)).toEqual(["application/octet-stream", "application/octet-stream"]);
  });

  it("an unarchived artifact downloads with the real client as the image file itself", async () => {
    const [up] = await uploadImageArtifacts([sd], { nameTemplate: "raw-download-<system>" });
    expect(up!.name).toBe("raw-download-aarch64-linux.img.zst");
    const target = await mkdtemp(join(servers.runnerTemp, "download-raw-"));
    const { downloadPath } = await new DefaultArtifactClient().downloadArtifact(up!.id, { path: target });
    const files = await readdir(downloadPath ?? target);
    expect(files).toEqual(["raw-download-aarch64-linux.img.zst"]);
    expect(await sha256File(join(downloadPath ?? target, files[0]!))).toBe(await sha256File(sd.path));
    if (process.env.SCENARIO_LOG) {
      appendFileSync(process.env.SCENARIO_LOG, `\nArtifact download: ${JSON.stringify(files)} sha256 ${await sha256File(join(downloadPath ?? target, files[0]!))} (image ${await sha256File(sd.path)})\n`);
    }
  });

  it("with archive: true uploads each image as a zip holding it, with the image's bytes in Azurite", async () => {
    const images = [qcow2, sd, raw];
    const before = servers.results.calls.length;
    const uploaded = await uploadImageArtifacts(images, { archive: true });

    expect(uploaded.map((u) => u.name)).toEqual(images.map((i) => `${i.format.name}-${i.system}`));
    for (const [index, result] of uploaded.entries()) {
      const image = images[index]!;
      const { record, blob, entry } = await onlyEntry(result.id);
      expect(record.name).toBe(result.name);
      expect(record.finalized).toBe(true);
      expect(result.size).toBe(blob.length);
      expect(record.size).toBe(blob.length);
      expect(result.digest).toBe(sha256(blob));
      expect(record.digest).toBe(`sha256:${sha256(blob)}`);
      expect(entry.name).toBe(basename(image.path));
      expect(entry.size).toBe((await stat(image.path)).size);
      expect(sha256(entry.data())).toBe(await sha256File(image.path));
    }
    // What the client sent: one CreateArtifact and one FinalizeArtifact per image, zip mime type, v4+.
    const calls = servers.results.calls.slice(before);
    expect(calls.filter((c) => c.method === "CreateArtifact" && c.status === 200)).toHaveLength(3);
    expect(calls.filter((c) => c.method === "FinalizeArtifact" && c.status === 200)).toHaveLength(3);
    for (const call of calls.filter((c) => c.method === "CreateArtifact")) {
      expect(call.request.mime_type).toBe("application/zip");
      expect(call.request.workflow_run_backend_id).toBe(servers.results.workflowRunBackendId);
    }
  });

  it("stores an already-compressed image (level 0) and deflates an uncompressed one", async () => {
    const uploaded = await uploadImageArtifacts([sd, raw, qcow2], { nameTemplate: "levels-<format>-<system>", archive: true, compressionLevel: 6 });
    const [sdUp, rawUp, qcowUp] = uploaded;
    expect(sdUp!.compressionLevel).toBe(0);
    const sdZip = await onlyEntry(sdUp!.id);
    expect(sdZip.entry.method).toBe(0); // stored
    expect(sdZip.entry.compressedSize).toBe((await stat(sd.path)).size);

    for (const up of [rawUp!, qcowUp!]) {
      expect(up.compressionLevel).toBe(6);
      const { entry } = await onlyEntry(up.id);
      expect(entry.method).toBe(8); // deflated
    }
    // A 64 MiB sparse disk deflates to a small fraction of itself.
    const rawZip = await onlyEntry(rawUp!.id);
    expect(rawZip.blob.length).toBeLessThan((await stat(raw.path)).size / 20);
  });

  it("fills <format>, <system> and <file> in the name template and passes the retention", async () => {
    const before = servers.results.calls.length;
    const [up] = await uploadImageArtifacts([qcow2], { nameTemplate: "nixos <format> on <system> (<file>)", retentionDays: 5, archive: true });
    expect(up!.name).toBe(`nixos ${qcow2.format.name} on ${qcow2.system} (${basename(qcow2.path)})`);
    expect(servers.results.artifacts.find((a) => a.id === up!.id)?.name).toBe(up!.name);
    const create = servers.results.calls.slice(before).find((c) => c.method === "CreateArtifact");
    const expires = new Date(String(create?.request.expires_at)).getTime();
    const fiveDays = 5 * 24 * 3600 * 1000;
    expect(Math.abs(expires - (Date.now() + fiveDays))).toBeLessThan(3600 * 1000);
  });

  it("can be downloaded again with the real client (ListArtifacts, GetSignedArtifactURL)", async () => {
    const [up] = await uploadImageArtifacts([sd], { nameTemplate: "download-<format>", archive: true });
    const target = await mkdtemp(join(servers.runnerTemp, "download-"));
    const client = new DefaultArtifactClient();
    const listed = await client.listArtifacts();
    expect(listed.artifacts.map((a) => a.id)).toContain(up!.id);
    const { downloadPath } = await client.downloadArtifact(up!.id, { path: target });
    expect(await sha256File(join(downloadPath ?? target, basename(sd.path)))).toBe(await sha256File(sd.path));
  });

  it("uploads a directory image with everything under it", async () => {
    const vmDir = join(dir, "vm");
    await mkdir(join(vmDir, "bin"), { recursive: true });
    await writeFile(join(vmDir, "bin", "run-nixos-vm"), "#!/bin/sh\necho vm\n");
    await makeQcow2(join(vmDir, "nixos.qcow2"), 16);
    const image: ImageFile = { path: vmDir, format: format("vm"), system: "x86_64-linux" };
    const [up] = await uploadImageArtifacts([image], { nameTemplate: "dir-<format>" });
    const record = servers.results.artifacts.find((a) => a.id === up!.id)!;
    const entries = readZip(await servers.results.readArtifactBlob(record));
    expect(entries.map((e) => e.name).sort()).toEqual(["bin/run-nixos-vm", "nixos.qcow2"]);
    expect(sha256(entries.find((e) => e.name === "nixos.qcow2")!.data())).toBe(await sha256File(join(vmDir, "nixos.qcow2")));
  });

  it("refuses names GitHub would refuse, before uploading anything", async () => {
    const before = servers.results.calls.length;
    for (const template of ["images/<format>", "<format>:<system>", 'a"b', "x\\y", "what?", "star*", "pipe|", "line\nbreak"]) {
      const error = await uploadImageArtifacts([qcow2], { nameTemplate: template }).catch((e: unknown) => e);
      expect(isUserError(error), template).toBe(true);
      expect((error as Error).message).toMatch(/not allow/);
    }
    const unknown = await uploadImageArtifacts([qcow2], { nameTemplate: "<arch>-<format>" }).catch((e: unknown) => e);
    expect(isUserError(unknown) && unknown.problem).toMatch(/unknown placeholder <arch>/);
    const twice = await uploadImageArtifacts([qcow2, raw], { nameTemplate: "nixos-<system>" }).catch((e: unknown) => e);
    expect(isUserError(twice) && twice.problem).toMatch(/same name 'nixos-x86_64-linux'/);
    expect(servers.results.calls.length).toBe(before);
  });

  it("explains a name that already exists in the run, and replaces it with overwrite", async () => {
    const [first] = await uploadImageArtifacts([raw], { nameTemplate: "again-<format>" });
    const error = await uploadImageArtifacts([raw], { nameTemplate: "again-<format>" }).catch((e: unknown) => e);
    expect(isUserError(error) && error.problem).toBe("An artifact named 'again-raw.img' already exists in this workflow run.");
    expect(isUserError(error) && error.fix).toMatch(/set overwrite: true;/);
    const conflict = servers.results.calls.at(-1);
    expect(conflict?.status).toBe(409);

    const [second] = await uploadImageArtifacts([raw], { nameTemplate: "again-<format>", overwrite: true });
    expect(second).toMatchObject({ name: "again-raw.img", replaced: true });
    expect(second!.id).not.toBe(first!.id);
    const named = servers.results.artifacts.filter((a) => a.name === "again-raw.img");
    expect(named.map((a) => a.id)).toEqual([second!.id]);
    // overwrite with nothing to replace is not an error.
    const [fresh] = await uploadImageArtifacts([raw], { nameTemplate: "fresh-<format>", overwrite: true });
    expect(fresh!.replaced).toBe(false);
  });

  it("tells the user when the runtime environment is missing", async () => {
    const restore = withEnv({ ACTIONS_RUNTIME_TOKEN: undefined });
    try {
      const error = await uploadImageArtifacts([raw], { nameTemplate: "no-env" }).catch((e: unknown) => e);
      expect(isUserError(error) && error.problem).toMatch(/ACTIONS_RUNTIME_TOKEN/);
    } finally {
      restore();
    }
  });

  it("an unusable RUNNER_TEMP (missing, or under a file) is one exit-4 message naming it and the fix, before the old artifact is deleted or anything uploaded", async () => {
    const [kept] = await uploadImageArtifacts([sd], { nameTemplate: "kept-<format>" });
    const file = join(dir, "not-a-directory");
    await writeFile(file, "a file where RUNNER_TEMP's parent should be");
    for (const [temp, words] of [
      [join(dir, "no-such-temp"), "it (or a directory on its path) does not exist (ENOENT)"],
      [join(file, "temp"), `${file} is a file, not a directory (ENOTDIR)`],
    ] as const) {
      const calls = servers.results.calls.length;
      const restore = withEnv({ RUNNER_TEMP: temp });
      try {
        const error = await uploadImageArtifacts([sd], { nameTemplate: "kept-<format>", overwrite: true }).catch((e: unknown) => e);
        expect(isUserError(error), String(error)).toBe(true);
        if (!isUserError(error)) continue;
        expect(error.problem).toBe(`Making a directory in RUNNER_TEMP (${temp}) for the artifact upload failed: ${words}.`);
        expect(error.fix).toMatch(/, or point RUNNER_TEMP at a directory this user may write \(the runner sets it to its _temp directory\)\.$/);
        expect(error.exitCode).toBe(ExitCode.environment);
      } finally {
        restore();
      }
      // Nothing asked of the service: the old artifact is still there, nothing new was created.
      expect(servers.results.calls.slice(calls)).toEqual([]);
      expect(servers.results.artifacts.filter((a) => a.name === "kept-sd-aarch64.img.zst").map((a) => a.id)).toEqual([kept!.id]);
    }
    // The links' directory is gone after a good upload (nothing left in RUNNER_TEMP).
    const before = await readdir(servers.runnerTemp);
    await uploadImageArtifacts([sd], { nameTemplate: "kept-<format>", overwrite: true });
    expect(await readdir(servers.runnerTemp)).toEqual(before);
  });

  it("rejects a retention or compression level GitHub would not take", async () => {
    for (const options of [{ retentionDays: -1 }, { retentionDays: 1.5 }, { compressionLevel: 10 }]) {
      const error = await uploadImageArtifacts([raw], { nameTemplate: "bad-options", ...options }).catch((e: unknown) => e);
      expect(isUserError(error), JSON.stringify(options)).toBe(true);
    }
  });

});
