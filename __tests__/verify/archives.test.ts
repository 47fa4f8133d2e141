// Everything that ships as a tar archive (made with GNU tar, xz, gzip), plus the
// self-extracting kexec bundle and the VM runner.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyImage } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

const DISK_MIB = 64;
const NIXOS_LABEL = "25.11.20250101.abcdef0";
const TOPLEVEL = f.storePath(`nixos-system-fixture-${NIXOS_LABEL}`);
const KEXEC_SCRIPT = f.storePath("kexec-nixos");
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

function ovf(vmdk: string, capacity: string, units?: string): string {
  return `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References>
    <File ovf:id="file1" ovf:href="${vmdk}"/>
  </References>
  <DiskSection>
    <Info>List of the virtual disks used in the package</Info>
    <Disk ovf:capacity="${capacity}"${units ? ` ovf:capacityAllocationUnits="${units}"` : ""} ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <VirtualSystem ovf:id="nixos-fixture">
    <Info>A virtual machine</Info>
  </VirtualSystem>
</Envelope>
`;
}

const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("archives"));

  // A root file system: sbin/init into the system's store path.
  f.writeTree(p("rootfs"), {
    [`nix/store/${TOPLEVEL}/init`]: { text: "#!/bin/sh\nexec systemd\n", mode: 0o755 },
    [`nix/store/${f.storePath("glibc-2.40")}/lib/libc.so.6`]: "ELF",
    "sbin/init": { link: `/nix/store/${TOPLEVEL}/init` },
    "etc/os-release": "NAME=NixOS\n",
  });
  f.tarOf(p("rootfs.tar"), p("rootfs"), ["."]);
  f.compress("xz", f.copy(p("rootfs.tar"), p("lxc.tar")));
  f.writeTree(p("noinit"), { [`nix/store/${TOPLEVEL}/init`]: "x", "etc/os-release": "NAME=NixOS\n" });
  f.tarOf(p("noinit.tar"), p("noinit"), ["."]);

  // A kexec tarball.
  f.writeTree(p("kexec"), {
    [`nix/store/${KEXEC_SCRIPT}`]: { text: "#!/bin/sh\nkexec -e\n", mode: 0o755 },
    kexec_nixos: { link: `/nix/store/${KEXEC_SCRIPT}` },
  });
  f.tarOf(p("kexec.tar"), p("kexec"), ["."]);
  f.compress("xz", f.copy(p("kexec.tar"), p("kexec-x.tar")));

  // LXC metadata.
  f.writeTree(p("meta"), {
    "metadata.yaml": "architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  os: nixos\ntemplates:\n  /etc/hostname:\n    when:\n      - create\n    template: hostname.tpl\n",
    "templates/hostname.tpl": "{{ container.name }}\n",
  });
  f.tarOf(p("meta.tar"), p("meta"), ["."]);
  f.compress("xz", f.copy(p("meta.tar"), p("meta-x.tar")));

  // GCE: a sparse disk.raw in a gzip tarball, GNU and pax sparse formats.
  mkdirSync(p("gce"));
  f.rawGpt(p("gce/disk.raw"), DISK_MIB, "nixos");
  f.tarOf(p("gce.tar"), p("gce"), ["disk.raw"], ["--format=gnu", "-S"]);
  f.compress("gzip", p("gce.tar"));
  f.tarOf(p("gce-pax.tar"), p("gce"), ["disk.raw"], ["--format=posix", "-S"]);
  f.compress("gzip", p("gce-pax.tar"));

  // OVA: descriptor first, streamOptimized disk, manifest with SHA256s.
  mkdirSync(p("ova"));
  f.qemuImg(["convert", "-O", "vmdk", "-o", "subformat=streamOptimized", p("gce/disk.raw"), p("ova/nixos-disk1.vmdk")]);
  writeFileSync(p("ova/nixos.ovf"), ovf("nixos-disk1.vmdk", String(DISK_MIB * f.MiB)));
  writeFileSync(p("ova/nixos.mf"), `SHA256(nixos.ovf)= ${sha256(p("ova/nixos.ovf"))}\nSHA256(nixos-disk1.vmdk)= ${sha256(p("ova/nixos-disk1.vmdk"))}\n`);
  f.tarOf(p("nixos.ova"), p("ova"), ["nixos.ovf", "nixos-disk1.vmdk", "nixos.mf"], ["--format=ustar"]);
  f.tarOf(p("disk-first.ova"), p("ova"), ["nixos-disk1.vmdk", "nixos.ovf"], ["--format=ustar"]);

  // Vagrant box: gzip tar with Vagrantfile, metadata.json, box.ovf and the disk.
  mkdirSync(p("box"));
  f.run("cp", [p("ova/nixos-disk1.vmdk"), p("box/box-disk1.vmdk")]);
  writeFileSync(p("box/box.ovf"), ovf("box-disk1.vmdk", String(DISK_MIB), "byte * 2^20"));
  writeFileSync(p("box/metadata.json"), '{"provider":"virtualbox"}\n');
  writeFileSync(p("box/Vagrantfile"), 'Vagrant.configure("2") do |config|\nend\n');
  f.tarOf(p("nixos.box"), p("box"), ["Vagrantfile", "box-disk1.vmdk", "box.ovf", "metadata.json"]);
  f.compress("gzip", p("nixos.box"));

  // kexec bundle: a script, a marker line, the kexec tarball (xz).
  const script = '#!/usr/bin/env bash\nset -eu\nARCHIVE=$(awk \'/^__ARCHIVE_BELOW__/ { print NR + 1; exit 0; }\' "$0")\ntail -n+"$ARCHIVE" "$0" | tar xJ -C /\n/kexec_nixos "$@"\nexit 1\n__ARCHIVE_BELOW__\n';
  writeFileSync(p("bundle.kexec"), Buffer.concat([Buffer.from(script), readFileSync(p("kexec-x.tar.xz"))]));
  chmodSync(p("bundle.kexec"), 0o755);

  // This project's kexec bundle: "#PAYLOAD#", then a plain tar of kexec, bzImage, initrd.gz.
  const bzImage = Buffer.alloc(4096);
  bzImage.write("MZ", 0, "latin1");
  bzImage.write("HdrS", 0x202, "latin1");
  mkdirSync(p("kb"));
  writeFileSync(p("kb/bzImage"), bzImage);
  f.run("cp", ["/usr/bin/true", p("kb/kexec")]);
  writeFileSync(p("kb/initrd"), "070701" + "0".repeat(104));
  f.compress("gzip", p("kb/initrd"));
  f.tarOf(p("kb.tar"), p("kb"), ["."]);
  const header = '#!/bin/sh\nset -eu\ndir=$(mktemp -d)\nsed \'1,/^#PAYLOAD#$/d\' "$0" | tar -xf - -C "$dir"\n"$dir/kexec" --load "$dir/bzImage" --initrd="$dir/initrd.gz"\nexit 0\n#PAYLOAD#\n';
  writeFileSync(p("project.kexec"), Buffer.concat([Buffer.from(header), readFileSync(p("kb.tar"))]));
  chmodSync(p("project.kexec"), 0o755);

  // VM runner.
  f.writeTree(p("vm"), {
    "bin/run-fixture-vm": { text: `#!/nix/store/${f.storePath("bash-5.2")}/bin/bash\nexec /nix/store/${f.storePath("qemu-9.1")}/bin/qemu-kvm -name fixture "$@"\n`, mode: 0o755 },
    system: { link: `/nix/store/${TOPLEVEL}` },
  });
});
afterAll(() => cleanup());

