// What nixpkgs' builders write that verify once refused, and what is still
// broken around it: LXC metadata as JSON without templates (lib.generators.toYAML),
// a Vagrant box whose box.mf lists itself, a bare ext4 (Linode), and a custom
// format verify cannot hold to a container. The replayed builders
// (replayed.test.ts) show the good shapes come out of the real scripts; these
// tests pin the edges with hand-made damage.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { identifyImage, renderReport, verifyImage } from "../../src/verify/index.js";
import { checkImage, expectationFor } from "../../src/verify/expectation.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => join(dir, name);
const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

// nixpkgs' lxc-image-metadata.nix: toYAML { } { architecture; creation_date = 1; properties; templates = { }; } is builtins.toJSON.
const NIXPKGS_METADATA = JSON.stringify({
  architecture: "x86_64",
  creation_date: 1,
  properties: { description: "NixOS Yarara 26.11pre-git x86_64-linux", os: "nixos", release: "yarara" },
  templates: {},
});

function metadataTar(name: string, tree: f.Tree): string {
  f.writeTree(p(name), tree);
  f.tarOf(p(`${name}.tar`), p(name), Object.keys(tree).map((k) => k.split("/")[0]!).filter((k, i, a) => a.indexOf(k) === i));
  return p(`${name}.tar`);
}

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("shapes"));
});
afterAll(() => cleanup());

describe("lxc-metadata: JSON metadata.yaml, no templates/", () => {
  test("nixpkgs' own metadata.yaml (JSON, templates {}) with no templates/ directory passes", async () => {
    const tar = metadataTar("meta-json", { "metadata.yaml": NIXPKGS_METADATA });
    const r = await verifyImage(tar, { container: "lxc-metadata", compression: "none", target: "lxc-metadata" });
    clean(r);
    expect(r.details).toMatchObject({ architecture: "x86_64", creationDate: 1, metadataSyntax: "json", templates: 0 });
  });

  test("JSON naming a template that is not in templates/ is refused", async () => {
    const meta = JSON.stringify({ architecture: "x86_64", creation_date: 1, templates: { "/etc/hostname": { when: ["create"], template: "hostname.tpl", properties: {} } } });
    const tar = metadataTar("meta-json-tpl", { "metadata.yaml": meta });
    expect(caught(await verifyImage(tar, { container: "lxc-metadata", compression: "none" }), "lxc.templates").expected).toContain("templates/hostname.tpl");
    const good = metadataTar("meta-json-tpl-ok", { "metadata.yaml": meta, "templates/hostname.tpl": "{{ container.name }}\n" });
    clean(await verifyImage(good, { container: "lxc-metadata", compression: "none" }));
  });

  test("JSON that does not parse, a creation_date that is no Unix time, no architecture: each refused", async () => {
    const broken = metadataTar("meta-broken", { "metadata.yaml": '{"architecture": "x86_64", "creation_date": 1' });
    expect(caught(await verifyImage(broken, { container: "lxc-metadata", compression: "none" }), "lxc.metadata.yaml").found).toContain("does not parse");
    const date = metadataTar("meta-date", { "metadata.yaml": JSON.stringify({ architecture: "x86_64", creation_date: "yesterday" }) });
    caught(await verifyImage(date, { container: "lxc-metadata", compression: "none" }), "lxc.metadata.creation_date");
    const arch = metadataTar("meta-arch", { "metadata.yaml": JSON.stringify({ creation_date: 1 }) });
    caught(await verifyImage(arch, { container: "lxc-metadata", compression: "none" }), "lxc.metadata.architecture");
  });
});

describe("vagrant-virtualbox: box.mf that lists itself", () => {
  function box(name: string, vmdkDigest?: string): string {
    const d = p(name);
    f.writeTree(d, { "metadata.json": '{"provider":"virtualbox"}\n', Vagrantfile: 'Vagrant.configure("2") do |config|\nend\n' });
    f.rawMbr(p(`${name}.raw`), 4);
    f.qemuImg(["convert", "-O", "vmdk", "-o", "subformat=streamOptimized", p(`${name}.raw`), join(d, "disk001.vmdk")]);
    writeFileSync(
      join(d, "box.ovf"),
      `<?xml version="1.0"?>\n<Envelope ovf:version="1.0" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">\n  <References><File ovf:id="file1" ovf:href="disk001.vmdk"/></References>\n  <DiskSection><Disk ovf:capacity="${4 * f.MiB}" ovf:diskId="vmdisk1" ovf:fileRef="file1"/></DiskSection>\n</Envelope>\n`,
    );
    // nixpkgs: touch box.mf, then `for fname in *` appends each file's digest, box.mf's own (of the file as it was) too.
    writeFileSync(join(d, "box.mf"), "");
    const lines = ["Vagrantfile", "box.mf", "box.ovf", "disk001.vmdk", "metadata.json"].map((n) => `SHA256(${n})= ${n === "disk001.vmdk" && vmdkDigest ? vmdkDigest : sha256(join(d, n))}\n`);
    writeFileSync(join(d, "box.mf"), lines.join(""));
    f.tarOf(p(`${name}.tar`), d, ["."], ["--sort=name"]);
    return f.compress("gzip", p(`${name}.tar`));
  }

  test("the box.mf line for box.mf itself is ignored; every other digest still checked", async () => {
    const good = await verifyImage(box("box-self"), { container: "vagrant-box", compression: "gzip", target: "vagrant-virtualbox" });
    clean(good);
    expect(good.details["manifest.self"]).toBe("listed, ignored");
    const bad = await verifyImage(box("box-bad", "0".repeat(64)), { container: "vagrant-box", compression: "gzip", target: "vagrant-virtualbox" });
    expect(caught(bad, "vagrant.manifest.disk001.vmdk").expected).toContain("0".repeat(64));
  });
});

