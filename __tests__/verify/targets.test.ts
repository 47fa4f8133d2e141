// Each target's acceptance rules: for every rule, a fixture that satisfies it
// and one that breaks it (made with the real tools: qemu-img, sfdisk, mkfs,
// xorriso, GNU tar), checked as the CLI does: the catalogue's container and
// compression for the format, and the format as the target.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { vhdChecksum } from "../../src/verify/containers/vhd.js";
import { renderFinding, renderReport, TARGETS, verifyImage, type VerifyExpectation, type VerifyReport } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";
import { block, buildVma, type VmaSpec } from "./vma-builder.js";

const DISK_MIB = 64;
const LABEL = "25.11.20250101.abcdef0";
const TOPLEVEL = f.storePath(`nixos-system-fixture-${LABEL}`);
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

/** The expectation the CLI builds for `verify FILE -f format`. */
function as(format: string, extra: Partial<VerifyExpectation> = {}): VerifyExpectation {
  const entry = loadCatalogue().lookup(format);
  if (!entry) throw new Error(`no format ${format}`);
  return { container: entry.container, compression: entry.compression, target: entry.name, ...extra };
}

/** Every finding the breaking fixtures produced, to show each rule has one (last test). */
const broken = new Set<string>();

/** Asserts `r` failed on `check` and returns the finding; rule findings must carry the rule's words. */
function breaks(r: VerifyReport, check: string): ReturnType<typeof caught> {
  const finding = caught(r, check);
  broken.add(check);
  const rule = TARGETS.flatMap((t) => t.rules).find((x) => x.check === check);
  if (rule && !rule.enforcedBy) expect(finding.rule).toBe(rule.says);
  return finding;
}

function ovf(disks: { href: string; capacityMiB: number }[]): string {
  const files = disks.map((d, i) => `    <File ovf:id="file${i + 1}" ovf:href="${d.href}"/>`).join("\n");
  const entries = disks
    .map((d, i) => `    <Disk ovf:capacity="${d.capacityMiB}" ovf:capacityAllocationUnits="byte * 2^20" ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`)
    .join("\n");
  return `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References>
${files}
  </References>
  <DiskSection>
    <Info>Virtual disks</Info>
${entries}
  </DiskSection>
  <VirtualSystem ovf:id="nixos-fixture">
    <Info>A virtual machine</Info>
  </VirtualSystem>
</Envelope>
`;
}

function vma(path: string, config: string, devices = ["drive-scsi0"]): string {
  const spec: VmaSpec = {
    uuid: Buffer.from("00112233445566778899aabbccddeeff", "hex"),
    ctime: 1700000000,
    configs: [{ name: "qemu-server.conf", data: config }],
    devices: devices.map((name) => ({ name, size: DISK_MIB * f.MiB, blocks: new Map([[0, block(0x11)]]) })),
  };
  writeFileSync(path, buildVma(spec));
  return f.compress("zstd", path);
}