describe("rootfs-tar (lxc, proxmox-lxc, docker)", () => {
  test("a good xz tarball: init into the store, the system's label", async () => {
    const r = await verifyImage(p("lxc.tar.xz"), { container: "rootfs-tar", compression: "xz" });
    clean(r);
    expect(r.detected).toEqual({ container: "rootfs-tar", compression: "xz" });
    expect(r.label).toBe(NIXOS_LABEL);
    expect(r.details["sbin/init.target"]).toBe(`/nix/store/${TOPLEVEL}/init`);
    expect(r.details.storePaths).toBe(2);
    expect(r.details.uncompressedSize).toBe(f.size(p("rootfs.tar")));
    expect(r.virtualSize).toBeUndefined();
  });

  test("no init", async () => {
    const r = await verifyImage(p("noinit.tar"), { container: "rootfs-tar", compression: "none" });
    caught(r, "rootfs.init");
  });

  test("a flipped header byte: the tar checksum fails", async () => {
    const bad = f.copy(p("rootfs.tar"), p("hdr.tar"));
    // The third member's header: headers are the 512-byte blocks with "ustar" at 257.
    const tar = readFileSync(bad);
    const headers: number[] = [];
    for (let o = 0; o + 512 <= tar.length; o += 512) if (tar.subarray(o + 257, o + 262).toString("latin1") === "ustar") headers.push(o);
    expect(headers.length).toBeGreaterThan(3);
    f.flip(bad, headers[2]! + 10);
    const r = await verifyImage(bad, { container: "rootfs-tar", compression: "none" });
    expect(caught(r, "tar.header-checksum").offset).toBe(headers[2]);
  });

  test("a corrupt xz stream", async () => {
    const bad = f.copy(p("lxc.tar.xz"), p("bad.tar.xz"));
    f.flip(bad, Math.floor(f.size(bad) / 2));
    caught(await verifyImage(bad, { container: "rootfs-tar", compression: "xz" }), "xz.stream");
  });

  test("truncated: the xz stream and the plain tar", async () => {
    const cut = f.truncated(p("lxc.tar.xz"), p("cut.tar.xz"), Math.floor(f.size(p("lxc.tar.xz")) * 0.7));
    expect(caught(await verifyImage(cut, { container: "rootfs-tar", compression: "xz" }), "xz.stream").found).toMatch(/truncated/);
    const cutTar = f.truncated(p("rootfs.tar"), p("cut.tar"), 512 * 5 + 100);
    const r = await verifyImage(cutTar, { container: "rootfs-tar", compression: "none" });
    expect(r.ok).toBe(false);
    expect(r.findings.some((x) => x.check === "tar.truncated" || x.check === "tar.end")).toBe(true);
  });

  test("mislabelled: a root file system where a kexec tarball is expected", async () => {
    const r = await verifyImage(p("lxc.tar.xz"), { container: "kexec-tar", compression: "xz" });
    expect(caught(r, "container")).toMatchObject({ expected: "kexec-tar", found: "rootfs-tar" });
    caught(r, "kexec.kexec_nixos");
  });
});

