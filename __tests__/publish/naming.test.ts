// The pure parts: artifact names, zip levels, REST error explanations, SHA256SUMS.
import { describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import {
  artifactNames,
  DEFAULT_ZIP_COMPRESSION_LEVEL,
  formatChecksums,
  mergeChecksums,
  parseChecksums,
  releaseAssetName,
  renderArtifactName,
  zipCompressionLevel,
} from "../../src/publish/index.js";
import { keepRequiredPrefix } from "../../src/publish/artifact-name.js";
import { unarchivedName } from "../../src/publish/artifact.js";
import { apiBaseUrl } from "../../src/publish/github-client.js";
import { failureError, parseRepository } from "../../src/publish/github-errors.js";
import { format } from "./fixtures.js";

const qcow = { path: "/out/nixos.qcow2", format: format("qcow"), system: "x86_64-linux" as const };
const iso = { path: "/out/nixos-25.11-x86_64-linux.iso", format: format("iso"), system: "aarch64-linux" as const };

function userError(run: () => unknown): { problem: string; fix: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("artifact names", () => {
  it("fills every placeholder, as often as it appears", () => {
    expect(renderArtifactName("<format>-<system>", qcow)).toBe("qcow-x86_64-linux");
    expect(renderArtifactName("<file> (<format>, <format>)", iso)).toBe("nixos-25.11-x86_64-linux.iso (iso, iso)");
    expect(renderArtifactName("fixed", iso)).toBe("fixed");
  });

  it("names each image and refuses a template that merges two", () => {
    expect(artifactNames("<format>-<system>", [qcow, iso])).toEqual(["qcow-x86_64-linux", "iso-aarch64-linux"]);
    const e = userError(() => artifactNames("<system>", [qcow, { ...iso, system: "x86_64-linux" }]));
    expect(e.problem).toContain("gives the same name 'x86_64-linux' to qcow/x86_64-linux and iso/x86_64-linux");
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("names the forbidden character", () => {
    const cases: Array<[string, string]> = [
      ["a/b", "forward slash"],
      ["a\\b", "backslash"],
      ["a:b", "colon"],
      ['a"b', "double quote"],
      ["a|b", "vertical bar"],
      ["a*b", "asterisk"],
      ["a?b", "question mark"],
      ["a\rb", "carriage return"],
      ["a\nb", "line feed"],
    ];
    for (const [template, description] of cases) {
      expect(userError(() => artifactNames(template, [qcow])).problem, template).toContain(description);
    }
    // "<" and ">" only reach the check as a placeholder GitHub would see verbatim.
    expect(userError(() => artifactNames("a<b", [qcow])).problem).toContain("less-than sign");
    expect(userError(() => artifactNames("<nope>", [qcow])).problem).toContain("unknown placeholder <nope>");
    expect(userError(() => artifactNames("  ", [qcow])).problem).toContain("empty");
    // A file name can bring a forbidden character in.
    expect(userError(() => artifactNames("<file>", [{ ...qcow, path: "/out/a:b.qcow2" }])).problem).toContain("colon");
  });
});

describe("zip compression level", () => {
  it("stores every image the catalogue says is compressed, and the precompressed containers", () => {
    for (const f of loadCatalogue().formats) {
      const level = zipCompressionLevel(f);
      if (f.compression !== "none") expect(level, f.name).toBe(0);
      else if (["iso", "ova", "kexec-bundle"].includes(f.container)) expect(level, f.name).toBe(0);
      else expect(level, f.name).toBe(DEFAULT_ZIP_COMPRESSION_LEVEL);
    }
  });

  it("takes a level for uncompressed images, never for compressed ones, and checks it", () => {
    expect(zipCompressionLevel(format("raw"), 9)).toBe(9);
    expect(zipCompressionLevel(format("proxmox"), 9)).toBe(0);
    expect(zipCompressionLevel(format("do"), 9)).toBe(0);
    for (const bad of [-1, 10, 2.5, Number.NaN]) {
      expect(userError(() => zipCompressionLevel(format("raw"), bad)).problem).toContain("0 to 9");
    }
  });
});

describe("REST helpers", () => {
  it("parses owner/name and refuses anything else", () => {
    expect(parseRepository("octo-org/nixos-images")).toEqual({ owner: "octo-org", repo: "nixos-images" });
    for (const bad of [undefined, "", "nixos", "a/b/c", "-a/b", "a/..", "a /b"]) {
      expect(() => parseRepository(bad), String(bad)).toThrow();
    }
  });

  it("takes the API base from GITHUB_API_URL, without a trailing slash", () => {
    const saved = process.env.GITHUB_API_URL;
    try {
      process.env.GITHUB_API_URL = "https://ghes.example/api/v3/";
      expect(apiBaseUrl()).toBe("https://ghes.example/api/v3");
      delete process.env.GITHUB_API_URL;
      expect(apiBaseUrl()).toBe("https://api.github.com");
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  });

  it("tells a rate limit from a missing permission", () => {
    const repository = { owner: "o", repo: "r" };
    const limited = failureError(
      { status: 403, body: { message: "API rate limit exceeded for installation ID 1." }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000000" } },
      { action: "x", repository },
    );
    expect(limited.problem).toContain("rate limit");
    expect(limited.fix).toContain(new Date(1900000000 * 1000).toISOString());
    const denied = failureError({ status: 403, body: { message: "Resource not accessible by integration" }, headers: {} }, { action: "x", repository });
    expect(denied.fix).toContain("permissions: contents: write");
    expect(failureError({ status: 503, body: { message: "Unavailable" }, headers: {} }, { action: "x", repository }).exitCode).toBe(ExitCode.failed);
    const offline = failureError({ status: 500, body: {}, headers: {}, network: "connect ECONNREFUSED 127.0.0.1:1" }, { action: "x", repository });
    expect(offline.problem).toContain("ECONNREFUSED");
    expect(offline.exitCode).toBe(ExitCode.environment);
  });
});

describe("release asset names", () => {
  it("keep a file name that carries the system, and put the system in front of one that does not", () => {
    const iso = "nixos-image-iso-26.11pre-x86_64-linux.iso";
    expect(releaseAssetName(iso, "x86_64-linux")).toBe(iso);
    expect(releaseAssetName("nixos.qcow2", "aarch64-linux")).toBe("aarch64-linux-nixos.qcow2");
  });

  it("put the system after vzdump-qemu-, the prefix without which qmrestore does not read a Proxmox backup", () => {
    // nixpkgs' Proxmox image has the same name on every system.
    const vma = "vzdump-qemu-nixos-26.11pre.vma.zst";
    const names = ["x86_64-linux", "aarch64-linux"].map((system) => releaseAssetName(vma, system));
    expect(names).toEqual(["vzdump-qemu-x86_64-linux-nixos-26.11pre.vma.zst", "vzdump-qemu-aarch64-linux-nixos-26.11pre.vma.zst"]);
    for (const name of names) expect(name).toMatch(/^vzdump-qemu-.+\.vma\.zst$/);
  });
});

describe("unarchived artifact names (the download is the file, named after the artifact)", () => {
  it("end in the image's extension", () => {
    expect(unarchivedName("qcow-x86_64-linux", "nixos.qcow2")).toBe("qcow-x86_64-linux.qcow2");
    expect(unarchivedName("sd-aarch64-linux", "nixos.img.zst")).toBe("sd-aarch64-linux.img.zst");
  });

  it("keep vzdump-qemu- in front for a Proxmox backup, however the template names it", () => {
    const vma = "vzdump-qemu-nixos-26.11pre.vma.zst";
    expect(unarchivedName("proxmox-x86_64-linux", vma)).toBe("vzdump-qemu-proxmox-x86_64-linux.vma.zst");
    expect(unarchivedName(renderArtifactName("<file>", { path: `/out/${vma}`, format: format("proxmox"), system: "x86_64-linux" }), vma)).toBe(vma);
    expect(keepRequiredPrefix("vzdump-qemu-mine", vma)).toBe("vzdump-qemu-mine");
    // Other images keep the template's name.
    expect(keepRequiredPrefix("qcow-x86_64-linux", "nixos.qcow2")).toBe("qcow-x86_64-linux");
  });
});

describe("SHA256SUMS", () => {
  const a = { name: "a.iso", sha256: "a".repeat(64) };
  const b = { name: "b.img.zst", sha256: "b".repeat(64) };
  const c = { name: "c.qcow2", sha256: "c".repeat(64) };

  it("writes sha256sum's format, sorted by name, and reads it back (text and binary mode lines)", () => {
    const text = formatChecksums([c, a]);
    expect(text).toBe(`${"a".repeat(64)}  a.iso\n${"c".repeat(64)}  c.qcow2\n`);
    expect(parseChecksums(`${text}${"b".repeat(64)} *b.img.zst\nnot a line\n`)).toEqual([a, c, b]);
  });

  it("merges: our lines replace same-name ones, others stay while their asset is on the release", () => {
    const old = { name: "a.iso", sha256: "0".repeat(64) };
    const merged = mergeChecksums([old, c, b], [a], new Set(["a.iso", "c.qcow2"]));
    expect(formatChecksums(merged)).toBe(formatChecksums([a, c]));
  });
});