/** A VHD footer made to say `diskType`, with its checksum fixed up. */
function setDiskType(path: string, diskType: number): void {
  const at = f.size(path) - 512;
  const footer = Buffer.from(f.readAt(path, at, 512));
  footer.writeUInt32BE(diskType, 60);
  footer.writeUInt32BE(vhdChecksum(footer, 64), 64);
  f.patch(path, at, footer);
}

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("targets"));
  const conv = (from: string, fmt: string, out: string, opts: string[] = []): void => f.qemuImg(["convert", "-O", fmt, ...opts, p(from), p(out)]);

  // Disks: an MBR disk with ext4, a blank one, one partitioned but unformatted.
  f.rawMbr(p("raw.img"), DISK_MIB);
  truncateSync(f.copy(p("raw.img"), p("odd.img")), DISK_MIB * f.MiB + 512);
  writeFileSync(p("blank.img"), "");
  truncateSync(p("blank.img"), DISK_MIB * f.MiB);
  writeFileSync(p("nofs.img"), "");
  truncateSync(p("nofs.img"), DISK_MIB * f.MiB);
  f.run("sfdisk", ["-q", p("nofs.img")], { input: "label: dos\nstart=2048, type=83, bootable\n" });

  // Azure and Amazon VHDs.
  conv("raw.img", "vpc", "fixed.vhd", ["-o", "subformat=fixed,force_size=on"]);
  conv("raw.img", "vpc", "dynamic.vhd", ["-o", "subformat=dynamic,force_size=on"]);
  conv("odd.img", "vpc", "odd.vhd", ["-o", "subformat=fixed,force_size=on"]);
  conv("blank.img", "vpc", "blank.vhd", ["-o", "subformat=dynamic,force_size=on"]);
  conv("nofs.img", "vpc", "nofs.vhd", ["-o", "subformat=dynamic,force_size=on"]);

  // GCE: disk.raw alone, GNU (oldgnu) and pax headers, an extra member, xz instead of gzip.
  mkdirSync(p("gce"));
  f.rawGpt(p("gce/disk.raw"), DISK_MIB);
  writeFileSync(p("gce/README"), "not disk.raw\n");
  f.tarOf(p("gce-oldgnu.tar"), p("gce"), ["disk.raw"], ["--format=oldgnu", "-S"]);
  f.compress("gzip", p("gce-oldgnu.tar"));
  f.tarOf(p("gce-pax.tar"), p("gce"), ["disk.raw"], ["--format=posix", "-S"]);
  f.compress("gzip", p("gce-pax.tar"));
  f.tarOf(p("gce-extra.tar"), p("gce"), ["disk.raw", "README"], ["--format=oldgnu", "-S"]);
  f.compress("gzip", p("gce-extra.tar"));
  f.tarOf(p("gce-xz.tar"), p("gce"), ["disk.raw"], ["--format=oldgnu", "-S"]);
  f.compress("xz", p("gce-xz.tar"));
  mkdirSync(p("gce-blank"));
  f.copy(p("blank.img"), p("gce-blank/disk.raw"));
  f.tarOf(p("gce-blank.tar"), p("gce-blank"), ["disk.raw"], ["--format=oldgnu", "-S"]);
  f.compress("gzip", p("gce-blank.tar"));

  // Proxmox VMAs (zstd, as the format ships).
  const conf = "boot: order=scsi0\nmemory: 1024\nscsi0: local-lvm:vm-100-disk-0,size=64M\n";
  vma(p("mapped.vma"), `${conf}#qmdump#map:scsi0:drive-scsi0:local-lvm:raw:\n`);
  vma(p("unmapped.vma"), conf);
  vma(p("stale.vma"), `${conf}#qmdump#map:scsi0:drive-scsi0:local-lvm:raw:\n#qmdump#map:scsi1:drive-scsi1:local-lvm:raw:\n`);
  writeFileSync(
    p("noconf.vma"),
    buildVma({ uuid: Buffer.alloc(16, 1), ctime: 1700000000, configs: [{ name: "fw.conf", data: "" }], devices: [{ name: "drive-scsi0", size: DISK_MIB * f.MiB, blocks: new Map() }] }),
  );
  f.compress("zstd", p("noconf.vma"));
  f.compress("xz", f.copy(p("mapped.vma.zst"), p("xz.vma")));
  // The name nixpkgs gives the file (qmrestore reads no other).
  f.copy(p("mapped.vma.zst"), p("vzdump-qemu-mapped.vma.zst"));

  // OVF packages: streamOptimized VMDKs.
  mkdirSync(p("ova"));
  conv("raw.img", "vmdk", "ova/disk1.vmdk", ["-o", "subformat=streamOptimized"]);
  f.run("cp", [p("ova/disk1.vmdk"), p("ova/disk2.vmdk")]);
  writeFileSync(p("ova/one.ovf"), ovf([{ href: "disk1.vmdk", capacityMiB: DISK_MIB }]));
  writeFileSync(p("ova/two.ovf"), ovf([{ href: "disk1.vmdk", capacityMiB: DISK_MIB }, { href: "disk2.vmdk", capacityMiB: DISK_MIB }]));
  writeFileSync(p("ova/missing.ovf"), ovf([{ href: "disk1.vmdk", capacityMiB: DISK_MIB }, { href: "gone.vmdk", capacityMiB: DISK_MIB }]));
  f.tarOf(p("good.ova"), p("ova"), ["one.ovf", "disk1.vmdk"], ["--format=ustar"]);
  f.tarOf(p("two.ova"), p("ova"), ["two.ovf", "disk1.vmdk", "disk2.vmdk"], ["--format=ustar"]);
  f.tarOf(p("gnu.ova"), p("ova"), ["one.ovf", "disk1.vmdk"], ["--format=gnu"]);
  f.tarOf(p("order.ova"), p("ova"), ["two.ovf", "disk2.vmdk", "disk1.vmdk"], ["--format=ustar"]);
  f.tarOf(p("disk-first.ova"), p("ova"), ["disk1.vmdk", "one.ovf"], ["--format=ustar"]);
  f.tarOf(p("missing.ova"), p("ova"), ["missing.ovf", "disk1.vmdk"], ["--format=ustar"]);

  // Vagrant boxes.
  const box = (name: string, files: Record<string, string>): void => {
    const d = p(`box-${name}`);
    mkdirSync(d);
    f.run("cp", [p("ova/disk1.vmdk"), `${d}/box-disk1.vmdk`]);
    writeFileSync(`${d}/box.ovf`, ovf([{ href: "box-disk1.vmdk", capacityMiB: DISK_MIB }]));
    for (const [n, text] of Object.entries(files)) writeFileSync(`${d}/${n}`, text);
    f.tarOf(p(`${name}.box`), d, ["box.ovf", "box-disk1.vmdk", ...Object.keys(files)]);
    f.compress("gzip", p(`${name}.box`));
  };
  const vagrantfile = 'Vagrant.configure("2") do |config|\n  config.vm.base_mac = "0800275F0936"\nend\n';
  box("virtualbox", { Vagrantfile: vagrantfile, "metadata.json": '{"provider":"virtualbox"}\n' });
  box("libvirt", { Vagrantfile: vagrantfile, "metadata.json": '{"provider":"libvirt"}\n' });
  box("novagrantfile", { "metadata.json": '{"provider":"virtualbox"}\n' });
  box("badjson", { Vagrantfile: vagrantfile, "metadata.json": "{provider: virtualbox\n" });

  // Root file systems: sbin/init, only /init, nested under rootfs/.
  f.writeTree(p("rootfs"), {
    [`nix/store/${TOPLEVEL}/init`]: { text: "#!/bin/sh\nexec systemd\n", mode: 0o755 },
    "sbin/init": { link: `/nix/store/${TOPLEVEL}/init` },
    "etc/os-release": "ID=nixos\n",
  });
  f.tarOf(p("rootfs.tar"), p("rootfs"), ["."]);
  f.compress("xz", f.copy(p("rootfs.tar"), p("lxc.tar")));
  f.compress("zstd", f.copy(p("rootfs.tar"), p("zstd.tar")));
  f.writeTree(p("topinit"), {
    [`nix/store/${TOPLEVEL}/init`]: { text: "#!/bin/sh\nexec systemd\n", mode: 0o755 },
    init: { link: `/nix/store/${TOPLEVEL}/init` },
  });
  f.tarOf(p("topinit.tar"), p("topinit"), ["."]);
  f.compress("xz", p("topinit.tar"));
  mkdirSync(p("nested"));
  f.run("cp", ["-a", p("rootfs"), p("nested/rootfs")]);
  f.tarOf(p("nested.tar"), p("nested"), ["."]);
  f.compress("xz", p("nested.tar"));

  // LXC metadata.
  const meta = (name: string, yaml: string): void => {
    f.writeTree(p(name), { "metadata.yaml": yaml, "templates/hostname.tpl": "{{ container.name }}\n" });
    f.tarOf(p(`${name}.tar`), p(name), ["."]);
    f.compress("xz", p(`${name}.tar`));
  };
  const templates = "templates:\n  /etc/hostname:\n    when:\n      - create\n    template: hostname.tpl\n";
  meta("meta", `architecture: x86_64\ncreation_date: 1700000000\n${templates}`);
  meta("meta-nodate", `architecture: x86_64\n${templates}`);
  meta("meta-notpl", "architecture: x86_64\ncreation_date: 1700000000\ntemplates:\n  /etc/hosts:\n    template: hosts.tpl\n");

  // SD cards: firmware first (good), root first, a firmware partition without FAT.
  f.sdImage(p("sd.img"), DISK_MIB);
  f.compress("zstd", f.copy(p("sd.img"), p("sd-good.img")));
  writeFileSync(p("sd-swapped.img"), "");
  truncateSync(p("sd-swapped.img"), DISK_MIB * f.MiB);
  f.run("sfdisk", ["-q", p("sd-swapped.img")], { input: "label: dos\nstart=49152, type=83, bootable\nstart=16384, size=32768, type=b\n" });
  f.fat(p("sd-swapped.p2"), 16 * 1024, "FIRMWARE");
  f.place(p("sd-swapped.img"), p("sd-swapped.p2"), 8 * f.MiB);
  f.ext4(p("sd-swapped.p1"), DISK_MIB - 24, "NIXOS_SD");
  f.place(p("sd-swapped.img"), p("sd-swapped.p1"), 24 * f.MiB);
  f.compress("zstd", p("sd-swapped.img"));
  const nofat = f.copy(p("sd.img"), p("sd-nofat.img"));
  f.patch(nofat, 8 * f.MiB + 510, [0, 0]);
  f.compress("zstd", nofat);

  // raw-efi: the removable-media loader on the ESP, or not; no ESP at all.
  f.rawGpt(p("efi-x64.img"), DISK_MIB, "nixos", "BOOTX64.EFI");
  f.rawGpt(p("efi-none.img"), DISK_MIB, "nixos");
  writeFileSync(p("noesp.img"), "");
  truncateSync(p("noesp.img"), DISK_MIB * f.MiB);
  f.run("sfdisk", ["-q", p("noesp.img")], { input: "label: gpt\nstart=2048, type=L, name=nixos\n" });

  // ISOs.
  f.iso(p("x64.iso"), "NIXOS_ISO", { bios: true, efi: true, loader: "BOOTX64.EFI" });
  f.iso(p("aa64.iso"), "NIXOS_ISO", { bios: false, efi: true, loader: "BOOTAA64.EFI" });
  f.iso(p("x64-efi-only.iso"), "NIXOS_ISO", { bios: false, efi: true, loader: "BOOTX64.EFI" });
  f.iso(p("bios-only.iso"), "NIXOS_ISO", { bios: true, efi: false });
  f.iso(p("noloader.iso"), "NIXOS_ISO", { bios: true, efi: true });
});
afterAll(() => cleanup());