describe("kexec-tar", () => {
  test("a good tarball: kexec_nixos links into the store", async () => {
    const r = await verifyImage(p("kexec-x.tar.xz"), { container: "kexec-tar", compression: "xz" });
    clean(r);
    expect(r.detected.container).toBe("kexec-tar");
    expect(r.details["kexec_nixos.target"]).toBe(`/nix/store/${KEXEC_SCRIPT}`);
  });

  test("a kexec_nixos pointing outside the archive's store", async () => {
    f.writeTree(p("kexec-bad"), { [`nix/store/${KEXEC_SCRIPT}`]: "x", kexec_nixos: { link: "/nix/store/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-gone" } });
    f.tarOf(p("kexec-bad.tar"), p("kexec-bad"), ["."]);
    const r = await verifyImage(p("kexec-bad.tar"), { container: "kexec-tar", compression: "none" });
    expect(caught(r, "kexec.kexec_nixos").found).toBe("no such store path");
  });

  test("truncated and mislabelled", async () => {
    const cut = f.truncated(p("kexec-x.tar.xz"), p("kcut.tar.xz"), f.size(p("kexec-x.tar.xz")) - 20);
    caught(await verifyImage(cut, { container: "kexec-tar", compression: "xz" }), "xz.stream");
    const r = await verifyImage(p("kexec-x.tar.xz"), { container: "rootfs-tar", compression: "xz" });
    expect(caught(r, "container")).toMatchObject({ expected: "rootfs-tar", found: "kexec-tar" });
  });
});

