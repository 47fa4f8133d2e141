// The test servers themselves: they must refuse what GitHub refuses, or the
// publishing tests would prove nothing.
import { BlockBlobClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { isValidTagName } from "../servers/github-rest.js";
import { ARTIFACT_SERVICE, CACHE_SERVICE } from "../servers/results-service.js";

let servers: GitHubTestServers;

beforeAll(async () => {
  servers = await startGitHubTestServers();
});

afterAll(async () => {
  await servers?.stop();
});

async function twirp(
  service: string,
  method: string,
  body: unknown,
  init: { token?: string | null; contentType?: string; httpMethod?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { "Content-Type": init.contentType ?? "application/json" };
  const token = init.token === undefined ? servers.env.ACTIONS_RUNTIME_TOKEN : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(new URL(`/twirp/${service}/${method}`, servers.env.ACTIONS_RESULTS_URL), {
    method: init.httpMethod ?? "POST",
    headers,
    ...(init.httpMethod === "GET" ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function ids(): { workflow_run_backend_id: string; workflow_job_run_backend_id: string } {
  return {
    workflow_run_backend_id: servers.results.workflowRunBackendId,
    workflow_job_run_backend_id: servers.results.workflowJobRunBackendId,
  };
}

describe("the runner environment", () => {
  it("has a runtime token whose scp claim names the run and job backend IDs", () => {
    const payload = JSON.parse(Buffer.from(servers.env.ACTIONS_RUNTIME_TOKEN!.split(".")[1]!, "base64url").toString()) as { scp: string };
    expect(payload.scp.split(" ")).toContain(`Actions.Results:${servers.results.workflowRunBackendId}:${servers.results.workflowJobRunBackendId}`);
    expect(servers.env.ACTIONS_CACHE_SERVICE_V2).toBe("true");
    expect(servers.env.GITHUB_API_URL).toBe(servers.github.apiUrl);
    expect(servers.env.GITHUB_REPOSITORY).toBe(servers.repository);
    expect(servers.env.GITHUB_RUN_ID).toMatch(/^\d+$/);
    expect(new URL(servers.env.ACTIONS_RESULTS_URL!).hostname).toBe("127.0.0.1");
  });
});

describe("results service (Twirp)", () => {
  it("requires a valid runtime token", async () => {
    expect((await twirp(ARTIFACT_SERVICE, "ListArtifacts", ids(), { token: null })).status).toBe(401);
    // Change the signature's first character: it carries 6 bits of the first byte. (The last one of a
    // 43-character base64url signature carries 2 padding bits, so changing it can give the same bytes.)
    const [header, payload, signature = ""] = servers.env.ACTIONS_RUNTIME_TOKEN!.split(".");
    const forged = [header, payload, (signature.startsWith("A") ? "Q" : "A") + signature.slice(1)].join(".");
    const res = await twirp(ARTIFACT_SERVICE, "ListArtifacts", ids(), { token: forged });
    expect(res).toEqual({ status: 401, json: { code: "unauthenticated", msg: "the token signature is invalid" } });
    const expired = servers.results.makeRuntimeToken({ lifetimeSeconds: -60 });
    expect((await twirp(ARTIFACT_SERVICE, "ListArtifacts", ids(), { token: expired })).json.msg).toBe("the token has expired");
  });

  it("answers bad routes, methods, content types and bodies as Twirp does", async () => {
    expect((await twirp(ARTIFACT_SERVICE, "Nope", {})).json.code).toBe("bad_route");
    expect((await twirp("github.actions.results.api.v1.Other", "CreateArtifact", {})).status).toBe(404);
    expect((await twirp(ARTIFACT_SERVICE, "ListArtifacts", {}, { httpMethod: "GET" })).json.code).toBe("bad_route");
    expect((await twirp(ARTIFACT_SERVICE, "ListArtifacts", {}, { contentType: "text/plain" })).json.code).toBe("bad_route");
    expect(await twirp(ARTIFACT_SERVICE, "ListArtifacts", "{not json")).toEqual({
      status: 400,
      json: { code: "malformed", msg: "the json request could not be decoded" },
    });
  });

  it("checks CreateArtifact's fields", async () => {
    const other = { ...ids(), workflow_job_run_backend_id: "someone-else" };
    expect((await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...other, name: "x", version: 7 })).status).toBe(403);
    expect((await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...ids(), version: 7 })).json).toEqual({ code: "invalid_argument", msg: "name is required" });
    expect((await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...ids(), name: "a/b", version: 7 })).status).toBe(400);
    expect((await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...ids(), name: "old-client" })).status).toBe(400);
    const past = new Date(Date.now() - 86_400_000).toISOString();
    expect((await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...ids(), name: "expired", version: 7, expires_at: past })).status).toBe(400);
  });

  it("hands out SAS URLs that allow only what they are for, and checks the blob on finalize", async () => {
    const created = await twirp(ARTIFACT_SERVICE, "CreateArtifact", { ...ids(), name: "sas-check", version: 7 });
    expect(created.status).toBe(200);
    const uploadUrl = String(created.json.signed_upload_url);
    expect(new URL(uploadUrl).searchParams.get("sp")).toBe("cw");

    // Finalizing before any upload fails; so does a wrong size.
    expect((await twirp(ARTIFACT_SERVICE, "FinalizeArtifact", { ...ids(), name: "sas-check", size: "5" })).status).toBe(412);
    const blob = new BlockBlobClient(uploadUrl);
    const data = Buffer.from("hello artifact");
    await blob.upload(data, data.length);
    // The upload URL cannot read, and a tampered signature is refused by Azurite itself.
    await expect(blob.download()).rejects.toMatchObject({ statusCode: 403 });
    const tampered = new URL(uploadUrl);
    tampered.searchParams.set("sig", Buffer.alloc(32).toString("base64"));
    await expect(new BlockBlobClient(tampered.href).upload(data, data.length)).rejects.toMatchObject({ statusCode: 403 });

    expect((await twirp(ARTIFACT_SERVICE, "FinalizeArtifact", { ...ids(), name: "sas-check", size: "5" })).json.msg).toMatch(/size mismatch/);
    expect((await twirp(ARTIFACT_SERVICE, "FinalizeArtifact", { ...ids(), name: "sas-check", size: String(data.length), hash: `sha256:${"0".repeat(64)}` })).json.msg).toBe("artifact hash mismatch");
    const done = await twirp(ARTIFACT_SERVICE, "FinalizeArtifact", { ...ids(), name: "sas-check", size: String(data.length) });
    const record = servers.results.artifacts.find((a) => a.name === "sas-check")!;
    expect(done.json).toEqual({ ok: true, artifact_id: String(record.id) });

    const listed = await twirp(ARTIFACT_SERVICE, "ListArtifacts", { ...ids(), name_filter: "sas-check" });
    expect(listed.json.artifacts).toEqual([expect.objectContaining({ name: "sas-check", database_id: String(record.id), size: String(data.length) })]);
    const signed = await twirp(ARTIFACT_SERVICE, "GetSignedArtifactURL", { ...ids(), name: "sas-check" });
    expect(new URL(String(signed.json.signed_url)).searchParams.get("sp")).toBe("r");
    expect(await new BlockBlobClient(String(signed.json.signed_url)).downloadToBuffer()).toEqual(data);
    expect((await twirp(ARTIFACT_SERVICE, "GetSignedArtifactURL", { ...ids(), name: "missing" })).status).toBe(404);
  });

  it("matches cache keys as GitHub does: exact first, then prefix (newest), same version only", async () => {
    const version = "a".repeat(64);
    async function save(key: string, v = version): Promise<void> {
      const created = await twirp(CACHE_SERVICE, "CreateCacheEntry", { key, version: v });
      expect(created.json.ok, key).toBe(true);
      const data = Buffer.from(key);
      await new BlockBlobClient(String(created.json.signed_upload_url)).upload(data, data.length);
      expect((await twirp(CACHE_SERVICE, "FinalizeCacheEntryUpload", { key, version: v, size_bytes: String(data.length) })).json.ok).toBe(true);
    }
    await save("deps-linux-1");
    await save("deps-linux-2");
    await save("deps-linux", "b".repeat(64));
    const lookup = async (key: string, restoreKeys: string[] = [], v = version) =>
      (await twirp(CACHE_SERVICE, "GetCacheEntryDownloadURL", { key, restore_keys: restoreKeys, version: v })).json;

    expect((await lookup("deps-linux-1")).matched_key).toBe("deps-linux-1");
    expect((await lookup("deps-linux-")).matched_key).toBe("deps-linux-2"); // newest prefix match
    expect((await lookup("nothing", ["deps-linux-1", "deps-"])).matched_key).toBe("deps-linux-1");
    expect((await lookup("deps-linux", [], "b".repeat(64))).matched_key).toBe("deps-linux");
    expect(await lookup("deps-mac")).toEqual({ ok: false });
    expect((await twirp(CACHE_SERVICE, "CreateCacheEntry", { key: "deps-linux-1", version })).json).toEqual({
      code: "already_exists",
      msg: "cache entry with the same key, version, and scope already exists",
    });
    expect((await twirp(CACHE_SERVICE, "CreateCacheEntry", { key: "a,b", version })).status).toBe(400);
    expect((await twirp(CACHE_SERVICE, "GetCacheEntryDownloadURL", { key: "k", restore_keys: Array(10).fill("r"), version })).status).toBe(400);
  });
});