describe("azure: fixed VHD, virtual size in whole MiB, footer", () => {
  test("a fixed VHD of 64 MiB is accepted", async () => {
    clean(await verifyImage(p("fixed.vhd"), as("azure")));
  });

  test("a dynamic VHD: Azure accepts only fixed-size VHDs", async () => {
    const r = await verifyImage(p("dynamic.vhd"), as("azure"));
    const finding = breaks(r, "azure.fixed-vhd");
    expect(finding.found).toBe("dynamic");
    expect(renderFinding(finding)).toBe("azure.fixed-vhd: Azure accepts only fixed-size VHDs (found dynamic)");
    expect(renderReport(r)).toContain("expected azure: vhd");
  });

  test("a virtual size of 64 MiB + 512 bytes is not a whole number of MiB", async () => {
    const r = await verifyImage(p("odd.vhd"), as("azure"));
    expect(breaks(r, "azure.virtual-size").found).toContain("512 bytes past a whole MiB");
    expect(r.findings.map((x) => x.check)).toEqual(["azure.virtual-size"]);
  });

  test("a footer whose checksum fails", async () => {
    const bad = f.copy(p("fixed.vhd"), p("footer.vhd"));
    f.flip(bad, f.size(bad) - 512 + 64);
    breaks(await verifyImage(bad, as("azure")), "vhd.footer.checksum");
  });
});