describe("lxc-metadata", () => {
  test("a good tarball: metadata.yaml and its templates", async () => {
    const r = await verifyImage(p("meta-x.tar.xz"), { container: "lxc-metadata", compression: "xz" });
    clean(r);
    expect(r.detected.container).toBe("lxc-metadata");
    expect(r.details.architecture).toBe("x86_64");
    expect(r.details.creationDate).toBe(1700000000);
    expect(r.details.templates).toBe(1);
  });

  test("no creation_date and a missing template", async () => {
    f.writeTree(p("meta-bad"), { "metadata.yaml": "architecture: aarch64\ntemplates:\n  /etc/hosts:\n    template: hosts.tpl\n", "templates/hostname.tpl": "x" });
    f.tarOf(p("meta-bad.tar"), p("meta-bad"), ["."]);
    const r = await verifyImage(p("meta-bad.tar"), { container: "lxc-metadata", compression: "none" });
    caught(r, "lxc.metadata.creation_date");
    expect(caught(r, "lxc.templates").expected).toContain("templates/hosts.tpl");
  });

  test("a flipped header byte, and mislabelled", async () => {
    const bad = f.copy(p("meta.tar"), p("meta-hdr.tar"));
    f.flip(bad, 100);
    caught(await verifyImage(bad, { container: "lxc-metadata", compression: "none" }), "tar.header-checksum");
    const r = await verifyImage(p("meta-x.tar.xz"), { container: "rootfs-tar", compression: "xz" });
    expect(caught(r, "container")).toMatchObject({ expected: "rootfs-tar", found: "lxc-metadata" });
  });
});

describe("gce-tar", () => {
  test("a sparse disk.raw (GNU and pax formats) holding a GPT disk", async () => {
    for (const name of ["gce.tar.gz", "gce-pax.tar.gz"]) {
      const r = await verifyImage(p(name), { container: "gce-tar", compression: "gzip", diskSizeMiB: DISK_MIB });
      clean(r);
      expect(r.detected).toEqual({ container: "gce-tar", compression: "gzip" });
      expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
      expect(r.details["disk.raw.sparse"]).toBe(true);
      expect(r.details["disk.raw.partitionTable"]).toBe("gpt");
      expect(r.label).toBe("nixos");
    }
  });

  test("a corrupt disk inside: the GPT header CRC", async () => {
    mkdirSync(p("gce-bad"));
    f.copy(p("gce/disk.raw"), p("gce-bad/disk.raw"));
    f.flip(p("gce-bad/disk.raw"), 512 + 60);
    f.tarOf(p("gce-bad.tar"), p("gce-bad"), ["disk.raw"], ["-S"]);
    const r = await verifyImage(f.compress("gzip", p("gce-bad.tar")), { container: "gce-tar", compression: "gzip" });
    caught(r, "disk.raw.gpt.primary.header-crc32");
  });

  test("truncated gzip, and mislabelled", async () => {
    const cut = f.truncated(p("gce.tar.gz"), p("gce-cut.tar.gz"), Math.floor(f.size(p("gce.tar.gz")) / 2));
    caught(await verifyImage(cut, { container: "gce-tar", compression: "gzip" }), "gzip.stream");
    const r = await verifyImage(p("gce.tar.gz"), { container: "vagrant-box", compression: "gzip" });
    expect(caught(r, "container")).toMatchObject({ expected: "vagrant-box", found: "gce-tar" });
  });
});

describe("ova", () => {
  test("a good OVA: OVF first, capacity matches the VMDK, manifest digests", async () => {
    const r = await verifyImage(p("nixos.ova"), { container: "ova", compression: "none", diskSizeMiB: DISK_MIB });
    clean(r);
    expect(r.detected.container).toBe("ova");
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
    expect(r.details["disk.vmdisk1.capacity"]).toBe(DISK_MIB * f.MiB);
    expect(r.details.virtualSystem).toBe("nixos-fixture");
    expect(r.details.manifest).toBe("nixos.mf");
  });

  test("the disk before the descriptor", async () => {
    const r = await verifyImage(p("disk-first.ova"), { container: "ova", compression: "none" });
    expect(caught(r, "ova.first-member").found).toBe("nixos-disk1.vmdk");
  });

  test("a corrupt VMDK inside: its magic, and the manifest digest", async () => {
    const bad = f.copy(p("nixos.ova"), p("bad.ova"));
    // The VMDK's header follows the OVF's data (ustar: 512-byte blocks), its data the header.
    const ovfBlocks = Math.ceil(f.size(p("ova/nixos.ovf")) / 512);
    const vmdkData = 512 + ovfBlocks * 512 + 512;
    expect(f.readAt(bad, vmdkData - 512, 16).toString("latin1")).toBe("nixos-disk1.vmdk");
    f.flip(bad, vmdkData);
    const r = await verifyImage(bad, { container: "ova", compression: "none" });
    expect(caught(r, "nixos-disk1.vmdk.vmdk.magic").offset).toBe(0);
    expect(caught(r, "ova.manifest.nixos-disk1.vmdk").offset).toBe(vmdkData);
  });

  test("an OVF capacity that disagrees with the disk", async () => {
    mkdirSync(p("ova2"));
    writeFileSync(p("ova2/nixos.ovf"), ovf("nixos-disk1.vmdk", "128", "byte * 2^20"));
    f.run("cp", [p("ova/nixos-disk1.vmdk"), p("ova2/nixos-disk1.vmdk")]);
    f.tarOf(p("cap.ova"), p("ova2"), ["nixos.ovf", "nixos-disk1.vmdk"]);
    const r = await verifyImage(p("cap.ova"), { container: "ova", compression: "none" });
    expect(caught(r, "ovf.disk.vmdisk1.capacity").found).toContain(String(128 * f.MiB));
  });

  test("truncated, and mislabelled", async () => {
    const cut = f.truncated(p("nixos.ova"), p("cut.ova"), Math.floor(f.size(p("nixos.ova")) / 2));
    caught(await verifyImage(cut, { container: "ova", compression: "none" }), "tar.truncated");
    const r = await verifyImage(p("nixos.ova"), { container: "vmdk", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "vmdk", found: "ova" });
  });
});

