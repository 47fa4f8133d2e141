// `verify FILE` without a format: what the bytes are (compression, container,
// virtual size, label, members), that container's structure, and ok when sound.
import { truncateSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { identifyImage, renderReport } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

const DISK_MIB = 64;
const LABEL = "25.11.20250101.abcdef0";
const TOPLEVEL = f.storePath(`nixos-system-fixture-${LABEL}`);
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("identify"));
  f.rawMbr(p("raw.img"), DISK_MIB, "nixos");
  const conv = (fmt: string, out: string, opts: string[] = []): void => f.qemuImg(["convert", "-O", fmt, ...opts, p("raw.img"), p(out)]);
  conv("qcow2", "disk.qcow2");
  conv("vpc", "fixed.vhd", ["-o", "subformat=fixed,force_size=on"]);
  conv("vpc", "dynamic.vhd", ["-o", "subformat=dynamic,force_size=on"]);
  conv("vmdk", "disk.vmdk", ["-o", "subformat=streamOptimized"]);
  f.iso(p("nixos.iso"), "NIXOS_ISO", { bios: true, efi: true, loader: "BOOTX64.EFI" });
  f.writeTree(p("rootfs"), {
    [`nix/store/${TOPLEVEL}/init`]: { text: "#!/bin/sh\nexec systemd\n", mode: 0o755 },
    "sbin/init": { link: `/nix/store/${TOPLEVEL}/init` },
    "etc/os-release": "ID=nixos\n",
  });
  f.tarOf(p("rootfs.tar"), p("rootfs"), ["nix", "sbin", "etc"]);
  f.compress("xz", p("rootfs.tar"));
  f.writeTree(p("misc"), { "a.txt": "a\n", "b.txt": "b\n" });
  f.tarOf(p("misc.tar"), p("misc"), ["a.txt", "b.txt"]);
  writeFileSync(p("notes.txt"), "just some text, not an image\n".repeat(40));
  writeFileSync(p("empty.img"), "");
});
afterAll(() => cleanup());

describe("identify by the bytes alone", () => {
  test("qcow2: container, virtual size, the label of its root file system", async () => {
    const r = await identifyImage(p("disk.qcow2"));
    clean(r);
    expect(r.expected).toBeUndefined();
    expect(r.detected).toEqual({ container: "qcow2", compression: "none" });
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
    const text = renderReport(r);
    expect(text).toMatch(/^ok .*disk\.qcow2: a sound qcow2\n/);
    expect(text).toContain(`virtual size  ${DISK_MIB * f.MiB} (64 MiB)`);
  });

  test("VHD, fixed and dynamic: the disk type in the details", async () => {
    for (const [name, type] of [["fixed.vhd", "fixed"], ["dynamic.vhd", "dynamic"]] as const) {
      const r = await identifyImage(p(name));
      clean(r);
      expect(r.detected.container).toBe("vhd");
      expect(r.details.diskType).toBe(type);
      expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
      // The label of the root file system, read through the VHD (the dynamic one through its block table).
      expect(r.details["disk.partitionTable"]).toBe("mbr");
      expect(r.label).toBe("nixos");
    }
  });

  test("VMDK (streamOptimized)", async () => {
    const r = await identifyImage(p("disk.vmdk"));
    clean(r);
    expect(r.detected.container).toBe("vmdk");
    expect(r.details.createType).toBe("streamOptimized");
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
  });

  test("ISO: label, boot entries, the EFI loader; --system checks the boot entries it needs", async () => {
    const r = await identifyImage(p("nixos.iso"));
    clean(r);
    expect(r.detected.container).toBe("iso");
    expect(r.label).toBe("NIXOS_ISO");
    expect(r.details.bootEntries).toBe("BIOS, EFI");
    expect(r.details.efiLoaders).toBe("BOOTX64.EFI");
    clean(await identifyImage(p("nixos.iso"), { system: "x86_64-linux" }));
  });

  test("tar.xz: a root file system, its members and the system's label", async () => {
    const r = await identifyImage(p("rootfs.tar.xz"));
    clean(r);
    expect(r.detected).toEqual({ container: "rootfs-tar", compression: "xz" });
    expect(r.members).toEqual(["nix", "sbin", "etc"]);
    expect(r.label).toBe(LABEL);
    expect(renderReport(r)).toMatch(/\n  members +nix, sbin, etc, … \(8 members in all\)\n/);
  });

  test("--disk-size is compared with what was found", async () => {
    clean(await identifyImage(p("disk.qcow2"), { diskSizeMiB: DISK_MIB }));
    caught(await identifyImage(p("disk.qcow2"), { diskSizeMiB: 2 * DISK_MIB }), "disk-size");
  });
});

describe("what is not sound, or not an image", () => {
  test("a damaged qcow2: its structural finding, exit as failed", async () => {
    const bad = f.truncated(p("disk.qcow2"), p("cut.qcow2"), 4096);
    const r = await identifyImage(bad);
    expect(r.ok).toBe(false);
    expect(r.detected.container).toBe("qcow2");
    expect(r.findings.length).toBeGreaterThan(0);
    expect(renderReport(r)).toMatch(/^FAILED .*cut\.qcow2: a damaged or unknown qcow2, \d+ findings?/);
  });

  test("a tar archive of no known kind names its members", async () => {
    const r = await identifyImage(p("misc.tar"));
    expect(caught(r, "container").found).toBe("members a.txt, b.txt");
  });

  test("a text file and an empty file are not images", async () => {
    expect(caught(await identifyImage(p("notes.txt")), "container").found).toMatch(/^bytes that match no known container \(it starts with "just some text, /);
    expect(caught(await identifyImage(p("empty.img")), "container").found).toBe("an empty file");
  });

  test("a raw disk cut short is still named and its damage found", async () => {
    const cut = f.copy(p("raw.img"), p("cut.img"));
    truncateSync(cut, 8 * f.MiB);
    const r = await identifyImage(cut);
    expect(r.detected.container).toBe("raw-mbr");
    caught(r, "mbr.partition1.bounds");
  });
});