describe("amazon: fixed or dynamic VHD, MBR/GPT, a Linux file system", () => {
  test("fixed and dynamic VHDs of an ext4 disk are accepted (the dynamic one read through its block table)", async () => {
    clean(await verifyImage(p("fixed.vhd"), as("amazon")));
    clean(await verifyImage(p("dynamic.vhd"), as("amazon")));
  });

  test("a differencing VHD", async () => {
    const diff = f.copy(p("fixed.vhd"), p("diff.vhd"));
    setDiskType(diff, 4);
    breaks(await verifyImage(diff, as("amazon")), "vhd.footer.disk-type");
  });

  test("a disk without a partition table", async () => {
    breaks(await verifyImage(p("blank.vhd"), as("amazon")), "amazon.partition-table");
  });

  test("a partition without a file system VM Import reads", async () => {
    const finding = breaks(await verifyImage(p("nofs.vhd"), as("amazon")), "amazon.filesystem");
    expect(finding.found).toBe("partition 1 (0x83 (Linux)): no Linux file system");
  });
});

describe("gce: gzip'd oldgnu tar holding only disk.raw, with a partition table", () => {
  test("tar --format=oldgnu -S, gzip: accepted", async () => {
    const r = await verifyImage(p("gce-oldgnu.tar.gz"), as("gce"));
    clean(r);
    expect(r.members).toEqual(["disk.raw"]);
  });

  test("a pax archive is not the oldgnu format", async () => {
    const r = await verifyImage(p("gce-pax.tar.gz"), as("gce"));
    expect(breaks(r, "gce.tar-format").found).toBe("a pax (POSIX.1-2001) archive");
  });

  test("a member besides disk.raw", async () => {
    breaks(await verifyImage(p("gce-extra.tar.gz"), as("gce")), "gce.members");
  });

  test("xz instead of gzip", async () => {
    expect(breaks(await verifyImage(p("gce-xz.tar.xz"), as("gce")), "compression")).toMatchObject({ expected: "gzip", found: "xz" });
  });

  test("a disk.raw with no partition table", async () => {
    breaks(await verifyImage(p("gce-blank.tar.gz"), as("gce")), "disk.raw.mbr.signature");
  });
});