describe("vagrant-box", () => {
  test("a good box: Vagrantfile, metadata.json, box.ovf, disk", async () => {
    const r = await verifyImage(p("nixos.box.gz"), { container: "vagrant-box", compression: "gzip", diskSizeMiB: DISK_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "vagrant-box", compression: "gzip" });
    expect(r.details.provider).toBe("virtualbox");
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
  });

  test("no metadata.json provider, no Vagrantfile", async () => {
    mkdirSync(p("box2"));
    for (const n of ["box.ovf", "box-disk1.vmdk"]) f.run("cp", [p(`box/${n}`), p(`box2/${n}`)]);
    writeFileSync(p("box2/metadata.json"), "{}");
    f.tarOf(p("box2.tar"), p("box2"), ["box-disk1.vmdk", "box.ovf", "metadata.json"]);
    const r = await verifyImage(f.compress("gzip", p("box2.tar")), { container: "vagrant-box", compression: "gzip" });
    caught(r, "vagrant.Vagrantfile");
    caught(r, "vagrant.metadata.provider");
  });

  test("truncated, and mislabelled", async () => {
    const cut = f.truncated(p("nixos.box.gz"), p("box-cut.gz"), Math.floor(f.size(p("nixos.box.gz")) / 2));
    caught(await verifyImage(cut, { container: "vagrant-box", compression: "gzip" }), "gzip.stream");
    const r = await verifyImage(p("nixos.box.gz"), { container: "ova", compression: "gzip" });
    expect(caught(r, "container")).toMatchObject({ expected: "ova", found: "vagrant-box" });
  });
});