describe("fs-ext4: a bare ext4 file system (Linode)", () => {
  test("mkfs.ext4 over the whole file (gzip'd, as nixpkgs' linode image): verified and identified", async () => {
    f.run("truncate", ["-s", "8M", p("bare.img")]);
    f.run("mkfs.ext4", ["-q", "-F", "-b", "4096", "-L", "nixos", p("bare.img")]);
    const gz = f.compress("gzip", f.copy(p("bare.img"), p("bare-gz.img")));
    const r = await verifyImage(gz, { container: "fs-ext4", compression: "gzip", diskSizeMiB: 8 });
    clean(r);
    expect(r).toMatchObject({ detected: { container: "fs-ext4", compression: "gzip" }, label: "nixos", virtualSize: 8 * f.MiB });
    const id = await identifyImage(p("bare.img"));
    clean(id);
    expect(id.detected.container).toBe("fs-ext4");
    expect(renderReport(id)).toMatch(/a sound fs-ext4/);
  });

  test("a truncated file system, a damaged superblock, no superblock at all: refused", async () => {
    caught(await verifyImage(f.truncated(p("bare.img"), p("bare-cut.img"), 4 * f.MiB), { container: "fs-ext4", compression: "none" }), "ext4.size");
    const csum = f.copy(p("bare.img"), p("bare-csum.img"));
    f.flip(csum, 1024 + 0x20); // s_blocks_per_group: the superblock's CRC-32C no longer matches
    caught(await verifyImage(csum, { container: "fs-ext4", compression: "none" }), "ext4.superblock-checksum");
    f.rawMbr(p("mbr.img"), 8);
    const r = await verifyImage(p("mbr.img"), { container: "fs-ext4", compression: "none" });
    caught(r, "container");
  });
});

describe("a custom format verify cannot hold to a container", () => {
  test("unknown bytes: reported, not failed, unless the format declares its container", async () => {
    const blob = p("firmware.bin");
    writeFileSync(blob, Buffer.concat([Buffer.from("FWIMAGE\0"), Buffer.alloc(64 * 1024, 0xa5)]));
    const custom = { kind: "custom", name: "firmware", from: "configuration" } as const;
    const reported = await checkImage(blob, expectationFor(custom, "x86_64-linux"));
    expect(reported.ok).toBe(true);
    expect(reported.findings).toEqual([]);
    expect(reported.notes?.map((n) => n.check)).toEqual(["container"]);
    expect(renderReport(reported)).toMatch(/^ok .*held to no container .*1 note/);
    // Declared as a qcow2, the same bytes fail that container's checks.
    const declared = await checkImage(blob, expectationFor(custom, "x86_64-linux", undefined, "qcow2"));
    expect(declared.ok).toBe(false);
    expect(declared.expected).toEqual({ container: "qcow2", system: "x86_64-linux" });
  });

  test("a disk with only a boot signature: reported when undeclared, refused when declared raw-mbr", async () => {
    const disk = p("bare-mbr.img");
    f.run("truncate", ["-s", "1M", disk]);
    f.patch(disk, 510, [0x55, 0xaa]);
    const custom = { kind: "custom", name: "bootsig", from: "format-path" } as const;
    const reported = await checkImage(disk, expectationFor(custom));
    expect(reported.ok).toBe(true);
    expect(reported.notes?.length).toBeGreaterThan(0);
    const declared = await checkImage(disk, expectationFor(custom, undefined, undefined, "raw-mbr"));
    expect(declared.ok).toBe(false);
    // Compressed, a declared container holds whatever the compression is.
    f.rawMbr(p("good-mbr.img"), 4);
    clean(await checkImage(f.compress("gzip", p("good-mbr.img")), expectationFor(custom, undefined, undefined, "raw-mbr")));
  });
});