describe("proxmox: qemu-server.conf, a map line per disk, a compression qmrestore reads", () => {
  test("a VMA whose config maps drive-scsi0: accepted", async () => {
    clean(await verifyImage(p("vzdump-qemu-mapped.vma.zst"), as("proxmox")));
  });

  test("a file name without vzdump-qemu- (qmrestore does not read it): the fix names one it reads", async () => {
    const finding = breaks(await verifyImage(p("mapped.vma.zst"), as("proxmox")), "proxmox.file-name");
    expect(finding.found).toBe("mapped.vma.zst");
    expect(finding.expected).toContain("rename the file to vzdump-qemu-mapped.vma.zst");
    const system = breaks(await verifyImage(f.copy(p("mapped.vma.zst"), p("x86_64-linux-vzdump-qemu-nixos.vma.zst")), as("proxmox")), "proxmox.file-name");
    expect(system.expected).toContain("rename the file to vzdump-qemu-x86_64-linux-nixos.vma.zst");
  });

  test("no #qmdump#map line for the disk", async () => {
    const finding = breaks(await verifyImage(p("unmapped.vma.zst"), as("proxmox")), "proxmox.device-map");
    expect(finding.found).toBe("none for the device drive-scsi0");
  });

  test("a map line for a disk the archive does not hold", async () => {
    const finding = breaks(await verifyImage(p("stale.vma.zst"), as("proxmox")), "proxmox.device-map");
    expect(finding.found).toBe("no device drive-scsi1 (mapped to scsi1)");
  });

  test("no qemu-server.conf", async () => {
    breaks(await verifyImage(p("noconf.vma.zst"), as("proxmox")), "vma.config");
  });

  test("an xz-compressed VMA", async () => {
    breaks(await verifyImage(p("xz.vma.xz"), as("proxmox")), "compression");
  });
});