describe("kexec-bundle", () => {
  test("a good bundle: script, marker, an xz kexec tarball", async () => {
    const r = await verifyImage(p("bundle.kexec"), { container: "kexec-bundle", compression: "none" });
    clean(r);
    expect(r.detected.container).toBe("kexec-bundle");
    expect(r.details.marker).toBe("__ARCHIVE_BELOW__");
    expect(r.details.payloadCompression).toBe("xz");
    expect(r.details.interpreter).toBe("/usr/bin/env bash");
    expect(r.details["payload.kexec_nixos.target"]).toBe(`/nix/store/${KEXEC_SCRIPT}`);
  });

  test("this project's bundle: #PAYLOAD#, then a plain tar of kexec, kernel, initrd", async () => {
    const r = await verifyImage(p("project.kexec"), { container: "kexec-bundle", compression: "none" });
    clean(r);
    expect(r.detected.container).toBe("kexec-bundle");
    expect(r.details.marker).toBe("#PAYLOAD#");
    expect(r.details.payloadCompression).toBe("none");
    expect(r.details["payload.layout"]).toBe("kexec + kernel + initrd");
    expect(r.details["payload.kernel"]).toBe("bzImage: x86 boot protocol");
    expect(r.details["payload.initrd"]).toBe("initrd.gz: gzip");
  });

  test("a bundle whose kernel is not a kernel, one without an initrd", async () => {
    const header = readFileSync(p("project.kexec")).subarray(0, f.size(p("project.kexec")) - f.size(p("kb.tar")));
    writeFileSync(p("kb/bzImage"), Buffer.alloc(4096, 0x41));
    f.tarOf(p("kb2.tar"), p("kb"), ["."]);
    writeFileSync(p("badkernel.kexec"), Buffer.concat([header, readFileSync(p("kb2.tar"))]));
    chmodSync(p("badkernel.kexec"), 0o755);
    caught(await verifyImage(p("badkernel.kexec"), { container: "kexec-bundle", compression: "none" }), "payload.kernel");
    f.tarOf(p("kb3.tar"), p("kb"), ["kexec", "bzImage"]);
    writeFileSync(p("noinitrd.kexec"), Buffer.concat([header, readFileSync(p("kb3.tar"))]));
    chmodSync(p("noinitrd.kexec"), 0o755);
    expect(caught(await verifyImage(p("noinitrd.kexec"), { container: "kexec-bundle", compression: "none" }), "kexec-bundle.payload").found).toBe("kexec, bzImage");
  });

  test("no shebang; not executable", async () => {
    const bad = f.copy(p("bundle.kexec"), p("noshebang.kexec"));
    f.flip(bad, 0);
    chmodSync(bad, 0o755);
    caught(await verifyImage(bad, { container: "kexec-bundle", compression: "none" }), "kexec-bundle.shebang");
    const noexec = f.copy(p("bundle.kexec"), p("noexec.kexec"));
    chmodSync(noexec, 0o644);
    caught(await verifyImage(noexec, { container: "kexec-bundle", compression: "none" }), "kexec-bundle.executable");
  });

  test("a corrupt and a truncated payload", async () => {
    const bad = f.copy(p("bundle.kexec"), p("corrupt.kexec"));
    chmodSync(bad, 0o755);
    f.flip(bad, f.size(bad) - 100);
    caught(await verifyImage(bad, { container: "kexec-bundle", compression: "none" }), "kexec-bundle.payload.compression");
    const cut = f.truncated(p("bundle.kexec"), p("cut.kexec"), f.size(p("bundle.kexec")) - 40);
    chmodSync(cut, 0o755);
    caught(await verifyImage(cut, { container: "kexec-bundle", compression: "none" }), "kexec-bundle.payload.compression");
  });

  test("mislabelled: a kexec tarball where the bundle is expected", async () => {
    const r = await verifyImage(p("kexec-x.tar.xz"), { container: "kexec-bundle", compression: "none" });
    expect(caught(r, "compression")).toMatchObject({ expected: "none", found: "xz" });
    expect(caught(r, "container")).toMatchObject({ expected: "kexec-bundle", found: "kexec-tar" });
  });
});

describe("vm-runner", () => {
  test("a runner directory: bin/run-*-vm starts QEMU; the script is hashed", async () => {
    const r = await verifyImage(p("vm"), { container: "vm-runner", compression: "none" });
    clean(r);
    expect(r.detected.container).toBe("vm-runner");
    expect(r.details.script).toBe(p("vm/bin/run-fixture-vm"));
    expect(r.sha256).toBe(sha256(p("vm/bin/run-fixture-vm")));
    expect(r.size).toBe(f.size(p("vm/bin/run-fixture-vm")));
    clean(await verifyImage(p("vm/bin/run-fixture-vm"), { container: "vm-runner", compression: "none" }));
  });

  test("a runner that is not executable, one without a script", async () => {
    f.writeTree(p("vm2"), { "bin/run-x-vm": "#!/bin/sh\nexec qemu-kvm\n" });
    caught(await verifyImage(p("vm2"), { container: "vm-runner", compression: "none" }), "vm-runner.executable");
    f.writeTree(p("vm3"), { "bin/other": "x" });
    expect(caught(await verifyImage(p("vm3"), { container: "vm-runner", compression: "none" }), "vm-runner.script").found).toBe("other");
    f.writeTree(p("vm4"), { "bin/run-y-vm": { text: "exec qemu-kvm\n", mode: 0o755 } });
    caught(await verifyImage(p("vm4"), { container: "vm-runner", compression: "none" }), "vm-runner.shebang");
  });

  test("mislabelled: a runner directory where a qcow2 is expected; a missing path", async () => {
    const r = await verifyImage(p("vm"), { container: "qcow2", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "qcow2" });
    caught(await verifyImage(p("nothing-here"), { container: "qcow2", compression: "none" }), "file");
  });
});