describe("REST API stand-in", () => {
  async function api(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
    const token = init.token === undefined ? servers.tokens.write : init.token;
    return fetch(`${servers.github.apiUrl}${path}`, {
      ...init,
      headers: {
        Accept: "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  }

  it("answers auth, version and repository errors with GitHub's codes", async () => {
    const repo = `/repos/${servers.repository}/releases/tags/v0`;
    expect((await api(repo, { token: null })).status).toBe(401);
    expect(await (await api(repo, { token: "ghp_nope" })).json()).toMatchObject({ message: "Bad credentials", status: "401" });
    expect((await api(repo, { headers: { "X-GitHub-Api-Version": "2000-01-01" } })).status).toBe(400);
    expect((await api("/repos/octo-org/absent/releases/tags/v0")).status).toBe(404);
    expect((await api(repo)).status).toBe(404); // no such release
  });

  it("hides drafts from the tag lookup, and validates new releases", async () => {
    servers.github.addRelease(servers.repository, "draft-tag", { draft: true });
    expect((await api(`/repos/${servers.repository}/releases/tags/draft-tag`)).status).toBe(404);
    const create = (body: unknown, token?: string) =>
      api(`/repos/${servers.repository}/releases`, { method: "POST", body: JSON.stringify(body), ...(token ? { token } : {}) });
    expect((await create({ name: "no tag" })).status).toBe(422);
    expect((await create({ tag_name: "v1" }, servers.tokens.read)).status).toBe(403);
    expect((await create({ tag_name: "v1" })).status).toBe(201);
    expect(await (await create({ tag_name: "v1" })).json()).toMatchObject({ errors: [{ code: "already_exists", field: "tag_name" }] });
    for (const bad of ["a b", "a..b", "-x", "x.lock", "a:b", "x/", "@"]) expect(isValidTagName(bad), bad).toBe(false);
    for (const good of ["v1.0.0", "release/2025-01", "nixos-25.11"]) expect(isValidTagName(good), good).toBe(true);
  });

  it("refuses uploads without a length, a name, or with a name taken", async () => {
    const release = servers.github.addRelease(servers.repository, "uploads");
    const url = (name?: string) => `${servers.github.uploadsUrl}/repos/${servers.repository}/releases/${release.id}/assets${name ? `?name=${name}` : ""}`;
    const headers = { Authorization: `Bearer ${servers.tokens.write}`, "Content-Type": "application/octet-stream" };
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
        controller.close();
      },
    });
    const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body: chunked, duplex: "half" };
    expect((await fetch(url("a.bin"), init)).status).toBe(411);
    expect((await fetch(url(), { method: "POST", headers, body: "abc" })).status).toBe(422);
    expect((await fetch(url("a.bin"), { method: "POST", headers, body: "abc" })).status).toBe(201);
    const taken = await fetch(url("a.bin"), { method: "POST", headers, body: "abc" });
    expect(await taken.json()).toMatchObject({ message: "Validation Failed", errors: [{ resource: "ReleaseAsset", code: "already_exists" }] });
    expect(release.assets.map((a) => [a.name, a.state, a.size])).toEqual([["a.bin", "uploaded", 3]]);
  });
});