describe("vagrant-virtualbox: members, metadata.json, provider virtualbox", () => {
  test("a VirtualBox box: accepted", async () => {
    const r = await verifyImage(p("virtualbox.box.gz"), as("vagrant-virtualbox"));
    clean(r);
    expect(r.details.provider).toBe("virtualbox");
  });

  test("a box for another provider", async () => {
    expect(breaks(await verifyImage(p("libvirt.box.gz"), as("vagrant-virtualbox")), "vagrant.provider").found).toBe('"libvirt"');
  });

  test("no Vagrantfile", async () => {
    breaks(await verifyImage(p("novagrantfile.box.gz"), as("vagrant-virtualbox")), "vagrant.Vagrantfile");
  });

  test("metadata.json that is not JSON", async () => {
    breaks(await verifyImage(p("badjson.box.gz"), as("vagrant-virtualbox")), "vagrant.metadata.json");
  });
});

describe("virtualbox (OVA): USTAR, descriptor first, files in References order, all present", () => {
  test("ustar archives with the files in order: accepted", async () => {
    clean(await verifyImage(p("good.ova"), as("virtualbox")));
    clean(await verifyImage(p("two.ova"), as("virtualbox")));
  });

  test("GNU tar headers", async () => {
    expect(breaks(await verifyImage(p("gnu.ova"), as("virtualbox")), "ova.ustar").found).toBe("a GNU tar header for one.ovf");
  });

  test("disks out of the References order", async () => {
    const finding = breaks(await verifyImage(p("order.ova"), as("virtualbox")), "ova.file-order");
    expect(finding).toMatchObject({ expected: "disk1.vmdk, disk2.vmdk", found: "disk2.vmdk, disk1.vmdk" });
  });

  test("the disk before the descriptor", async () => {
    breaks(await verifyImage(p("disk-first.ova"), as("virtualbox")), "ova.first-member");
  });

  test("a referenced file missing", async () => {
    breaks(await verifyImage(p("missing.ova"), as("virtualbox")), "ovf.file.gone.vmdk");
  });
});

describe("lxc, proxmox-lxc, docker, lxc-metadata", () => {
  test("a root file system with sbin/init: accepted by each", async () => {
    for (const format of ["lxc", "proxmox-lxc", "docker"]) clean(await verifyImage(p("lxc.tar.xz"), as(format)));
    clean(await verifyImage(p("meta.tar.xz"), as("lxc-metadata")));
  });

  test("only /init: LXC and pct start /sbin/init; docker import does not care", async () => {
    breaks(await verifyImage(p("topinit.tar.xz"), as("lxc")), "lxc.sbin-init");
    breaks(await verifyImage(p("topinit.tar.xz"), as("proxmox-lxc")), "proxmox-lxc.sbin-init");
    clean(await verifyImage(p("topinit.tar.xz"), as("docker")));
  });

  test("the root file system nested under rootfs/", async () => {
    for (const format of ["lxc", "docker"]) breaks(await verifyImage(p("nested.tar.xz"), as(format)), "container");
  });

  test("zstd for docker import, no compression for a Proxmox template", async () => {
    breaks(await verifyImage(p("zstd.tar.zst"), as("docker")), "compression");
    breaks(await verifyImage(p("rootfs.tar"), as("proxmox-lxc")), "compression");
  });

  test("metadata without creation_date, a template that is missing", async () => {
    breaks(await verifyImage(p("meta-nodate.tar.xz"), as("lxc-metadata")), "lxc.metadata.creation_date");
    breaks(await verifyImage(p("meta-notpl.tar.xz"), as("lxc-metadata")), "lxc.templates");
  });
});

describe("sd images: MBR, FAT firmware first, ext4 root", () => {
  test("firmware partition first: accepted", async () => {
    for (const format of ["sd-aarch64", "sd-aarch64-installer", "sd-x86_64"]) clean(await verifyImage(p("sd-good.img.zst"), as(format)));
  });

  test("the root partition first: a Raspberry Pi does not find its firmware", async () => {
    const r = await verifyImage(p("sd-swapped.img.zst"), as("sd-aarch64"));
    expect(breaks(r, "sd.firmware-first").found).toBe("partition 1 of type 0x83 (Linux)");
    clean(await verifyImage(p("sd-swapped.img.zst"), as("sd-x86_64")));
  });

  test("a firmware partition without a FAT file system", async () => {
    breaks(await verifyImage(p("sd-nofat.img.zst"), as("sd-aarch64")), "sd.firmware-filesystem");
  });
});

describe("raw-efi: GPT, a FAT ESP, the removable-media loader", () => {
  test("\\EFI\\BOOT\\BOOTX64.EFI on the ESP: accepted (for x86_64, or any system)", async () => {
    clean(await verifyImage(p("efi-x64.img"), as("raw-efi")));
    clean(await verifyImage(p("efi-x64.img"), as("raw-efi", { system: "x86_64-linux" })));
  });

  test("no loader on the ESP; the loader of another system", async () => {
    expect(breaks(await verifyImage(p("efi-none.img"), as("raw-efi")), "raw-efi.removable-loader").found).toBe("no \\EFI\\BOOT\\BOOT*.EFI");
    expect(breaks(await verifyImage(p("efi-x64.img"), as("raw-efi", { system: "aarch64-linux" })), "raw-efi.removable-loader").found).toBe("BOOTX64.EFI");
  });

  test("no EFI System partition", async () => {
    breaks(await verifyImage(p("noesp.img"), as("raw-efi")), "gpt.esp");
  });
});

describe("iso: EFI entry with its loader; BIOS too on x86_64", () => {
  test("x86_64 (BIOS + EFI, BOOTX64.EFI) and aarch64 (EFI, BOOTAA64.EFI): accepted", async () => {
    for (const format of ["iso", "install-iso", "install-iso-hyperv"]) clean(await verifyImage(p("x64.iso"), as(format)));
    clean(await verifyImage(p("aa64.iso"), as("iso")));
    clean(await verifyImage(p("aa64.iso"), as("iso", { system: "aarch64-linux" })));
  });

  test("an x86_64 loader without a BIOS entry (the system told by the loader, or by --system)", async () => {
    expect(breaks(await verifyImage(p("x64-efi-only.iso"), as("iso")), "iso.bios").found).toBe("EFI");
    breaks(await verifyImage(p("aa64.iso"), as("iso", { system: "x86_64-linux" })), "iso.bios");
  });

  test("no EFI entry; an EFI image without a loader", async () => {
    expect(breaks(await verifyImage(p("bios-only.iso"), as("iso")), "iso.efi").found).toBe("BIOS");
    expect(breaks(await verifyImage(p("noloader.iso"), as("iso")), "iso.efi").found).toBe("no \\EFI\\BOOT\\BOOT*.EFI");
  });
});

test("every rule of every target has a fixture that breaks it", () => {
  const matches = (name: string): boolean =>
    [...broken].some((seen) => (name.endsWith("*") ? seen.startsWith(name.slice(0, -1)) : seen === name));
  const missing = TARGETS.flatMap((t) => t.rules)
    .filter((rule) => !(rule.enforcedBy ? rule.enforcedBy.split(", ").some(matches) : matches(rule.check)))
    .map((rule) => rule.check);
  expect(missing).toEqual([]);
});

test("every rule names its source: a document title and an https address", () => {
  for (const rule of TARGETS.flatMap((t) => t.rules)) {
    expect(rule.source.title.length, rule.check).toBeGreaterThan(10);
    expect(rule.source.url, rule.check).toMatch(/^https:\/\/[^\s]+$/);
  }
  const formats = new Set(loadCatalogue().formats.map((x) => x.name));
  for (const t of TARGETS) for (const name of t.formats) expect(formats.has(name), name).toBe(true);
});

test("a manifest entry keeps a rule finding's words", async () => {
  const { manifestEntry } = await import("../../src/verify/manifest.js");
  const entry = manifestEntry(await verifyImage(p("dynamic.vhd"), as("azure")), { format: "azure", system: "x86_64-linux" });
  expect(entry.findings[0]).toMatchObject({ check: "azure.fixed-vhd", rule: "Azure accepts only fixed-size VHDs", found: "dynamic" });
  expect(createHash("sha256").update(readFileSync(p("dynamic.vhd"))).digest("hex")).toBe(entry.sha256);
});
