#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 407:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Js: () => (/* binding */ bootFactsOf),
  qT: () => (/* binding */ bootImage),
  Nf: () => (/* binding */ kvmUsable)
});

// UNUSED EXPORTS: DEFAULT_HANG, DEFAULT_TIMEOUT, KVM_KERNEL_WITHIN, firmwaresFor

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/core/aarch64-boot.ts
var aarch64_boot = __nccwpck_require__(895);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(296);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(75);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
// EXTERNAL MODULE: ./src/verify/codec/decompress.ts + 4 modules
var decompress = __nccwpck_require__(673);
// EXTERNAL MODULE: ./src/verify/checks.ts
var verify_checks = __nccwpck_require__(148);
// EXTERNAL MODULE: ./src/verify/containers/vma.ts
var vma = __nccwpck_require__(830);
// EXTERNAL MODULE: ./src/verify/index.ts + 15 modules
var verify = __nccwpck_require__(552);
// EXTERNAL MODULE: ./src/verify/open.ts + 1 modules
var verify_open = __nccwpck_require__(238);
;// CONCATENATED MODULE: ./src/boot/vma-extract.ts
// The disk inside a Proxmox VMA (nixpkgs' proxmox image: `vma create` of
// qemu-server.conf and drive-virtio0, then zstd), written out as `vma extract`
// would: a sparse raw file the device's size, each cluster's stored 4 KiB
// blocks at their place, every other block left as zeros. The archive is read
// once, forward, through verify's VMA reader (which checks each header and
// extent as it goes) from its decompressed stream. The firmware is the one
// qemu-server.conf asks Proxmox for: `bios: ovmf` is UEFI, else SeaBIOS.






/** A VMA the disk cannot be extracted from: what is wrong with it. */
class VmaError extends Error {
    name = "VmaError";
}
/** The value of `bios:` in a qemu-server.conf (its first section: the VM, not a snapshot). */
function qemuServerBios(conf) {
    for (const line of conf.split("\n")) {
        if (/^\s*\[/.test(line))
            break;
        const match = /^\s*bios\s*:\s*(\S+)/.exec(line);
        if (match)
            return match[1];
    }
    return undefined;
}
/** Writes the stored blocks of one cluster (runs of set mask bits as one write each), clipped to the device's size. */
async function writeCluster(out, c) {
    const base = c.cluster * vma/* VMA_CLUSTER */.q1;
    let taken = 0;
    for (let b = 0; b < 16;) {
        if (!(c.mask & (1 << b))) {
            b++;
            continue;
        }
        let e = b;
        while (e < 16 && c.mask & (1 << e))
            e++;
        const at = base + b * vma/* VMA_BLOCK */.ho;
        const length = Math.min((e - b) * vma/* VMA_BLOCK */.ho, c.device.size - at);
        if (length > 0)
            await out.write(c.data, taken * vma/* VMA_BLOCK */.ho, length, at);
        taken += e - b;
        b = e;
    }
}
/**
 * Extracts the first disk of the VMA `file` (decompressed by `compression`) into
 * the sparse raw file `dest`. Throws VmaError when the archive is corrupt or cut
 * short; the file read is never written.
 */
async function extractVmaDisk(file, compression, dest) {
    const src = await (0,verify_open/* openImage */.U)(file, compression);
    const checks = new verify_checks/* Checks */.s();
    let out;
    let disk;
    let bios;
    let seen = new Uint8Array(0);
    let stored = 0;
    let duplicate;
    try {
        await (0,vma/* checkVma */.T5)(src, checks, {
            async header(facts) {
                disk = facts.deviceInfo.find((d) => d.name !== "vmstate");
                if (!disk)
                    return;
                bios = qemuServerBios(facts.configs.get("qemu-server.conf") ?? "");
                seen = new Uint8Array(Math.ceil(disk.size / vma/* VMA_CLUSTER */.q1));
                out = await (0,promises_.open)(dest, "w");
                await out.truncate(disk.size);
            },
            async cluster(c) {
                if (!out || c.device.id !== disk?.id)
                    return;
                if (seen[c.cluster])
                    duplicate ??= c.cluster;
                seen[c.cluster] = 1;
                stored++;
                await writeCluster(out, c);
            },
        });
    }
    catch (error) {
        if (error instanceof decompress/* DecompressError */.Y)
            throw new VmaError(`it does not decompress as ${error.format} (${error.reason}${error.at >= 0 ? ` at compressed byte ${error.at}` : ""})`);
        throw error;
    }
    finally {
        await out?.close();
        await src.close?.();
    }
    const finding = checks.findings[0];
    if (finding)
        throw new VmaError(`its VMA is corrupt or cut short (${(0,verify/* renderFinding */.Kj)(finding)})`);
    if (!disk)
        throw new VmaError("its VMA holds no disk (only vmstate)");
    if (duplicate !== undefined)
        throw new VmaError(`its VMA stores cluster ${duplicate} of ${disk.name} twice`);
    const missing = seen.indexOf(0);
    if (missing >= 0)
        throw new VmaError(`its VMA is cut short: ${disk.name} has ${stored} of its ${seen.length} clusters (cluster ${missing} is missing; vma extract refuses such an archive)`);
    return { device: disk.name, size: disk.size, bios, firmware: bios === "ovmf" ? "uefi" : "bios" };
}

;// CONCATENATED MODULE: ./src/boot/media.ts
// What QEMU boots, per container: the image file itself (a disk, an ISO), a
// disk unpacked from it (a tarball, an OVA, a Vagrant box, a compressed disk),
// the disk inside a Proxmox VMA (vma-extract.ts), the kernel and initrd its
// boot configuration names (an SD card, kexec), or its own runner script (vm). Unpacked files go into a work directory; the
// image file is only read.










const run = (0,external_node_util_namespaceObject.promisify)(external_node_child_process_.execFile);
class NotBootable extends Error {
}
const DISK_FORMAT = {
    qcow2: "qcow2",
    "raw-mbr": "raw",
    "raw-gpt": "raw",
    vhd: "vpc",
    vhdx: "vhdx",
    vmdk: "vmdk",
};
function unusable(what, file) {
    return new errors/* UserError */.yo(`The boot test cannot use ${file}: ${what}.`, "Check the image with `nixos-generate verify`; it is not what its format builds.", errors/* ExitCode */.yU.boot);
}
/** Decompresses `file` into `dest` (gzip, xz, zstd). */
async function decompressTo(file, compression, dest) {
    await (0,external_node_stream_promises_namespaceObject.pipeline)(external_node_stream_.Readable.from((0,decompress/* decompress */.m)(compression, (0,external_node_fs_.createReadStream)(file))), (0,external_node_fs_.createWriteStream)(dest));
}
async function untar(file, dir) {
    try {
        await run("tar", ["-xf", file, "-C", dir, "--no-same-owner", "--no-same-permissions"], { maxBuffer: 16 * 1024 * 1024 });
    }
    catch (error) {
        throw unusable(`tar could not unpack it (${String(error.stderr ?? error).trim().split("\n")[0]})`, file);
    }
}
/** A path inside `root` as a system whose `/` is `root` sees it: symbolic links followed within `root`. */
async function resolveInside(root, path, depth = 0) {
    if (depth > 40)
        throw new Error(`too many symbolic links resolving ${path}`);
    const parts = (0,external_node_path_.normalize)(path).split("/").filter((p) => p !== "" && p !== ".");
    let current = "/";
    for (let i = 0; i < parts.length; i++) {
        const next = external_node_path_.posix.join(current, parts[i] ?? "");
        const onDisk = (0,external_node_path_.join)(root, next);
        const info = await (0,promises_.lstat)(onDisk).catch(() => undefined);
        if (info?.isSymbolicLink()) {
            const target = await (0,promises_.readlink)(onDisk);
            const resolved = (0,external_node_path_.isAbsolute)(target) ? target : external_node_path_.posix.join(current, target);
            return resolveInside(root, external_node_path_.posix.join(resolved, ...parts.slice(i + 1)), depth + 1);
        }
        current = next;
    }
    return (0,external_node_path_.join)(root, current);
}
/** The quoted --command-line "…" a kexec script passes. */
function kexecCommandLine(script) {
    return /--command-line[= ]"([^"]*)"/.exec(script)?.[1];
}
async function firstWithExtension(dir, extension) {
    const names = (await (0,promises_.readdir)(dir)).sort();
    const name = names.find((n) => n.toLowerCase().endsWith(extension));
    return name === undefined ? undefined : (0,external_node_path_.join)(dir, name);
}
/** The disk an OVF descriptor references first (an OVA, a Vagrant box), else the first .vmdk. */
async function ovfDisk(dir, file) {
    const ovf = await firstWithExtension(dir, ".ovf");
    if (ovf) {
        const text = await (0,promises_.readFile)(ovf, "utf8");
        for (const match of text.matchAll(/<(?:ovf:)?File\b[^>]*\bovf:href="([^"]+)"/g)) {
            const href = match[1] ?? "";
            const path = (0,external_node_path_.join)(dir, href);
            if (!(0,external_node_path_.relative)(dir, path).startsWith("..") && (await (0,promises_.stat)(path).catch(() => undefined))?.isFile())
                return path;
        }
    }
    const vmdk = await firstWithExtension(dir, ".vmdk");
    if (!vmdk)
        throw unusable("it holds no VMDK disk", file);
    return vmdk;
}
async function mbrEntries(disk) {
    const handle = await (0,promises_.open)(disk, "r");
    try {
        const sector = Buffer.alloc(512);
        await handle.read(sector, 0, 512, 0);
        if (sector.readUInt16LE(510) !== 0xaa55)
            return [];
        const entries = [];
        for (let i = 0; i < 4; i++) {
            const at = 446 + i * 16;
            const type = sector[at + 4] ?? 0;
            if (type !== 0)
                entries.push({ type, start: sector.readUInt32LE(at + 8), sectors: sector.readUInt32LE(at + 12) });
        }
        return entries;
    }
    finally {
        await handle.close();
    }
}
/** Reads a file from the ext4 file system at `offset` bytes into `disk` (debugfs, e2fsprogs). */
async function ext4Read(disk, offset, path, dest) {
    const device = `${disk}?offset=${offset}`;
    if (dest) {
        await run("debugfs", ["-R", `dump ${path} ${dest}`, device], { maxBuffer: 1024 * 1024 });
        const info = await (0,promises_.stat)(dest).catch(() => undefined);
        if (!info || info.size === 0)
            throw new Error(`no ${path}`);
        return dest;
    }
    const { stdout } = await run("debugfs", ["-R", `cat ${path}`, device], { maxBuffer: 16 * 1024 * 1024 });
    if (stdout === "")
        throw new Error(`no ${path}`);
    return stdout;
}
/** The default entry of an extlinux.conf: LINUX, INITRD (relative to the file's directory) and APPEND. */
function extlinuxDefault(conf) {
    const lines = conf.split("\n").map((l) => l.trim());
    const wanted = lines.find((l) => /^DEFAULT\s/i.test(l))?.split(/\s+/)[1];
    const labels = [];
    for (const line of lines) {
        const [key = "", ...rest] = line.split(/\s+/);
        const value = rest.join(" ");
        const current = labels[labels.length - 1];
        switch (key.toUpperCase()) {
            case "LABEL":
                labels.push({ label: value, append: "" });
                break;
            case "LINUX":
            case "KERNEL":
                if (current)
                    current.linux = value;
                break;
            case "INITRD":
                if (current)
                    current.initrd = value;
                break;
            case "APPEND":
                if (current)
                    current.append = value;
                break;
        }
    }
    const entry = labels.find((l) => l.label === wanted) ?? labels[0];
    if (!entry?.linux)
        return undefined;
    return { linux: entry.linux, ...(entry.initrd ? { initrd: entry.initrd } : {}), append: entry.append };
}
/** An SD card: the kernel and initrd its /boot/extlinux/extlinux.conf names, the card itself as root. */
async function sdCard(disk, work, file) {
    const entries = await mbrEntries(disk);
    const confPath = "/boot/extlinux/extlinux.conf";
    for (const entry of entries.filter((e) => e.type === 0x83)) {
        const offset = entry.start * 512;
        let conf;
        try {
            conf = await ext4Read(disk, offset, confPath);
        }
        catch {
            continue;
        }
        const chosen = extlinuxDefault(conf);
        if (!chosen)
            throw unusable(`its ${confPath} names no kernel`, file);
        const inBoot = (p) => external_node_path_.posix.normalize(external_node_path_.posix.isAbsolute(p) ? p : external_node_path_.posix.join("/boot/extlinux", p));
        const kernel = await ext4Read(disk, offset, inBoot(chosen.linux), (0,external_node_path_.join)(work, "kernel"));
        if (!chosen.initrd)
            throw unusable(`its ${confPath} names no initrd`, file);
        const initrd = await ext4Read(disk, offset, inBoot(chosen.initrd), (0,external_node_path_.join)(work, "initrd"));
        return { kind: "kernel", kernel, initrd, append: chosen.append, disk: { file: disk, format: "raw" }, note: `${confPath}: ${chosen.linux}` };
    }
    throw unusable(`no ext4 partition holds ${confPath}`, file);
}
async function kexecTarball(dir, file) {
    const link = (0,external_node_path_.join)(dir, "kexec_nixos");
    const script = await resolveInside(dir, "/kexec_nixos").catch(() => link);
    const text = await (0,promises_.readFile)(script, "utf8").catch(() => undefined);
    if (text === undefined)
        throw unusable("it has no /kexec_nixos script", file);
    const cmdline = kexecCommandLine(text);
    const init = cmdline?.split(/\s+/).find((w) => w.startsWith("init="))?.slice(5);
    if (!cmdline || !init)
        throw unusable("its kexec script passes no --command-line with init=", file);
    const toplevel = external_node_path_.posix.dirname(init);
    // The kernel and initrd as the script loads them (next to it), else the system's own.
    const scriptDir = external_node_path_.posix.dirname("/" + (0,external_node_path_.relative)(dir, script));
    for (const [k, i] of [
        [external_node_path_.posix.join(scriptDir, "bzImage"), external_node_path_.posix.join(scriptDir, "initrd.gz")],
        [external_node_path_.posix.join(toplevel, "kernel"), external_node_path_.posix.join(toplevel, "initrd")],
    ]) {
        const kernel = await resolveInside(dir, k);
        const initrd = await resolveInside(dir, i);
        if ((await (0,promises_.stat)(kernel).catch(() => undefined))?.isFile() && (await (0,promises_.stat)(initrd).catch(() => undefined))?.isFile()) {
            return { kind: "kernel", kernel, initrd, append: cmdline, note: `kexec script: ${k}` };
        }
    }
    throw unusable(`it holds neither bzImage/initrd.gz next to its kexec script nor ${toplevel}/kernel and initrd`, file);
}
async function kexecBundle(file, work) {
    const bytes = await (0,promises_.readFile)(file);
    const marker = Buffer.from("\n#PAYLOAD#\n");
    const at = bytes.indexOf(marker);
    if (at < 0)
        throw unusable("it has no #PAYLOAD# line", file);
    const header = bytes.subarray(0, at).toString("utf8");
    const cmdline = kexecCommandLine(header);
    if (!cmdline)
        throw unusable("its header passes no --command-line", file);
    const payload = (0,external_node_path_.join)(work, "payload.tar");
    await (0,promises_.writeFile)(payload, bytes.subarray(at + marker.length));
    await untar(payload, work);
    return { kind: "kernel", kernel: (0,external_node_path_.join)(work, "bzImage"), initrd: (0,external_node_path_.join)(work, "initrd.gz"), append: cmdline, note: "kexec bundle payload" };
}
async function runnerScript(path) {
    const info = await (0,promises_.stat)(path);
    if (info.isFile())
        return { kind: "runner", script: path, note: "runner script" };
    const bin = (0,external_node_path_.join)(path, "bin");
    const names = (await (0,promises_.readdir)(bin).catch(() => [])).filter((n) => /^run-.*-vm$/.test(n)).sort();
    const name = names[0];
    if (!name)
        throw unusable("it has no bin/run-*-vm", path);
    return { kind: "runner", script: (0,external_node_path_.join)(bin, name), note: `bin/${name}` };
}
/** What QEMU boots for an image of `container` (compressed by `compression`); unpacked files go into `work`. */
async function bootMedia(file, container, compression, work) {
    const booted = [...Object.keys(DISK_FORMAT), "iso", "ova", "vagrant-box", "gce-tar", "vma", "sd-image", "kexec-tar", "kexec-bundle", "vm-runner"];
    if (!booted.includes(container))
        throw new NotBootable(`a ${container} is not booted (containers and metadata run elsewhere)`);
    if (container === "vma") {
        // Proxmox's firmware for the VM is what its qemu-server.conf says (`bios: ovmf` is UEFI).
        const dest = (0,external_node_path_.join)(work, "disk.raw");
        const disk = await extractVmaDisk(file, compression, dest).catch((error) => {
            if (error instanceof VmaError)
                throw unusable(error.message, file);
            throw error;
        });
        return { kind: "disk", file: dest, format: "raw", firmware: disk.firmware, note: `${disk.device} from the VMA (qemu-server.conf: bios ${disk.bios ?? "unset, seabios"})` };
    }
    let input = file;
    const tarred = ["ova", "vagrant-box", "gce-tar", "kexec-tar"].includes(container);
    if (compression !== "none" && !tarred) {
        input = (0,external_node_path_.join)(work, "image");
        await decompressTo(file, compression, input).catch((error) => {
            throw unusable(`it does not decompress as ${compression} (${error instanceof Error ? error.message : String(error)})`, file);
        });
    }
    const diskFormat = DISK_FORMAT[container];
    if (diskFormat)
        return { kind: "disk", file: input, format: diskFormat, note: compression === "none" ? "the image file" : `decompressed ${compression}` };
    switch (container) {
        case "iso":
            return { kind: "cdrom", file: input, note: "the image file" };
        case "ova":
        case "vagrant-box": {
            await untar(input, work);
            const disk = await ovfDisk(work, file);
            return { kind: "disk", file: disk, format: "vmdk", note: `${(0,external_node_path_.relative)(work, disk)} inside` };
        }
        case "gce-tar": {
            await untar(input, work);
            return { kind: "disk", file: (0,external_node_path_.join)(work, "disk.raw"), format: "raw", note: "disk.raw inside" };
        }
        case "sd-image":
            return sdCard(input, work, file);
        case "kexec-tar":
            await untar(input, work);
            return kexecTarball(work, file);
        case "kexec-bundle":
            return kexecBundle(input, work);
        case "vm-runner":
            return runnerScript(input);
        default:
            throw new NotBootable(`a ${container} is not booted (containers and metadata run elsewhere)`);
    }
}

;// CONCATENATED MODULE: ./src/boot/overlay.ts
// The image file is never written: QEMU boots a copy-on-write qcow2 overlay
// whose backing file is the image (qemu-img create -f qcow2 -b IMAGE -F FMT).





const overlay_run = (0,external_node_util_namespaceObject.promisify)(external_node_child_process_.execFile);
/** Makes `work`/overlay.qcow2 over `file` (read as `format`); returns its path. */
async function createOverlay(qemuImg, file, format, work) {
    const overlay = (0,external_node_path_.join)(work, "overlay.qcow2");
    try {
        await overlay_run(qemuImg, ["create", "-q", "-f", "qcow2", "-b", (0,external_node_path_.resolve)(file), "-F", format, overlay]);
    }
    catch (error) {
        const stderr = String(error.stderr ?? error).trim();
        throw new errors/* UserError */.yo(`qemu-img could not make an overlay over ${file} as ${format}: ${stderr.split("\n")[0]}`, "Check the image with `nixos-generate verify`.", errors/* ExitCode */.yU.boot);
    }
    return overlay;
}
/** A writable copy of the UEFI vars template, so the template is never written either. */
async function copyVars(vars, work) {
    const copy = (0,external_node_path_.join)(work, "efivars.fd");
    await (0,promises_.copyFile)(vars, copy);
    return copy;
}

;// CONCATENATED MODULE: ./src/boot/qemu-args.ts
/** The serial console's kernel parameter for the architecture's QEMU machine. */
const serialConsole = (arch) => (arch === "aarch64" ? "ttyAMA0" : "ttyS0");
function drive(arch, file, format, media) {
    const readonly = media === "cdrom" ? ",readonly=on" : "";
    if (arch === "x86_64")
        return ["-drive", `file=${file},format=${format},if=ide,media=${media}${readonly}`];
    // aarch64's virt machine has no IDE: virtio for a disk, SCSI for a CD.
    const id = media === "cdrom" ? "cd0" : "hd0";
    return media === "cdrom"
        ? ["-device", "virtio-scsi-pci", "-drive", `file=${file},format=${format},if=none,id=${id},media=cdrom${readonly}`, "-device", `scsi-cd,drive=${id}`]
        : ["-drive", `file=${file},format=${format},if=virtio`];
}
/** The device of the last console= parameter of a kernel command line (e.g. "ttyAMA0"), or undefined. */
function lastConsole(append) {
    const consoles = append.split(/\s+/).filter((w) => w.startsWith("console="));
    return consoles[consoles.length - 1]?.slice("console=".length).split(",")[0];
}
/** The arguments after the qemu-system-<arch> program. */
function qemuArgs(plan) {
    const { arch, accel, medium } = plan;
    const args = [];
    if (arch === "x86_64")
        args.push("-machine", `q35,accel=${accel}`);
    // aarch64: the virt machine with the best GIC the host has (a KVM host may have no GICv2; nixpkgs'
    // qemu-common.nix sets gic-version=max too); under TCG the max CPU with QEMU's own pointer-authentication
    // algorithm (emulating QARMA, the default, made a stand-in's direct kernel boot 11 s instead of 3 s).
    else
        args.push("-machine", `virt,gic-version=max,accel=${accel}`, "-cpu", accel === "kvm" ? "host" : "max,pauth-impdef=on");
    args.push("-m", String(plan.memoryMiB ?? 1024), "-smp", "1");
    args.push("-nodefaults", "-display", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot");
    args.push("-device", "virtio-rng-pci");
    if (plan.firmware === "uefi") {
        if (!plan.uefi)
            throw new Error("qemuArgs: UEFI boot without firmware");
        if (plan.uefi.vars) {
            args.push("-drive", `if=pflash,format=raw,unit=0,readonly=on,file=${plan.uefi.code}`);
            args.push("-drive", `if=pflash,format=raw,unit=1,file=${plan.uefi.vars}`);
        }
        else
            args.push("-bios", plan.uefi.code);
    }
    switch (medium.kind) {
        case "disk":
            args.push(...drive(arch, medium.file, medium.format, "disk"));
            break;
        case "cdrom":
            args.push(...drive(arch, medium.file, "raw", "cdrom"));
            break;
        case "kernel": {
            const console = serialConsole(arch);
            // The image's own parameters, and the serial console last: the last console= becomes /dev/console,
            // where stage 1 and systemd write (sd-image-aarch64.nix names ttyAMA0 and then tty0).
            const append = lastConsole(medium.append) === console ? medium.append : `${medium.append} console=${console},115200n8`.trim();
            args.push("-kernel", medium.kernel, "-initrd", medium.initrd, "-append", append);
            if (medium.disk)
                args.push(...drive(arch, medium.disk.file, medium.disk.format, "disk"));
            break;
        }
    }
    return args;
}
/** The environment a NixOS VM runner (run-<name>-vm) is started with: headless, its console on the serial port, its disk in `work`; under TCG, `-machine accel=tcg` (after the runner's own accel=kvm:tcg, it wins). */
function runnerEnv(arch, work, base = process.env, accel = "kvm") {
    return {
        ...base,
        QEMU_OPTS: [base.QEMU_OPTS, "-nographic", ...(accel === "tcg" ? ["-machine accel=tcg"] : [])].filter(Boolean).join(" "),
        QEMU_KERNEL_PARAMS: [base.QEMU_KERNEL_PARAMS, `console=${serialConsole(arch)},115200n8`].filter(Boolean).join(" "),
        NIX_DISK_IMAGE: `${work}/nixos.qcow2`,
        TMPDIR: work,
    };
}

// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __nccwpck_require__(193);
;// CONCATENATED MODULE: ./src/boot/console.ts
// Reads a booting system's serial console: the stages it passes (progress) and
// the verdict. Pure: feed it text as it comes, ask it what it saw.
//
//   booted: "Reached target Multi-User System" / "Reached target
//           multi-user.target", or a login prompt ("login:")
//   failed: "Kernel panic - not syncing", emergency mode ("You are in
//           emergency mode", "emergency.target")
// A hang (no output for a while) and the timeout are the runner's to judge.
const STAGES = ["firmware", "boot loader", "kernel", "stage 1", "stage 2", "target reached"];
const STAGE_PATTERNS = [
    ["firmware", /SeaBIOS|BdsDxe|UEFI (?:Interactive Shell|firmware)|EDK II|Press ESC in \d+ seconds|iPXE/],
    ["boot loader", /SYSLINUX \d|ISOLINUX \d|EXTLINUX \d|GNU GRUB|Welcome to GRUB|systemd-boot|Booting `|Loading Linux|EFI stub:/],
    ["kernel", /Linux version \d/],
    ["stage 1", /<<< NixOS Stage 1 >>>|Run \/init as init process/],
    ["stage 2", /<<< NixOS Stage 2 >>>|systemd\[1\]: |Welcome to .*NixOS/],
];
const BOOTED = [/Reached target (?:Multi-User System|multi-user\.target)/, /login: *$/];
const PANIC = /Kernel panic - not syncing/;
const EMERGENCY = /You are in emergency mode|emergency\.target|Entering emergency mode/;
/** A console's text without terminal escapes and carriage returns, as lines. */
function plainText(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\x1b[()][0-9A-B]/g, "").replace(/\r/g, "");
}
class ConsoleWatcher {
    buffer = "";
    lines = [];
    seen = new Set();
    decided;
    /** Feeds console output; returns the stages first seen in it, in order. */
    feed(chunk) {
        const fresh = [];
        // Escapes are removed per line: a chunk may end inside one.
        this.buffer += chunk;
        const parts = this.buffer.split("\n");
        this.buffer = parts.pop() ?? "";
        for (const line of parts)
            this.line(plainText(line), fresh);
        // A login prompt has no newline after it: judge the partial line too.
        const partial = plainText(this.buffer);
        if (this.decided === undefined && BOOTED.some((p) => p.test(partial)))
            this.judge(partial, fresh);
        return fresh;
    }
    line(line, fresh) {
        this.lines.push(line);
        if (this.lines.length > 400)
            this.lines.splice(0, this.lines.length - 400);
        for (const [stage, pattern] of STAGE_PATTERNS) {
            if (!this.seen.has(stage) && pattern.test(line)) {
                this.seen.add(stage);
                fresh.push(stage);
            }
        }
        this.judge(line, fresh);
    }
    judge(line, fresh) {
        if (this.decided)
            return;
        if (PANIC.test(line))
            this.decided = { ok: false, kind: "panic", reason: `kernel panic: ${line.trim().replace(/^\[[^\]]*\]\s*/, "")}` };
        else if (EMERGENCY.test(line))
            this.decided = { ok: false, kind: "emergency", reason: `emergency mode: ${line.trim()}` };
        else if (BOOTED.some((p) => p.test(line))) {
            this.decided = { ok: true, reason: /login:/.test(line) ? `login prompt: ${line.trim()}` : line.trim().replace(/^\[[^\]]*\]\s*/, "") };
            if (!this.seen.has("target reached")) {
                this.seen.add("target reached");
                fresh.push("target reached");
            }
        }
    }
    get verdict() {
        return this.decided;
    }
    stages() {
        return STAGES.filter((s) => this.seen.has(s));
    }
    /** Whether the kernel started (its banner was on the console). */
    get kernelSeen() {
        return this.seen.has("kernel") || this.seen.has("stage 1");
    }
    /** The last `n` lines (with the unfinished one), for a failure's message. */
    lastLines(n = 15) {
        const partial = plainText(this.buffer);
        const all = partial.trim() === "" ? this.lines : [...this.lines, partial];
        return all.filter((l) => l.trim() !== "").slice(-n);
    }
}

;// CONCATENATED MODULE: ./src/boot/run-qemu.ts
// Runs one QEMU boot and watches its serial console until a verdict, a hang
// (no output for `hangSeconds`), the timeout, or QEMU's own end. The console
// is copied to a log file as it comes. QEMU is stopped (SIGTERM, then
// SIGKILL) once the boot is judged.




function runQemu(options) {
    return new Promise((resolve) => {
        const started = Date.now();
        const seconds = () => (Date.now() - started) / 1000;
        const watcher = new ConsoleWatcher();
        const log = (0,external_node_fs_.createWriteStream)(options.logFile);
        const decoder = new external_node_string_decoder_.StringDecoder("utf8");
        let lastOutput = Date.now();
        let stderr = "";
        let done = false;
        const child = (0,external_node_child_process_.spawn)(options.command, options.args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
        const stop = () => {
            if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
                return;
            // The whole group: a runner script's QEMU is its child.
            try {
                process.kill(-child.pid, "SIGTERM");
            }
            catch {
                /* already gone */
            }
            setTimeout(() => {
                try {
                    if (child.pid !== undefined)
                        process.kill(-child.pid, "SIGKILL");
                }
                catch {
                    /* already gone */
                }
            }, 3000).unref();
        };
        const finish = (result) => {
            if (done)
                return;
            done = true;
            clearInterval(timer);
            options.signal?.removeEventListener("abort", onAbort);
            stop();
            const tail = watcher.lastLines();
            log.end(() => resolve({ ...result, seconds: Math.round(seconds() * 10) / 10, stages: watcher.stages(), lastLines: tail.length > 0 ? tail : stderr.trim().split("\n").slice(-15), kernelSeen: watcher.kernelSeen }));
        };
        const onAbort = () => finish({ ok: false, kind: "timeout", reason: "interrupted" });
        options.signal?.addEventListener("abort", onAbort);
        const timer = setInterval(() => {
            const now = Date.now();
            if (options.kernelWithinSeconds !== undefined && !watcher.kernelSeen && seconds() > options.kernelWithinSeconds) {
                finish({ ok: false, kind: "kvm", reason: `the kernel did not start within ${options.kernelWithinSeconds} s under KVM` });
            }
            else if (seconds() > options.timeoutSeconds) {
                finish({ ok: false, kind: "timeout", reason: `timeout: not booted within ${options.timeoutSeconds} s` });
            }
            else if ((now - lastOutput) / 1000 > options.hangSeconds) {
                finish({ ok: false, kind: "hang", reason: `hang: no console output for ${options.hangSeconds} s` });
            }
        }, 250);
        child.stdout.on("data", (chunk) => {
            if (done)
                return;
            lastOutput = Date.now();
            log.write(chunk);
            for (const stage of watcher.feed(decoder.write(chunk)))
                options.onStage?.(stage, seconds());
            const verdict = watcher.verdict;
            if (verdict)
                finish(verdict.ok ? { ok: true, reason: verdict.reason } : { ok: false, kind: verdict.kind, reason: verdict.reason });
        });
        child.stderr.on("data", (chunk) => {
            if (done)
                return;
            stderr += chunk.toString("utf8");
            if (stderr.length > 20000)
                stderr = stderr.slice(-20000);
            log.write(chunk);
            // QEMU pauses the guest (it does not exit) on a KVM internal error.
            if (/KVM internal error/.test(stderr))
                finish({ ok: false, kind: "kvm", reason: "KVM could not run the guest (KVM internal error)" });
        });
        child.on("error", (error) => finish({ ok: false, kind: "qemu", reason: `QEMU could not be started: ${error.message}` }));
        child.on("close", (code, signal) => {
            if (done)
                return;
            const kvm = /KVM internal error|kvm_.*Assertion|failed to set MSR|emulation failure/.test(stderr);
            const last = stderr.trim().split("\n").filter((l) => !/^qemu-system[^:]*: warning:/.test(l)).slice(-1)[0] ?? "";
            finish({
                ok: false,
                kind: kvm ? "kvm" : "qemu",
                reason: `QEMU ended (${signal ?? `exit ${code}`}) before the system booted${last ? `: ${last}` : ""}`,
            });
        });
    });
}

;// CONCATENATED MODULE: ./src/boot/tools.ts
// Where the boot test's QEMU and firmware come from, in this order:
//   1. PATH: qemu-system-<arch>, qemu-img;
//   2. firmware files at the usual places: Debian's ovmf (/usr/share/OVMF),
//      qemu-efi-aarch64 (/usr/share/qemu-efi-aarch64), AAVMF (/usr/share/AAVMF),
//      Fedora's edk2 (/usr/share/edk2), QEMU's own edk2 copies
//      (/usr/share/qemu, and share/qemu next to the qemu-system found);
//   3. the configuration's nixpkgs through Nix: `qemu` (its bin/ and its
//      share/qemu/edk2-*), `OVMF.fd` (FV/OVMF_CODE.fd) — built or fetched.
// Nothing is installed through apt.



const archOf = (system) => (system === "aarch64-linux" ? "aarch64" : "x86_64");
/** The architecture of the machine this runs on, as Node names it (`process.arch`); undefined for one the boot test does not know. */
function hostArch(nodeArch = process.arch) {
    if (nodeArch === "x64")
        return "x86_64";
    if (nodeArch === "arm64")
        return "aarch64";
    return undefined;
}
/** The accelerators to try, in order: KVM (when allowed) runs guests of the host's own architecture only; TCG always. */
function accelerators(kvm, guest, host) {
    return kvm && guest === host ? ["kvm", "tcg"] : ["tcg"];
}
async function isFile(path, mode = promises_.constants.R_OK) {
    return (0,promises_.access)(path, mode).then(() => true, () => false);
}
/** A program on PATH, or undefined. */
async function onPath(program, path = process.env.PATH ?? "") {
    for (const dir of path.split(external_node_path_.delimiter)) {
        if (dir === "")
            continue;
        const candidate = (0,external_node_path_.join)(dir, program);
        if (await isFile(candidate, promises_.constants.X_OK))
            return candidate;
    }
    return undefined;
}
/** The firmware pairs searched, best first, for one architecture (relative to `root`, and to QEMU's share/qemu). */
function firmwareCandidates(arch, qemu, root = "/") {
    const at = (...parts) => (0,external_node_path_.join)(root, ...parts);
    const qemuShare = qemu ? [(0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_path_.dirname)(qemu)), "share", "qemu")] : [];
    if (arch === "x86_64") {
        return [
            { code: at("usr/share/OVMF/OVMF_CODE_4M.fd"), vars: at("usr/share/OVMF/OVMF_VARS_4M.fd") },
            { code: at("usr/share/OVMF/OVMF_CODE.fd"), vars: at("usr/share/OVMF/OVMF_VARS.fd") },
            { code: at("usr/share/edk2/ovmf/OVMF_CODE.fd"), vars: at("usr/share/edk2/ovmf/OVMF_VARS.fd") },
            { code: at("usr/share/edk2/x64/OVMF_CODE.fd"), vars: at("usr/share/edk2/x64/OVMF_VARS.fd") },
            ...[at("usr/share/qemu"), ...qemuShare].map((dir) => ({ code: (0,external_node_path_.join)(dir, "edk2-x86_64-code.fd"), vars: (0,external_node_path_.join)(dir, "edk2-i386-vars.fd") })),
        ];
    }
    return [
        { code: at("usr/share/AAVMF/AAVMF_CODE.fd"), vars: at("usr/share/AAVMF/AAVMF_VARS.fd") },
        { code: at("usr/share/qemu-efi-aarch64/QEMU_EFI.fd") },
        { code: at("usr/share/edk2/aarch64/QEMU_EFI-pflash.raw"), vars: at("usr/share/edk2/aarch64/vars-template-pflash.raw") },
        ...[at("usr/share/qemu"), ...qemuShare].map((dir) => ({ code: (0,external_node_path_.join)(dir, "edk2-aarch64-code.fd"), vars: (0,external_node_path_.join)(dir, "edk2-arm-vars.fd") })),
    ];
}
/** The size of a flash unit of aarch64's virt machine: a pflash drive must be exactly this big. */
const VIRT_FLASH_BYTES = 64 * 1024 * 1024;
async function sizeOf(path) {
    return (0,promises_.stat)(path).then((s) => s.size, () => undefined);
}
/**
 * The first candidate whose code is there; without its vars (so booted with -bios) when the vars
 * template is missing, or, on aarch64, when code and vars are not both 64 MiB (QEMU refuses a
 * smaller pflash unit on virt: "device requires 67108864 bytes"; Debian's AAVMF pair is padded,
 * qemu-efi-aarch64's QEMU_EFI.fd is 2 MiB and -bios only).
 */
async function firstPresent(candidates, arch) {
    for (const c of candidates) {
        if (!(await isFile(c.code)))
            continue;
        if (c.vars === undefined)
            return { code: c.code };
        if (!(await isFile(c.vars)))
            return { code: c.code };
        if (arch === "aarch64" && ((await sizeOf(c.code)) !== VIRT_FLASH_BYTES || (await sizeOf(c.vars)) !== VIRT_FLASH_BYTES))
            return { code: c.code };
        return c;
    }
    return undefined;
}
const NO_QEMU_FIX = "Install QEMU (Debian/Ubuntu: apt-get install qemu-system-x86 qemu-utils, plus qemu-system-arm for aarch64), or let Nix build it from the configuration's nixpkgs (needs a binary cache or network).";
/** qemu-system-<arch> and qemu-img: from PATH, else from the configuration's nixpkgs. */
async function locateQemu(arch, search = {}) {
    const qemu = await onPath(`qemu-system-${arch}`, search.path);
    const qemuImg = await onPath("qemu-img", search.path);
    if (qemu && qemuImg)
        return { qemu, qemuImg, from: "path" };
    if (!search.nix) {
        throw new errors/* UserError */.yo(`The boot test needs qemu-system-${arch} and qemu-img, and ${qemu ? "qemu-img" : `qemu-system-${arch}`} is not on PATH.`, NO_QEMU_FIX, errors/* ExitCode */.yU.environment);
    }
    let out;
    try {
        out = await search.nix("qemu");
    }
    catch (error) {
        const why = error instanceof errors/* UserError */.yo ? error.problem : String(error);
        throw new errors/* UserError */.yo(`The boot test needs qemu-system-${arch}: it is not on PATH, and Nix could not build qemu from the configuration's nixpkgs (${why}).`, NO_QEMU_FIX, errors/* ExitCode */.yU.environment);
    }
    return { qemu: qemu ?? (0,external_node_path_.join)(out, "bin", `qemu-system-${arch}`), qemuImg: qemuImg ?? (0,external_node_path_.join)(out, "bin", "qemu-img"), from: "nix" };
}
/** UEFI firmware for `arch`: at the usual places (and next to `qemu`), else from the configuration's nixpkgs. */
async function locateUefi(arch, qemu, search = {}) {
    const found = await firstPresent(firmwareCandidates(arch, qemu, search.root), arch);
    if (found)
        return { ...found, from: "path" };
    const name = arch === "x86_64" ? "OVMF" : "AAVMF";
    const fix = `Install it (Debian/Ubuntu: apt-get install ${arch === "x86_64" ? "ovmf" : "qemu-efi-aarch64"}), or let Nix build it from the configuration's nixpkgs (needs a binary cache or network).`;
    if (!search.nix)
        throw new errors/* UserError */.yo(`The boot test needs UEFI firmware (${name}) for ${arch}, and none is at the usual places (${firmwareCandidates(arch, qemu, search.root)[0]?.code}, …).`, fix, errors/* ExitCode */.yU.environment);
    const tried = [];
    // x86_64: nixpkgs' OVMF.fd; aarch64 (and x86_64 as a second try): the edk2 builds nixpkgs' qemu ships.
    for (const attribute of arch === "x86_64" ? ["OVMF.fd", "qemu"] : ["qemu"]) {
        try {
            const out = await search.nix(attribute);
            const candidates = attribute === "OVMF.fd" ? [{ code: (0,external_node_path_.join)(out, "FV", "OVMF_CODE.fd"), vars: (0,external_node_path_.join)(out, "FV", "OVMF_VARS.fd") }] : firmwareCandidates(arch, (0,external_node_path_.join)(out, "bin", `qemu-system-${arch}`), "/nonexistent").slice(-1);
            const firmware = await firstPresent(candidates, arch);
            if (firmware)
                return { ...firmware, from: "nix" };
            tried.push(`${attribute}: no ${candidates.map((c) => c.code).join(", ")}`);
        }
        catch (error) {
            tried.push(`${attribute}: ${error instanceof errors/* UserError */.yo ? error.problem : String(error)}`);
        }
    }
    throw new errors/* UserError */.yo(`The boot test needs UEFI firmware (${name}) for ${arch}: none at the usual places, and Nix could not provide it (${tried.join("; ")}).`, fix, errors/* ExitCode */.yU.environment);
}

;// CONCATENATED MODULE: ./src/boot/boot-image.ts
// Boots one image file of a catalogue format, once per firmware it boots by
// (an x86_64 ISO both ways): unpack what QEMU needs, overlay the disk, pick
// KVM or TCG, run QEMU, judge the console. Under KVM, a guest whose kernel
// never shows (a KVM that cannot run QEMU guests) is booted again under TCG.










const DEFAULT_TIMEOUT = { kvm: 300, tcg: 900 };
const DEFAULT_HANG = { kvm: 90, tcg: 240 };
/** Under KVM, the kernel must show within this many seconds, else the boot is retried under TCG. */
const KVM_KERNEL_WITHIN = 30;
/** How an image of a container boots when no catalogue entry says (a custom format that declares its container). */
function bootFactsOf(container) {
    switch (container) {
        case "qcow2":
        case "raw-mbr":
        case "vhd":
        case "vhdx":
        case "vmdk":
        case "ova":
        case "vagrant-box":
        case "gce-tar":
        case "vma":
            return { how: "disk", firmware: ["bios"] };
        case "raw-gpt":
            return { how: "disk", firmware: ["uefi"] };
        case "iso":
            return { how: "cdrom", firmware: ["bios", "uefi"] };
        case "sd-image":
        case "kexec-tar":
        case "kexec-bundle":
            return { how: "kernel", firmware: [] };
        case "vm-runner":
            return { how: "runner", firmware: [] };
        default:
            return null;
    }
}
/** Whether `device` opens read-write (KVM usable by this user). */
async function kvmUsable(device) {
    try {
        const handle = await (0,promises_.open)(device, external_node_fs_.constants.O_RDWR);
        await handle.close();
        return true;
    }
    catch {
        return false;
    }
}
/** The firmware an image of `format` boots by on `system`: x86_64 as the catalogue says, aarch64 always UEFI, kernel/runner boots direct. */
function firmwaresFor(format, system) {
    const boot = format.boot;
    if (!boot)
        return [];
    if (boot.how === "kernel" || boot.how === "runner")
        return ["direct"];
    if (system === "aarch64-linux")
        return ["uefi"];
    return boot.firmware.length > 0 ? [...boot.firmware] : ["bios"];
}
function skipped(format, system, file, reason) {
    return { format: format.name, system, file, status: "skipped", reason, attempts: [] };
}
/** Boots `file`, an image of catalogue format `format` for `system`. Never throws for the image's faults: they are in the result. */
async function bootImage(file, format, system, options) {
    const log = options.log ?? (() => undefined);
    const tag = `${format.name} (${system})`;
    if (!format.boot)
        return skipped(format, system, file, `${format.name} is not booted (${format.container}: it runs as a container, or is not a system)`);
    const unbootable = (0,aarch64_boot/* unbootableOn */.T)(format, system);
    if (unbootable)
        return { format: format.name, system, file, status: "failed", reason: `not booted: ${unbootable} (build raw-efi for aarch64)`, attempts: [], exitCode: errors/* ExitCode */.yU.boot };
    const arch = archOf(system);
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.logDir, `.boot-${options.logName}-`));
    try {
        let media;
        try {
            media = await bootMedia(file, format.container, format.compression, work);
        }
        catch (error) {
            if (error instanceof NotBootable)
                return skipped(format, system, file, error.message);
            if ((0,errors/* isUserError */.iU)(error))
                return { format: format.name, system, file, status: "failed", reason: error.problem.replace(/\.$/, ""), attempts: [], exitCode: error.exitCode };
            throw error;
        }
        const tools = await locateQemu(arch, options.tools);
        // The image may say its firmware itself (a VMA's qemu-server.conf); aarch64 boots by UEFI whatever it says.
        let firmwares = media.kind === "disk" && media.firmware && system !== "aarch64-linux" ? [media.firmware] : firmwaresFor(format, system);
        if (options.firmware)
            firmwares = firmwares.filter((f) => f === "direct" || options.firmware?.includes(f));
        const attempts = [];
        for (const firmware of firmwares) {
            const attemptWork = (0,external_node_path_.join)(work, firmware);
            await (0,promises_.mkdir)(attemptWork, { recursive: true });
            let medium;
            if (media.kind === "disk")
                medium = { kind: "disk", file: await createOverlay(tools.qemuImg, media.file, media.format, attemptWork), format: "qcow2" };
            else if (media.kind === "cdrom")
                medium = { kind: "cdrom", file: media.file };
            else if (media.kind === "kernel") {
                medium = { kind: "kernel", kernel: media.kernel, initrd: media.initrd, append: media.append };
                if (media.disk)
                    medium.disk = { file: await createOverlay(tools.qemuImg, media.disk.file, media.disk.format, attemptWork), format: "qcow2" };
            }
            const uefi = firmware === "uefi" ? await locateUefi(arch, tools.qemu, options.tools) : undefined;
            const logFile = (0,external_node_path_.join)(options.logDir, `${options.logName}${firmwares.length > 1 ? `.${firmware}` : ""}.console.log`);
            let fallback;
            // A runner script picks its accelerator itself (accel=kvm:tcg); under TCG it is told so.
            const accels = accelerators(options.kvm, arch, hostArch());
            if (options.kvm && accels[0] !== "kvm")
                log(`${tag}: KVM runs guests of this machine's own architecture (${hostArch() ?? process.arch}) only; booting under TCG`);
            for (const accel of accels) {
                const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT[accel];
                const hangSeconds = Math.min(options.hangSeconds ?? DEFAULT_HANG[accel], Math.max(5, Math.floor(timeoutSeconds / 2)));
                log(`${tag}: booting (${media.note}; ${firmware === "direct" ? (media.kind === "runner" ? "its runner" : "kernel booted directly") : firmware.toUpperCase()}; ${accel.toUpperCase()}; timeout ${timeoutSeconds} s, hang ${hangSeconds} s)`);
                const vars = uefi?.vars ? await copyVars(uefi.vars, attemptWork) : undefined;
                const command = media.kind === "runner"
                    ? { command: media.script, args: [], env: runnerEnv(arch, attemptWork, process.env, accel) }
                    : { command: tools.qemu, args: qemuArgs({ arch, accel, firmware, medium: medium, ...(uefi ? { uefi: { code: uefi.code, ...(vars ? { vars } : {}) } } : {}) }) };
                const run = await runQemu({
                    ...command,
                    cwd: attemptWork,
                    logFile,
                    timeoutSeconds,
                    hangSeconds,
                    ...(accel === "kvm" ? { kernelWithinSeconds: KVM_KERNEL_WITHIN } : {}),
                    onStage: (stage, s) => log(`${tag}: ${stage} (${s.toFixed(1)} s)`),
                    ...(options.signal ? { signal: options.signal } : {}),
                });
                const attempt = { firmware, accel, ok: run.ok, reason: run.reason, seconds: run.seconds, stages: run.stages, lastLines: run.lastLines, log: logFile, ...(run.kind ? { kind: run.kind } : {}), ...(fallback ? { kvmFallback: fallback } : {}) };
                // A KVM that cannot run the guest (its kernel never showed): boot again under TCG.
                if (accel === "kvm" && !run.ok && (run.kind === "kvm" || (!run.kernelSeen && run.kind !== "panic" && run.kind !== "emergency"))) {
                    fallback = run.reason;
                    log(`${tag}: KVM did not run the guest (${run.reason}); booting again under TCG`);
                    continue;
                }
                attempts.push(attempt);
                log(`${tag}: ${run.ok ? "booted" : "FAILED"} (${firmware}, ${accel}) in ${run.seconds} s: ${run.reason}`);
                break;
            }
        }
        const failed = attempts.filter((a) => !a.ok);
        const reason = failed.length > 0
            ? failed.map((a) => `${a.firmware === "direct" ? "" : `${a.firmware}: `}${a.reason}`).join("; ")
            : `booted (${attempts.map((a) => `${a.firmware} ${a.accel} ${a.seconds} s`).join(", ")})`;
        return { format: format.name, system, file, status: failed.length > 0 ? "failed" : "booted", reason, medium: media.note, attempts };
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 272:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ bootFailure),
/* harmony export */   Nf: () => (/* reexport safe */ _boot_image_js__WEBPACK_IMPORTED_MODULE_3__.Nf),
/* harmony export */   qT: () => (/* reexport safe */ _boot_image_js__WEBPACK_IMPORTED_MODULE_3__.qT),
/* harmony export */   wX: () => (/* binding */ bootAll)
/* harmony export */ });
/* unused harmony export inParallel */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(296);
/* harmony import */ var _boot_image_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(407);
// The boot test: boot each image of a run, in parallel up to the cores, and
// turn failures into one message each (exit code 6, ExitCode.boot).





/** Runs `work` over `items`, at most `limit` at once, results in the items' order. */
async function inParallel(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    });
    await Promise.all(lanes);
    return results;
}
/** Boots every job, up to `parallel` (default: the cores) at once. */
function bootAll(jobs, options) {
    const parallel = options.parallel ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)();
    return inParallel(jobs, parallel, async (job) => {
        if (job.logDir)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(job.logDir, { recursive: true });
        return (0,_boot_image_js__WEBPACK_IMPORTED_MODULE_3__/* .bootImage */ .qT)(job.file, job.format, job.system, { ...options, logName: job.logName, logDir: job.logDir ?? options.logDir });
    });
}
/** The error of a failed boot: what failed and why, the console's last lines, where the log is. */
function bootFailure(result) {
    const failed = result.attempts.filter((a) => !a.ok);
    const details = failed
        .map((a) => [`${a.firmware} (${a.accel}, ${a.seconds} s): ${a.reason}`, `console log: ${a.log}`, "last console lines:", ...a.lastLines.map((l) => `  | ${l}`)].join("\n"))
        .join("\n\n");
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`The ${result.format} image for ${result.system} did not boot: ${result.reason}.`, 
    // No attempt: QEMU never started, the file is not what its format builds (media.ts).
    failed.length > 0 ? "Read the console's last lines below (and its log); the image was not published." : "Check the image with `nixos-generate verify`; it was not booted, nor published.", result.exitCode === _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment ? _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment : _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.boot, details || undefined);
}


/***/ }),

/***/ 181:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ nixPackageBuilder)
/* harmony export */ });
/* unused harmony export nixBuildArgs */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(296);
/* harmony import */ var _nix_run_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(94);


/** The `nix build` arguments for one attribute of the configuration's nixpkgs. */
function nixBuildArgs(attribute, source) {
    const common = ["build", "--no-link", "--print-out-paths"];
    const includes = source.includes.flatMap((i) => ["-I", `${i.key}=${i.value}`]);
    if (source.config.kind === "flake") {
        return [...common, ...includes, `${source.config.uri}#nixosConfigurations.${JSON.stringify(source.config.name)}.pkgs.${attribute}`];
    }
    return [...common, ...includes, "--impure", "--expr", `(import <nixpkgs> { }).${attribute}`];
}
function nixPackageBuilder(source, options = {}) {
    const cache = new Map();
    return (attribute) => {
        let pending = cache.get(attribute);
        if (!pending) {
            pending = (async () => {
                const args = nixBuildArgs(attribute, source);
                options.log?.(`boot: ${attribute} is not on this machine; nix ${args.join(" ")}`);
                const result = await (0,_nix_run_js__WEBPACK_IMPORTED_MODULE_1__/* .runNix */ .dI)("nix", args, options.signal ? { signal: options.signal } : {});
                const out = result.stdout.trim().split("\n").pop() ?? "";
                if (result.code !== 0 || !out.startsWith("/")) {
                    const last = result.stderr.trim().split("\n").slice(-1)[0] ?? `exit ${result.code}`;
                    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`nix build of ${attribute} failed: ${last}`, "Install it on the machine instead.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.environment);
                }
                return out;
            })();
            cache.set(attribute, pending);
        }
        return pending;
    };
}


/***/ }),

/***/ 307:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ kvmDevice),
/* harmony export */   R: () => (/* binding */ bootStep)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _boot_image_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(407);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(272);
/* harmony import */ var _nix_packages_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(181);
// The pipeline's boot step: after verification, boot every image that passed
// (catalogue formats by their boot facts, custom ones by their declared
// container), in parallel up to the cores; one that does not boot fails with
// its reason and console log, as one that fails verification does.






function kvmDevice(env = process.env) {
    return env.NIXOS_GENERATORS_KVM_DEVICE || "/dev/kvm";
}
function bootFormatOf(image) {
    const format = image.target.format;
    if (format.kind === "catalogue")
        return format.entry;
    const container = image.evaluated.container;
    if (!container)
        return undefined;
    return { name: image.format, container, compression: "none", boot: (0,_boot_image_js__WEBPACK_IMPORTED_MODULE_3__/* .bootFactsOf */ .Js)(container) };
}
/** Boots the images; each gets a result, a failure or the reason it was not booted. */
async function bootStep(images, request, options) {
    const settings = request.boot ?? {};
    const logDir = settings.logDir ?? (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), "nixos-generate-boot-")));
    const kvm = await (0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .kvmUsable */ .Nf)(kvmDevice());
    options.log(`boot: ${kvm ? `KVM (${kvmDevice()} opens)` : `TCG (no usable ${kvmDevice()}; slower)`}; console logs in ${logDir}`);
    const systems = new Set(images.map((i) => i.target.system));
    const out = images.map((image) => ({ image }));
    const jobs = [];
    images.forEach((image, index) => {
        const format = bootFormatOf(image);
        const entry = out[index];
        if (!format)
            entry.skipped = `${image.format} is a custom format that declares no formatContainer, so how it boots is unknown`;
        else if (!format.boot)
            entry.skipped = `${image.format} is not booted (${format.container})`;
        else
            jobs.push({
                index,
                file: image.file ?? image.storePath,
                format,
                system: image.target.system,
                logName: systems.size > 1 ? `${image.format}-${image.target.system}` : image.format,
                // In out-dir: beside the image, in its <format>-<system> directory.
                ...(settings.logDir ? { logDir: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(settings.logDir, `${image.format}-${image.target.system}`) } : {}),
            });
    });
    for (const e of out)
        if (e.skipped)
            options.log(`boot: ${e.skipped}`);
    const nix = (0,_nix_packages_js__WEBPACK_IMPORTED_MODULE_5__/* .nixPackageBuilder */ .B)({ config: request.config, includes: request.includes }, { log: options.log, ...(options.signal ? { signal: options.signal } : {}) });
    const results = await (0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .bootAll */ .wX)(jobs, {
        kvm,
        logDir,
        tools: { nix },
        log: options.log,
        ...(settings.timeoutSeconds !== undefined ? { timeoutSeconds: settings.timeoutSeconds } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
    });
    results.forEach((result, i) => {
        const entry = out[jobs[i]?.index ?? -1];
        entry.result = result;
        if (result.status === "failed")
            entry.error = (0,_index_js__WEBPACK_IMPORTED_MODULE_4__/* .bootFailure */ .$v)(result);
        if (result.status === "skipped")
            entry.skipped = result.reason;
    });
    return out;
}


/***/ }),

/***/ 934:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  lw: () => (/* binding */ OPTIONS),
  OF: () => (/* binding */ SHELLS),
  Vh: () => (/* binding */ SUBCOMMANDS),
  MW: () => (/* binding */ optionSynopsis),
  Zy: () => (/* binding */ parseArgs)
});

// UNUSED EXPORTS: optionName

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: ./src/core/catalogue.ts
var core_catalogue = __nccwpck_require__(318);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(296);
// EXTERNAL MODULE: ./src/core/system-error.ts
var system_error = __nccwpck_require__(257);
;// CONCATENATED MODULE: ./src/core/disk-size.ts
// --disk-size / the action's disk-size input: MiB, "auto", or a size with a binary unit.

/** The largest size accepted, in MiB (16 TiB). */
const MAX_DISK_SIZE_MIB = 16 * 1024 * 1024;
/** The forms parseDiskSize accepts, for help texts and error messages. */
const DISK_SIZE_FORMS = "a whole number of MiB (20480), a size with a binary unit (512M, 512MiB, 20G, 20GiB, 1.5G, 1T), or 'auto'";
const UNIT_MIB = {
    "": 1n,
    m: 1n,
    mib: 1n,
    g: 1024n,
    gib: 1024n,
    t: 1024n * 1024n,
    tib: 1024n * 1024n,
};
const DECIMAL_UNITS = new Set(["mb", "gb", "tb", "k", "kb", "kib", "b"]);
function invalid(text, why) {
    return new errors/* UserError */.yo(`invalid disk size '${text}': ${why}.`, `Give ${DISK_SIZE_FORMS}; the largest is 16T.`, errors/* ExitCode */.yU.usage, undefined, "diskSize");
}
/**
 * Parses a disk size. A bare number is MiB (as nixpkgs' diskSize); units are
 * binary (M = MiB, G = GiB, T = TiB, case-insensitive); the result must be a
 * whole number of MiB between 1 MiB and 16 TiB. Throws one UserError otherwise.
 */
function parseDiskSize(text) {
    const trimmed = text.trim();
    if (trimmed === "")
        throw invalid(text, "it is empty");
    if (trimmed.toLowerCase() === "auto")
        return "auto";
    const m = /^([0-9]+)(?:\.([0-9]+))?\s*([a-zA-Z]*)$/.exec(trimmed);
    if (!m) {
        if (/^-/.test(trimmed))
            throw invalid(text, "a size cannot be negative");
        throw invalid(text, "it is not a number with an optional unit");
    }
    const whole = m[1] ?? "0";
    const fraction = m[2] ?? "";
    const unit = (m[3] ?? "").toLowerCase();
    const perUnit = UNIT_MIB[unit];
    if (perUnit === undefined) {
        if (DECIMAL_UNITS.has(unit)) {
            throw new errors/* UserError */.yo(`invalid disk size '${text}': the unit '${m[3]}' is not accepted (sizes are binary and counted in MiB).`, `Write the size with M, G or T (binary: 1G = 1024 MiB), e.g. ${whole}${fraction ? "." + fraction : ""}${unit.startsWith("t") ? "T" : unit.startsWith("g") ? "G" : "M"}; accepted: ${DISK_SIZE_FORMS}.`, errors/* ExitCode */.yU.usage, undefined, "diskSize");
        }
        throw invalid(text, `'${m[3]}' is not a unit`);
    }
    // Exact arithmetic: (whole.fraction × perUnit) must be a whole number of MiB.
    const scale = 10n ** BigInt(fraction.length);
    const numerator = (BigInt(whole) * scale + BigInt(fraction === "" ? "0" : fraction)) * perUnit;
    if (numerator === 0n)
        throw invalid(text, "a disk cannot be empty");
    if (numerator % scale !== 0n) {
        throw invalid(text, unit === "" ? "a bare number counts whole MiB, and fractions of a MiB are not possible" : "it is not a whole number of MiB");
    }
    const mib = numerator / scale;
    if (mib > BigInt(MAX_DISK_SIZE_MIB))
        throw invalid(text, "it is larger than 16 TiB");
    return Number(mib);
}
/** Shows a size in MiB the short way: 20480 → "20G", 1536 → "1536M", "auto" → "auto". */
function formatDiskSize(size) {
    if (size === "auto")
        return "auto";
    if (size % (1024 * 1024) === 0)
        return `${size / (1024 * 1024)}T`;
    if (size % 1024 === 0)
        return `${size / 1024}G`;
    return `${size}M`;
}

// EXTERNAL MODULE: ./src/core/resolve-formats.ts
var resolve_formats = __nccwpck_require__(734);
// EXTERNAL MODULE: ./src/core/request.ts
var core_request = __nccwpck_require__(506);
;// CONCATENATED MODULE: ./src/core/targets.ts
// Format names and systems as the user gives them → the targets (format x
// system) of a request. Shared by the command line and the action.




/** The custom format a --format-path file defines: named after the file. */
function customFormatName(formatPath) {
    return (0,external_node_path_.basename)(formatPath).replace(/\.nix$/, "");
}
/** Tells how to build `format` on the systems it has, from `wanted`. */
function unavailable(format, wanted, asked, systemCount, labels) {
    const other = format.systems[0] ?? "aarch64-linux";
    const via = asked === format.name ? `'${format.name}'` : `'${asked}' (${format.name})`;
    const alone = systemCount > 1 ? ` in a run of its own (each format is built for every system of ${labels.name.systems})` : "";
    return new errors/* UserError */.yo(`format ${via} is not available for ${wanted}: it builds for ${format.systems.join(" and ")} only.`, `Build it with ${labels.example("systems", other)}${alone}; ` +
        `building for another CPU than the host's needs binfmt emulation: on NixOS set boot.binfmt.emulatedSystems = [ "${other}" ]; ` +
        `elsewhere install qemu-user-static and add 'extra-platforms = ${other}' to nix.conf.`, errors/* ExitCode */.yU.usage, undefined, "formats");
}
function choose(name, catalogue, customAllowed) {
    const entry = catalogue.lookup(name.trim());
    if (entry)
        return { kind: "catalogue", entry };
    if (customAllowed && name.trim() !== "")
        return { kind: "custom", name: name.trim(), from: "configuration" };
    return { kind: "catalogue", entry: (0,resolve_formats/* lookupFormat */.o9)(name, catalogue) };
}
/**
 * The targets to build: each format (first place kept for duplicates) for
 * each system, in order. With `all`, every catalogue format for each system
 * it has (the others left out); otherwise a catalogue format a system lacks is
 * a UserError (field "formats"), or left out too with `skipUnavailable`.
 */
function resolveTargets(input, catalogue, labels) {
    const systems = [...new Set(input.systems)];
    const fail = (problem, fix, field = "formats") => new errors/* UserError */.yo(problem, fix, errors/* ExitCode */.yU.usage, undefined, field);
    if (systems.length === 0)
        throw fail("no system given.", `${labels.set("systems", (0,resolve_formats/* orList */.A3)(["x86_64-linux", "aarch64-linux"]))}.`, "systems");
    if (input.all && input.names.length > 0) {
        throw fail(`${labels.allFormats} was given together with the format(s) ${input.names.join(", ")}.`, `Ask for either ${labels.allFormats} (every format) or the formats you want, not both.`);
    }
    if (!input.all && input.names.length === 0 && input.formatPath === undefined) {
        throw fail("no format given.", `${labels.set("formats", `format names or ${labels.allFormats}`)} (see the formats with 'nixos-generate --list').`);
    }
    const chosen = input.all
        ? catalogue.formats.map((entry) => ({ kind: "catalogue", entry }))
        : input.names.map((name) => choose(name, catalogue, input.customAllowed));
    if (input.formatPath !== undefined)
        chosen.push({ kind: "custom", name: customFormatName(input.formatPath), from: "format-path" });
    const seen = new Set();
    const targets = [];
    chosen.forEach((format, index) => {
        const name = (0,core_request/* formatName */.nD)(format);
        if (seen.has(name))
            return;
        seen.add(name);
        for (const system of systems) {
            if (format.kind === "catalogue" && !format.entry.systems.includes(system)) {
                if (input.all || input.skipUnavailable)
                    continue;
                throw unavailable(format.entry, system, (input.names[index] ?? name).trim(), systems.length, labels);
            }
            targets.push({ format, system });
        }
    });
    return targets;
}

// EXTERNAL MODULE: ./src/core/aarch64-boot.ts
var aarch64_boot = __nccwpck_require__(895);
;// CONCATENATED MODULE: ./src/core/validate.ts
// Checks on a request before any Nix call, shared by the command line and the
// action: `validate` is the one entry both call. Each problem is one UserError
// naming its field (the first found is thrown), worded with the front end's
// labels; things that are allowed but probably not meant come back as warnings.








const GiB = 1024 ** 3;
function fieldError(field, problem, fix, exitCode = errors/* ExitCode */.yU.usage) {
    return new errors/* UserError */.yo(problem, fix, exitCode, undefined, field);
}
/** Below this much free space in TMPDIR a build gets a warning. */
const MIN_FREE_TMP_BYTES = 20 * GiB;
/**
 * Splits "URI#NAME". The name is required (there is no guessing from the host
 * name); a leading "nixosConfigurations." is dropped, so ".#nixosConfigurations.web"
 * means ".#web". Quotes around the name (".#\"my.host\"") are removed.
 */
function parseFlakeRef(text, labels) {
    const trimmed = text.trim();
    const hash = trimmed.indexOf("#");
    const example = `e.g. ${labels.example("flake", ".#myhost")} builds nixosConfigurations.myhost of the flake in the current directory`;
    const bad = (problem, fix) => fieldError("flake", problem, fix);
    if (trimmed === "")
        throw bad("the flake reference is empty.", `Give the flake and the configuration's name, ${example}.`);
    if (hash < 0 || hash === trimmed.length - 1) {
        throw bad(`the flake reference '${text}' does not name a configuration (no '#NAME').`, `Add '#' and the name of the nixosConfigurations entry to build, ${example}.`);
    }
    const uri = trimmed.slice(0, hash);
    let name = trimmed.slice(hash + 1);
    if (uri === "")
        throw bad(`the flake reference '${text}' has no flake before '#'.`, `Put the flake's location before '#', ${example}.`);
    if (name.startsWith("nixosConfigurations."))
        name = name.slice("nixosConfigurations.".length);
    if (/^".+"$/.test(name))
        name = name.slice(1, -1);
    if (name === "" || /[\s#"]/.test(name)) {
        throw bad(`the flake reference '${text}' has an invalid configuration name '${name}'.`, `Name one nixosConfigurations entry after '#' (no spaces, quotes or second '#'), ${example}.`);
    }
    return { uri, name };
}
/**
 * A flake reference with a local relative path made absolute against `cwd`,
 * as Nix itself reads it (builtins.getFlake takes no relative paths).
 */
function absoluteFlakeUri(uri, cwd) {
    const local = /^(path:)?(\.{1,2}(?:\/[^?#]*)?)(\?.*)?$/.exec(uri);
    if (!local)
        return uri;
    return `${local[1] ?? ""}${(0,external_node_path_.resolve)(cwd, local[2] ?? ".")}${local[3] ?? ""}`;
}
/**
 * Where the configuration comes from: a file, a flake URI#NAME, else
 * NIXOS_CONFIG (`env`), else the embedded default. Both at once is a
 * UserError. A file path and a local flake are made absolute against `cwd`.
 */
function resolveConfigSource(given, labels, env = {}, cwd = process.cwd()) {
    if (given.configuration !== undefined && given.flake !== undefined) {
        throw fieldError("config", `both a configuration file (${given.configuration}) and a flake (${given.flake}) were given.`, `Give either ${labels.example("config", "PATH")} (a configuration.nix) or ${labels.example("flake", "URI#NAME")} (a flake's nixosConfigurations entry), not both.`);
    }
    if (given.flake !== undefined) {
        const ref = parseFlakeRef(given.flake, labels);
        return { kind: "flake", uri: absoluteFlakeUri(ref.uri, cwd), name: ref.name };
    }
    const path = given.configuration ?? (env.NIXOS_CONFIG ? env.NIXOS_CONFIG : undefined);
    if (path === undefined)
        return { kind: "default" };
    if (path.trim() === "") {
        throw fieldError("config", "the configuration path is empty.", `${labels.set("config", "the path of your configuration.nix")}, e.g. ${labels.example("config", "./configuration.nix")}.`);
    }
    return { kind: "file", path: (0,external_node_path_.resolve)(cwd, path) };
}
/**
 * Argument names the module system and NixOS give every module themselves; a
 * special arg of one of these names (always a string here) would replace it.
 * From nixpkgs: lib/modules.nix (evalModules passes lib, config, options,
 * specialArgs, _class, _prefix; _module.args has extendModules, moduleType),
 * nixos/lib/eval-config-minimal.nix (modulesPath), nixos/lib/eval-config.nix
 * (_module.args: baseModules, extraModules, modules, noUserModules),
 * nixos/modules/misc/nixpkgs.nix (pkgs), nixos/modules/misc/extra-arguments.nix (utils).
 */
const RESERVED_SPECIAL_ARGS = {
    lib: "nixpkgs' library",
    config: "the configuration itself",
    options: "the option declarations",
    pkgs: "the package set",
    modulesPath: "the directory of NixOS' modules, which imports use",
    specialArgs: "the special arguments themselves",
    _class: "the module class",
    _prefix: "the option path prefix",
    extendModules: "the function that extends the configuration",
    moduleType: "the configuration's module type",
    baseModules: "NixOS' module list",
    extraModules: "the extra modules of the evaluation",
    modules: "the configuration's modules",
    noUserModules: "the configuration without its user modules",
    utils: "NixOS' utility functions",
};
function checkSpecialArgs(request, labels) {
    for (const { name } of request.specialArgs) {
        const what = Object.hasOwn(RESERVED_SPECIAL_ARGS, name) ? RESERVED_SPECIAL_ARGS[name] : undefined;
        if (what === undefined)
            continue;
        throw fieldError("specialArgs", `the special argument '${name}' is a name the NixOS module system gives every module itself (${what}); a string of that name would replace it.`, `Give your argument another name (e.g. '${name.replace(/^_/, "")}Value' in ${labels.name.specialArgs}); these names are reserved: ${Object.keys(RESERVED_SPECIAL_ARGS).join(", ")}.`);
    }
}
/** The checks that need no file system: --run, and the disk size against the formats. */
function checkRequest(request, catalogue, labels) {
    const warnings = [];
    const L = labels.name;
    const names = [...new Set(request.targets.map((t) => (0,core_request/* formatName */.nD)(t.format)))];
    const formats = [...new Set(request.targets.flatMap((t) => (t.format.kind === "catalogue" ? [t.format.entry] : [])))];
    const custom = request.targets.some((t) => t.format.kind === "custom");
    checkSpecialArgs(request, labels);
    if (request.run) {
        const runnable = catalogue.formats.filter((f) => f.runnable).map((f) => f.name);
        if (names.length > 1) {
            throw fieldError("run", `${L.run} starts one machine, but ${names.length} formats were asked for (${names.join(", ")}).`, `Pass exactly one runnable format with ${L.run}: ${(0,resolve_formats/* orList */.A3)(runnable)}.`);
        }
        const systems = [...new Set(request.targets.map((t) => t.system))];
        if (systems.length > 1) {
            throw fieldError("run", `${L.run} starts one machine, but ${systems.length} systems were asked for (${systems.join(", ")}).`, `Pass at most one ${L.systems} with ${L.run} (by default the host's).`);
        }
        const only = formats[0];
        if (only && !only.runnable) {
            throw fieldError("run", `${L.run} cannot start format '${only.name}': it makes an image, not a runnable machine.`, `Use ${L.run} with ${(0,resolve_formats/* orList */.A3)(runnable)}, or drop ${L.run} to just build '${only.name}'.`);
        }
    }
    if (request.builder === "repart") {
        const refused = formats.filter((f) => !f.builders.includes("repart"));
        if (refused.length > 0) {
            const repart = catalogue.formats.filter((f) => f.builders.includes("repart")).map((f) => f.name);
            throw fieldError("builder", `the repart builder cannot make ${(0,resolve_formats/* orList */.A3)(refused.map((f) => f.name))}: it makes GPT disks that boot by UEFI, and ${refused.length === 1 ? "that format is" : "those formats are"} not one (BIOS/MBR disks, ISOs, tarballs, VM runners; see nix/builders/README.md).`, `Build ${refused.length === 1 ? "it" : "them"} with ${labels.example("builder", "vm")} (the default) in a run of ${refused.length === 1 ? "its" : "their"} own; repart makes ${(0,resolve_formats/* orList */.A3)(repart)}.`);
        }
    }
    for (const target of request.targets) {
        if (target.format.kind !== "catalogue")
            continue;
        const why = (0,aarch64_boot/* unbootableOn */.T)(target.format.entry, target.system);
        if (why)
            warnings.push(`${why}; it is built as nixpkgs builds it, but build raw-efi for an aarch64 disk that boots.`);
    }
    if (request.diskSize !== undefined) {
        const sized = formats.filter((f) => f.diskSize);
        const unsized = formats.filter((f) => !f.diskSize);
        if (request.diskSize === "auto") {
            const noAuto = sized.filter((f) => !f.diskSizeAuto);
            if (noAuto.length > 0) {
                throw fieldError("diskSize", `disk size 'auto' is not possible for ${(0,resolve_formats/* orList */.A3)(noAuto.map((f) => f.name))}: ${noAuto.length === 1 ? "it needs" : "they need"} a fixed size.`, `Give a size such as ${labels.example("diskSize", "20G")}, or drop ${L.diskSize} to keep the format's default size.`);
            }
        }
        const shown = formatDiskSize(request.diskSize);
        if (sized.length === 0 && !custom) {
            warnings.push(`${labels.example("diskSize", shown)} has no effect: none of the formats asked for (${formats.map((f) => f.name).join(", ")}) takes a disk size; ` +
                `drop ${L.diskSize} (the formats that take one are listed by 'nixos-generate --list').`);
        }
        else if (unsized.length > 0) {
            warnings.push(`${labels.example("diskSize", shown)} does not apply to ${unsized.map((f) => f.name).join(", ")}; ${unsized.length === 1 ? "it sizes" : "they size"} ${unsized.length === 1 ? "itself" : "themselves"}.`);
        }
    }
    return warnings;
}
/**
 * `read(path)` (lstatSync or statSync), with "not there" (ENOENT, or a file
 * on the way: ENOTDIR) as undefined; any other system error (a symlink loop,
 * a name over 255 bytes, no permission) is the UserError of `context`.
 */
function statsOrUndefined(read, path, context) {
    try {
        return read(path);
    }
    catch (e) {
        if ((0,system_error/* isNotThere */.kN)(e))
            return undefined;
        throw (0,system_error/* systemError */.Oj)(e, context);
    }
}
/** The path's own stats (a symbolic link as itself), or undefined when it is not there. */
const lstatOrUndefined = (path, context) => statsOrUndefined(external_node_fs_.lstatSync, path, context);
/** The stats after symbolic links (a dangling one is undefined). */
const statOrUndefined = (path, context) => statsOrUndefined(external_node_fs_.statSync, path, context);
/** The context of a user's path that `problem` (e.g. "the configuration file ./c.nix cannot be read") is about. */
function userPath(field, problem, target) {
    return { problem, target, owner: "user", field };
}
/**
 * Checks that `path` can be read: it exists, is not a dangling symlink, and
 * access(R_OK) passes. `what` names it in messages ("configuration file");
 * `fix` says what to pass instead. Returns its stats (after symlinks).
 */
function checkReadable(field, path, what, given, fix) {
    const context = userPath(field, `the ${what} ${given} cannot be read`, path);
    const link = lstatOrUndefined(path, context);
    if (!link)
        throw fieldError(field, `the ${what} ${given} does not exist${given !== path ? ` (looked for ${path})` : ""}.`, fix);
    let stats;
    try {
        stats = (0,external_node_fs_.statSync)(path);
    }
    catch (e) {
        const code = (0,system_error/* errnoCode */.UK)(e);
        if (link.isSymbolicLink() && (code === "ENOENT" || code === "ENOTDIR")) {
            throw fieldError(field, `the ${what} ${given} is a symbolic link to a file that does not exist.`, fix);
        }
        throw (0,system_error/* systemError */.Oj)(e, context);
    }
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.R_OK);
    }
    catch (e) {
        throw fieldError(field, `the ${what} ${given} cannot be read (${(0,system_error/* errnoCode */.UK)(e) ?? "no permission"}).`, `Make it readable for this user (chmod u+r), or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`);
    }
    return stats;
}
function checkConfig(config, given, cwd, from, labels) {
    if (config.kind === "file") {
        const shown = given ?? config.path;
        const path = (0,external_node_path_.resolve)(cwd, config.path);
        const fix = from
            ? `Set ${from} to your NixOS configuration (a .nix file, or a directory with default.nix), or give ${labels.example("config", "PATH")}.`
            : `${labels.set("config", "the path of your NixOS configuration (a .nix file, or a directory with default.nix)")}; relative paths are from ${cwd}.`;
        const stats = checkReadable("config", path, from ? `configuration file (from ${from})` : "configuration file", shown, fix);
        if (stats.isDirectory()) {
            const entry = (0,external_node_path_.join)(path, "default.nix");
            if (!lstatOrUndefined(entry, userPath("config", `the configuration file ${entry} cannot be read`, entry))) {
                throw fieldError("config", `the configuration ${shown} is a directory without a default.nix.`, `Point ${labels.name.config} at the configuration file itself (e.g. ${labels.example("config", (0,external_node_path_.join)(shown, "configuration.nix"))}), or add a default.nix to the directory.`);
            }
            checkReadable("config", entry, "configuration file", entry, fix);
        }
    }
    else if (config.kind === "flake") {
        // A local flake must exist; remote ones are Nix's to fetch.
        const local = /^(?:path:)?(?:\.\.?(?:\/|$|\?)|\/)/.test(config.uri) ? config.uri.replace(/^path:/, "").replace(/[?].*$/, "") : undefined;
        const flakeDir = local === undefined ? undefined : (0,external_node_path_.resolve)(cwd, local);
        if (flakeDir !== undefined && !lstatOrUndefined(flakeDir, userPath("flake", `the flake directory ${local} cannot be read`, flakeDir))) {
            throw fieldError("flake", `the flake directory ${local} does not exist (looked for ${flakeDir}).`, `${labels.set("flake", "the directory that holds your flake.nix and the configuration's name")}, e.g. ${labels.example("flake", ".#myhost")}.`);
        }
    }
}
function checkFormatPath(formatPath, given, cwd, labels) {
    const path = (0,external_node_path_.resolve)(cwd, formatPath);
    const fix = `${labels.set("formatPath", "a readable .nix file holding a format module")}.`;
    if (!formatPath.endsWith(".nix"))
        throw fieldError("formatPath", `the format file ${given} is not a .nix file.`, fix);
    const stats = checkReadable("formatPath", path, "format file", given, fix);
    if (!stats.isFile())
        throw fieldError("formatPath", `the format file ${given} is not a file.`, fix);
}
function checkOutLink(outLink, given, cwd, labels) {
    const path = (0,external_node_path_.resolve)(cwd, outLink);
    const dir = (0,external_node_path_.dirname)(path);
    const o = labels.name.outLink;
    const context = userPath("outLink", `the out-link ${given} cannot be made`, path);
    const dirLink = lstatOrUndefined(dir, { ...context, target: dir });
    const dirStats = dirLink && statOrUndefined(dir, { ...context, target: dir });
    if (!dirStats) {
        throw fieldError("outLink", `the out-link ${given} is in a directory that does not exist (${dir}).`, `Create the directory first (mkdir -p ${dir}) or give another ${labels.example("outLink", "PATH")}.`);
    }
    if (!dirStats.isDirectory())
        throw fieldError("outLink", `the out-link ${given} is under ${dir}, which is not a directory.`, `Give ${o} a path in an existing directory.`);
    try {
        (0,external_node_fs_.accessSync)(dir, external_node_fs_.constants.W_OK);
    }
    catch (e) {
        throw fieldError("outLink", `the out-link ${given} cannot be made: the directory ${dir} is not writable (${(0,system_error/* errnoCode */.UK)(e) ?? String(e)}${(0,system_error/* errnoCode */.UK)(e) === "EROFS" ? ", a read-only file system" : ""}).`, `Give ${o} a path in a directory you can write to.`);
    }
    const existing = lstatOrUndefined(path, context);
    if (existing && !existing.isSymbolicLink()) {
        throw fieldError("outLink", `the out-link ${given} already exists and is not a symbolic link (a ${existing.isDirectory() ? "directory" : "file"}); it is left as it is.`, `Move it away or give another ${labels.example("outLink", "PATH")}: only an earlier out-link (a symlink) is replaced.`);
    }
}
/** A search-path value that is a URL (channel:, flake:, https://…), not a local path. */
function isUrl(value) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}
/** The files of nixpkgs that nix/eval.nix imports from the tree (`nixpkgs + "/lib"`, `+ "/nixos/lib/eval-config.nix"`). */
const NIXPKGS_TREE_FILES = ["lib/default.nix", "nixos/lib/eval-config.nix"];
/**
 * A local nixpkgs (-I nixpkgs=DIR, the action's nixpkgs input) must be a
 * nixpkgs tree: a directory with lib/default.nix and nixos/lib/eval-config.nix.
 * `given` is the value as the user wrote it; `path` is it made absolute.
 */
function checkNixpkgsTree(path, given, labels) {
    const fix = `${labels.set("nixpkgs", "a nixpkgs checkout (the directory that holds lib/ and nixos/, e.g. a clone of github.com/NixOS/nixpkgs) or a URL such as channel:nixos-25.05")}; leave it out to use <nixpkgs> from NIX_PATH.`;
    const shown = `the nixpkgs ${given}${given !== path ? ` (${path})` : ""}`;
    const context = userPath("nixpkgs", `${shown} cannot be read`, path);
    const stats = lstatOrUndefined(path, context) && statOrUndefined(path, context);
    if (!stats)
        throw fieldError("nixpkgs", `${shown} does not exist.`, fix);
    if (!stats.isDirectory())
        throw fieldError("nixpkgs", `${shown} is a file, not a nixpkgs directory.`, fix);
    const missing = NIXPKGS_TREE_FILES.filter((file) => !statOrUndefined((0,external_node_path_.join)(path, file), context)?.isFile());
    if (missing.length > 0) {
        throw fieldError("nixpkgs", `${shown} is not a nixpkgs tree: it has no ${missing.join(" and no ")}.`, fix);
    }
}
function checkIncludes(request, cwd, labels) {
    for (const { key, value } of request.includes) {
        if (key === "nixpkgs" && !isUrl(value))
            checkNixpkgsTree((0,external_node_path_.resolve)(cwd, value), value, labels);
    }
}
/**
 * A directory the run will create (if needed) and write into: it is not a
 * file, no directory on its way is a file, and the nearest one that exists is
 * writable. `what` names it ("The input 'out-dir' (…)"); `fix` ends each message.
 */
function checkOutputDirectory(path, what, fix, exitCode = ExitCode.usage) {
    const owner = exitCode === ExitCode.usage ? "user" : "runner";
    const context = { problem: `${what} cannot be used`, target: path, owner };
    let existing = path;
    for (;;) {
        const stats = statOrUndefined(existing, context);
        if (stats) {
            if (!stats.isDirectory()) {
                throw new UserError(existing === path ? `${what} is a file, not a directory.` : `${what} is under ${existing}, which is a file, not a directory.`, fix, exitCode);
            }
            break;
        }
        if (dirname(existing) === existing)
            break;
        existing = dirname(existing);
    }
    try {
        accessSync(existing, constants.W_OK);
    }
    catch (e) {
        const code = errnoCode(e) ?? "EACCES";
        throw new UserError(`${what} cannot be written: ${existing} is not writable (${errnoWords(code, existing) ?? code}, ${code}).`, fix, exitCode);
    }
}
function checkTmp(request, env, minFree) {
    const tmp = env.TMPDIR ? env.TMPDIR : "/tmp";
    let free;
    try {
        const s = (0,external_node_fs_.statfsSync)(tmp);
        free = s.bavail * s.bsize;
    }
    catch (e) {
        throw new errors/* UserError */.yo(`the temporary directory ${tmp}${env.TMPDIR ? " (TMPDIR)" : ""} cannot be used (${(0,system_error/* errnoCode */.UK)(e) ?? String(e)}).`, "Set TMPDIR to an existing directory on a disk with space, or unset it.", errors/* ExitCode */.yU.environment);
    }
    const sizeBytes = typeof request.diskSize === "number" ? request.diskSize * 1024 * 1024 : 0;
    const need = Math.max(minFree, sizeBytes);
    if (free < need) {
        const gib = (n) => `${(n / GiB).toFixed(1)} GiB`;
        return [
            `only ${gib(free)} is free in ${tmp}${env.TMPDIR ? " (TMPDIR)" : ""}; image builds can need ${gib(need)} or more there. ` +
                "If the build fails for lack of space, set TMPDIR to a larger disk.",
        ];
    }
    return [];
}
/**
 * Every check before Nix runs, for both front ends: the request itself (--run,
 * disk size against the formats), then, unless `files` is false, the
 * configuration (file or local flake), the format file, the out-link, a local
 * -I nixpkgs= tree, and free space in TMPDIR (skipped for a dry run). Throws the first UserError; returns
 * the warnings.
 */
function validate(request, catalogue, opts) {
    const { labels } = opts;
    const warnings = checkRequest(request, catalogue, labels);
    if (opts.files === false)
        return { warnings };
    const cwd = opts.cwd ?? process.cwd();
    checkConfig(request.config, opts.asGiven?.config, cwd, opts.configFrom, labels);
    if (request.formatPath !== undefined)
        checkFormatPath(request.formatPath, opts.asGiven?.formatPath ?? request.formatPath, cwd, labels);
    if (request.outLink !== undefined)
        checkOutLink(request.outLink, opts.asGiven?.outLink ?? request.outLink, cwd, labels);
    checkIncludes(request, cwd, labels);
    if (!request.dryRun)
        warnings.push(...checkTmp(request, opts.env ?? process.env, opts.minFreeTmpBytes ?? MIN_FREE_TMP_BYTES));
    return { warnings };
}

;// CONCATENATED MODULE: ./src/cli/labels.ts
const NAMES = {
    formats: "-f",
    systems: "--system",
    config: "-c",
    flake: "--flake",
    diskSize: "--disk-size",
    formatPath: "--format-path",
    outLink: "-o",
    run: "--run",
    specialArgs: "--special-arg",
    nixpkgs: "-I nixpkgs=",
    builder: "--builder",
};
const CLI_LABELS = {
    name: NAMES,
    example: (field, value) => (field === "nixpkgs" ? `${NAMES.nixpkgs}${value}` : `${NAMES[field]} ${value}`),
    set: (field, what) => `Pass ${NAMES[field]} with ${what}`,
    allFormats: "--all",
};

;// CONCATENATED MODULE: ./src/cli/args.ts
// nixos-generate's command line → a typed command. Every bad input is one
// UserError (exit code 2) naming the problem and the fix. The option table
// here also drives --help and the shell completions.











const SHELLS = ["bash", "zsh", "fish"];
/** Every option, in --help order. */
const OPTIONS = [
    { long: "format", short: "f", values: ["NAME"], repeatable: true, complete: "format", alsoFor: ["verify", "boot"], help: "a format to build (name or alias; repeat for several; see --list)" },
    { long: "all", values: [], repeatable: false, complete: "none", help: "build every format available for the system(s)" },
    { long: "format-path", values: ["FILE"], repeatable: false, complete: "nix-file", help: "a .nix file holding a custom format module (built besides any -f)" },
    { long: "configuration", short: "c", values: ["PATH"], repeatable: false, complete: "file", help: "the NixOS configuration (a .nix file or a directory with default.nix); default: $NIXOS_CONFIG, else a minimal built-in one" },
    { long: "flake", values: ["URI#NAME"], repeatable: false, complete: "directory", help: "build nixosConfigurations.NAME of a flake instead, e.g. .#myhost" },
    { long: "system", values: ["SYSTEM"], repeatable: true, complete: "system", alsoFor: ["verify", "boot"], help: "the system to build for (x86_64-linux, aarch64-linux; repeat for several); default: the host's" },
    { long: "disk-size", values: ["SIZE"], repeatable: false, complete: "disk-size", alsoFor: ["verify"], help: "the disk image's size: MiB (20480), 512M, 20G, 1T, or auto" },
    { long: "builder", values: ["NAME"], repeatable: false, complete: "builder", help: "how disk images are made: vm (nixpkgs' variants, needs KVM), repart (UEFI disks, no VM) or auto (vm if /dev/kvm opens, else repart)" },
    { long: "special-arg", values: ["NAME", "VALUE"], repeatable: true, complete: "none", help: "pass the string VALUE to the configuration's modules as the argument NAME (specialArgs)" },
    { long: "option", values: ["NAME", "VALUE"], repeatable: true, complete: "none", help: "set a Nix option for the evaluation and build (as nix --option NAME VALUE)" },
    { long: "I", short: "I", values: ["KEY=VALUE"], repeatable: true, complete: "none", help: "add an entry to the Nix search path (-I nixpkgs=/src/nixpkgs; a plain -I PATH is kept as is)" },
    { long: "out-link", short: "o", values: ["PATH"], repeatable: false, complete: "file", help: "where to put the result symlink (with several formats, one link per format beside it)" },
    { long: "run", values: [], repeatable: false, complete: "none", help: "build the (one) VM format and start it; -f vm is the default with --run" },
    { long: "boot", values: [], repeatable: false, complete: "none", help: "boot each image in QEMU after verification; one that does not boot fails (exit 6)" },
    { long: "timeout", values: ["SECONDS"], repeatable: false, complete: "none", alsoFor: ["boot"], help: "with boot or --boot: the seconds one boot may take (default 300 under KVM, 900 under TCG)" },
    { long: "dry-run", values: [], repeatable: false, complete: "none", help: "evaluate and print what would be built, without building" },
    { long: "json", values: [], repeatable: false, complete: "none", alsoFor: ["verify"], help: "print results (and --list, verify) as JSON on stdout" },
    { long: "cores", values: ["N"], repeatable: false, complete: "none", help: "CPU cores each build job may use (0 = all; as nix --cores)" },
    { long: "max-jobs", values: ["N"], repeatable: false, complete: "none", help: "build jobs run at once (a number or auto; as nix --max-jobs)" },
    { long: "builders", values: ["SPEC"], repeatable: false, complete: "none", help: "remote builders (as nix --builders; '' for none)" },
    { long: "show-trace", values: [], repeatable: false, complete: "none", help: "show Nix's evaluation trace on errors" },
    { long: "list", values: [], repeatable: false, complete: "none", help: "list the formats (with --json: as a JSON array) and exit" },
    { long: "help", short: "h", values: [], repeatable: false, complete: "none", alsoFor: ["verify", "completions", "boot"], help: "show this help and exit" },
    { long: "version", values: [], repeatable: false, complete: "none", help: "print the version and exit" },
];
const SUBCOMMANDS = [
    { name: "verify", usage: "verify FILE [--format NAME] [--system SYSTEM] [--disk-size SIZE] [--json]", help: "check that FILE is a good image of that format and that its target accepts it; without --format, name what FILE is (see verify --help)" },
    { name: "boot", usage: "boot FILE -f FORMAT [--system SYSTEM] [--timeout SECONDS]", help: "boot FILE in QEMU and watch its serial console reach the multi-user target (exit 6 if it does not)" },
    { name: "completions", usage: "completions bash|zsh|fish", help: "print a shell completion script" },
];
/** How an option is written: "--format" or, for -I, "-I". */
function optionName(spec) {
    return spec.long.length === 1 ? `-${spec.long}` : `--${spec.long}`;
}
/** "-f, --format NAME" for help texts. */
function optionSynopsis(spec) {
    const names = spec.short && spec.long !== spec.short ? `-${spec.short}, --${spec.long}` : optionName(spec);
    return spec.values.length > 0 ? `${names} ${spec.values.join(" ")}` : names;
}
const byLong = new Map(OPTIONS.filter((o) => o.long.length > 1).map((o) => [o.long, o]));
const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short ?? "", o]));
function usage(problem, fix) {
    return new errors/* UserError */.yo(problem, fix, errors/* ExitCode */.yU.usage);
}
const SEE_HELP = "See 'nixos-generate --help' for the options.";
function isKnownOption(token) {
    if (token === "--")
        return true;
    if (token.startsWith("--"))
        return byLong.has(token.slice(2).split("=")[0] ?? "");
    if (token.startsWith("-") && token.length >= 2)
        return byShort.has(token[1] ?? "");
    return false;
}
function unknownOption(token) {
    const name = token.split("=")[0] ?? token;
    const candidates = [...byLong.keys()].map((l) => `--${l}`);
    const close = (0,resolve_formats/* didYouMean */.au)(name.replace(/^-+/, "--"), candidates);
    return usage(`unknown option '${name}'.`, `${close.length > 0 ? `Did you mean ${(0,resolve_formats/* orList */.A3)(close)}? ` : ""}${SEE_HELP}`);
}
/** Splits argv into option occurrences and positional arguments. */
function tokenize(argv) {
    const occurrences = [];
    const positionals = [];
    let i = 0;
    while (i < argv.length) {
        const token = argv[i] ?? "";
        i++;
        if (token === "--") {
            positionals.push(...argv.slice(i));
            break;
        }
        let spec;
        let inline;
        if (token.startsWith("--")) {
            const eq = token.indexOf("=");
            const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
            spec = byLong.get(name);
            if (!spec)
                throw unknownOption(token);
            if (eq >= 0)
                inline = token.slice(eq + 1);
        }
        else if (token.startsWith("-") && token.length >= 2) {
            const longName = token.slice(1).split("=")[0] ?? "";
            if (longName.length > 1 && byLong.has(longName)) {
                throw usage(`unknown option '${token.split("=")[0]}' (long options take two dashes).`, `Did you mean '--${longName}'? ${SEE_HELP}`);
            }
            spec = byShort.get(token[1] ?? "");
            if (!spec)
                throw unknownOption(token);
            if (token.length > 2) {
                if (spec.values.length === 0) {
                    throw usage(`unknown option '${token}'.`, `Short options cannot be bundled: write -${spec.short} on its own. ${SEE_HELP}`);
                }
                inline = token.slice(2);
            }
        }
        else {
            positionals.push(token);
            continue;
        }
        if (spec.long === "help")
            return { occurrences, positionals, early: "help" };
        if (spec.long === "version")
            return { occurrences, positionals, early: "version" };
        const written = token;
        const shown = token.split("=")[0] ?? token;
        if (spec.values.length === 0) {
            if (inline !== undefined)
                throw usage(`${shown} takes no value, but was given '${inline}'.`, `Write ${shown} alone. ${SEE_HELP}`);
            occurrences.push({ spec, written, values: [] });
            continue;
        }
        const values = inline !== undefined ? [inline] : [];
        while (values.length < spec.values.length) {
            const next = argv[i];
            const wanted = spec.values.join(" ");
            const missing = spec.values[values.length] ?? "VALUE";
            if (next === undefined || isKnownOption(next) || (next.startsWith("--") && next.length > 2)) {
                throw usage(`${shown} needs ${spec.values.length === 1 ? "a value" : `${spec.values.length} values`} (${wanted}), but ${missing} is missing${next === undefined ? "" : ` (the next argument is the option '${next}')`}.`, `Write ${shown} ${wanted}${spec.long === "special-arg" ? ", e.g. --special-arg hostName web1" : spec.long === "option" ? ", e.g. --option sandbox true" : ""}. ${SEE_HELP}`);
            }
            values.push(next);
            i++;
        }
        occurrences.push({ spec, written, values });
    }
    return { occurrences, positionals };
}
function wholeNumber(occ, allowAuto) {
    const text = (occ.values[0] ?? "").trim();
    const name = optionName(occ.spec);
    if (allowAuto && text === "auto")
        return (0,external_node_os_.availableParallelism)();
    if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw usage(`${name} takes a whole number, not '${occ.values[0] ?? ""}'.`, `Write e.g. ${name} 4${allowAuto ? ` (or ${name} auto for one per CPU)` : " (0 = all cores)"}.`);
    }
    return Number(text);
}
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const NIX_SETTING = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SEARCH_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+/-]*$/;
function specialArg(occ) {
    const [name = "", value = ""] = occ.values;
    if (!IDENTIFIER.test(name)) {
        throw usage(`--special-arg name '${name}' is not a Nix identifier.`, "Use a name of letters, digits, '_', '-' and apostrophes that starts with a letter or '_', e.g. --special-arg hostName web1.");
    }
    return { name, value };
}
function nixOption(occ) {
    const [name = "", value = ""] = occ.values;
    if (!NIX_SETTING.test(name)) {
        throw usage(`--option name '${name}' is not a Nix setting name.`, "Write --option NAME VALUE with a nix.conf setting name, e.g. --option sandbox true.");
    }
    return { name, value };
}
/**
 * -I KEY=VALUE. A value without '=' that looks like a path or URL (-I /src,
 * -I channel:nixos-25.05) is Nix's plain search-path entry: it is kept as
 * { key: "", value } — the same as Nix's own reading of it (empty prefix), so
 * it is passed on as `-I VALUE`.
 */
function include(occ) {
    const text = occ.values[0] ?? "";
    const example = "e.g. -I nixpkgs=/src/nixpkgs";
    if (text.trim() === "")
        throw usage("-I was given an empty search path entry.", `Write -I KEY=VALUE, ${example}.`);
    const eq = text.indexOf("=");
    const key = eq < 0 ? "" : text.slice(0, eq);
    if (eq === 0)
        throw usage(`-I '${text}' has no KEY before '='.`, `Write -I KEY=VALUE, ${example}.`);
    if (eq < 0 || !SEARCH_KEY.test(key)) {
        if (/^([./~]|[A-Za-z][A-Za-z0-9+.-]*:)/.test(text))
            return { key: "", value: text };
        if (eq < 0) {
            throw usage(`-I '${text}' is neither KEY=VALUE nor a path.`, `Write -I KEY=VALUE (${example}) or -I with a directory path.`);
        }
        throw usage(`-I '${text}' has an invalid KEY '${key}'.`, `Write -I KEY=VALUE with a KEY of letters, digits, '.', '_', '-' and '/', ${example}.`);
    }
    const value = text.slice(eq + 1);
    if (value === "")
        throw usage(`-I '${text}' has no VALUE after '='.`, `Write -I KEY=VALUE, ${example}.`);
    return { key, value };
}
function once(occurrences, long) {
    const found = occurrences.filter((o) => o.spec.long === long);
    const first = found[0];
    const second = found[1];
    if (first && second && !first.spec.repeatable) {
        if (first.spec.values.length === 0)
            return first;
        const name = optionName(first.spec);
        throw usage(`${name} was given more than once (${found.map((o) => o.values.join(" ")).join(" and ")}).`, `Give ${name} once.`);
    }
    return first;
}
function args_all(occurrences, long) {
    return occurrences.filter((o) => o.spec.long === long);
}
function positionalProblem(arg, catalogue) {
    if (catalogue.lookup(arg))
        return usage(`unexpected argument '${arg}'.`, `To build the format '${arg}', write -f ${arg}.`);
    if (arg.includes("#"))
        return usage(`unexpected argument '${arg}'.`, `To build a flake's configuration, write --flake ${arg}.`);
    if (arg.endsWith(".nix"))
        return usage(`unexpected argument '${arg}'.`, `To build that configuration, write -c ${arg}.`);
    const close = (0,resolve_formats/* didYouMean */.au)(arg, SUBCOMMANDS.map((s) => s.name), 1);
    if (close.length > 0)
        return usage(`unknown command '${arg}'.`, `Did you mean '${close[0]}'? ${SEE_HELP}`);
    return usage(`unexpected argument '${arg}'.`, `nixos-generate takes options (and the commands verify and completions). ${SEE_HELP}`);
}
function rejectOthers(occurrences, command) {
    const stray = occurrences.find((o) => !o.spec.alsoFor?.includes(command));
    if (stray) {
        const allowed = OPTIONS.filter((o) => o.alsoFor?.includes(command) && o.long !== "help").map((o) => o.short && o.long.length > 1 ? `-${o.short}/--${o.long}` : optionName(o));
        throw usage(`${optionName(stray.spec)} does not apply to '${command}'.`, allowed.length > 0 ? `'${command}' takes ${(0,resolve_formats/* orList */.A3)(allowed, "")}.` : `'${command}' takes no options: write nixos-generate ${command} ${command === "completions" ? "bash|zsh|fish" : "FILE"}.`);
    }
}
function parseVerify(occurrences, positionals, catalogue, cwd, check) {
    rejectOthers(occurrences, "verify");
    const [, file, extra] = positionals;
    const example = "e.g. nixos-generate verify result/nixos.qcow2 --format qcow";
    if (file === undefined || file === "")
        throw usage("verify needs the image FILE to check.", `Write nixos-generate verify FILE [--format NAME], ${example}.`);
    if (extra !== undefined)
        throw usage(`verify takes one FILE, but was also given '${extra}'.`, `Verify one image at a time, ${example}.`);
    const formatOcc = args_all(occurrences, "format");
    if (formatOcc.length > 1)
        throw usage(`verify was given ${formatOcc.length} formats (${formatOcc.map((o) => o.values[0]).join(", ")}).`, `Give one --format NAME (or none, to have verify name what the file is), ${example}.`);
    // Without --format, verify names what the file is by its bytes.
    const formatText = formatOcc[0]?.values[0];
    const format = formatText === undefined ? undefined : (0,resolve_formats/* lookupFormat */.o9)(formatText, catalogue);
    const systemOcc = args_all(occurrences, "system");
    if (systemOcc.length > 1)
        throw usage(`verify was given ${systemOcc.length} systems.`, "Give at most one --system: the system the image was built for.");
    const systemText = systemOcc[0]?.values[0];
    const system = systemText === undefined ? undefined : (0,resolve_formats/* parseSystem */.V)(systemText, CLI_LABELS);
    if (system && format)
        resolveTargets({ names: [format.name], all: false, systems: [system], customAllowed: false }, catalogue, CLI_LABELS);
    const sizeText = once(occurrences, "disk-size")?.values[0];
    const diskSize = sizeText === undefined ? undefined : parseDiskSize(sizeText);
    const path = (0,external_node_path_.resolve)(cwd, file);
    // A symbolic link loop, a name over 255 bytes, a file on the way: one message, not a stack.
    const found = check ? (0,system_error/* guardedSync */.aS)({ problem: `the image ${file} cannot be read`, target: path, owner: "user" }, () => (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false })) : true;
    if (!found) {
        throw usage(`the image ${file} does not exist (looked for ${path}).`, "Pass verify the path of the built image (the file or the out-link that nixos-generate printed).");
    }
    return {
        kind: "verify",
        path,
        ...(format ? { format: format.name } : {}),
        ...(system ? { system } : {}),
        ...(diskSize !== undefined ? { diskSize } : {}),
        json: occurrences.some((o) => o.spec.long === "json"),
    };
}
function timeoutOf(occurrences) {
    const occ = once(occurrences, "timeout");
    if (!occ)
        return undefined;
    const seconds = wholeNumber(occ, false);
    if (seconds < 10)
        throw usage(`--timeout ${seconds} is too short for a boot.`, "Give at least 10 seconds (a boot under TCG takes minutes).");
    return seconds;
}
function parseBoot(occurrences, positionals, catalogue, env, cwd, check, arch) {
    rejectOthers(occurrences, "boot");
    const [, file, extra] = positionals;
    const example = "e.g. nixos-generate boot result/nixos.qcow2 -f qcow";
    if (file === undefined || file === "")
        throw usage("boot needs the image FILE to boot.", `Write nixos-generate boot FILE -f FORMAT, ${example}.`);
    if (extra !== undefined)
        throw usage(`boot takes one FILE, but was also given '${extra}'.`, `Boot one image at a time, ${example}.`);
    const formatOcc = args_all(occurrences, "format");
    if (formatOcc.length !== 1)
        throw usage(formatOcc.length === 0 ? "boot needs the image's format (-f FORMAT)." : `boot was given ${formatOcc.length} formats.`, `Give one -f FORMAT: how the file boots depends on it, ${example}.`);
    const format = (0,resolve_formats/* lookupFormat */.o9)(formatOcc[0]?.values[0] ?? "", catalogue);
    if (!format.boot)
        throw usage(`${format.name} images are not booted (${format.container}).`, "Boot a disk, ISO, SD card, kexec or VM format; see --list (BOOTS).");
    const systemOcc = args_all(occurrences, "system");
    if (systemOcc.length > 1)
        throw usage(`boot was given ${systemOcc.length} systems.`, "Give at most one --system: the system the image was built for.");
    const systemText = systemOcc[0]?.values[0];
    const system = systemText === undefined ? (0,resolve_formats/* hostSystem */.ki)(arch) : (0,resolve_formats/* parseSystem */.V)(systemText, CLI_LABELS);
    if (!system)
        throw usage(`there is no default --system for this machine's CPU (${arch}).`, "Pass --system x86_64-linux or --system aarch64-linux.");
    resolveTargets({ names: [format.name], all: false, systems: [system], customAllowed: false }, catalogue, CLI_LABELS);
    const path = (0,external_node_path_.resolve)(cwd, file);
    const found = check ? (0,system_error/* guardedSync */.aS)({ problem: `the image ${file} cannot be read`, target: path, owner: "user" }, () => (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false })) : true;
    if (!found)
        throw usage(`the image ${file} does not exist (looked for ${path}).`, "Pass boot the path of the built image (the file or the out-link that nixos-generate printed).");
    const timeoutSeconds = timeoutOf(occurrences);
    // QEMU from the configuration's nixpkgs, when it is not on PATH: NIXOS_CONFIG's, else <nixpkgs>.
    const config = resolveConfigSource({}, CLI_LABELS, env, cwd);
    return { kind: "boot", path, format: format.name, system, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), config, includes: [] };
}
function parseCompletions(occurrences, positionals) {
    rejectOthers(occurrences, "completions");
    const [, shell, extra] = positionals;
    const fix = `Write nixos-generate completions ${SHELLS.join("|")}, e.g. source <(nixos-generate completions bash).`;
    if (shell === undefined)
        throw usage("completions needs the shell to write a script for.", fix);
    const found = SHELLS.find((s) => s === shell);
    if (!found)
        throw usage(`no completions for the shell '${shell}': there are ${(0,resolve_formats/* andList */.cM)(SHELLS)}.`, fix);
    if (extra !== undefined)
        throw usage(`completions takes one shell, but was also given '${extra}'.`, fix);
    return { kind: "completions", shell: found };
}
/**
 * Parses nixos-generate's arguments (argv without node and the script).
 * `env` gives NIXOS_CONFIG and TMPDIR. Throws one UserError (exit 2) for bad
 * input; file-system problems found by validate.ts's checkFiles are thrown
 * too unless opts.checkFiles is false.
 */
function parseArgs(argv, env, catalogue, opts = {}) {
    const cwd = opts.cwd ?? process.cwd();
    const check = opts.checkFiles ?? true;
    const { occurrences, positionals, early } = tokenize(argv);
    if (early === "help" && positionals[0] === "verify")
        return { kind: "verify-help" };
    if (early)
        return { kind: early };
    const command = positionals[0];
    if (command === "help")
        return { kind: "help" };
    if (command === "verify")
        return parseVerify(occurrences, positionals, catalogue, cwd, check);
    if (command === "completions")
        return parseCompletions(occurrences, positionals);
    if (command === "boot")
        return parseBoot(occurrences, positionals, catalogue, env, cwd, check, opts.arch ?? process.arch);
    if (command !== undefined)
        throw positionalProblem(command, catalogue);
    const has = (long) => occurrences.some((o) => o.spec.long === long);
    // Systems: each --system, without duplicates; else the host's.
    const systems = [];
    for (const occ of args_all(occurrences, "system")) {
        const system = (0,resolve_formats/* parseSystem */.V)(occ.values[0] ?? "", CLI_LABELS);
        if (!systems.includes(system))
            systems.push(system);
    }
    if (systems.length === 0) {
        const arch = opts.arch ?? process.arch;
        const host = (0,resolve_formats/* hostSystem */.ki)(arch);
        if (!host)
            throw usage(`there is no default --system for this machine's CPU (${arch}).`, "Pass --system x86_64-linux or --system aarch64-linux.");
        systems.push(host);
    }
    const flakeText = once(occurrences, "flake")?.values[0];
    const configText = once(occurrences, "configuration")?.values[0];
    const config = resolveConfigSource({ ...(configText !== undefined ? { configuration: configText } : {}), ...(flakeText !== undefined ? { flake: flakeText } : {}) }, CLI_LABELS, env, cwd);
    const includes = args_all(occurrences, "I").map(include);
    if (has("list"))
        return { kind: "list", json: has("json"), config, system: systems[0] ?? "x86_64-linux", includes };
    // Formats.
    const run = has("run");
    const allFormats = has("all");
    const formatPathText = once(occurrences, "format-path")?.values[0];
    if (formatPathText !== undefined && formatPathText.trim() === "") {
        throw usage("--format-path was given an empty path.", "Pass --format-path with a .nix file holding a format module.");
    }
    let names = args_all(occurrences, "format").map((o) => o.values[0] ?? "");
    if (names.length === 0 && !allFormats && formatPathText === undefined && run) {
        // As the old nixos-generate: --run alone builds and starts the "vm" format.
        const vm = catalogue.lookup("vm") ?? catalogue.formats.find((f) => f.runnable);
        if (vm)
            names = [vm.name];
    }
    const formatPath = formatPathText !== undefined ? (0,external_node_path_.resolve)(cwd, formatPathText) : undefined;
    const targets = resolveTargets({ names, all: allFormats, systems, ...(formatPath !== undefined ? { formatPath } : {}), customAllowed: config.kind !== "default" }, catalogue, CLI_LABELS);
    const sizeText = once(occurrences, "disk-size")?.values[0];
    const outLinkText = once(occurrences, "out-link")?.values[0];
    if (outLinkText !== undefined && outLinkText.trim() === "")
        throw usage("-o/--out-link was given an empty path.", "Pass -o with the path of the result symlink, e.g. -o ./result.");
    const coresOcc = once(occurrences, "cores");
    const maxJobsOcc = once(occurrences, "max-jobs");
    const buildersOcc = once(occurrences, "builders");
    const specialArgs = [];
    for (const occ of args_all(occurrences, "special-arg")) {
        const arg = specialArg(occ);
        if (specialArgs.some((a) => a.name === arg.name)) {
            throw usage(`--special-arg ${arg.name} was given more than once.`, `Give each --special-arg NAME once.`);
        }
        specialArgs.push(arg);
    }
    const nixOptions = [];
    for (const occ of args_all(occurrences, "option")) {
        const option = nixOption(occ);
        if (nixOptions.some((o) => o.name === option.name)) {
            throw usage(`--option ${option.name} was given more than once.`, `Give each --option NAME once.`);
        }
        nixOptions.push(option);
    }
    const bootTimeout = timeoutOf(occurrences);
    if (bootTimeout !== undefined && !has("boot"))
        throw usage("--timeout applies to the boot test only.", "Add --boot to boot each image, or drop --timeout.");
    const builderText = once(occurrences, "builder")?.values[0];
    const builder = builderText === undefined ? "vm" : core_catalogue/* BUILDER_CHOICES */.fy.find((b) => b === builderText.trim());
    if (builder === undefined)
        throw usage(`--builder '${builderText}' is not a builder.`, `Write --builder ${core_catalogue/* BUILDER_CHOICES */.fy.join(", --builder ").replace(/, (--builder \w+)$/, " or $1")} (see --help).`);
    const request = {
        targets,
        config,
        builder,
        ...(sizeText !== undefined ? { diskSize: parseDiskSize(sizeText) } : {}),
        ...(formatPath !== undefined ? { formatPath } : {}),
        specialArgs,
        includes,
        nixOptions,
        ...(coresOcc ? { cores: wholeNumber(coresOcc, false) } : {}),
        ...(maxJobsOcc ? { maxJobs: wholeNumber(maxJobsOcc, true) } : {}),
        ...(buildersOcc ? { builders: buildersOcc.values[0] ?? "" } : {}),
        showTrace: has("show-trace"),
        dryRun: has("dry-run"),
        run,
        ...(outLinkText !== undefined ? { outLink: (0,external_node_path_.resolve)(cwd, outLinkText) } : {}),
        ...(has("boot") ? { boot: { ...(bootTimeout !== undefined ? { timeoutSeconds: bootTimeout } : {}) } } : {}),
    };
    const { warnings } = validate(request, catalogue, {
        labels: CLI_LABELS,
        files: check,
        cwd,
        env,
        ...(opts.minFreeTmpBytes !== undefined ? { minFreeTmpBytes: opts.minFreeTmpBytes } : {}),
        ...(configText === undefined && request.config.kind === "file" ? { configFrom: "NIXOS_CONFIG" } : {}),
        // The paths as the user wrote them (relative to cwd), for the messages.
        asGiven: {
            ...(configText !== undefined ? { config: configText } : {}),
            ...(formatPathText !== undefined ? { formatPath: formatPathText } : {}),
            ...(outLinkText !== undefined ? { outLink: outLinkText } : {}),
        },
    });
    return { kind: "generate", request, warnings, json: has("json") };
}


/***/ }),

/***/ 481:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ completionScript)
/* harmony export */ });
/* unused harmony export BASH_FUNCTION */
/* harmony import */ var _core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(318);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(934);
// Shell completion scripts for nixos-generate, made from the option table and
// the catalogue: format names and aliases after -f/--format, systems after
// --system, files after -c/--format-path/-o, every option, and the commands.


/** The bash function the bash script defines (and registers with `complete -F`). */
const BASH_FUNCTION = "_nixos_generate";
/** Sizes offered after --disk-size. */
const SIZE_HINTS = ["auto", "512M", "1G", "2G", "4G", "8G", "16G", "20G", "32G", "64G"];
function names(spec) {
    const out = [];
    if (spec.short)
        out.push(`-${spec.short}`);
    if (spec.long.length > 1)
        out.push(`--${spec.long}`);
    return out;
}
function withCompletion(kind) {
    return _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.values.length > 0 && o.complete === kind);
}
/** Single-quotes for bash and zsh. */
function shQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
/** Single-quotes for fish (backslash escapes inside). */
function fishQuote(text) {
    return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
function bashScript(catalogue) {
    const formatWords = catalogue.formats.flatMap((f) => [f.name, ...f.aliases]).join(" ");
    const pattern = (kind) => withCompletion(kind).flatMap(names).join("|");
    const valueTaking = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.values.length > 0).flatMap(names).join("|");
    const generateOpts = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.flatMap(names).join(" ");
    const verifyOpts = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.alsoFor?.includes("verify")).flatMap(names).join(" ");
    const bootOpts = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.alsoFor?.includes("boot")).flatMap(names).join(" ");
    const twoValue = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.values.length === 2).flatMap(names).join("|");
    return `# bash completion for nixos-generate; load with: source <(nixos-generate completions bash)
${BASH_FUNCTION}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" before="" prefix=""
  (( COMP_CWORD >= 1 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  (( COMP_CWORD >= 2 )) && before="\${COMP_WORDS[COMP_CWORD-2]}"
  # --option=VALUE: bash splits the word at '=' (COMP_WORDBREAKS), or keeps it whole.
  if [[ $cur == "=" && $prev == --* ]]; then
    cur=""
  elif [[ $prev == "=" && $before == --* ]]; then
    prev=$before
    before=""
  elif [[ $cur == --*=* ]]; then
    prev="\${cur%%=*}"
    prefix="$prev="
    cur="\${cur#*=}"
  fi
  local formats=${shQuote(formatWords)}
  local systems=${shQuote(_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB.join(" "))}
  local sizes=${shQuote(SIZE_HINTS.join(" "))}
  local value=1
  COMPREPLY=()
  case "$prev" in
    ${pattern("format")})
      COMPREPLY=( $(compgen -W "$formats" -- "$cur") ) ;;
    ${pattern("system")})
      COMPREPLY=( $(compgen -W "$systems" -- "$cur") ) ;;
    ${pattern("builder")})
      COMPREPLY=( $(compgen -W ${shQuote(_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILDER_CHOICES */ .fy.join(" "))} -- "$cur") ) ;;
    ${pattern("disk-size")})
      COMPREPLY=( $(compgen -W "$sizes" -- "$cur") ) ;;
    ${pattern("nix-file")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -d -- "$cur") $(compgen -f -X '!*.nix' -- "$cur") ) ;;
    ${pattern("file")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -f -- "$cur") ) ;;
    ${pattern("directory")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -d -- "$cur") ) ;;
    ${valueTaking})
      ;;
    *)
      value=0 ;;
  esac
  if (( value )); then
    [[ -n $prefix ]] && COMPREPLY=( "\${COMPREPLY[@]/#/$prefix}" )
    return 0
  fi
  case "$before" in
    ${twoValue}) return 0 ;;
  esac
  local i command=""
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      ${_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SUBCOMMANDS */ .Vh.map((s) => s.name).join("|")}) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$command" in
    completions)
      COMPREPLY=( $(compgen -W ${shQuote(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SHELLS */ .OF.join(" "))} -- "$cur") ); return 0 ;;
    verify)
      if [[ $cur == -* ]]; then
        COMPREPLY=( $(compgen -W ${shQuote(verifyOpts)} -- "$cur") )
      else
        compopt -o filenames 2>/dev/null
        COMPREPLY=( $(compgen -f -- "$cur") )
      fi
      return 0 ;;
    boot)
      if [[ $cur == -* ]]; then
        COMPREPLY=( $(compgen -W ${shQuote(bootOpts)} -- "$cur") )
      else
        compopt -o filenames 2>/dev/null
        COMPREPLY=( $(compgen -f -- "$cur") )
      fi
      return 0 ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W ${shQuote(generateOpts)} -- "$cur") )
  elif (( COMP_CWORD == 1 )); then
    COMPREPLY=( $(compgen -W ${shQuote(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SUBCOMMANDS */ .Vh.map((s) => s.name).join(" "))} -- "$cur") )
  fi
  return 0
}
complete -F ${BASH_FUNCTION} nixos-generate
`;
}
/** Text inside zsh's _arguments [explanation]: brackets escaped, single-quote safe. */
function zshExplain(text) {
    return text.replace(/\\/g, "\\\\").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
}
/** The zsh function offering the formats and aliases with their descriptions. */
const ZSH_FORMATS = "_nixos-generate_formats";
function zshAction(kind) {
    switch (kind) {
        case "format":
            return ZSH_FORMATS;
        case "system":
            return `(${_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB.join(" ")})`;
        case "builder":
            return `(${_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILDER_CHOICES */ .fy.join(" ")})`;
        case "disk-size":
            return `(${SIZE_HINTS.join(" ")})`;
        case "file":
            return "_files";
        case "nix-file":
            return "_files -g '*.nix(-.)'";
        case "directory":
            return "_files -/";
        case "none":
            return " ";
    }
}
function zshSpecs(options, forVerify) {
    const exclusive = {
        configuration: "(-c --configuration --flake)",
        flake: "(-c --configuration --flake)",
    };
    return options.flatMap((o) => {
        const explain = `[${zshExplain(o.help)}]`;
        const args = o.values.length === 0
            ? ""
            : o.values.map((v, i) => `:${v.toLowerCase()}:${i === 0 ? zshAction(o.complete) : " "}`).join("");
        const repeat = o.repeatable && !forVerify ? "*" : "";
        const group = exclusive[o.long] ?? "";
        const forms = [];
        if (o.short)
            forms.push(`-${o.short}${o.values.length === 1 ? "+" : ""}`);
        if (o.long.length > 1)
            forms.push(`--${o.long}${o.values.length === 1 ? "=" : ""}`);
        const prefix = repeat || group || (forms.length > 1 ? `(${names(o).join(" ")})` : "");
        return forms.map((form) => shQuote(`${prefix}${form}${explain}${args}`));
    });
}
function zshScript(catalogue) {
    const generate = zshSpecs(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw, false);
    const verify = zshSpecs(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.alsoFor?.includes("verify")), true);
    const boot = zshSpecs(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw.filter((o) => o.alsoFor?.includes("boot")), true);
    const describe = (items) => items.map(([n, d]) => `    ${shQuote(`${n.replace(/:/g, "\\:")}:${d}`)}`).join("\n");
    const formatItems = catalogue.formats.flatMap((f) => [
        [f.name, f.description],
        ...f.aliases.map((a) => [a, `alias of ${f.name}`]),
    ]);
    const indent = "    ";
    return `#compdef nixos-generate
# zsh completion for nixos-generate; load with: source <(nixos-generate completions zsh)
# (or save it as _nixos-generate in a directory on $fpath)
${ZSH_FORMATS}() {
  local -a formats
  formats=(
${describe(formatItems)}
  )
  _describe -t formats 'format' formats
}
_nixos-generate_commands() {
  local -a commands
  commands=(
${describe(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SUBCOMMANDS */ .Vh.map((c) => [c.name, c.help]))}
  )
  _describe -t commands 'command' commands
}
_nixos-generate() {
  if [[ \${words[2]} == completions ]]; then
    (( CURRENT == 3 )) && _values 'shell' ${_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SHELLS */ .OF.join(" ")}
    return
  fi
  if [[ \${words[2]} == verify ]]; then
    shift words
    (( CURRENT-- ))
    _arguments -s \\
${verify.map((s) => `${indent}${s} \\`).join("\n")}
${indent}':image file:_files'
    return
  fi
  if [[ \${words[2]} == boot ]]; then
    shift words
    (( CURRENT-- ))
    _arguments -s \\
${boot.map((s) => `${indent}${s} \\`).join("\n")}
${indent}':image file:_files'
    return
  fi
  _arguments -s -S \\
${generate.map((s) => `${indent}${s} \\`).join("\n")}
${indent}'1:command:_nixos-generate_commands'
}
if [[ $funcstack[1] == _nixos-generate ]]; then
  _nixos-generate "$@"
else
  compdef _nixos-generate nixos-generate
fi
`;
}
/** The fish function that prints "NAME<tab>DESCRIPTION" for each format and alias. */
const FISH_FORMATS = "__nixos_generate_formats";
function fishScript(catalogue) {
    const cmd = "complete -c nixos-generate";
    const sub = _args_js__WEBPACK_IMPORTED_MODULE_1__/* .SUBCOMMANDS */ .Vh.map((s) => s.name).join(" ");
    const notSub = `-n ${fishQuote(`not __fish_seen_subcommand_from ${sub}`)}`;
    // verify and boot take an image file; an option is offered before any command, or in the commands it applies to.
    const withFile = `-n ${fishQuote("__fish_seen_subcommand_from verify boot")}`;
    const offered = (o) => o.alsoFor && o.alsoFor.length > 0 ? `-n ${fishQuote(`not __fish_seen_subcommand_from ${sub}; or __fish_seen_subcommand_from ${o.alsoFor.join(" ")}`)}` : notSub;
    const lines = [
        "# fish completion for nixos-generate; load with: nixos-generate completions fish | source",
        `function ${FISH_FORMATS}`,
        `    printf '%s\\t%s\\n' ${catalogue.formats
            .flatMap((f) => [[f.name, f.description], ...f.aliases.map((a) => [a, `alias of ${f.name}`])])
            .map(([n, d]) => `${fishQuote(n ?? "")} ${fishQuote(d ?? "")}`)
            .join(" ")}`,
        "end",
        `${cmd} -f`,
        ..._args_js__WEBPACK_IMPORTED_MODULE_1__/* .SUBCOMMANDS */ .Vh.map((s) => `${cmd} -n __fish_use_subcommand -a ${s.name} -d ${fishQuote(s.help)}`),
        `${cmd} -n ${fishQuote("__fish_seen_subcommand_from completions")} -a ${fishQuote(_args_js__WEBPACK_IMPORTED_MODULE_1__/* .SHELLS */ .OF.join(" "))}`,
        `${cmd} ${withFile} -F`,
    ];
    for (const o of _args_js__WEBPACK_IMPORTED_MODULE_1__/* .OPTIONS */ .lw) {
        const flags = [o.short ? `-s ${o.short}` : "", o.long.length > 1 ? `-l ${o.long}` : ""].filter(Boolean).join(" ");
        const base = `${cmd} ${offered(o)} ${flags}`;
        switch (o.values.length > 0 ? o.complete : "flag") {
            case "flag":
                lines.push(`${base} -d ${fishQuote(o.help)}`);
                break;
            case "format":
                lines.push(`${base} -x -a ${fishQuote(`(${FISH_FORMATS})`)} -d ${fishQuote(o.help)}`);
                break;
            case "system":
                lines.push(`${base} -x -a ${fishQuote(_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB.join(" "))} -d ${fishQuote(o.help)}`);
                break;
            case "builder":
                lines.push(`${base} -x -a ${fishQuote(_core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .BUILDER_CHOICES */ .fy.join(" "))} -d ${fishQuote(o.help)}`);
                break;
            case "disk-size":
                lines.push(`${base} -x -a ${fishQuote(SIZE_HINTS.join(" "))} -d ${fishQuote(o.help)}`);
                break;
            case "file":
            case "nix-file":
                lines.push(`${base} -r -F -d ${fishQuote(o.help)}`);
                break;
            case "directory":
                lines.push(`${base} -x -a ${fishQuote("(__fish_complete_directories)")} -d ${fishQuote(o.help)}`);
                break;
            default:
                lines.push(`${base} -x -d ${fishQuote(o.help)}`);
        }
    }
    return `${lines.join("\n")}\n`;
}
/** The completion script for `shell`, listing the formats of `catalogue`. */
function completionScript(shell, catalogue) {
    switch (shell) {
        case "bash":
            return bashScript(catalogue);
        case "zsh":
            return zshScript(catalogue);
        case "fish":
            return fishScript(catalogue);
    }
}


/***/ }),

/***/ 911:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   Q5: () => (/* binding */ verifyHelpText),
/* harmony export */   n4: () => (/* binding */ listJson),
/* harmony export */   so: () => (/* binding */ listText)
/* harmony export */ });
/* unused harmony exports EXIT_CODE_HELP, EXAMPLES, bootSummary, listEntries */
/* harmony import */ var _core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(318);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(296);
/* harmony import */ var _verify_targets_index_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(533);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(934);
// The texts of --help and --list, made from the option table and the catalogue.




/** What each exit code means (README "Exit codes"); every ExitCode has a line. */
const EXIT_CODE_HELP = {
    ok: "success",
    failed: "Nix evaluation or build failed for a reason not in your input",
    usage: "bad command-line flags or action inputs",
    config: "the NixOS configuration does not evaluate",
    environment: "the environment: Nix missing or too old, nixpkgs too old, no space, no binfmt/KVM",
    verify: "an image did not pass verification",
    boot: "an image did not boot (boot FILE, --boot): a kernel panic, emergency mode, a hang or the timeout",
    interrupted: "interrupted (Ctrl-C / SIGTERM)",
};
const EXAMPLES = [
    { command: "nixos-generate -f iso -c ./configuration.nix", help: "an ISO image of ./configuration.nix" },
    { command: "nixos-generate --flake .#host -f qcow -f amazon --system aarch64-linux", help: "a qcow2 and an Amazon image of the flake's 'host', for 64-bit ARM" },
    { command: "nixos-generate --all --dry-run --json", help: "what every format would build, as JSON, without building" },
    { command: "nixos-generate -f raw --disk-size 20G -o ./result", help: "a 20 GiB raw disk, linked at ./result" },
    { command: "nixos-generate --run -c ./configuration.nix", help: "build the configuration as a VM and start it" },
    { command: "nixos-generate verify result/nixos.qcow2 --format qcow", help: "check a built image" },
    { command: "nixos-generate verify ./disk.vhd", help: "name what a file is (container, virtual size, label, members) and check its structure" },
    { command: "nixos-generate boot result/nixos.qcow2 -f qcow", help: "boot an image in QEMU and watch its serial console reach the multi-user target" },
    { command: "source <(nixos-generate completions bash)", help: "tab completion in bash" },
];
function table(rows, indent = 2, gap = 2) {
    const width = Math.max(...rows.map(([left]) => left.length));
    return rows.map(([left, right]) => `${" ".repeat(indent)}${left.padEnd(width + gap)}${right}`.trimEnd());
}
/** The --help text. */
function helpText() {
    const options = table(_args_js__WEBPACK_IMPORTED_MODULE_3__/* .OPTIONS */ .lw.map((o) => [(0,_args_js__WEBPACK_IMPORTED_MODULE_3__/* .optionSynopsis */ .MW)(o), o.help]));
    const commands = table(_args_js__WEBPACK_IMPORTED_MODULE_3__/* .SUBCOMMANDS */ .Vh.map((s) => [s.name, s.help]));
    const codes = table(Object.keys(_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU).map((k) => [String(_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU[k]), EXIT_CODE_HELP[k]]));
    const examples = EXAMPLES.flatMap((e) => [`  ${e.command}`, `      ${e.help}`]);
    return [
        "Usage: nixos-generate -f FORMAT [-f FORMAT ...] [-c PATH | --flake URI#NAME] [options]",
        "       nixos-generate --all [options]",
        "       nixos-generate --list [--json]",
        ..._args_js__WEBPACK_IMPORTED_MODULE_3__/* .SUBCOMMANDS */ .Vh.map((s) => `       nixos-generate ${s.usage}`),
        "",
        "Turns one NixOS configuration into disk images in many formats.",
        "",
        "Options:",
        ...options,
        "",
        "An option's value may also follow an '=' (--format=iso) or be attached to a short option (-fiso, -Inixpkgs=PATH).",
        "",
        "Commands:",
        ...commands,
        "",
        "Exit codes:",
        ...codes,
        "",
        "Examples:",
        ...examples,
        "",
    ].join("\n");
}
/** How --list says a format boots in the boot test (nix/formats.json `boot`). */
function bootSummary(boot) {
    if (!boot)
        return "no";
    if (boot.how === "kernel" || boot.how === "runner")
        return boot.how;
    const firmware = boot.firmware.map((f) => f.toUpperCase()).join("+");
    return `${firmware} ${boot.how === "cdrom" ? "ISO" : "disk"}`;
}
/** What --list says of a custom format (the configuration's own). */
const CUSTOM_DESCRIPTION = "custom format of this configuration (formatConfigs)";
/** The --list entries, in catalogue order, then the configuration's custom formats. */
function listEntries(catalogue, custom = []) {
    return [
        ...catalogue.formats.map((f) => ({
            name: f.name,
            aliases: [...f.aliases],
            systems: [...f.systems],
            description: f.description,
            diskSize: f.diskSize,
            diskSizeAuto: f.diskSizeAuto,
            runnable: f.runnable,
            extension: f.extension,
            custom: false,
            boot: bootSummary(f.boot),
        })),
        ...custom.map((name) => ({
            name,
            aliases: [],
            systems: [..._core_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB],
            description: CUSTOM_DESCRIPTION,
            diskSize: false,
            diskSizeAuto: false,
            runnable: false,
            extension: "",
            custom: true,
            boot: "container",
        })),
    ];
}
/** --list --json: a JSON array of ListEntry, with a final newline. */
function listJson(catalogue, custom = []) {
    return `${JSON.stringify(listEntries(catalogue, custom), null, 2)}\n`;
}
/** --list: one line per format — name (aliases), systems, description. */
function listText(catalogue, custom = []) {
    const rows = listEntries(catalogue, custom).map((f) => {
        const name = f.aliases.length > 0 ? `${f.name} (${f.aliases.join(", ")})` : f.name;
        const systems = f.systems.map((s) => s.replace(/-linux$/, "")).join(",");
        return [name, systems, f.boot, f.description];
    });
    const nameWidth = Math.max(...rows.map((r) => r[0].length), "FORMAT (ALIASES)".length);
    const sysWidth = Math.max(...rows.map((r) => r[1].length), "SYSTEMS".length);
    const bootWidth = Math.max(...rows.map((r) => r[2].length), "BOOTS".length);
    const line = (a, b, c, d) => `${a.padEnd(nameWidth + 2)}${b.padEnd(sysWidth + 2)}${c.padEnd(bootWidth + 2)}${d}`;
    return [
        line("FORMAT (ALIASES)", "SYSTEMS", "BOOTS", "DESCRIPTION"),
        ...rows.map((r) => line(...r)),
        "",
        "BOOTS: how `nixos-generate boot` and --boot (the action's boot-test) boot it in QEMU: a disk by BIOS or UEFI firmware, an ISO both ways, the kernel and initrd the image names (kernel), its own runner script (runner); containers are not booted (no).",
        "",
    ].join("\n");
}
/**
 * `nixos-generate verify --help`: both ways to verify, then each target's
 * acceptance rules with their sources, and what no file can show offline.
 */
function verifyHelpText() {
    const verify = _args_js__WEBPACK_IMPORTED_MODULE_3__/* .SUBCOMMANDS */ .Vh.find((s) => s.name === "verify");
    const options = table(_args_js__WEBPACK_IMPORTED_MODULE_3__/* .OPTIONS */ .lw.filter((o) => o.alsoFor?.includes("verify")).map((o) => [(0,_args_js__WEBPACK_IMPORTED_MODULE_3__/* .optionSynopsis */ .MW)(o), o.help]));
    const targets = _verify_targets_index_js__WEBPACK_IMPORTED_MODULE_2__/* .TARGETS */ .dW.flatMap((t) => [
        `  ${t.formats.join(", ")} — ${t.name}:`,
        ...t.rules.map((r) => `    ${r.check}: ${r.says}${r.enforcedBy ? ` [checked by ${r.enforcedBy}]` : ""}\n      source: ${r.source.title}, ${r.source.url}`),
        ...t.offline.map((o) => `    not checked (needs the provider, not the file): ${o}`),
    ]);
    return [
        `Usage: nixos-generate ${verify?.usage ?? "verify FILE"}`,
        "",
        "With --format NAME: checks that FILE is an image of that format: its compression, its container's",
        "structure (headers, checksums, tables, sizes) and the acceptance rules of the format's target below.",
        "Findings name the rule that is broken; exit code 5 when there is one.",
        "",
        "Without --format: names what FILE is from its bytes, as qemu-img info or file would (compression,",
        "container, virtual size, label, an archive's members), checks that container's structure, and exits 0",
        "when it is sound. Target rules need --format: one container serves several targets.",
        "",
        "Options:",
        ...options,
        "",
        "Target rules (format(s) — target: rule [structural checks that enforce it], source):",
        ...targets,
        "",
        "Formats not listed (qcow, raw, vmware, hyperv, kexec, …) are checked for their container's structure only.",
        "",
    ].join("\n");
}


/***/ }),

/***/ 957:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _boot_index_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(272);
/* harmony import */ var _boot_nix_packages_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(181);
/* harmony import */ var _boot_pipeline_step_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(307);
/* harmony import */ var _core_catalogue_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(318);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(296);
/* harmony import */ var _core_paths_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(206);
/* harmony import */ var _nix_evaluate_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(791);
/* harmony import */ var _pipeline_pipeline_js__WEBPACK_IMPORTED_MODULE_12__ = __nccwpck_require__(396);
/* harmony import */ var _verify_expectation_js__WEBPACK_IMPORTED_MODULE_13__ = __nccwpck_require__(583);
/* harmony import */ var _verify_index_js__WEBPACK_IMPORTED_MODULE_14__ = __nccwpck_require__(552);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_15__ = __nccwpck_require__(934);
/* harmony import */ var _completions_js__WEBPACK_IMPORTED_MODULE_16__ = __nccwpck_require__(481);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_17__ = __nccwpck_require__(911);
/* harmony import */ var _node_version_js__WEBPACK_IMPORTED_MODULE_18__ = __nccwpck_require__(793);
/* harmony import */ var _output_js__WEBPACK_IMPORTED_MODULE_19__ = __nccwpck_require__(657);
// `nixos-generate`: parse, run the shared core, print. Exit codes: see --help.




















function version() {
    const pkg = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)((0,_core_paths_js__WEBPACK_IMPORTED_MODULE_10__/* .projectPath */ .D)("package.json"), "utf8"));
    return pkg.version ?? "unknown";
}
function runVm(runner, signal) {
    return new Promise((resolve) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(runner, [], { stdio: "inherit", signal });
        child.on("close", (code) => resolve(code ?? _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.interrupted));
        child.on("error", () => resolve(_core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.failed));
    });
}
async function execute(command, signal) {
    const catalogue = (0,_core_catalogue_js__WEBPACK_IMPORTED_MODULE_8__/* .loadCatalogue */ .OT)();
    switch (command.kind) {
        case "help":
            process.stdout.write((0,_help_js__WEBPACK_IMPORTED_MODULE_17__/* .helpText */ .BK)() + "\n");
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        case "version":
            process.stdout.write(`nixos-generate ${version()}\n`);
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        case "list": {
            // A configuration of the user's may define formats of its own: they are listed too.
            const custom = command.config.kind === "default"
                ? []
                : await (0,_nix_evaluate_js__WEBPACK_IMPORTED_MODULE_11__/* .listCustomFormats */ .ej)({ config: command.config, specialArgs: [], includes: command.includes, nixOptions: [], showTrace: false }, command.system, { signal });
            process.stdout.write((command.json ? (0,_help_js__WEBPACK_IMPORTED_MODULE_17__/* .listJson */ .n4)(catalogue, custom) : (0,_help_js__WEBPACK_IMPORTED_MODULE_17__/* .listText */ .so)(catalogue, custom)) + "\n");
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        }
        case "completions":
            process.stdout.write((0,_completions_js__WEBPACK_IMPORTED_MODULE_16__/* .completionScript */ .k)(command.shell, catalogue));
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        case "verify-help":
            process.stdout.write((0,_help_js__WEBPACK_IMPORTED_MODULE_17__/* .verifyHelpText */ .Q5)() + "\n");
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        case "verify": {
            const entry = command.format === undefined ? undefined : catalogue.lookup(command.format);
            if (command.format !== undefined && !entry)
                throw new Error(`format ${command.format} vanished from the catalogue`);
            const report = await (0,_verify_expectation_js__WEBPACK_IMPORTED_MODULE_13__/* .checkImage */ .c)(command.path, (0,_verify_expectation_js__WEBPACK_IMPORTED_MODULE_13__/* .expectationFor */ .m)(entry && { kind: "catalogue", entry }, command.system, command.diskSize));
            process.stdout.write((command.json ? JSON.stringify(report, null, 2) : (0,_verify_index_js__WEBPACK_IMPORTED_MODULE_14__/* .renderReport */ .B1)(report)) + "\n");
            return report.ok ? _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok : _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.verify;
        }
        case "boot": {
            const entry = catalogue.lookup(command.format);
            if (!entry)
                throw new Error(`format ${command.format} vanished from the catalogue`);
            const logDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), "nixos-generate-boot-"));
            const kvm = await (0,_boot_index_js__WEBPACK_IMPORTED_MODULE_5__/* .kvmUsable */ .Nf)((0,_boot_pipeline_step_js__WEBPACK_IMPORTED_MODULE_7__/* .kvmDevice */ .L)());
            const log = (line) => process.stderr.write(`${line}\n`);
            log(`boot: ${kvm ? `KVM (${(0,_boot_pipeline_step_js__WEBPACK_IMPORTED_MODULE_7__/* .kvmDevice */ .L)()} opens)` : `TCG (no usable ${(0,_boot_pipeline_step_js__WEBPACK_IMPORTED_MODULE_7__/* .kvmDevice */ .L)()}; slower)`}; console log in ${logDir}`);
            const result = await (0,_boot_index_js__WEBPACK_IMPORTED_MODULE_5__/* .bootImage */ .qT)(command.path, entry, command.system, {
                kvm,
                logDir,
                logName: entry.name,
                log,
                signal,
                tools: { nix: (0,_boot_nix_packages_js__WEBPACK_IMPORTED_MODULE_6__/* .nixPackageBuilder */ .B)({ config: command.config, includes: command.includes }, { log, signal }) },
                ...(command.timeoutSeconds !== undefined ? { timeoutSeconds: command.timeoutSeconds } : {}),
            });
            if (result.status === "failed") {
                process.stderr.write(`error: ${(0,_boot_index_js__WEBPACK_IMPORTED_MODULE_5__/* .bootFailure */ .$v)(result).render()}\n`);
                return (0,_boot_index_js__WEBPACK_IMPORTED_MODULE_5__/* .bootFailure */ .$v)(result).exitCode;
            }
            process.stdout.write(`${result.status === "booted" ? "booted" : "not booted"}: ${result.reason}\n`);
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        }
        case "generate": {
            const { request, warnings, json } = command;
            for (const warning of warnings)
                process.stderr.write(`warning: ${warning}\n`);
            const result = await (0,_pipeline_pipeline_js__WEBPACK_IMPORTED_MODULE_12__/* .runPipeline */ .aI)(request, {
                signal,
                log: (line) => process.stderr.write(`${line}\n`),
                warn: (text) => process.stderr.write(`warning: ${text.replace(/\n/g, "\n  ")}\n`),
            });
            if (json)
                process.stdout.write((0,_output_js__WEBPACK_IMPORTED_MODULE_19__/* .resultJson */ .y3)(result, request.dryRun) + "\n");
            else {
                for (const line of (0,_output_js__WEBPACK_IMPORTED_MODULE_19__/* .summaryLines */ .k)(result, request.dryRun))
                    process.stderr.write(`${line}\n`);
                for (const line of (0,_output_js__WEBPACK_IMPORTED_MODULE_19__/* .imageLines */ .nP)(result))
                    process.stdout.write(`${line}\n`);
            }
            const failed = result.images.filter((i) => i.failure);
            if (failed.length > 0) {
                const error = (0,_pipeline_pipeline_js__WEBPACK_IMPORTED_MODULE_12__/* .failureOf */ .g5)(failed, result.images.length);
                process.stderr.write(`error: ${error.render()}\n`);
                return error.exitCode;
            }
            if (request.run && !request.dryRun) {
                const runner = result.images[0]?.storePath;
                if (runner)
                    return runVm(runner, signal);
            }
            return _core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ExitCode */ .yU.ok;
        }
    }
}
async function main(argv) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
        const tooOld = (0,_node_version_js__WEBPACK_IMPORTED_MODULE_18__/* .nodeTooOld */ .u)();
        if (tooOld)
            throw tooOld;
        return await execute((0,_args_js__WEBPACK_IMPORTED_MODULE_15__/* .parseArgs */ .Zy)(argv, process.env, (0,_core_catalogue_js__WEBPACK_IMPORTED_MODULE_8__/* .loadCatalogue */ .OT)()), controller.signal);
    }
    catch (error) {
        if ((0,_core_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .isUserError */ .iU)(error)) {
            process.stderr.write(`error: ${error.render()}\n`);
            return error.exitCode;
        }
        throw error;
    }
    finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
    }
}
process.exitCode = await main(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 793:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ nodeTooOld)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(296);
// The Node.js the command line runs on must have what it uses: zstd in
// node:zlib (Node 22.15 / 23.8 and newer), which verify, the boot test and
// proxmox/sd images need. package.json asks for Node 24, the version GitHub
// runs the action on; an older `node` on PATH gets one message, not a
// "createZstdDecompress is not a function" deep inside a run.


/** What is missing from this Node.js, or undefined when it has all the CLI needs. */
function nodeTooOld(version = process.version, hasZstd = typeof node_zlib__WEBPACK_IMPORTED_MODULE_0__.createZstdDecompress === "function") {
    if (hasZstd)
        return undefined;
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`nixos-generate needs Node.js 24 (22.15 at the least), and this is Node.js ${version}, whose node:zlib has no zstd.`, "Run it with Node.js 24 (e.g. `nix shell nixpkgs#nodejs_24`, or your distribution's nodejs 24 package).", _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU.environment);
}


/***/ }),

/***/ 657:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ summaryLines),
/* harmony export */   nP: () => (/* binding */ imageLines),
/* harmony export */   y3: () => (/* binding */ resultJson)
/* harmony export */ });
function resultJson(result, dryRun) {
    const images = result.images.map((image) => ({
        format: image.format,
        custom: image.target.format.kind === "custom",
        system: image.target.system,
        builder: image.builder,
        status: image.status,
        image: image.storePath,
        fileName: image.fileName,
        drvPath: image.evaluated.drvPath,
        label: image.evaluated.label,
        diskSize: image.evaluated.diskSize,
        needsBuild: image.needsBuild,
        ...(image.report ? { size: image.report.size, sha256: image.report.sha256, container: image.report.detected.container, ok: image.report.ok } : {}),
        ...(image.outLink ? { outLink: image.outLink } : {}),
        ...(image.failure ? { error: image.failure.error.problem } : {}),
        ...(image.boot ? { boot: { status: image.boot.status, reason: image.boot.reason, logs: "attempts" in image.boot ? image.boot.attempts.map((a) => a.log) : [] } } : {}),
    }));
    return JSON.stringify({ nixVersion: result.nixVersion, dryRun, derivationsToBuild: result.toBuild.length, images }, null, 2);
}
/** stdout lines: one image path per image that is there (the files themselves). */
function imageLines(result) {
    return result.images.filter((i) => i.status !== "failed" || i.failure?.stage === "verify").map((i) => i.storePath);
}
/** stderr summary for humans. */
function summaryLines(result, dryRun) {
    const lines = result.images.map((i) => {
        const state = dryRun ? (i.needsBuild ? "  (would build)" : "  (in the store)") : i.failure ? `  (${i.failure.stage} failed)` : "";
        return `${i.format.padEnd(20)} ${i.target.system.padEnd(14)} ${i.fileName}${i.builder === "repart" ? "  (repart)" : ""}${state}`;
    });
    if (dryRun)
        lines.push(`dry run: ${result.toBuild.length} derivation(s) would be built for ${result.images.length} image(s); nothing was built.`);
    return lines;
}


/***/ }),

/***/ 895:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ unbootableOn)
/* harmony export */ });
/** Why an image of `container` for `system` cannot boot on that system's firmware, or undefined. */
function unbootableOn(format, system) {
    if (system !== "aarch64-linux" || format.container !== "raw-mbr")
        return undefined;
    return `${format.name} for aarch64-linux is an MBR disk with GRUB for BIOS and no EFI system partition, which aarch64's UEFI-only firmware cannot start`;
}


/***/ }),

/***/ 318:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $O: () => (/* binding */ systemSchema),
/* harmony export */   LB: () => (/* binding */ SYSTEMS),
/* harmony export */   OT: () => (/* binding */ loadCatalogue),
/* harmony export */   fy: () => (/* binding */ BUILDER_CHOICES),
/* harmony export */   tj: () => (/* binding */ containerSchema)
/* harmony export */ });
/* unused harmony exports CONTAINERS, compressionSchema, BUILDERS, builderSchema, BOOT_HOWS, FIRMWARES, firmwareSchema, bootSchema, formatSchema, parseCatalogue */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(816);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(206);
// The format catalogue (nix/formats.json), read without evaluating NixOS.



const SYSTEMS = ["x86_64-linux", "aarch64-linux"];
const systemSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(SYSTEMS);
/** What verify expects to find in the image file (after decompression). */
const CONTAINERS = [
    "qcow2",
    "raw-mbr",
    "raw-gpt",
    /** A bare ext4 file system, no partition table (linode). */
    "fs-ext4",
    "vhd",
    "vhdx",
    "vmdk",
    "ova",
    "vagrant-box",
    "iso",
    "vma",
    "rootfs-tar",
    "lxc-metadata",
    "gce-tar",
    "kexec-tar",
    "kexec-bundle",
    "sd-image",
    "vm-runner",
];
const containerSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(CONTAINERS);
const compressionSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(["none", "gzip", "xz", "zstd"]);
/** How a catalogue format's disk is made: nixpkgs' variant (a QEMU VM for disk images) or systemd-repart without a VM. */
const BUILDERS = ["vm", "repart"];
const builderSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(BUILDERS);
/** What a request may ask for: a builder, or "auto" (the VM builders when KVM opens, else repart for the formats it makes). */
const BUILDER_CHOICES = [...BUILDERS, "auto"];
/** How an image boots in the boot test: a disk by the firmware, an ISO, the kernel and initrd it names, or its own VM runner. */
const BOOT_HOWS = ["disk", "cdrom", "kernel", "runner"];
const FIRMWARES = ["bios", "uefi"];
const firmwareSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(FIRMWARES);
const bootSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    how: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(BOOT_HOWS),
    /** The firmware it boots by on x86_64 (aarch64 boots by UEFI); empty for kernel and runner boots. */
    firmware: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(firmwareSchema),
});
const formatName = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[a-z0-9][a-z0-9_-]*$/);
const formatSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    name: formatName,
    aliases: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(formatName),
    description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    container: containerSchema,
    compression: compressionSchema,
    extension: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    systems: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(systemSchema).min(1),
    diskSize: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    diskSizeAuto: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    needsKvm: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    runnable: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    nixpkgsVariant: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable(),
    /** The `system.build` attribute that is the format's output (nixos-generators' formatAttr). */
    formatAttr: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    /** The `system.build` attribute nixos-generators' per-format module named the image by; nixosModules.<name> defines it. */
    originalFormatAttr: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1),
    /** Whether the image holds the NixOS system (lxc-metadata does not): only then is the system's toplevel evaluated. */
    containsSystem: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    /** The builders that can make it: "vm" (nixpkgs' variant) always, "repart" for the UEFI disks (nix/builders). */
    builders: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(builderSchema).min(1),
    /** How the boot test boots the image (src/boot); null: it does not boot (containers, metadata). */
    boot: bootSchema.nullable().optional(),
});
const catalogueSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    $comment: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(formatSchema).min(1),
});
function parseCatalogue(json) {
    const { formats } = catalogueSchema.parse(json);
    const byName = new Map();
    for (const format of formats) {
        for (const key of [format.name, ...format.aliases]) {
            if (byName.has(key))
                throw new Error(`catalogue: the name '${key}' is used twice`);
            byName.set(key, format);
        }
    }
    return { formats, lookup: (name) => byName.get(name) };
}
let cached;
/** The catalogue shipped in nix/formats.json. */
function loadCatalogue() {
    cached ??= parseCatalogue(JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .projectPath */ .D)("nix", "formats.json"), "utf8")));
    return cached;
}


/***/ }),

/***/ 296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   yU: () => (/* binding */ ExitCode),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/** Documented exit codes (README "Exit codes"). */
const ExitCode = {
    ok: 0,
    /** Nix evaluation or build failed for a reason not in the user's input. */
    failed: 1,
    /** Bad command-line flags or action inputs. */
    usage: 2,
    /** The NixOS configuration does not evaluate (syntax, undefined option, type, conflict). */
    config: 3,
    /** The environment: Nix missing or too old, nixpkgs too old, no space, no binfmt/KVM. */
    environment: 4,
    /** An image did not pass verification. */
    verify: 5,
    /** An image did not boot in the boot test (panic, emergency mode, hang, timeout). */
    boot: 6,
    /** Interrupted (Ctrl-C / SIGTERM). */
    interrupted: 130,
};
class UserError extends Error {
    problem;
    fix;
    exitCode;
    details;
    field;
    name = "UserError";
    constructor(
    /** What is wrong, in one sentence. */
    problem, 
    /** What to do about it, in one sentence. */
    fix, exitCode = ExitCode.usage, 
    /** Extra lines (e.g. the Nix error excerpt), shown after the message. */
    details, 
    /** The request field the problem is in, for the front end to name (a flag, an input). */
    field) {
        super(`${problem} ${fix}`);
        this.problem = problem;
        this.fix = fix;
        this.exitCode = exitCode;
        this.details = details;
        this.field = field;
    }
    /** The text shown to the user: "problem\n  fix" and any details. */
    render() {
        const lines = [this.problem, `  ${this.fix}`];
        if (this.details)
            lines.push("", this.details);
        return lines.join("\n");
    }
}
function isUserError(e) {
    return e instanceof UserError;
}


/***/ }),

/***/ 206:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  D: () => (/* binding */ projectPath)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/core/paths.ts
// Where the project's own files are, from the sources, the tests and the ncc bundle alike.



function findRoot() {
    if (process.env.NIXOS_GENERATORS_ROOT)
        return (0,external_node_path_.resolve)(process.env.NIXOS_GENERATORS_ROOT);
    let dir = (0,external_node_path_.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    for (;;) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, "nix", "formats.json")))
            return dir;
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            throw new Error("cannot find the project root (nix/formats.json) above " + (0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
        dir = parent;
    }
}
let root;
/** A path inside the project (the checkout, or the action's directory on a runner). */
function projectPath(...parts) {
    root ??= findRoot();
    return (0,external_node_path_.join)(root, ...parts);
}


/***/ }),

/***/ 506:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   j2: () => (/* binding */ targetBuilder),
/* harmony export */   nD: () => (/* binding */ formatName)
/* harmony export */ });
/* unused harmony exports targetFormats, targetSystems */
/** The format's name: the catalogue's canonical one, or the custom format's. */
function formatName(format) {
    return format.kind === "catalogue" ? format.entry.name : format.name;
}
/** The distinct format names of the targets, in order. */
function targetFormats(targets) {
    return [...new Set(targets.map((t) => formatName(t.format)))];
}
/** The distinct systems of the targets, in order. */
function targetSystems(targets) {
    return [...new Set(targets.map((t) => t.system))];
}
/** The builder that makes the target: the one `auto` chose for it, else the request's ("vm" for an `auto` not chosen yet). */
function targetBuilder(target, builder) {
    return target.builder ?? (builder === "auto" ? "vm" : builder);
}


/***/ }),

/***/ 734:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ orList),
/* harmony export */   V: () => (/* binding */ parseSystem),
/* harmony export */   au: () => (/* binding */ didYouMean),
/* harmony export */   cM: () => (/* binding */ andList),
/* harmony export */   ki: () => (/* binding */ hostSystem),
/* harmony export */   o9: () => (/* binding */ lookupFormat)
/* harmony export */ });
/* unused harmony exports editDistance, formatNames, closeFormatNames */
/* harmony import */ var _catalogue_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(318);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(296);
// Format and system names as the user gives them → catalogue entries, with
// did-you-mean errors. Shared by the command line and the action.


/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    const at = (i, j) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, at(i - 2, j - 2) + 1);
            const row = d[i];
            if (row)
                row[j] = best;
        }
    }
    return at(a.length, b.length);
}
/**
 * The candidates close to `input`, best first (at most `max`): those within an
 * edit distance of a third of the longer word (at least 1, at most 3), and
 * those that start with `input` when it is 2+ characters.
 */
function didYouMean(input, candidates, max = 3) {
    const needle = input.toLowerCase();
    const scored = [];
    for (const name of new Set(candidates)) {
        const lower = name.toLowerCase();
        const distance = editDistance(needle, lower);
        const limit = Math.min(3, Math.max(1, Math.floor(Math.max(needle.length, lower.length) / 3)));
        if (distance <= limit)
            scored.push({ name, score: distance });
        else if (needle.length >= 2 && lower.startsWith(needle))
            scored.push({ name, score: limit + 1 + (lower.length - needle.length) / 100 });
    }
    scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
    return scored.slice(0, max).map((s) => s.name);
}
/** "a", "a or b", "a, b or c", each quoted. */
function orList(items, quote = "'", conjunction = "or") {
    const q = items.map((i) => `${quote}${i}${quote}`);
    if (q.length <= 1)
        return q.join("");
    return `${q.slice(0, -1).join(", ")} ${conjunction} ${q[q.length - 1]}`;
}
/** "a", "a and b", "a, b and c", each quoted. */
function andList(items, quote = "'") {
    return orList(items, quote, "and");
}
const SYSTEM_HINTS = {
    x86_64: "x86_64-linux",
    amd64: "x86_64-linux",
    x64: "x86_64-linux",
    "x86-64": "x86_64-linux",
    "x86_64-darwin": "x86_64-linux",
    "amd64-linux": "x86_64-linux",
    aarch64: "aarch64-linux",
    arm64: "aarch64-linux",
    "arm64-linux": "aarch64-linux",
    "aarch64-darwin": "aarch64-linux",
};
/** A Nix system name as the user gives it; one UserError (field "systems") for anything else. */
function parseSystem(text, labels) {
    const trimmed = text.trim();
    const found = _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB.find((s) => s === trimmed);
    if (found)
        return found;
    const hint = SYSTEM_HINTS[trimmed.toLowerCase()] ?? didYouMean(trimmed, _catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB, 1)[0];
    const darwin = trimmed.endsWith("-darwin") ? " (the images are NixOS, so always a Linux system, even when built on a Mac)" : "";
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(trimmed === "" ? `${labels.name.systems} was given an empty value.` : `unknown system '${text}'${darwin}.`, `${hint ? `Did you mean '${hint}'? ` : ""}The supported systems are ${andList(_catalogue_js__WEBPACK_IMPORTED_MODULE_0__/* .SYSTEMS */ .LB)}.`, _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU.usage, undefined, "systems");
}
/** The system the images are built for when none is given: the host's CPU, as Linux. */
function hostSystem(arch = process.arch) {
    if (arch === "x64")
        return "x86_64-linux";
    if (arch === "arm64")
        return "aarch64-linux";
    return undefined;
}
/** Every name and alias in the catalogue. */
function formatNames(catalogue) {
    return catalogue.formats.flatMap((f) => [f.name, ...f.aliases]);
}
/** The catalogue's names close to `name`, each shown with its canonical name when it is an alias. */
function closeFormatNames(name, catalogue) {
    return didYouMean(name.trim(), formatNames(catalogue)).map((c) => {
        const f = catalogue.lookup(c);
        return f && f.name !== c ? `${c} (= ${f.name})` : c;
    });
}
/** One format by name or alias; an unknown one is a UserError (field "formats") with did-you-mean. */
function lookupFormat(name, catalogue) {
    const format = catalogue.lookup(name.trim());
    if (format)
        return format;
    const shown = closeFormatNames(name, catalogue);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(name.trim() === "" ? "a format name is empty." : `unknown format '${name}'.`, `${shown.length > 0 ? `Did you mean ${orList(shown)}? ` : ""}See the formats with 'nixos-generate --list'.`, _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ExitCode */ .yU.usage, undefined, "formats");
}


/***/ }),

/***/ 257:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nj: () => (/* binding */ guarded),
/* harmony export */   Oj: () => (/* binding */ systemError),
/* harmony export */   UK: () => (/* binding */ errnoCode),
/* harmony export */   aS: () => (/* binding */ guardedSync),
/* harmony export */   kN: () => (/* binding */ isNotThere)
/* harmony export */ });
/* unused harmony exports fileOnTheWay, errnoWords, errnoExitCode */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(296);
// One rule at every file-system and network boundary: a Node system error
// (an errno code such as ENOSPC, ELOOP, ECONNREFUSED) becomes one UserError
// that names the path or endpoint, says what the code means and what to do,
// with the documented exit code: usage for the user's own paths, environment
// for a full disk, the runner's permissions and the network.



const NAME_MAX = 255;
/** The first name in `path` longer than NAME_MAX bytes. */
function longName(path) {
    return path.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).find((part) => Buffer.byteLength(part) > NAME_MAX);
}
/** The ancestor of `path` that is a file (what makes ENOTDIR), if one is. */
function fileOnTheWay(path) {
    for (let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path); dir !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir); dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir)) {
        let stats;
        try {
            stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir);
        }
        catch {
            continue; // not there, or under the file: look further up
        }
        return stats.isDirectory() ? undefined : dir;
    }
    return undefined;
}
const permissions = (target, owner) => owner === "user"
    ? `Give a path this user (uid ${process.getuid?.() ?? "?"}) may use, or fix the permissions of ${target} (ls -ld, chmod, chown)`
    : `Run the job as a user who may use ${target}, or fix its permissions on the runner (ls -ld, chmod, chown)`;
const network = (target) => `Check that ${target} is reachable from this machine (its proxy, firewall and DNS), then re-run`;
const ERRNO = {
    ENOENT: { words: () => "it (or a directory on its path) does not exist", fix: (t) => `Check the path ${t}, or create its directory first`, environment: false },
    ENOTDIR: {
        words: (t) => {
            const file = fileOnTheWay(t);
            return file ? `${file} is a file, not a directory` : "a part of the path is not a directory";
        },
        fix: () => "Give a path whose every parent is a directory",
        environment: false,
    },
    EISDIR: { words: () => "it is a directory where a file was expected", fix: () => "Give the path of a file, or move the directory away", environment: false },
    EEXIST: { words: () => "something is already there", fix: (t) => `Move away what is at ${t}, or give another path`, environment: false },
    ELOOP: {
        words: () => "it is a symbolic link loop (links that lead back to themselves, or too many levels of links)",
        fix: (t) => `Point the symbolic link at a real file (ls -l ${t} shows where it leads), or give the file's own path`,
        environment: false,
    },
    ENAMETOOLONG: {
        words: (t) => {
            const name = longName(t);
            return name
                ? `the name '${name.slice(0, 40)}…' is ${Buffer.byteLength(name)} bytes long, and file systems allow ${NAME_MAX} bytes per name`
                : "the path is longer than the system allows (4096 bytes)";
        },
        fix: () => `Use shorter names (at most ${NAME_MAX} bytes each) or a shorter path`,
        environment: false,
    },
    EACCES: { words: () => "permission denied", fix: permissions, environment: false },
    EPERM: { words: () => "the operation is not permitted", fix: permissions, environment: false },
    EROFS: {
        words: () => "the file system is read-only",
        fix: (_t, owner) => (owner === "user" ? "Give a path on a writable file system" : "Make the runner's file system writable there (or point the job at a writable directory)"),
        environment: false,
    },
    ENOSPC: { words: () => "no space is left on the device", fix: (t) => `Free space on the disk that holds ${t} (df -h shows it), or use a larger disk`, environment: true },
    EDQUOT: { words: () => "the disk quota is used up", fix: (t) => `Free space within the quota of the disk that holds ${t}, or raise the quota`, environment: true },
    EFBIG: { words: () => "the file is larger than the file system allows", fix: () => "Use a file system that holds large files (not FAT32)", environment: true },
    EMFILE: { words: () => "this process has too many open files", fix: () => "Raise the open-file limit (ulimit -n), then re-run", environment: true },
    ENFILE: { words: () => "the system has too many open files", fix: () => "Close other programs on the machine, then re-run", environment: true },
    EXDEV: { words: () => "it is on another file system than its source", fix: () => "Put both on one file system, then re-run", environment: true },
    EIO: { words: () => "the disk reported an input/output error", fix: () => "Check the disk (dmesg shows its errors), then re-run", environment: true },
    EBUSY: { words: () => "it is busy (in use, or a mount point)", fix: (t) => `Stop what uses ${t}, or give another path`, environment: false },
    ETXTBSY: { words: () => "it is a program that is running", fix: (t) => `Stop the program ${t}, or give another path`, environment: false },
    ECONNREFUSED: { words: () => "the connection was refused (nothing listens there)", fix: network, environment: true },
    ECONNRESET: { words: () => "the connection was reset by the other side", fix: network, environment: true },
    ECONNABORTED: { words: () => "the connection was aborted", fix: network, environment: true },
    EPIPE: { words: () => "the other side closed the connection", fix: network, environment: true },
    ETIMEDOUT: { words: () => "the connection timed out", fix: network, environment: true },
    EHOSTUNREACH: { words: () => "the host is unreachable", fix: network, environment: true },
    ENETUNREACH: { words: () => "the network is unreachable", fix: network, environment: true },
    ENOTFOUND: { words: () => "the host name was not found (DNS)", fix: (t) => `Check the host name in ${t} and this machine's DNS, then re-run`, environment: true },
    EAI_AGAIN: { words: () => "the host name could not be looked up just now (DNS, temporary)", fix: (t) => `Check this machine's DNS for ${t}, then re-run`, environment: true },
};
/** The errno code of a system error: its own `code`, or its cause's (fetch wraps them), or an aggregate's first. */
function errnoCode(error, depth = 0) {
    if (typeof error !== "object" || error === null || depth > 5)
        return undefined;
    // Node's own ERR_* codes are bugs (a wrong argument), not the system's answer.
    if ("code" in error && typeof error.code === "string" && /^E[A-Z0-9_]+$/.test(error.code) && !error.code.startsWith("ERR_"))
        return error.code;
    if ("cause" in error) {
        const code = errnoCode(error.cause, depth + 1);
        if (code)
            return code;
    }
    if ("errors" in error && Array.isArray(error.errors)) {
        for (const inner of error.errors) {
            const code = errnoCode(inner, depth + 1);
            if (code)
                return code;
        }
    }
    return undefined;
}
/** A system error saying the path is not there: it (or a directory on the way) does not exist, or a file is on the way. */
function isNotThere(error) {
    const code = errnoCode(error);
    return code === "ENOENT" || code === "ENOTDIR";
}
/** The code in words ("no space is left on the device"), or undefined for a code this module does not know. */
function errnoWords(code, target) {
    return ERRNO[code]?.words(target);
}
/** The exit code a system error with `code` on a target of `owner` gets. */
function errnoExitCode(code, owner) {
    const known = ERRNO[code];
    if (known?.environment)
        return _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment;
    if (!known)
        return _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment;
    return owner === "user" ? _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.usage : _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment;
}
/**
 * The UserError for a system error: "<problem>: <code in words> (<CODE>)."
 * and the fix. A UserError is returned as it is; anything that is not a
 * system error (a bug) too, so the caller rethrows what it gets.
 */
function systemError(error, context) {
    if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isUserError */ .iU)(error))
        return error;
    const code = errnoCode(error);
    if (code === undefined)
        return error;
    const known = ERRNO[code];
    const detail = error instanceof Error ? error.message : String(error);
    const words = known ? known.words(context.target) : `${detail.replace(/^E[A-Z0-9_]+:\s*/, "").split(",")[0] ?? detail}`;
    const fix = known ? known.fix(context.target, context.owner) : "Fix the cause on this machine, then re-run";
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${context.problem}: ${words} (${code}).`, `${fix}${context.instead ? `, or ${context.instead}` : ""}.`, errnoExitCode(code, context.owner), undefined, context.field);
}
/** Runs `work`; a system error it throws becomes the UserError of `context` (other errors pass as they are). */
async function guarded(context, work) {
    try {
        return await work();
    }
    catch (error) {
        throw systemError(error, context);
    }
}
/** The same for synchronous work. */
function guardedSync(context, work) {
    try {
        return work();
    }
    catch (error) {
        throw systemError(error, context);
    }
}


/***/ }),

/***/ 840:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   iD: () => (/* binding */ lastNixError),
/* harmony export */   pT: () => (/* binding */ evaluationError)
/* harmony export */ });
/* unused harmony export notANixpkgsTree */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(296);
// Nix's error output -> one UserError naming the problem and the fix.

/** The last `error:` block of Nix's stderr, without the trace before it. */
function lastNixError(stderr) {
    const lines = stderr.split("\n");
    let start = -1;
    for (let i = lines.length - 1; i >= 0; i--) {
        if (/^\s*error:/.test(lines[i] ?? "")) {
            start = i;
            break;
        }
    }
    const block = start >= 0 ? lines.slice(start) : lines.slice(-15);
    return block
        .map((line) => line.replace(/^ {7}/, ""))
        .join("\n")
        .trim();
}
/** "at /path/file.nix:12:3:" anywhere in the output -> "/path/file.nix:12" */
function firstLocation(text) {
    const match = /at (\/[^\s:]+\.nix):(\d+)(?::\d+)?/.exec(text);
    return match ? `${match[1]}:${match[2]}` : undefined;
}
/** Files named in a "Definition values:" list: "- In `/path/file.nix'" */
function definitionFiles(text) {
    return [...text.matchAll(/- In `([^']+)'/g)].map((m) => m[1] ?? "");
}
/**
 * <nixpkgs> is a directory but not a nixpkgs tree: nix/eval.nix's
 * `import (nixpkgs + "/lib")` or `nixpkgs + "/nixos/lib/eval-config.nix"`
 * found nothing. The directory, or undefined for another missing path.
 */
function notANixpkgsTree(stderr, error, nixpkgs) {
    const evalConfig = /path '(\/[^']*?)\/(nixos\/lib\/eval-config\.nix)' does not exist/.exec(error);
    if (evalConfig)
        return { dir: evalConfig[1] ?? "", missing: evalConfig[2] ?? "" };
    const lib = /path '(\/[^']*?)\/(lib)' does not exist/.exec(error);
    // A missing "<dir>/lib" is nixpkgs' only when it is the nixpkgs given, or the import in the trace is eval.nix's of nixpkgs.
    if (lib && (lib[1] === nixpkgs || /import \(nixpkgs \+ "\/lib"\)/.test(stderr)))
        return { dir: lib[1] ?? "", missing: "lib/" };
    return undefined;
}
/** Classify a failed evaluation. */
function evaluationError(stderr, context) {
    const error = lastNixError(stderr);
    const details = context.showTrace ? stderr.trim() : error;
    const ours = /nixos-generators: (.*)/s.exec(error);
    if (ours?.[1]) {
        const text = ours[1].split("\n")[0] ?? ours[1];
        const environment = /no `image.modules`/.test(text);
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(text, environment ? "Use a nixpkgs of NixOS 25.05 or newer (-I nixpkgs=…)." : "Change the request or the configuration as the message says.", environment ? _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.environment : _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, context.showTrace ? details : undefined);
    }
    if (/syntax error/.test(error)) {
        const where = firstLocation(error) ?? "the configuration";
        const what = /syntax error, ([^\n]*)/.exec(error)?.[1] ?? "syntax error";
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Nix syntax error in ${where}: ${what}.`, `Fix the Nix syntax at ${where}.`, _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
    }
    const missing = /The option `([^']+)' does not exist/.exec(error);
    if (missing) {
        const files = definitionFiles(error);
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The configuration sets an option that does not exist: ${missing[1]}${files.length ? ` (in ${files.join(", ")})` : ""}.`, "Check the option's name for this nixpkgs version (nixos-option, or search.nixos.org/options) or remove it.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
    }
    const type = /A definition for option `([^']+)' is not of type `([^']+)'/.exec(error);
    if (type) {
        const files = definitionFiles(error);
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The option ${type[1]} is not of type ${type[2]}${files.length ? ` (set in ${files.join(", ")})` : ""}.`, `Give ${type[1]} a value of type ${type[2]}.`, _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
    }
    const conflict = /The option `([^']+)' has conflicting definition values/.exec(error);
    if (conflict) {
        const files = definitionFiles(error);
        const formatFiles = files.filter((f) => context.formatRoots.some((root) => f.startsWith(root)));
        const userFiles = files.filter((f) => !formatFiles.includes(f));
        const owner = formatFiles.length
            ? ` The format (${context.formats.join(", ")}) sets it in ${formatFiles.join(", ")}; your configuration sets it in ${userFiles.join(", ") || "another file"}.`
            : ` It is set in ${files.join(", ")}.`;
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The option ${conflict[1]} has conflicting values.${owner}`, "Set it in only one place, or give your value a priority: lib.mkDefault (let the format win) or lib.mkForce (win over the format), or put it in formatConfigs.<format>.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
    }
    if (/Failed assertions:/.test(error)) {
        const list = error.split("Failed assertions:")[1]?.trim() ?? "";
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The configuration fails NixOS assertions:\n${list}`, "Change the configuration so the assertions hold.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
    }
    const tree = notANixpkgsTree(stderr, error, context.nixpkgs);
    if (tree) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`<nixpkgs> is ${tree.dir}, which is not a nixpkgs tree: it has no ${tree.missing}.`, "Point nixpkgs (-I nixpkgs=, the action's 'nixpkgs' input, or NIX_PATH) at a nixpkgs checkout, the directory that holds lib/ and nixos/ (e.g. a clone of github.com/NixOS/nixpkgs), or at a URL such as channel:nixos-25.05.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.usage, 
        // Nix's own line says the same ("path '…/lib' does not exist"): only the trace adds to it.
        context.showTrace ? details : undefined);
    }
    const search = /file '([^']+)' was not found in the Nix search path/.exec(error);
    if (search) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`<${search[1]}> is not in the Nix search path.`, `Pass -I ${search[1]}=PATH (the action's 'nixpkgs' input), or set NIX_PATH.`, _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.environment, details);
    }
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Nix evaluation failed: ${error.split("\n")[0]?.replace(/^error:\s*/, "") ?? "unknown error"}`, "Read the error below; run again with --show-trace for the full trace.", _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.config, details);
}


/***/ }),

/***/ 791:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  _3: () => (/* binding */ evaluate),
  ej: () => (/* binding */ listCustomFormats)
});

// UNUSED EXPORTS: MAX_FORMATS_PER_PROCESS, capGroups, evalRequest, evaluatedImageSchema, formatsPerProcess, nixFlags, splitPairs

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __nccwpck_require__(816);
// EXTERNAL MODULE: ./src/core/catalogue.ts
var catalogue = __nccwpck_require__(318);
// EXTERNAL MODULE: ./src/core/paths.ts + 1 modules
var paths = __nccwpck_require__(206);
// EXTERNAL MODULE: ./src/core/system-error.ts
var system_error = __nccwpck_require__(257);
// EXTERNAL MODULE: ./src/nix/errors.ts
var errors = __nccwpck_require__(840);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __nccwpck_require__(296);
;// CONCATENATED MODULE: ./src/nix/image-names.ts
// The image's names from an evaluation are the configuration's words
// (image.fileName, image.filePath): they become paths below the Nix output,
// in out-dir and release asset names. A name that would leave its directory
// ('..', '/…') is refused where the evaluation's answer enters, never followed.
// (A format found by fileExtension alone is named by the file the build
// wrote, which cannot leave its output.)


/** Why `name` is not one plain file name, or null when it is. */
function fileNameFault(name) {
    if (name === "")
        return "it is empty";
    if (name === "." || name === "..")
        return `'${name}' names a directory, not a file`;
    if (name.includes("/"))
        return "it contains '/'";
    if (name.includes("\0"))
        return "it contains a NUL byte";
    return null;
}
/** Why `path` is not a relative path that stays below its directory, or null when it is. */
function filePathFault(path) {
    if (path === "")
        return null; // the output itself is the image
    if (path.includes("\0"))
        return "it contains a NUL byte";
    if ((0,external_node_path_.isAbsolute)(path))
        return "it is absolute";
    if (path.split("/").includes(".."))
        return "it has a '..' segment";
    return null;
}
/** The entry as evaluated, or a UserError (exit 3) naming the option whose value leaves the output. */
function checkImageNames(image) {
    const faults = [
        ["image.fileName", image.fileName, fileNameFault(image.fileName)],
        ["image.filePath", image.filePath ?? "", filePathFault(image.filePath ?? "")],
    ];
    for (const [option, value, fault] of faults) {
        if (fault === null)
            continue;
        throw new core_errors/* UserError */.yo(`The format '${image.format}' (${image.system}) names its image ${JSON.stringify(value)} (${option}), which would leave its directory: ${fault}.`, `Set ${option} to a ${option === "image.filePath" ? "relative path below $out without '..'" : "plain file name such as nixos.img"}: the image is written below $out, and published, under that name.`, core_errors/* ExitCode */.yU.config);
    }
    return image;
}

// EXTERNAL MODULE: ./src/nix/run.ts
var run = __nccwpck_require__(94);
;// CONCATENATED MODULE: ./src/nix/warnings.ts
// The warnings in an evaluation's stderr: nixpkgs' lib.warn and the module
// system's `warnings` (Nix >= 2.23 prints "evaluation warning: …", with the
// lines after the first indented; older Nix "trace: warning: …").
const START = /^(?:evaluation warning|trace: warning): ?(.*)$/;
/** Each warning's text (its lines joined with "\n", indentation removed), in order, each once. */
function evaluationWarnings(stderr) {
    const warnings = [];
    let current;
    const finish = () => {
        if (current) {
            const text = current.join("\n").trim();
            if (text !== "" && !warnings.includes(text))
                warnings.push(text);
        }
        current = undefined;
    };
    for (const line of stderr.split("\n")) {
        const start = START.exec(line);
        if (start) {
            finish();
            current = [start[1] ?? ""];
        }
        else if (current && /^\s+\S/.test(line))
            current.push(line.trim());
        else
            finish();
    }
    finish();
    return warnings;
}

;// CONCATENATED MODULE: ./src/nix/evaluate.ts
// Evaluate formats x systems of one configuration through nix/eval.nix:
// the pairs are split over evaluator processes (one per core), each sharing
// one base configuration per system across its formats.











/** What nix/eval.nix returns for one format x system: its derivation and where the image is in the output. */
const evaluatedImageSchema = schemas/* object */.Ikc({
    format: schemas/* string */.YjP(),
    /** A format the catalogue does not have (formatConfigs, --format-path). */
    custom: schemas/* boolean */.zMY(),
    system: catalogue/* systemSchema */.$O,
    drvPath: schemas/* string */.YjP().startsWith("/"),
    output: schemas/* string */.YjP().startsWith("/"),
    fileName: schemas/* string */.YjP(),
    /** The image below the output ("" for the output itself); null when `imageSearch` names it. */
    filePath: schemas/* string */.YjP().nullable(),
    /** The extension that names the image in the output, for a format written with `fileExtension` alone. */
    imageSearch: schemas/* string */.YjP().nullable(),
    /** What a custom format declares its image to be (formatContainer); null when it declares nothing. */
    container: catalogue/* containerSchema */.tj.nullable().optional(),
    label: schemas/* string */.YjP(),
    /** config.boot.kernelParams of the format's configuration (the serial console the boot test watches). */
    kernelParams: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    diskSize: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* literal */.euz("auto"), schemas/* null */.chJ()]),
    /** The system's toplevel .drv; null for an image that does not contain the system (catalogue containsSystem: false). */
    toplevel: schemas/* string */.YjP().startsWith("/").nullable(),
});
/** The JSON nix/eval.nix reads. */
function evalRequest(input, pairs) {
    return JSON.stringify({
        config: input.config,
        pairs: pairs.map(({ format, system, builder }) => ({ format, system, ...(builder !== undefined ? { builder } : {}) })),
        diskSize: input.diskSize ?? null,
        builder: input.builder ?? "vm",
        specialArgs: Object.fromEntries(input.specialArgs.map((a) => [a.name, a.value])),
        formatPath: input.formatPath ?? null,
    });
}
/** Common Nix flags from the settings: -I, --option, --show-trace. */
function nixFlags(settings) {
    const flags = [];
    for (const { key, value } of settings.includes)
        flags.push("-I", key ? `${key}=${value}` : value);
    for (const { name, value } of settings.nixOptions)
        flags.push("--option", name, value);
    if (settings.showTrace)
        flags.push("--show-trace");
    return flags;
}
/**
 * Split pairs into at most `processes` groups, keeping each system's formats
 * together where possible (they share one base evaluation).
 */
function splitPairs(pairs, processes) {
    const n = Math.max(1, Math.min(processes, pairs.length));
    // One base configuration per system and builder (eval.nix evaluates one for each).
    const bySystem = new Map();
    for (const pair of pairs) {
        const key = `${pair.system} ${pair.builder ?? ""}`;
        bySystem.set(key, [...(bySystem.get(key) ?? []), pair]);
    }
    const groups = [...bySystem.values()];
    // Split the largest group until there are n groups (or nothing to split).
    while (groups.length < n) {
        groups.sort((a, b) => b.length - a.length);
        const largest = groups[0];
        if (!largest || largest.length < 2)
            break;
        const half = Math.ceil(largest.length / 2);
        groups.splice(0, 1, largest.slice(0, half), largest.slice(half));
    }
    // More systems than processes: merge the smallest groups.
    while (groups.length > n) {
        groups.sort((a, b) => a.length - b.length);
        const [a, b] = groups.splice(0, 2);
        groups.push([...(a ?? []), ...(b ?? [])]);
    }
    return groups;
}
/**
 * One nix-instantiate of nix/eval.nix. The request (JSON) goes through a
 * file: as one argument, a large one would exceed the kernel's limit (E2BIG).
 */
async function runEval(input, request, options) {
    const dir = await (0,system_error/* guarded */.Nj)({
        problem: `The evaluation request could not be written to the temporary directory ${(0,external_node_os_.tmpdir)()}`,
        target: (0,external_node_os_.tmpdir)(),
        owner: "runner",
        instead: "make TMPDIR (RUNNER_TEMP in the action) a writable directory with free space",
    }, async () => {
        const made = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "nixos-generators-request-"));
        await (0,promises_.writeFile)((0,external_node_path_.join)(made, "request.json"), request, { mode: 0o600 }).catch(async (error) => {
            await (0,promises_.rm)(made, { recursive: true, force: true });
            throw error;
        });
        return made;
    });
    try {
        const result = await (0,run/* runNix */.dI)("nix-instantiate", ["--eval", "--strict", "--json", "--read-write-mode", (0,paths/* projectPath */.D)("nix", "eval.nix"), "--argstr", "requestFile", (0,external_node_path_.join)(dir, "request.json"), ...nixFlags(input)], options);
        if (result.code === 0 && options.onWarning)
            for (const warning of evaluationWarnings(result.stderr))
                options.onWarning(warning);
        return result;
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/**
 * The prefixes of the files that are never the user's (nixpkgs' modules, this
 * library's), as Nix computes them for the configuration: the one list the
 * ownership rule uses too. Asked only to explain a conflict; without an
 * answer, this library's nix/ alone.
 */
async function libraryPrefixes(input, system, options) {
    const result = await runEval(input, JSON.stringify({ ...JSON.parse(evalRequest(input, [])), prefixes: true, systems: [system] }), options);
    const parsed = result.code === 0 ? schemas/* array */.YOg(schemas/* string */.YjP()).safeParse(JSON.parse(result.stdout)) : undefined;
    return parsed?.success ? parsed.data : [(0,paths/* projectPath */.D)("nix") + "/"];
}
async function instantiate(input, request, pairs, options) {
    const result = await runEval(input, request, options);
    if (result.code !== 0) {
        const conflict = /has conflicting definition values/.test(result.stderr);
        const system = pairs[0]?.system;
        throw (0,errors/* evaluationError */.pT)(result.stderr, {
            formatRoots: conflict && system ? await libraryPrefixes(input, system, options) : [(0,paths/* projectPath */.D)("nix") + "/"],
            formats: [...new Set(pairs.map((p) => p.format))],
            showTrace: input.showTrace,
        });
    }
    return JSON.parse(result.stdout);
}
async function evaluateGroup(input, pairs, options) {
    return schemas/* array */.YOg(evaluatedImageSchema).parse(await instantiate(input, evalRequest(input, pairs), pairs, options)).map(checkImageNames);
}
/** The configuration's own formats (formatConfigs names the catalogue does not have), as evaluated for `system`. */
async function listCustomFormats(input, system, options = {}) {
    const request = JSON.stringify({ ...JSON.parse(evalRequest(input, [])), list: true, systems: [system] });
    return schemas/* array */.YOg(schemas/* string */.YjP()).parse(await instantiate(input, request, [], options));
}
/**
 * Formats one evaluator process takes at most. A process keeps much of every
 * format configuration it has evaluated (Nix frees little of an evaluation),
 * and one process runs per core. Measured with Nix 2.34 for the 32 x86_64
 * formats of the default configuration on 2 cores (bench/formats.mjs --caps,
 * total RSS of every process, one run each): cap 4: 129.0 s, 2639 MiB; cap 6:
 * 113.7 s, 3408 MiB; cap 8: 72.7 s, 3673 MiB. (Nix 2.26 needed 4.5 GiB at
 * cap 6.) 8 keeps `--all` within 4 GiB and evaluates the base configuration
 * in 4 processes instead of 8.
 */
const MAX_FORMATS_PER_PROCESS = 8;
/**
 * The cap in force: NIXOS_GENERATORS_FORMATS_PER_PROCESS (a whole number, for
 * bench/formats.mjs --caps and machines with more memory), else the default.
 */
function formatsPerProcess(env) {
    const n = Number(env.NIXOS_GENERATORS_FORMATS_PER_PROCESS);
    return Number.isSafeInteger(n) && n > 0 ? n : MAX_FORMATS_PER_PROCESS;
}
/** Cut groups so none has more than `max` pairs (keeping order). */
function capGroups(groups, max) {
    return groups.flatMap((group) => {
        const parts = Math.ceil(group.length / max);
        const size = Math.ceil(group.length / parts);
        return Array.from({ length: parts }, (_, i) => group.slice(i * size, (i + 1) * size));
    });
}
/** Run `work` over `items`, at most `limit` at a time; results in item order. */
async function pool(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
/** Evaluate every pair; the entries come back in the order of `pairs`. */
async function evaluate(input, pairs, options = {}) {
    const processes = options.processes ?? (0,external_node_os_.availableParallelism)();
    const groups = capGroups(splitPairs(pairs, processes), options.maxPerProcess ?? formatsPerProcess(process.env));
    const started = Date.now();
    let done = 0;
    const results = await pool(groups, processes, async (group) => {
        const entries = await evaluateGroup(input, group, options);
        options.onGroupDone?.({ pairs: group, done: ++done, total: groups.length, seconds: (Date.now() - started) / 1000 });
        return entries;
    });
    const all = results.flat();
    return pairs.map((pair) => {
        const entry = all.find((e) => e.format === pair.format && e.system === pair.system);
        if (!entry)
            throw new Error(`evaluation returned no entry for ${pair.format} on ${pair.system}`);
        return entry;
    });
}


/***/ }),

/***/ 94:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dI: () => (/* binding */ runNix)
/* harmony export */ });
/* unused harmony exports NixInterrupted, FEATURE_FLAGS, nixEnvironment */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(296);
// Every Nix call goes through here: one place that spawns Nix with the
// features it needs and a scrubbed environment, streams or captures its
// output, and turns Ctrl-C into a clean stop.



/** The Nix binary name a tool is called by (overridable for tests of a missing Nix). */
function binary(tool) {
    const dir = process.env.NIXOS_GENERATORS_NIX_BIN;
    return dir ? `${dir}/${tool}` : tool;
}
class NixInterrupted extends _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo {
    constructor() {
        super("Interrupted: Nix was stopped.", "Run the command again to continue; finished store paths are kept.", _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.interrupted);
    }
}
/**
 * Every Nix call names the experimental features it uses (the `nix` command,
 * flakes for getFlake), so it works whatever the user's nix.conf says.
 */
const FEATURE_FLAGS = ["--extra-experimental-features", "nix-command flakes"];
/** Variables Nix may see: what it needs to run, fetch and build (never the runner's tokens or the action's inputs). */
const ENV_NAMES = new Set([
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "TERM",
    "TMPDIR",
    "TMP",
    "TEMP",
    "TZ",
    "LANG",
    "LANGUAGE",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "CURL_CA_BUNDLE",
    "GIT_SSL_CAINFO",
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "all_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    // git+ssh flake inputs
    "SSH_AUTH_SOCK",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
]);
const ENV_PREFIXES = ["NIX_", "LC_", "XDG_", "NIXROOT_"];
/**
 * The environment a Nix child gets: `env` less everything Nix does not need.
 * A configuration or flake input could read any variable with
 * builtins.getEnv, so ACTIONS_RUNTIME_TOKEN, GITHUB_TOKEN, INPUT_* and the
 * like never reach it.
 */
function nixEnvironment(env) {
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (ENV_NAMES.has(name) || ENV_PREFIXES.some((prefix) => name.startsWith(prefix)))
            kept[name] = value;
    }
    return kept;
}
function runNix(tool, args, options = {}) {
    return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
            reject(new NixInterrupted());
            return;
        }
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary(tool), [...FEATURE_FLAGS, ...args], {
            cwd: options.cwd,
            env: nixEnvironment(options.env ?? process.env),
            stdio: ["ignore", "pipe", "pipe"],
        });
        const stdout = [];
        const stderr = [];
        const onLine = options.onStderrLine;
        let partial = "";
        const decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_1__.StringDecoder("utf8");
        child.stdout.on("data", (chunk) => stdout.push(chunk));
        child.stderr.on("data", (chunk) => {
            stderr.push(chunk);
            if (options.streamStderr)
                process.stderr.write(chunk);
            if (onLine) {
                const lines = (partial + decoder.write(chunk)).split("\n");
                partial = lines.pop() ?? "";
                for (const line of lines)
                    onLine(line);
            }
        });
        let killTimer;
        const onAbort = () => {
            child.kill("SIGINT");
            killTimer = setTimeout(() => child.kill("SIGKILL"), 5000);
        };
        options.signal?.addEventListener("abort", onAbort, { once: true });
        child.on("error", (error) => {
            options.signal?.removeEventListener("abort", onAbort);
            if (error.code === "ENOENT") {
                reject(new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Nix is not installed: '${binary(tool)}' was not found on PATH.`, "Install Nix 2.18 or newer (scripts/install-nix on Debian, or https://nixos.org/download), or set the action's install-nix input to 'auto'.", _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ExitCode */ .yU.environment));
            }
            else
                reject(error);
        });
        child.on("close", (code, signal) => {
            options.signal?.removeEventListener("abort", onAbort);
            if (killTimer)
                clearTimeout(killTimer);
            partial += decoder.end();
            if (onLine && partial !== "")
                onLine(partial);
            if (options.signal?.aborted) {
                reject(new NixInterrupted());
                return;
            }
            resolve({
                code: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(stdout).toString("utf8"),
                stderr: Buffer.concat(stderr).toString("utf8"),
            });
        });
    });
}


/***/ }),

/***/ 396:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  g5: () => (/* binding */ failureOf),
  aI: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: evalInput, outLinkFor

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(296);
// EXTERNAL MODULE: ./src/core/request.ts
var core_request = __nccwpck_require__(506);
;// CONCATENATED MODULE: ./src/nix/build-cause.ts
// Why a build failed, in words: the first failing builder's own log (and
// Nix's error) read for the causes a person can act on. Nix's last line only
// counts dependents ("N dependencies of derivation … failed to build"); the
// cause is usually a line the failing builder printed, deep in the log.

/**
 * In order of precedence: a full disk also breaks downloads and VMs, so it is
 * named first when both show.
 */
const RULES = [
    {
        kind: "no-space",
        pattern: /No space left on device|Disk quota exceeded|ENOSPC/i,
        what: "the disk is full",
        fix: "Free disk space where the Nix store and the build directory are (the action's free-disk-space: true removes the runner's preinstalled toolchains), or build fewer images per job.",
        exitCode: errors/* ExitCode */.yU.environment,
    },
    {
        kind: "kvm",
        // Nix < 2.30: "a 'x86_64-linux' with features {kvm} is required"; 2.34: "Required features: {kvm}"; QEMU's own.
        pattern: /with features \{[^}]*\bkvm\b[^}]*\} is required|Required features: \{[^}]*\bkvm\b|Could not access KVM kernel module|failed to initialize kvm|\/dev\/kvm.*(?:Permission denied|No such file)/i,
        what: "the build needs KVM, which this machine does not give it",
        fix: "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a machine where /dev/kvm is usable and Nix lists 'kvm' in system-features.",
        exitCode: errors/* ExitCode */.yU.environment,
    },
    {
        kind: "network",
        pattern: /Could not resolve host|Couldn't resolve host|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection refused|Connection timed out|unable to download|SSL certificate problem|curl: \(\d+\)/i,
        what: "a download failed (no network, or the host is unreachable)",
        fix: "A source that no binary cache has was fetched: check the network access and the substituters (the action's extra-nix-config), or build where cache.nixos.org is reachable.",
        exitCode: errors/* ExitCode */.yU.environment,
    },
    {
        kind: "timeout",
        pattern: /timed out after \d+ seconds|took longer than the maximum|silent for \d+ seconds/i,
        what: "the build ran out of time",
        fix: "Raise Nix's timeout or max-silent-time (--option timeout N), or the job's timeout-minutes.",
        exitCode: errors/* ExitCode */.yU.failed,
    },
    {
        kind: "memory",
        pattern: /Cannot allocate memory|out of memory|std::bad_alloc|Killed\s*$/im,
        what: "the build ran out of memory",
        fix: "Build fewer things at once (the CLI's --max-jobs 1, or fewer images per job), or on a machine with more memory.",
        exitCode: errors/* ExitCode */.yU.environment,
    },
];
/** The cause shown by the builder's log (searched from its end) or else Nix's error text; undefined when none is known. */
function buildCause(builderLog, nixError) {
    const sources = [[...builderLog].reverse(), nixError.split("\n")];
    for (const rule of RULES) {
        for (const lines of sources) {
            const line = lines.find((l) => rule.pattern.test(l));
            if (line !== undefined)
                return { kind: rule.kind, what: rule.what, evidence: line.trim(), fix: rule.fix, exitCode: rule.exitCode };
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __nccwpck_require__(816);
;// CONCATENATED MODULE: ./src/nix/build-log.ts
// Nix's `--log-format internal-json` stream ("@nix {…}" lines on stderr) read
// back into what a person reads (the lines `nix build -L` prints), plus what
// the text format does not carry: how many derivations are done of how many,
// and each build's own log, to name the cause of a failure.
//
// Activity and result type numbers are Nix's (src/libutil/logging.hh):
// actBuilds 104, actBuild 105; resBuildLogLine 101, resPostBuildLogLine 107,
// resProgress 105 (fields: done, expected, running, failed).

const ACT_BUILDS = 104;
const ACT_BUILD = 105;
const RES_BUILD_LOG_LINE = 101;
const RES_POST_BUILD_LOG_LINE = 107;
const RES_PROGRESS = 105;
/** Nix's lvlInfo: what the text format prints without -v. */
const LEVEL_INFO = 3;
/** Lines of a build's own log kept to name a failure's cause. */
const TAIL_LINES = 60;
const eventSchema = schemas/* discriminatedUnion */.gMt("action", [
    schemas/* object */.Ikc({ action: schemas/* literal */.euz("msg"), level: schemas/* number */.aig(), msg: schemas/* string */.YjP() }),
    schemas/* object */.Ikc({
        action: schemas/* literal */.euz("start"),
        id: schemas/* number */.aig(),
        level: schemas/* number */.aig(),
        type: schemas/* number */.aig(),
        text: schemas/* string */.YjP(),
        fields: schemas/* array */.YOg(schemas/* unknown */.L5J()).optional(),
    }),
    schemas/* object */.Ikc({ action: schemas/* literal */.euz("stop"), id: schemas/* number */.aig() }),
    schemas/* object */.Ikc({ action: schemas/* literal */.euz("result"), id: schemas/* number */.aig(), type: schemas/* number */.aig(), fields: schemas/* array */.YOg(schemas/* unknown */.L5J()) }),
]);
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
/** "/nix/store/<hash>-bash-5.3.tar.gz.drv" -> "bash-5.3.tar.gz" (how `nix build -L` prefixes its lines). */
function derivationName(drvPath) {
    return drvPath.replace(/^.*\/[0-9a-z]{32}-/, "").replace(/\.drv$/, "");
}
class BuildLog {
    hooks;
    builds = new Map();
    byDrv = new Map();
    buildsActivity;
    rendered = [];
    progress = { done: 0, expected: 0, running: 0, failed: 0 };
    constructor(hooks = {}) {
        this.hooks = hooks;
    }
    emit(text) {
        for (const line of text.replace(ANSI, "").split("\n")) {
            this.rendered.push(line);
            this.hooks.line?.(line);
        }
    }
    /** One line of Nix's stderr. Lines that are not "@nix {…}" pass through as they are. */
    feed(raw) {
        if (!raw.startsWith("@nix ")) {
            this.emit(raw);
            return;
        }
        let json;
        try {
            json = JSON.parse(raw.slice(5));
        }
        catch {
            this.emit(raw);
            return;
        }
        const parsed = eventSchema.safeParse(json);
        if (!parsed.success)
            return;
        const event = parsed.data;
        switch (event.action) {
            case "msg":
                if (event.level <= LEVEL_INFO)
                    this.emit(event.msg);
                return;
            case "start": {
                if (event.type === ACT_BUILDS)
                    this.buildsActivity = event.id;
                if (event.type === ACT_BUILD) {
                    const drvPath = typeof event.fields?.[0] === "string" ? event.fields[0] : "";
                    const build = { drvPath, name: derivationName(drvPath), tail: [] };
                    this.builds.set(event.id, build);
                    if (drvPath)
                        this.byDrv.set(drvPath, build);
                }
                if (event.level <= LEVEL_INFO && event.text !== "")
                    this.emit(`${event.text}...`);
                return;
            }
            case "stop":
                return;
            case "result": {
                if (event.type === RES_BUILD_LOG_LINE || event.type === RES_POST_BUILD_LOG_LINE) {
                    const build = this.builds.get(event.id);
                    const text = typeof event.fields[0] === "string" ? event.fields[0].replace(ANSI, "") : "";
                    if (build) {
                        build.tail.push(text);
                        if (build.tail.length > TAIL_LINES)
                            build.tail.shift();
                    }
                    this.emit(build ? `${build.name}> ${text}` : text);
                    return;
                }
                if (event.type === RES_PROGRESS && event.id === this.buildsActivity) {
                    const [done, expected, running, failed] = event.fields.map((f) => (typeof f === "number" ? f : 0));
                    const next = { done: done ?? 0, expected: expected ?? 0, running: running ?? 0, failed: failed ?? 0 };
                    const p = this.progress;
                    if (next.done !== p.done || next.expected !== p.expected || next.running !== p.running || next.failed !== p.failed) {
                        this.progress = next;
                        this.hooks.progress?.(next);
                    }
                }
                return;
            }
        }
    }
    /** Everything rendered so far, as `nix build -L` would have printed it. */
    text() {
        return this.rendered.join("\n");
    }
    /** The last lines a derivation's builder printed (empty when it printed none or never ran). */
    tailOf(drvPath) {
        return this.byDrv.get(drvPath)?.tail ?? [];
    }
}

// EXTERNAL MODULE: ./src/nix/errors.ts
var nix_errors = __nccwpck_require__(840);
// EXTERNAL MODULE: ./src/nix/run.ts
var run = __nccwpck_require__(94);
;// CONCATENATED MODULE: ./src/nix/build.ts
// Realising derivations: what a build would need (--dry-run), one parallel
// build of all images, and out-links registered as GC roots.





/** Parse `nix-store --realise --dry-run` output ("these N derivations will be built:"). */
function parseDryRun(stderr) {
    const plan = { toBuild: [], toFetch: [] };
    let current;
    for (const line of stderr.split("\n")) {
        if (/derivations? will be built:/.test(line))
            current = plan.toBuild;
        else if (/paths? will be fetched/.test(line))
            current = plan.toFetch;
        else if (/^\s+\/nix\/store\//.test(line) && current)
            current.push(line.trim());
        else if (line.trim() !== "")
            current = undefined;
    }
    return plan;
}
async function buildNeeds(drvPaths, options = {}) {
    const result = await (0,run/* runNix */.dI)("nix-store", ["--realise", "--dry-run", ...drvPaths], options);
    if (result.code !== 0) {
        throw new errors/* UserError */.yo(`nix-store --dry-run failed: ${(0,nix_errors/* lastNixError */.iD)(result.stderr)}`, "See the Nix error above.", errors/* ExitCode */.yU.failed);
    }
    return parseDryRun(result.stderr);
}
/** The failure of a build: the first builder that failed, and what its log shows. */
function buildFailure(log) {
    const text = log.text();
    const nixError = (0,nix_errors/* lastNixError */.iD)(text);
    // The first builder that failed is the cause; Nix's last line only counts
    // dependents. Nix 2.34 says "Cannot build '…'." with a "Reason:" line
    // after it; older ones "builder for '…' failed with exit code N".
    const first = /error: (?:builder for|Cannot build) '([^']+)'[^\n]*/.exec(text);
    const reason = first ? /^\s*Reason: (.+)$/m.exec(text.slice(first.index))?.[1] : undefined;
    const failing = first ? `${first[0].replace(/^error:\s*/, "").replace(/\.$/, "")}${reason ? `: ${reason.replace(/\.$/, "")}` : ""}` : (nixError.split("\n")[0] ?? "").replace(/^error:\s*/, "");
    const cause = buildCause(first?.[1] ? log.tailOf(first[1]) : [], nixError);
    const readLog = first ? `Read the build log above, or 'nix log ${first[1]}'.` : "Read the build log above.";
    if (cause) {
        return new errors/* UserError */.yo(`The build failed because ${cause.what}: ${failing.replace(/\.$/, "")} ("${cause.evidence}").`, `${cause.fix} ${readLog}`, cause.exitCode, nixError);
    }
    return new errors/* UserError */.yo(`The build failed: ${failing.replace(/\.$/, "")}.`, readLog, errors/* ExitCode */.yU.failed, nixError);
}
/**
 * Build every derivation in one Nix invocation; returns the output paths in
 * order. Nix logs in its JSON format, read back by BuildLog: the lines of
 * `nix build -L` go to our stderr, the counts to onProgress.
 */
async function buildAll(drvPaths, options = {}) {
    const flags = ["build", "--no-link", "--print-out-paths", "--print-build-logs", "--log-format", "internal-json"];
    if (options.maxJobs !== undefined)
        flags.push("--max-jobs", String(options.maxJobs));
    if (options.cores !== undefined)
        flags.push("--cores", String(options.cores));
    if (options.builders !== undefined)
        flags.push("--builders", options.builders);
    if (options.keepGoing)
        flags.push("--keep-going");
    const stream = options.streamStderr ?? true;
    const log = new BuildLog({
        ...(stream ? { line: (line) => process.stderr.write(`${line}\n`) } : {}),
        ...(options.onProgress ? { progress: options.onProgress } : {}),
    });
    const result = await (0,run/* runNix */.dI)("nix", [...flags, ...drvPaths.map((d) => `${d}^out`)], {
        ...options,
        streamStderr: false,
        onStderrLine: (line) => log.feed(line),
    });
    if (result.code !== 0)
        throw buildFailure(log);
    return result.stdout.split("\n").filter((line) => line.startsWith("/"));
}
/** Make `link` a GC root pointing at `storePath` (replacing an existing link). */
async function addOutLink(link, storePath, options = {}) {
    const result = await (0,run/* runNix */.dI)("nix-store", ["--realise", storePath, "--add-root", link], options);
    if (result.code !== 0) {
        throw new errors/* UserError */.yo(`Could not create the out-link ${link}: ${(0,nix_errors/* lastNixError */.iD)(result.stderr)}`, "Check that its directory is writable.", errors/* ExitCode */.yU.failed);
    }
}

// EXTERNAL MODULE: ./src/nix/evaluate.ts + 2 modules
var evaluate = __nccwpck_require__(791);
;// CONCATENATED MODULE: ./src/nix/version.ts
// Which Nix is there, and is it new enough.


const MIN_NIX_VERSION = "2.18";
/** "nix (Nix) 2.26.3" -> [2, 26, 3] */
function parseNixVersion(text) {
    const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
    if (!match)
        return undefined;
    return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}
function versionAtLeast(version, minimum) {
    const min = minimum.split(".").map(Number);
    for (let i = 0; i < Math.max(version.length, min.length); i++) {
        const a = version[i] ?? 0;
        const b = min[i] ?? 0;
        if (a !== b)
            return a > b;
    }
    return true;
}
/** The Nix version string; a UserError when Nix is missing or older than 2.18. */
async function checkNix() {
    const result = await (0,run/* runNix */.dI)("nix", ["--version"]);
    const line = result.stdout.trim();
    const version = parseNixVersion(line);
    if (result.code !== 0 || !version) {
        throw new errors/* UserError */.yo(`'nix --version' did not answer (exit ${result.code}): ${result.stderr.trim() || line}`, "Check the Nix installation (scripts/install-nix on Debian).", errors/* ExitCode */.yU.environment);
    }
    if (!versionAtLeast(version, MIN_NIX_VERSION)) {
        throw new errors/* UserError */.yo(`Nix ${version.join(".")} is too old: nixos-generators needs Nix ${MIN_NIX_VERSION} or newer.`, "Upgrade Nix (https://nixos.org/download, or scripts/install-nix on Debian).", errors/* ExitCode */.yU.environment);
    }
    return line;
}

// EXTERNAL MODULE: ./src/verify/expectation.ts
var expectation = __nccwpck_require__(583);
// EXTERNAL MODULE: ./src/verify/index.ts + 15 modules
var verify = __nccwpck_require__(552);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: ./src/core/system-error.ts
var system_error = __nccwpck_require__(257);
;// CONCATENATED MODULE: ./src/core/kvm-device.ts
// The KVM device, as both front ends look at it: its path (/dev/kvm, or
// NIXOS_GENERATORS_KVM_DEVICE, which tests point elsewhere to simulate a
// runner without KVM) and whether this process's user can open it.



const KVM_DEVICE = "/dev/kvm";
/** The KVM device's path: NIXOS_GENERATORS_KVM_DEVICE, else /dev/kvm. */
function kvmDevice(env = process.env) {
    return env.NIXOS_GENERATORS_KVM_DEVICE || KVM_DEVICE;
}
/** Opens the device read-write as this process's user: "" when it can, else the error code (EACCES, ENOENT…). */
async function openReadWrite(device) {
    try {
        const handle = await (0,promises_.open)(device, external_node_fs_.constants.O_RDWR);
        await handle.close();
        return "";
    }
    catch (error) {
        return (0,system_error/* errnoCode */.UK)(error) ?? String(error);
    }
}

// EXTERNAL MODULE: ./src/core/resolve-formats.ts
var resolve_formats = __nccwpck_require__(734);
;// CONCATENATED MODULE: ./src/pipeline/builder-choice.ts




/** Whether the target, made by the VM builder, needs KVM (a catalogue format nixpkgs builds in a QEMU VM). */
function vmNeedsKvm(target) {
    return target.format.kind === "catalogue" && target.format.entry.needsKvm;
}
function canRepart(target) {
    return target.format.kind === "catalogue" && target.format.entry.builders.includes("repart");
}
/** Whether `auto` still has to choose: the request asks for it and some target has no builder yet. */
function needsChoice(request) {
    return request.builder === "auto" && request.targets.some((t) => t.builder === undefined);
}
/** Whether choosing needs to know about KVM at all: some image would need it with the VM builder. */
function choiceNeedsKvm(request) {
    return request.targets.some(vmNeedsKvm);
}
/** Opens the KVM device (NIXOS_GENERATORS_KVM_DEVICE, else /dev/kvm) as this process's user. */
async function probeKvm(device = kvmDevice()) {
    const error = await openReadWrite(device);
    return error === "" ? { device, usable: true } : { device, usable: false, why: error };
}
function names(targets) {
    return [...new Set(targets.map((t) => (0,core_request/* formatName */.nD)(t.format)))];
}
/**
 * The request with each target's builder chosen (a request that does not ask
 * for auto comes back as it is). Throws one UserError (exit 4) when, without
 * KVM, some format needs it and repart cannot make it.
 */
function chooseBuilders(request, kvm) {
    if (request.builder !== "auto")
        return request;
    const choose = (target) => (kvm.usable || !vmNeedsKvm(target) ? "vm" : canRepart(target) ? "repart" : "vm");
    const refused = kvm.usable ? [] : request.targets.filter((t) => vmNeedsKvm(t) && !canRepart(t));
    if (refused.length > 0) {
        const refusedNames = names(refused);
        const one = refusedNames.length === 1;
        const repart = names(request.targets.filter((t) => vmNeedsKvm(t) && canRepart(t)));
        const others = names(request.targets.filter((t) => !vmNeedsKvm(t)));
        const rest = [repart.length > 0 ? `makes ${(0,resolve_formats/* andList */.cM)(repart)} with repart` : "", others.length > 0 ? `builds ${(0,resolve_formats/* andList */.cM)(others)} as ${others.length === 1 ? "it needs" : "they need"} no KVM` : ""].filter(Boolean);
        throw new errors/* UserError */.yo(`builder auto: ${(0,resolve_formats/* andList */.cM)(refusedNames)} ${one ? "is" : "are"} built in a QEMU VM (Nix system feature 'kvm'), this runner has no usable KVM device (${kvm.device}: ${kvm.why ?? "not usable"}), and the repart builder cannot make ${one ? "it" : "them"} (${one ? "it is not a UEFI disk format" : "they are not UEFI disk formats"}; see nix/builders/README.md).`, [
            `Build ${one ? "it" : "them"} on a runner with KVM (an x86_64 GitHub-hosted runner such as ubuntu-latest, or a self-hosted runner with /dev/kvm)`,
            kvm.why === "EACCES" ? ` or make ${kvm.device} usable for this user (e.g. add it to the device's group, kvm)` : "",
            `, or leave ${one ? "it" : "them"} out of this run`,
            rest.length > 0 ? ` (without KVM, builder auto ${rest.join(" and ")})` : "",
            ".",
        ].join(""), errors/* ExitCode */.yU.environment);
    }
    return { ...request, targets: request.targets.map((t) => ({ ...t, builder: choose(t) })) };
}
/** One log line saying what auto chose, image by image. */
function choiceLine(request, kvm) {
    const chosen = request.targets.map((t) => `${(0,core_request/* formatName */.nD)(t.format)} (${t.system}) -> ${(0,core_request/* targetBuilder */.j2)(t, request.builder)}`).join(", ");
    if (kvm === undefined)
        return `builder auto: no image needs KVM; ${chosen}`;
    return kvm.usable ? `builder auto: ${kvm.device} opens, so the VM builders: ${chosen}` : `builder auto: ${kvm.device} does not open (${kvm.why ?? "not usable"}), so repart where it can: ${chosen}`;
}
/** Chooses the builders of an `auto` request by opening the KVM device (what the command line does; the action first makes the device usable). */
async function resolveBuilders(request, options = {}) {
    if (!needsChoice(request))
        return request;
    const kvm = choiceNeedsKvm(request) ? await (options.probe ?? probeKvm)() : undefined;
    const chosen = chooseBuilders(request, kvm ?? { device: kvmDevice(), usable: true });
    options.log?.(choiceLine(chosen, kvm));
    return chosen;
}

// EXTERNAL MODULE: ./src/boot/pipeline-step.ts
var pipeline_step = __nccwpck_require__(307);
;// CONCATENATED MODULE: ./src/pipeline/build-progress.ts
const THROTTLE_MS = 5000;
function buildProgressLog(expected, log, now = Date.now) {
    const started = now();
    let shown = { at: 0, done: 0, failed: 0 };
    let last;
    const show = ({ done, running, failed }) => {
        shown = { at: now(), done, failed };
        log(`built ${done} of ${expected} derivations${running > 0 ? `, ${running} running` : ""}${failed > 0 ? `, ${failed} failed` : ""} (${((now() - started) / 1000).toFixed(0)} s)`);
    };
    return {
        onProgress: (progress) => {
            last = progress;
            const changed = progress.done !== shown.done || progress.failed !== shown.failed;
            if (changed && (progress.failed !== shown.failed || now() - shown.at >= THROTTLE_MS))
                show(progress);
        },
        finish: () => {
            if (last && (last.done !== shown.done || last.failed !== shown.failed))
                show({ ...last, running: 0 });
        },
    };
}

;// CONCATENATED MODULE: ./src/pipeline/locate.ts
// Where a built image is in its Nix output: the format's `image.filePath`, or,
// for a format that names its image by `fileExtension` alone, the one file of
// the output with that extension.



/** The image's path before the build: exact, or the output with a wildcard for a search. */
function expectedImagePath(image) {
    return image.filePath !== null ? (0,external_node_path_.join)(image.output, image.filePath) : (0,external_node_path_.join)(image.output, `*${image.imageSearch ?? ""}`);
}
async function exists(path) {
    return (0,promises_.stat)(path).then(() => true, () => false);
}
/** The built image: its path in the store, or a UserError saying why it is not there. */
async function locateImage(image) {
    if (image.filePath !== null) {
        const path = (0,external_node_path_.join)(image.output, image.filePath);
        if (await exists(path))
            return path;
        throw new errors/* UserError */.yo(`Nix built ${image.drvPath}, but its output has no ${image.filePath === "" ? "file" : image.filePath}.`, `The format '${image.format}' names its image with image.filePath (or image.fileName); make it the path the builder writes below $out.`, errors/* ExitCode */.yU.failed);
    }
    const extension = image.imageSearch ?? "";
    const output = await (0,promises_.stat)(image.output);
    if (!output.isDirectory()) {
        if ((0,external_node_path_.basename)(image.output).endsWith(extension))
            return image.output;
    }
    else {
        const entries = await (0,promises_.readdir)(image.output, { recursive: true, withFileTypes: true });
        const found = entries.filter((e) => !e.isDirectory() && e.name.endsWith(extension)).map((e) => (0,external_node_path_.join)(e.parentPath, e.name));
        if (found.length === 1 && found[0] !== undefined)
            return found[0];
        if (found.length > 1) {
            throw new errors/* UserError */.yo(`The output of format '${image.format}' has ${found.length} files ending in ${extension} (${found.map((f) => f.slice(image.output.length + 1)).join(", ")}); which one is the image is not clear.`, `Set image.filePath in the format to the image's path below $out.`, errors/* ExitCode */.yU.failed);
        }
    }
    throw new errors/* UserError */.yo(`The output of format '${image.format}' (${image.output}) has no file ending in ${extension} (its fileExtension).`, `Make the builder write the image with that extension, or set image.filePath in the format to the image's path below $out.`, errors/* ExitCode */.yU.failed);
}

;// CONCATENATED MODULE: ./src/pipeline/pipeline.ts
// The one pipeline both front ends run: evaluate -> (restore) -> what would be
// built -> build -> locate -> place -> verify -> out-links. It returns one
// outcome per image; what only one front end does (restore from a cache, copy
// out of the store) plugs in as hooks.












/** Out-link names: the -o path itself for one image, PATH-<format>[-<system>] for several. */
function outLinkFor(base, image, all) {
    if (all.length === 1)
        return base;
    const systems = new Set(all.map((i) => i.target.system));
    return systems.size > 1 ? `${base}-${image.format}-${image.target.system}` : `${base}-${image.format}`;
}
/** What the evaluation needs from a request. */
function evalInput(request) {
    return {
        config: request.config,
        // The default of pairs without a builder of their own (`auto` gives each one).
        builder: request.builder === "auto" ? "vm" : request.builder,
        diskSize: request.diskSize,
        specialArgs: request.specialArgs,
        formatPath: request.formatPath,
        includes: request.includes,
        nixOptions: request.nixOptions,
        showTrace: request.showTrace,
    };
}
function fail(image, stage, error) {
    image.status = "failed";
    image.failure = { stage, error };
}
/** The failure of a run in which `failed` of `total` images failed: one UserError. */
function failureOf(failed, total) {
    const only = failed[0];
    if (failed.length === 1 && only?.failure) {
        const { error, stage } = only.failure;
        const prefix = total > 1 ? `${only.format} (${only.target.system}): ` : "";
        return new errors/* UserError */.yo(`${prefix}${error.problem}`, error.fix, stage === "verify" ? errors/* ExitCode */.yU.verify : error.exitCode, error.details);
    }
    const allVerify = failed.every((i) => i.failure?.stage === "verify");
    const allBoot = failed.every((i) => i.failure?.stage === "boot");
    const list = failed.map((i) => `${i.format} (${i.target.system}, ${i.failure?.stage})`).join(", ");
    const details = failed.map((i) => `${i.format} (${i.target.system}): ${i.failure?.error.problem ?? ""}`).join("\n");
    return new errors/* UserError */.yo(`${failed.length} of ${total} images failed: ${list}; the others were kept.`, "Read the build log and the verification reports above.", allVerify ? errors/* ExitCode */.yU.verify : allBoot ? errors/* ExitCode */.yU.boot : errors/* ExitCode */.yU.failed, details);
}
/** Runs the request; a build or verification failure of an image is in its outcome, every other failure is thrown. */
async function runPipeline(asked, hooks = {}) {
    const phase = hooks.phase ?? ((_name, work) => work());
    const log = hooks.log ?? (() => undefined);
    const nix = { ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.cwd ? { cwd: hooks.cwd } : {}) };
    // builder: auto, when the front end has not chosen yet (the action chooses before its set-up).
    const request = await resolveBuilders(asked, { log });
    const nixVersion = await checkNix();
    const pairs = request.targets.map((t) => ({ format: (0,core_request/* formatName */.nD)(t.format), system: t.system, builder: (0,core_request/* targetBuilder */.j2)(t, request.builder) }));
    const evaluated = await phase(`Evaluate ${pairs.length} image${pairs.length === 1 ? "" : "s"}`, async () => {
        log(`evaluating ${pairs.map((p) => `${p.format} (${p.system})`).join(", ")}`);
        const started = Date.now();
        const warned = new Set();
        const result = await (0,evaluate/* evaluate */._3)(evalInput(request), pairs, {
            ...nix,
            onWarning: (text) => {
                if (warned.has(text))
                    return;
                warned.add(text);
                (hooks.warn ?? log)(text);
            },
            onGroupDone: (g) => {
                if (g.total > 1)
                    log(`evaluator ${g.done} of ${g.total} done (${g.pairs.map((p) => p.format).join(", ")}), ${g.seconds.toFixed(1)} s`);
            },
        });
        for (const e of result)
            log(`${e.format} (${e.system}): ${e.drvPath} -> ${expectedImagePath(e)}`);
        log(`evaluated ${result.length} image${result.length === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return result;
    });
    const images = request.targets.map((target, index) => {
        const e = evaluated[index];
        return { target, format: e.format, builder: (0,core_request/* targetBuilder */.j2)(target, request.builder), evaluated: e, status: "planned", fromCache: false, needsBuild: true, storePath: expectedImagePath(e), fileName: e.fileName };
    });
    if (hooks.restore) {
        const restore = hooks.restore;
        await phase("Restore images from the cache", async () => {
            for (const image of images) {
                const file = await restore(image);
                if (file !== undefined)
                    Object.assign(image, { status: "cached", fromCache: true, file, needsBuild: false });
            }
        });
    }
    const pending = images.filter((i) => i.status === "planned");
    const needs = pending.length > 0 ? await buildNeeds(pending.map((i) => i.evaluated.drvPath), nix) : { toBuild: [], toFetch: [] };
    for (const image of pending)
        image.needsBuild = needs.toBuild.includes(image.evaluated.drvPath);
    if (request.dryRun)
        return { nixVersion, images, toBuild: needs.toBuild };
    if (pending.length > 0) {
        await phase(`Build ${pending.length} image${pending.length === 1 ? "" : "s"}`, async () => {
            let buildError;
            // Nix's own "expected" is an estimate; the dry run counted what will be built.
            const progress = buildProgressLog(needs.toBuild.length, log);
            try {
                await buildAll(pending.map((i) => i.evaluated.drvPath), 
                // With several images, one failing must not stop the others: what is built is kept.
                { ...nix, keepGoing: pending.length > 1, maxJobs: request.maxJobs, cores: request.cores, builders: request.builders, onProgress: progress.onProgress });
            }
            catch (error) {
                if (!(0,errors/* isUserError */.iU)(error) || error.exitCode === errors/* ExitCode */.yU.interrupted)
                    throw error;
                buildError = error;
            }
            progress.finish();
            for (const image of pending) {
                try {
                    image.storePath = await locateImage(image.evaluated);
                    // A format found by its extension names its file only now.
                    if (image.evaluated.imageSearch !== null)
                        image.fileName = (0,external_node_path_.basename)(image.storePath);
                    image.status = "built";
                }
                catch (error) {
                    if (!(0,errors/* isUserError */.iU)(error))
                        throw error;
                    fail(image, "build", buildError ?? error);
                }
            }
            const failed = pending.filter((i) => i.failure).length;
            if (buildError && failed < pending.length)
                log(`The build failed for ${failed} of ${pending.length} images; the others are kept.`);
        });
    }
    const toVerify = images.filter((i) => i.status !== "failed");
    if (toVerify.length > 0) {
        await phase(`Verify ${toVerify.length} image${toVerify.length === 1 ? "" : "s"}`, async () => {
            for (const image of toVerify) {
                if (image.status === "built") {
                    try {
                        image.file = hooks.place ? await hooks.place(image, image.storePath) : image.storePath;
                    }
                    catch (error) {
                        // Copying one image out (a full disk, a read-only out-dir) fails that image; the others go on.
                        if (!(0,errors/* isUserError */.iU)(error))
                            throw error;
                        fail(image, "copy", error);
                        continue;
                    }
                }
                const report = await (0,expectation/* checkImage */.c)(image.file ?? image.storePath, (0,expectation/* expectationFor */.m)(image.target.format, image.target.system, request.diskSize, image.evaluated.container ?? undefined));
                image.report = report;
                log((0,verify/* renderReport */.B1)(report));
                if (!report.ok) {
                    fail(image, "verify", new errors/* UserError */.yo(`The ${image.format} image for ${image.target.system} did not pass verification: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"} (${report.findings.map((f) => f.check).join(", ")}).`, "Read the verification report above; the image was not published.", errors/* ExitCode */.yU.verify, (0,verify/* renderReport */.B1)(report)));
                }
            }
        });
    }
    const toBoot = request.boot ? images.filter((i) => i.status !== "failed") : [];
    if (toBoot.length > 0) {
        await phase(`Boot ${toBoot.length} image${toBoot.length === 1 ? "" : "s"}`, async () => {
            const steps = await (0,pipeline_step/* bootStep */.R)(toBoot, request, { log, ...(hooks.signal ? { signal: hooks.signal } : {}) });
            steps.forEach((step, i) => {
                const image = toBoot[i];
                image.boot = step.result && !step.skipped ? step.result : { status: "skipped", reason: step.skipped ?? "" };
                if (step.error)
                    fail(image, "boot", step.error);
            });
        });
    }
    if (request.outLink !== undefined) {
        const base = request.outLink;
        for (const image of images.filter((i) => i.status === "built" || ((i.failure?.stage === "verify" || i.failure?.stage === "boot") && i.file !== undefined))) {
            image.outLink = outLinkFor(base, image, images);
            await addOutLink(image.outLink, image.evaluated.output, nix);
        }
    }
    return { nixVersion, images, toBuild: needs.toBuild };
}


/***/ }),

/***/ 190:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Os: () => (/* binding */ guid),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   be: () => (/* binding */ isZero),
/* harmony export */   dw: () => (/* binding */ u64le),
/* harmony export */   ee: () => (/* binding */ bytes),
/* harmony export */   fm: () => (/* binding */ u64be),
/* harmony export */   lv: () => (/* binding */ MiB),
/* harmony export */   o9: () => (/* binding */ fixedString),
/* harmony export */   r6: () => (/* binding */ isPowerOfTwo),
/* harmony export */   ty: () => (/* binding */ KiB),
/* harmony export */   uh: () => (/* binding */ hex)
/* harmony export */ });
// Small helpers for reading binary structures out of Buffers.
const KiB = 1024;
const MiB = 1024 * 1024;
/** A 64-bit field as a number; values past 2^53 become Infinity (never sane here). */
function u64le(b, off) {
    return toSafe(b.readBigUInt64LE(off));
}
function u64be(b, off) {
    return toSafe(b.readBigUInt64BE(off));
}
function toSafe(v) {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : Number.POSITIVE_INFINITY;
}
/** Bytes shown for a finding: printable ASCII as text, anything else as hex. */
function show(b) {
    if (b.length > 0 && b.every((c) => c >= 0x20 && c < 0x7f))
        return JSON.stringify(b.toString("latin1"));
    return "0x" + b.toString("hex");
}
/** Text of a fixed-size field: up to the first NUL, trailing spaces trimmed. */
function fixedString(b, off, len, encoding = "latin1") {
    let s = b.subarray(off, off + len).toString(encoding);
    const nul = s.indexOf("\0");
    if (nul >= 0)
        s = s.slice(0, nul);
    return s.trimEnd();
}
/** A GUID in the mixed-endian layout of GPT, VHDX and EFI (first three fields little-endian). */
function guid(b, off) {
    const h = (i, n, le) => {
        const part = Buffer.from(b.subarray(off + i, off + i + n));
        if (le)
            part.reverse();
        return part.toString("hex");
    };
    return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`.toUpperCase();
}
function isZero(b) {
    for (const c of b)
        if (c !== 0)
            return false;
    return true;
}
function hex(n, width = 0) {
    return "0x" + n.toString(16).padStart(width, "0");
}
/** Bytes as "67108864 (64 MiB)". */
function bytes(n) {
    if (!Number.isFinite(n))
        return String(n);
    const units = [
        [1024 ** 4, "TiB"],
        [1024 ** 3, "GiB"],
        [MiB, "MiB"],
        [KiB, "KiB"],
    ];
    for (const [size, unit] of units) {
        if (n >= size) {
            const v = n / size;
            return `${n} (${Number.isInteger(v) ? v : v.toFixed(2)} ${unit})`;
        }
    }
    return `${n} B`;
}
function isPowerOfTwo(n) {
    return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}


/***/ }),

/***/ 148:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ Checks)
/* harmony export */ });
class Checks {
    findings;
    details;
    root;
    prefix;
    constructor(prefix = "", shared) {
        this.prefix = prefix;
        this.findings = shared?.findings ?? [];
        this.details = shared?.details ?? {};
        this.root = shared?.root ?? {};
    }
    /** A collector whose check and detail names start with `name.`. */
    child(name) {
        return new Checks(`${this.prefix}${name}.`, { findings: this.findings, details: this.details, root: this.root });
    }
    fail(check, expected, found, offset) {
        const f = { check: this.prefix + check, expected, found };
        if (offset !== undefined)
            f.offset = offset;
        this.findings.push(f);
        return false;
    }
    /**
     * A target's acceptance rule broken: `rule` says it in the target's words,
     * `expected` briefly what would pass.
     */
    reject(check, rule, expected, found, offset) {
        const f = { check: this.prefix + check, expected, found, rule };
        if (offset !== undefined)
            f.offset = offset;
        this.findings.push(f);
        return false;
    }
    /** Records a finding unless `found === expected`; true when they match. */
    equal(check, expected, found, offset, show = String) {
        if (found === expected)
            return true;
        return this.fail(check, show(expected), show(found), offset);
    }
    detail(key, value) {
        this.details[this.prefix + key] = value;
    }
    /** The first virtual size reported wins (the outermost disk). */
    set virtualSize(n) {
        if (n !== undefined && this.root.virtualSize === undefined)
            this.root.virtualSize = n;
    }
    get virtualSize() {
        return this.root.virtualSize;
    }
    set label(s) {
        if (s && this.root.label === undefined)
            this.root.label = s;
    }
    get label() {
        return this.root.label;
    }
    get failed() {
        return this.findings.length;
    }
}


/***/ }),

/***/ 673:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ DecompressError),
  m: () => (/* binding */ decompress)
});

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(75);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(522);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: ./src/verify/crc.ts
var crc = __nccwpck_require__(787);
;// CONCATENATED MODULE: ./src/verify/codec/input.ts
// Pull-style reading of a compressed byte stream, for our own decoders: ask
// for n bytes, get them or a "truncated" error that says where.
/** What our own decoders throw: a reason and the compressed offset reached. */
class CodecError extends Error {
    at;
    constructor(message, at) {
        super(message);
        this.at = at;
    }
}
class InputReader {
    it;
    chunks = [];
    buffered = 0;
    done = false;
    /** Compressed bytes consumed so far. */
    offset = 0;
    capture;
    constructor(input) {
        this.it = input[Symbol.asyncIterator]();
    }
    fail(message) {
        throw new CodecError(message, this.offset);
    }
    /** True when at least n bytes are buffered (pulling more as needed). */
    async has(n) {
        while (this.buffered < n && !this.done) {
            const r = await this.it.next();
            if (r.done) {
                this.done = true;
                break;
            }
            if (r.value.length > 0) {
                this.chunks.push(r.value);
                this.buffered += r.value.length;
            }
        }
        return this.buffered >= n;
    }
    async atEnd() {
        return !(await this.has(1));
    }
    /** Exactly n bytes, or a truncation error. */
    async exact(n) {
        if (!(await this.has(n)))
            this.fail(`the stream ends early (truncated): wanted ${n} more bytes, ${this.buffered} left`);
        return this.take(n);
    }
    async byte() {
        return (await this.exact(1))[0];
    }
    /** The next n bytes without consuming them (n must be available). */
    async peek(n) {
        if (!(await this.has(n)))
            return undefined;
        const first = this.chunks[0];
        if (first.length >= n)
            return first.subarray(0, n);
        return Buffer.concat(this.chunks).subarray(0, n);
    }
    take(n) {
        let out;
        const first = this.chunks[0];
        if (first.length > n) {
            out = first.subarray(0, n);
            this.chunks[0] = first.subarray(n);
        }
        else if (first.length === n) {
            out = first;
            this.chunks.shift();
        }
        else {
            out = Buffer.allocUnsafe(n);
            let at = 0;
            while (at < n) {
                const c = this.chunks[0];
                const k = Math.min(c.length, n - at);
                c.copy(out, at, 0, k);
                at += k;
                if (k === c.length)
                    this.chunks.shift();
                else
                    this.chunks[0] = c.subarray(k);
            }
        }
        this.buffered -= n;
        this.offset += n;
        this.capture?.push(out);
        return out;
    }
    /** Starts keeping a copy of consumed bytes (for a CRC over a structure). */
    startCapture() {
        this.capture = [];
    }
    endCapture() {
        const b = Buffer.concat(this.capture ?? []);
        this.capture = undefined;
        return b;
    }
    async close() {
        await this.it.return?.();
    }
}

;// CONCATENATED MODULE: ./src/verify/codec/lzma2.ts
// An LZMA2 decoder (the filter inside every .xz file nixpkgs writes), written
// from the LZMA / LZMA2 format descriptions. Each LZMA2 chunk carries its
// compressed size (at most 64 KiB), so a chunk is read whole and decoded in
// one go; output leaves through a circular dictionary of the stream's size.

const PROB_INIT = 1024;
const STATES = 12;
const POS_STATES_MAX = 16;
const LITERAL_CODER_SIZE = 0x300;
const MATCH_LEN_MIN = 2;
const DIST_STATES = 4;
const DIST_SLOTS = 64;
const END_POS_MODEL_INDEX = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const ALIGN_SIZE = 16;
// Offsets into the one probability array.
const IS_MATCH = 0;
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX;
const IS_REP0 = IS_REP + STATES;
const IS_REP1 = IS_REP0 + STATES;
const IS_REP2 = IS_REP1 + STATES;
const IS_REP0_LONG = IS_REP2 + STATES;
const DIST_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX;
const DIST_SPECIAL = DIST_SLOT + DIST_STATES * DIST_SLOTS;
const DIST_ALIGN = DIST_SPECIAL + FULL_DISTANCES - END_POS_MODEL_INDEX;
// A length coder: choice, choice2, low[16][8], mid[16][8], high[256].
const LEN_CHOICE = 0;
const LEN_CHOICE2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;
const LEN_CODER_SIZE = LEN_HIGH + 256;
const MATCH_LEN = DIST_ALIGN + ALIGN_SIZE;
const REP_LEN = MATCH_LEN + LEN_CODER_SIZE;
const LITERAL = REP_LEN + LEN_CODER_SIZE;
/** The dictionary size an LZMA2 filter property byte announces. */
function lzma2DictSize(prop) {
    if (prop > 40)
        return -1;
    if (prop === 40)
        return 0xffffffff;
    return (2 | (prop & 1)) * 2 ** (Math.floor(prop / 2) + 11);
}
class Failure extends Error {
}
class Lzma2Decoder {
    dict;
    dictPos = 0;
    dictFull = 0;
    flushFrom = 0;
    out = [];
    probs = new Uint16Array(0);
    lc = 0;
    lp = 0;
    pb = 0;
    state = 0;
    rep0 = 0;
    rep1 = 0;
    rep2 = 0;
    rep3 = 0;
    /** Bytes of a match still to copy when a chunk ended inside it. */
    pendingLen = 0;
    needDictReset = true;
    needProps = true;
    // Range decoder over the current chunk.
    range = 0;
    code = 0;
    buf = Buffer.alloc(0);
    bufPos = 0;
    /** `dictSize`: the filter's; `sizeHint`: the block's uncompressed size when known. */
    constructor(dictSize, sizeHint) {
        let n = Math.max(4096, dictSize);
        if (sizeHint !== undefined && sizeHint < n)
            n = Math.max(4096, sizeHint);
        if (n > 1536 * 1024 * 1024)
            throw new Error(`dictionary of ${dictSize} bytes is larger than xz allows`);
        n = Math.ceil(n / 16) * 16;
        this.dict = new Uint8Array(n);
    }
    /** Decodes one LZMA2 stream (up to its end marker), yielding what it produces. */
    async *decode(r) {
        for (;;) {
            const control = await r.byte();
            if (control === 0x00) {
                if (this.pendingLen > 0)
                    r.fail("LZMA2 stream ends inside a match");
                return;
            }
            if (control === 0x01 || control === 0x02) {
                const hdr = await r.exact(2);
                const size = hdr.readUInt16BE(0) + 1;
                if (control === 0x01)
                    this.resetDict();
                else if (this.needDictReset)
                    r.fail("LZMA2 stream does not start with a dictionary reset");
                const data = await r.exact(size);
                for (let i = 0; i < data.length; i++)
                    this.put(data[i]);
                yield* this.flush();
                continue;
            }
            if (control < 0x80)
                r.fail(`invalid LZMA2 control byte 0x${control.toString(16)}`);
            const hdr = await r.exact(4);
            const unpacked = (control & 0x1f) * 65536 + hdr.readUInt16BE(0) + 1;
            const packed = hdr.readUInt16BE(2) + 1;
            const reset = (control >> 5) & 3;
            if (reset === 3)
                this.resetDict();
            else if (this.needDictReset)
                r.fail("LZMA2 stream does not start with a dictionary reset");
            if (reset >= 2) {
                const props = await r.byte();
                if (!this.setProps(props))
                    r.fail(`invalid LZMA properties byte 0x${props.toString(16)}`);
            }
            else if (this.needProps) {
                r.fail("LZMA2 chunk without properties after a dictionary reset");
            }
            if (reset >= 1)
                this.resetState();
            const data = await r.exact(packed);
            const at = r.offset - packed;
            try {
                this.decodeChunk(data, unpacked);
            }
            catch (e) {
                if (e instanceof Failure)
                    throw new CodecError(e.message, at);
                throw e;
            }
            yield* this.flush();
        }
    }
    resetDict() {
        this.dictPos = 0;
        this.dictFull = 0;
        this.flushFrom = 0;
        this.needDictReset = false;
        this.needProps = true;
    }
    setProps(props) {
        if (props > 224)
            return false;
        this.lc = props % 9;
        const rest = Math.floor(props / 9);
        this.lp = rest % 5;
        this.pb = Math.floor(rest / 5);
        if (this.lc + this.lp > 4 || this.pb > 4)
            return false;
        this.probs = new Uint16Array(LITERAL + (LITERAL_CODER_SIZE << (this.lc + this.lp)));
        this.needProps = false;
        return true;
    }
    resetState() {
        this.probs.fill(PROB_INIT);
        this.state = 0;
        this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
        this.pendingLen = 0;
    }
    *flush() {
        if (this.dictPos > this.flushFrom)
            this.out.push(Buffer.from(this.dict.subarray(this.flushFrom, this.dictPos)));
        this.flushFrom = this.dictPos;
        const out = this.out;
        this.out = [];
        yield* out;
    }
    put(b) {
        this.dict[this.dictPos++] = b;
        if (this.dictFull < this.dictPos)
            this.dictFull = this.dictPos;
        if (this.dictPos === this.dict.length)
            this.wrap();
    }
    wrap() {
        this.out.push(Buffer.from(this.dict.subarray(this.flushFrom, this.dictPos)));
        this.dictPos = 0;
        this.flushFrom = 0;
    }
    /** The byte `dist + 1` back from the write position. */
    back(dist) {
        let i = this.dictPos - dist - 1;
        if (i < 0)
            i += this.dict.length;
        return this.dict[i];
    }
    /** Copies `len` bytes from `dist + 1` back; returns how many fit before `limit` output bytes. */
    repeat(dist, len, limit) {
        const n = Math.min(len, limit);
        const d = this.dict;
        const size = d.length;
        for (let k = 0; k < n; k++) {
            let i = this.dictPos - dist - 1;
            if (i < 0)
                i += size;
            d[this.dictPos++] = d[i];
            if (this.dictPos === size) {
                this.dictFull = size;
                this.wrap();
            }
        }
        if (this.dictFull < this.dictPos)
            this.dictFull = this.dictPos;
        return n;
    }
    // ---- range decoder ----
    rcInit(data) {
        if (data.length < 5 || data[0] !== 0)
            throw new Failure("LZMA range coder does not start with a zero byte");
        this.buf = data;
        this.code = data.readUInt32BE(1);
        this.range = 0xffffffff;
        this.bufPos = 5;
    }
    bit(i) {
        const p = this.probs;
        const prob = p[i];
        const bound = (this.range >>> 11) * prob;
        let bit;
        if (this.code < bound) {
            this.range = bound;
            p[i] = prob + ((2048 - prob) >>> 5);
            bit = 0;
        }
        else {
            this.range -= bound;
            this.code -= bound;
            p[i] = prob - (prob >>> 5);
            bit = 1;
        }
        if (this.range < 0x1000000) {
            if (this.bufPos >= this.buf.length)
                throw new Failure("LZMA chunk data ends early");
            this.range = this.range * 256;
            this.code = this.code * 256 + this.buf[this.bufPos++];
        }
        return bit;
    }
    direct(count) {
        let v = 0;
        for (let k = 0; k < count; k++) {
            this.range = this.range >>> 1;
            let bit = 0;
            if (this.code >= this.range) {
                this.code -= this.range;
                bit = 1;
            }
            v = v * 2 + bit;
            if (this.range < 0x1000000) {
                if (this.bufPos >= this.buf.length)
                    throw new Failure("LZMA chunk data ends early");
                this.range = this.range * 256;
                this.code = this.code * 256 + this.buf[this.bufPos++];
            }
        }
        return v;
    }
    tree(base, bits) {
        let m = 1;
        for (let k = 0; k < bits; k++)
            m = (m << 1) + this.bit(base + m);
        return m - (1 << bits);
    }
    reverseTree(base, bits) {
        let m = 1;
        let v = 0;
        for (let k = 0; k < bits; k++) {
            const b = this.bit(base + m);
            m = (m << 1) + b;
            v |= b << k;
        }
        return v;
    }
    length(coder, posState) {
        if (this.bit(coder + LEN_CHOICE) === 0)
            return MATCH_LEN_MIN + this.tree(coder + LEN_LOW + posState * 8, 3);
        if (this.bit(coder + LEN_CHOICE2) === 0)
            return MATCH_LEN_MIN + 8 + this.tree(coder + LEN_MID + posState * 8, 3);
        return MATCH_LEN_MIN + 16 + this.tree(coder + LEN_HIGH, 8);
    }
    distance(len) {
        const lenState = Math.min(len - MATCH_LEN_MIN, DIST_STATES - 1);
        const slot = this.tree(DIST_SLOT + lenState * DIST_SLOTS, 6);
        if (slot < 4)
            return slot;
        const directBits = (slot >>> 1) - 1;
        let dist = (2 | (slot & 1)) * 2 ** directBits;
        if (slot < END_POS_MODEL_INDEX) {
            dist += this.reverseTree(DIST_SPECIAL + dist - slot - 1, directBits);
        }
        else {
            dist += this.direct(directBits - ALIGN_BITS) * ALIGN_SIZE;
            dist += this.reverseTree(DIST_ALIGN - 1, ALIGN_BITS);
        }
        return dist;
    }
    // ---- LZMA symbols ----
    decodeChunk(data, unpacked) {
        this.rcInit(data);
        let left = unpacked;
        if (this.pendingLen > 0) {
            const n = this.repeat(this.rep0, this.pendingLen, left);
            this.pendingLen -= n;
            left -= n;
        }
        const pbMask = (1 << this.pb) - 1;
        const lpMask = (1 << this.lp) - 1;
        const lc = this.lc;
        // Position counted from the dictionary reset: total flushed plus what waits in the dictionary.
        let pos = this.totalPosition();
        while (left > 0) {
            const posState = pos & pbMask;
            const s = this.state;
            if (this.bit(IS_MATCH + s * POS_STATES_MAX + posState) === 0) {
                const prev = this.dictFull > 0 ? this.back(0) : 0;
                const base = LITERAL + LITERAL_CODER_SIZE * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
                let symbol = 1;
                if (s >= 7) {
                    if (this.rep0 >= this.dictFull)
                        throw new Failure("LZMA match distance reaches before the dictionary start");
                    let matchByte = this.back(this.rep0) << 1;
                    let offset = 0x100;
                    do {
                        const matchBit = matchByte & offset;
                        matchByte <<= 1;
                        if (this.bit(base + offset + matchBit + symbol) === 1) {
                            symbol = (symbol << 1) | 1;
                            offset &= matchBit;
                        }
                        else {
                            symbol <<= 1;
                            offset &= ~matchBit;
                        }
                    } while (symbol < 0x100);
                }
                else {
                    while (symbol < 0x100)
                        symbol = (symbol << 1) | this.bit(base + symbol);
                }
                this.put(symbol & 0xff);
                this.state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
                left--;
                pos++;
                continue;
            }
            let len;
            if (this.bit(IS_REP + s) === 0) {
                this.rep3 = this.rep2;
                this.rep2 = this.rep1;
                this.rep1 = this.rep0;
                len = this.length(MATCH_LEN, posState);
                this.state = s < 7 ? 7 : 10;
                this.rep0 = this.distance(len);
                if (this.rep0 === 0xffffffff)
                    throw new Failure("LZMA end marker inside an LZMA2 chunk");
            }
            else {
                if (this.dictFull === 0)
                    throw new Failure("LZMA repeated match before any data");
                if (this.bit(IS_REP0 + s) === 0) {
                    if (this.bit(IS_REP0_LONG + s * POS_STATES_MAX + posState) === 0) {
                        this.state = s < 7 ? 9 : 11;
                        if (this.rep0 >= this.dictFull)
                            throw new Failure("LZMA match distance reaches before the dictionary start");
                        this.put(this.back(this.rep0));
                        left--;
                        pos++;
                        continue;
                    }
                }
                else {
                    let dist;
                    if (this.bit(IS_REP1 + s) === 0) {
                        dist = this.rep1;
                    }
                    else {
                        if (this.bit(IS_REP2 + s) === 0) {
                            dist = this.rep2;
                        }
                        else {
                            dist = this.rep3;
                            this.rep3 = this.rep2;
                        }
                        this.rep2 = this.rep1;
                    }
                    this.rep1 = this.rep0;
                    this.rep0 = dist;
                }
                len = this.length(REP_LEN, posState);
                this.state = s < 7 ? 8 : 11;
            }
            if (this.rep0 >= this.dictFull)
                throw new Failure("LZMA match distance reaches before the dictionary start");
            const n = this.repeat(this.rep0, len, left);
            this.pendingLen = len - n;
            left -= n;
            pos += n;
        }
        if (this.bufPos !== this.buf.length)
            throw new Failure(`LZMA chunk has ${this.buf.length - this.bufPos} bytes left over`);
        if (this.code !== 0)
            throw new Failure("LZMA chunk does not end cleanly (corrupt data)");
    }
    /** Bytes produced since the last dictionary reset, modulo what the masks need (2^4). */
    totalPosition() {
        // Only the low bits matter (pb, lp <= 4); the dictionary position carries them
        // as long as the dictionary size is a multiple of 16, which LZMA2 sizes are.
        return this.dictPos;
    }
}

;// CONCATENATED MODULE: ./src/verify/codec/xz.ts
// The .xz container around LZMA2 (xz-file-format 1.x): stream header and footer,
// blocks with their headers and integrity checks (none, CRC-32, CRC-64,
// SHA-256), the index, stream padding and concatenated streams.




const MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const FOOTER_MAGIC = Buffer.from("YZ", "latin1");
const FILTER_LZMA2 = 0x21;
function makeCheck(type) {
    switch (type) {
        case 0x00:
            return { update() { }, digest: () => Buffer.alloc(0) };
        case 0x01: {
            let c = 0;
            return {
                update(b) {
                    c = (0,crc/* crc32 */.QR)(b, c);
                },
                digest() {
                    const d = Buffer.alloc(4);
                    d.writeUInt32LE(c);
                    return d;
                },
            };
        }
        case 0x04:
            return new crc/* Crc64 */.Vl();
        case 0x0a: {
            const h = (0,external_node_crypto_.createHash)("sha256");
            return { update: (b) => void h.update(b), digest: () => h.digest() };
        }
        default:
            return undefined;
    }
}
/** Check sizes by type; types without a decoder here still have a size. */
function checkSize(type) {
    if (type === 0)
        return 0;
    return 4 << Math.floor((type - 1) / 3);
}
function varint(b, at, r) {
    let v = 0;
    for (let k = 0; k < 9; k++) {
        if (at.i >= b.length)
            r.fail("xz block header field runs past the header");
        const byte = b[at.i++];
        v += (byte & 0x7f) * 2 ** (7 * k);
        if ((byte & 0x80) === 0) {
            if (byte === 0 && k > 0)
                r.fail("xz variable-length integer has a superfluous zero byte");
            return v;
        }
    }
    return r.fail("xz variable-length integer is longer than 9 bytes");
}
async function readVarint(r) {
    let v = 0;
    for (let k = 0; k < 9; k++) {
        const byte = await r.byte();
        v += (byte & 0x7f) * 2 ** (7 * k);
        if ((byte & 0x80) === 0)
            return v;
    }
    return r.fail("xz variable-length integer is longer than 9 bytes");
}
/** Decompresses a whole .xz file (one or more streams), checking every checksum. */
async function* xzDecompress(input) {
    const r = new InputReader(input);
    try {
        let first = true;
        for (;;) {
            if (!first) {
                // Stream padding: zero bytes in multiples of four, then the end or another stream.
                let pad = 0;
                for (;;) {
                    const p = await r.peek(1);
                    if (!p || p[0] !== 0)
                        break;
                    await r.exact(1);
                    pad++;
                }
                if (await r.atEnd()) {
                    if (pad % 4 !== 0)
                        r.fail("xz stream padding is not a multiple of four bytes");
                    return;
                }
            }
            yield* decodeStream(r, first);
            first = false;
        }
    }
    finally {
        await r.close();
    }
}
async function* decodeStream(r, first) {
    const header = await r.exact(12);
    if (!header.subarray(0, 6).equals(MAGIC))
        r.fail(first ? "not an xz stream (bad magic)" : "garbage after an xz stream");
    const flags = header.subarray(6, 8);
    if ((0,crc/* crc32 */.QR)(flags) !== header.readUInt32LE(8))
        r.fail("xz stream header CRC32 mismatch");
    if (flags[0] !== 0 || (flags[1] & 0xf0) !== 0)
        r.fail("xz stream flags use reserved bits");
    const checkType = flags[1] & 0x0f;
    const records = [];
    for (;;) {
        const sizeByte = (await r.peek(1))?.[0];
        if (sizeByte === undefined)
            r.fail("the stream ends early (truncated): no xz index");
        if (sizeByte === 0)
            break; // index indicator
        const blockStart = r.offset;
        const hdrSize = (sizeByte + 1) * 4;
        const hdr = await r.exact(hdrSize);
        if ((0,crc/* crc32 */.QR)(hdr.subarray(0, hdrSize - 4)) !== hdr.readUInt32LE(hdrSize - 4))
            r.fail("xz block header CRC32 mismatch");
        const bflags = hdr[1];
        if (bflags & 0x3c)
            r.fail("xz block flags use reserved bits");
        const at = { i: 2 };
        const compressedSize = bflags & 0x40 ? varint(hdr, at, r) : undefined;
        const uncompressedSize = bflags & 0x80 ? varint(hdr, at, r) : undefined;
        const nFilters = (bflags & 3) + 1;
        let dictSize = -1;
        for (let f = 0; f < nFilters; f++) {
            const id = varint(hdr, at, r);
            const propSize = varint(hdr, at, r);
            const props = hdr.subarray(at.i, at.i + propSize);
            at.i += propSize;
            if (id !== FILTER_LZMA2 || f !== nFilters - 1)
                r.fail(`xz filter 0x${id.toString(16)} is not supported here (only LZMA2)`);
            if (propSize !== 1)
                r.fail("xz LZMA2 filter properties are not one byte");
            dictSize = lzma2DictSize(props[0]);
            if (dictSize < 0)
                r.fail("xz LZMA2 dictionary size is invalid");
        }
        const check = makeCheck(checkType);
        if (!check)
            r.fail(`xz check type ${checkType} is not supported`);
        let decoder;
        try {
            decoder = new Lzma2Decoder(dictSize, uncompressedSize);
        }
        catch (e) {
            return r.fail(e instanceof Error ? e.message : String(e));
        }
        const dataStart = r.offset;
        let produced = 0;
        for await (const out of decoder.decode(r)) {
            check.update(out);
            produced += out.length;
            if (uncompressedSize !== undefined && produced > uncompressedSize)
                r.fail("xz block is larger than its header says");
            yield out;
        }
        const packed = r.offset - dataStart;
        if (compressedSize !== undefined && packed !== compressedSize)
            r.fail(`xz block compressed size ${packed} differs from its header (${compressedSize})`);
        if (uncompressedSize !== undefined && produced !== uncompressedSize)
            r.fail(`xz block uncompressed size ${produced} differs from its header (${uncompressedSize})`);
        const padding = await r.exact((4 - (packed % 4)) % 4);
        if (padding.some((b) => b !== 0))
            r.fail("xz block padding is not zero");
        const stored = await r.exact(checkSize(checkType));
        if (!stored.equals(check.digest()))
            r.fail("xz block check (integrity of the uncompressed data) mismatch: the data is corrupt");
        records.push([r.offset - blockStart - padding.length, produced]);
    }
    // Index.
    const indexStart = r.offset;
    r.startCapture();
    await r.exact(1);
    const count = await readVarint(r);
    if (count !== records.length)
        r.fail(`xz index lists ${count} blocks, the stream has ${records.length}`);
    for (const [unpadded, uncompressed] of records) {
        const u = await readVarint(r);
        const s = await readVarint(r);
        if (u !== unpadded || s !== uncompressed)
            r.fail("xz index record does not match its block");
    }
    const pad = await r.exact((4 - ((r.offset - indexStart) % 4)) % 4);
    if (pad.some((b) => b !== 0))
        r.fail("xz index padding is not zero");
    const indexBytes = r.endCapture();
    const indexCrc = (await r.exact(4)).readUInt32LE(0);
    if ((0,crc/* crc32 */.QR)(indexBytes) !== indexCrc)
        r.fail("xz index CRC32 mismatch");
    const indexSize = r.offset - indexStart;
    // Footer.
    const footer = await r.exact(12);
    if (!footer.subarray(10, 12).equals(FOOTER_MAGIC))
        r.fail("xz stream footer magic missing");
    if ((0,crc/* crc32 */.QR)(footer.subarray(4, 10)) !== footer.readUInt32LE(0))
        r.fail("xz stream footer CRC32 mismatch");
    if (!footer.subarray(8, 10).equals(flags))
        r.fail("xz stream footer flags differ from the header");
    if ((footer.readUInt32LE(4) + 1) * 4 !== indexSize)
        r.fail("xz stream footer backward size does not match the index");
}

;// CONCATENATED MODULE: ./src/verify/codec/zstd-frames.ts
const ZSTD_FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const DICT_ID_BYTES = [0, 1, 2, 4];
const CONTENT_SIZE_BYTES = [0, 2, 4, 8];
/** Skips skippable frames; true when a zstd frame follows, false at the end. */
async function nextFrame(reader) {
    for (;;) {
        if (await reader.atEnd())
            return false;
        const head = await reader.peek(4);
        if (!head)
            reader.fail("the stream ends early (truncated): a frame magic number is cut short");
        const magic = head.readUInt32LE(0);
        if (magic === ZSTD_FRAME_MAGIC)
            return true;
        if ((magic & SKIPPABLE_MASK) !== SKIPPABLE_MAGIC)
            reader.fail(`not a zstd frame (magic 0x${magic.toString(16).padStart(8, "0")})`);
        await reader.exact(4);
        let left = (await reader.exact(4)).readUInt32LE(0);
        while (left > 0)
            left -= (await reader.exact(Math.min(left, 1 << 20))).length;
    }
}
/** The bytes of the zstd frame at the reader's position, header, blocks and checksum, as they come. */
async function* frameBytes(reader) {
    const start = await reader.exact(5);
    const descriptor = start[4] ?? 0;
    const contentSizeFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const checksum = (descriptor >> 2) & 1;
    if ((descriptor >> 3) & 1)
        reader.fail("the frame header's reserved bit is set");
    const headerRest = (singleSegment ? 0 : 1) +
        (DICT_ID_BYTES[descriptor & 3] ?? 0) +
        (contentSizeFlag === 0 ? singleSegment : (CONTENT_SIZE_BYTES[contentSizeFlag] ?? 0));
    yield Buffer.concat([start, await reader.exact(headerRest)]);
    for (;;) {
        const header = await reader.exact(3);
        yield header;
        const value = header[0] | (header[1] << 8) | (header[2] << 16);
        const type = (value >> 1) & 3;
        if (type === 3)
            reader.fail("a block of the reserved type 3");
        // An RLE block holds one byte, repeated `size` times; a raw or compressed one `size` bytes.
        const size = type === 1 ? 1 : value >>> 3;
        if (size > 0)
            yield await reader.exact(size);
        if (value & 1)
            break;
    }
    if (checksum)
        yield await reader.exact(4);
}

;// CONCATENATED MODULE: ./src/verify/codec/decompress.ts
// Decompressing streams: gzip and zstd through node:zlib (Node 24, which
// engines requires, has zstd; each zstd frame gets its own decoder, see
// zstd-frames.ts), xz through our own decoder (node:zlib has none).
// Each takes and gives async iterables of Buffers, so memory stays bounded.





/** A compressed stream that cannot be decoded; `at` is the compressed offset reached. */
class DecompressError extends Error {
    name = "DecompressError";
    format;
    reason;
    at;
    constructor(format, reason, at) {
        super(`${format}: ${reason}`);
        this.format = format;
        this.reason = reason;
        this.at = at;
    }
}
const CHUNK = 256 * 1024;
async function* counted(input, count) {
    for await (const chunk of input) {
        count.n += chunk.length;
        yield chunk;
    }
}
async function* throughZlib(format, make, input) {
    const count = { n: 0 };
    const src = external_node_stream_.Readable.from(counted(input, count));
    const z = make({ chunkSize: CHUNK });
    let failure;
    // The pipeline's end (and its error, if any) can come after the last chunk.
    const finished = new Promise((resolve) => {
        (0,external_node_stream_.pipeline)(src, z, (err) => {
            if (err)
                failure = err;
            resolve();
        });
    });
    let drained = false;
    try {
        // destroyOnReturn: false: the iterator must not destroy the transform when
        // its readable side ends while the pipeline still closes its writable side.
        for await (const chunk of z.iterator({ destroyOnReturn: false }))
            yield chunk;
        drained = true;
    }
    catch (e) {
        throw new DecompressError(format, zlibReason(failure ?? e), count.n);
    }
    finally {
        // Stopped early (an error, or a reader that had enough): end both
        // streams. Drained: let the pipeline finish, or it reports a premature close.
        if (!drained) {
            src.destroy();
            z.destroy();
        }
    }
    await finished;
    if (failure)
        throw new DecompressError(format, zlibReason(failure), count.n);
}
function zlibReason(e) {
    if (e instanceof Error) {
        const code = e.code;
        if (code === "Z_BUF_ERROR" || /unexpected end/i.test(e.message))
            return "the stream ends early (truncated)";
        return e.message;
    }
    return String(e);
}
/** The decompressed bytes of `input` (the whole compressed file, from its start). */
function decompress(format, input) {
    switch (format) {
        case "none":
            return input;
        case "gzip":
            return throughZlib("gzip", (o) => external_node_zlib_.createGunzip(o), input);
        case "zstd":
            return wrapErrors("zstd", zstdFrames(input));
        case "xz":
            return wrapErrors("xz", xzDecompress(input));
    }
}
/** Each zstd frame through a node:zlib decoder of its own (one decoder stops after its first frame). */
async function* zstdFrames(input) {
    const reader = new InputReader(input);
    try {
        while (await nextFrame(reader))
            yield* throughZlib("zstd", () => external_node_zlib_.createZstdDecompress({ chunkSize: CHUNK }), frameBytes(reader));
    }
    finally {
        await reader.close();
    }
}
async function* wrapErrors(format, it) {
    try {
        yield* it;
    }
    catch (e) {
        if (e instanceof DecompressError)
            throw e;
        const at = e instanceof CodecError ? e.at : -1;
        throw new DecompressError(format, e instanceof Error ? e.message : String(e), at);
    }
}


/***/ }),

/***/ 91:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   VT: () => (/* binding */ efiBootLoaders),
/* harmony export */   vI: () => (/* binding */ loaderSystem)
/* harmony export */ });
/* unused harmony export listFatDirectory */
const MAX_CLUSTERS = 4096;
async function readBpb(src, at) {
    const bs = await src.read(at, 512);
    if (bs.length < 512 || bs[510] !== 0x55 || bs[511] !== 0xaa)
        return undefined;
    const bytesPerSector = bs.readUInt16LE(11);
    const sectorsPerCluster = bs[13];
    const reserved = bs.readUInt16LE(14);
    const fats = bs[16];
    const rootEntries = bs.readUInt16LE(17);
    const totalSectors = bs.readUInt16LE(19) || bs.readUInt32LE(32);
    const fatSectors = bs.readUInt16LE(22) || bs.readUInt32LE(36);
    if (![512, 1024, 2048, 4096].includes(bytesPerSector) || sectorsPerCluster === 0 || fats === 0 || fatSectors === 0)
        return undefined;
    const rootSectors = Math.ceil((rootEntries * 32) / bytesPerSector);
    const firstData = reserved + fats * fatSectors + rootSectors;
    const clusters = Math.floor((totalSectors - firstData) / sectorsPerCluster);
    const bits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
    return {
        bytesPerSector,
        clusterBytes: sectorsPerCluster * bytesPerSector,
        fatOffset: at + reserved * bytesPerSector,
        bits,
        rootOffset: at + (reserved + fats * fatSectors) * bytesPerSector,
        rootBytes: rootSectors * bytesPerSector,
        rootCluster: bits === 32 ? bs.readUInt32LE(44) : 0,
        dataOffset: at + firstData * bytesPerSector,
    };
}
async function nextCluster(src, fat, cluster) {
    if (fat.bits === 12) {
        const at = fat.fatOffset + Math.floor(cluster * 1.5);
        const b = await src.read(at, 2);
        if (b.length < 2)
            return -1;
        const v = b.readUInt16LE(0);
        const n = cluster & 1 ? v >> 4 : v & 0xfff;
        return n >= 0xff8 ? -1 : n;
    }
    if (fat.bits === 16) {
        const b = await src.read(fat.fatOffset + cluster * 2, 2);
        if (b.length < 2)
            return -1;
        const n = b.readUInt16LE(0);
        return n >= 0xfff8 ? -1 : n;
    }
    const b = await src.read(fat.fatOffset + cluster * 4, 4);
    if (b.length < 4)
        return -1;
    const n = b.readUInt32LE(0) & 0x0fffffff;
    return n >= 0x0ffffff8 ? -1 : n;
}
async function readChain(src, fat, first) {
    const parts = [];
    let cluster = first;
    for (let i = 0; i < MAX_CLUSTERS && cluster >= 2; i++) {
        parts.push(await src.read(fat.dataOffset + (cluster - 2) * fat.clusterBytes, fat.clusterBytes));
        cluster = await nextCluster(src, fat, cluster);
    }
    return Buffer.concat(parts);
}
function entries(dir) {
    const out = [];
    for (let o = 0; o + 32 <= dir.length; o += 32) {
        const first = dir[o];
        if (first === 0x00)
            break;
        const attr = dir[o + 11];
        if (first === 0xe5 || attr === 0x0f || attr & 0x08)
            continue; // deleted, long name, volume label
        const base = dir.subarray(o, o + 8).toString("latin1").trimEnd();
        const ext = dir.subarray(o + 8, o + 11).toString("latin1").trimEnd();
        const name = (first === 0x05 ? "\xe5" + base.slice(1) : base) + (ext ? `.${ext}` : "");
        if (name === "." || name === "..")
            continue;
        out.push({ name, directory: (attr & 0x10) !== 0, cluster: (dir.readUInt16LE(o + 20) << 16) | dir.readUInt16LE(o + 26), size: dir.readUInt32LE(o + 28) });
    }
    return out;
}
/**
 * The entries of the directory `path` (["EFI", "BOOT"]) in the FAT file system
 * starting at byte `at`; undefined when there is no FAT there or no such directory.
 */
async function listFatDirectory(src, at, path) {
    const fat = await readBpb(src, at);
    if (!fat)
        return undefined;
    let dir = fat.bits === 32 ? await readChain(src, fat, fat.rootCluster) : await src.read(fat.rootOffset, fat.rootBytes);
    for (const part of path) {
        const next = entries(dir).find((e) => e.directory && e.name.toUpperCase() === part.toUpperCase());
        if (!next || next.cluster < 2)
            return undefined;
        dir = await readChain(src, fat, next.cluster);
    }
    return entries(dir);
}
/** The UEFI removable-media boot loaders (\EFI\BOOT\BOOT<arch>.EFI) a FAT file system holds. */
async function efiBootLoaders(src, at) {
    const dir = await listFatDirectory(src, at, ["EFI", "BOOT"]);
    return (dir ?? []).filter((e) => !e.directory && /^BOOT[A-Z0-9]+\.EFI$/i.test(e.name)).map((e) => e.name.toUpperCase());
}
/** The system a removable-media loader boots: BOOTX64.EFI → x86_64-linux, BOOTAA64.EFI → aarch64-linux. */
function loaderSystem(loaders) {
    if (loaders.includes("BOOTX64.EFI"))
        return "x86_64-linux";
    if (loaders.includes("BOOTAA64.EFI"))
        return "aarch64-linux";
    return undefined;
}


/***/ }),

/***/ 330:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ probeExt),
/* harmony export */   GX: () => (/* binding */ EXT_MAGIC_OFFSET),
/* harmony export */   ae: () => (/* binding */ probeFat),
/* harmony export */   kz: () => (/* binding */ EXT_MAGIC)
/* harmony export */ });
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(190);
// Recognising the file systems a partition should hold, by their superblocks:
// ext2/3/4 (magic 0xEF53 at 1080) and FAT (boot sector with 0x55AA and a FAT type).

const EXT_MAGIC = 0xef53;
const EXT_MAGIC_OFFSET = 1080;
/** The ext superblock at `offset` (the partition start), or undefined without its magic. */
async function probeExt(src, offset) {
    const sb = await src.read(offset + 1024, 1024);
    if (sb.length < 1024 || sb.readUInt16LE(56) !== EXT_MAGIC)
        return undefined;
    const blockSize = 1024 * 2 ** sb.readUInt32LE(24);
    const incompat = sb.readUInt32LE(96);
    const compat = sb.readUInt32LE(92);
    const is64 = (incompat & 0x80) !== 0;
    const blocks = sb.readUInt32LE(4) + (is64 ? sb.readUInt32LE(0x150) * 2 ** 32 : 0);
    const extents = (incompat & 0x40) !== 0;
    const journal = (compat & 0x4) !== 0;
    return {
        kind: extents || is64 ? "ext4" : journal ? "ext3" : "ext2",
        label: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_0__/* .fixedString */ .o9)(sb, 120, 16),
        size: blocks * blockSize,
        uuid: sb.subarray(104, 120).toString("hex"),
    };
}
/** The FAT boot sector at `offset`, or undefined when there is none. */
async function probeFat(src, offset) {
    const bs = await src.read(offset, 512);
    if (bs.length < 512 || bs[510] !== 0x55 || bs[511] !== 0xaa)
        return undefined;
    const bytesPerSector = bs.readUInt16LE(11);
    if (![512, 1024, 2048, 4096].includes(bytesPerSector))
        return undefined;
    const sectors = bs.readUInt16LE(19) || bs.readUInt32LE(32);
    const t16 = bs.subarray(54, 62).toString("latin1");
    const t32 = bs.subarray(82, 90).toString("latin1");
    let kind;
    let label;
    if (t32.startsWith("FAT32")) {
        kind = "FAT32";
        label = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_0__/* .fixedString */ .o9)(bs, 71, 11);
    }
    else if (t16.startsWith("FAT")) {
        kind = t16.startsWith("FAT12") ? "FAT12" : t16.startsWith("FAT16") ? "FAT16" : "FAT";
        label = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_0__/* .fixedString */ .o9)(bs, 43, 11);
    }
    else {
        return undefined;
    }
    return { kind, label: label === "NO NAME" ? "" : label, size: sectors * bytesPerSector };
}


/***/ }),

/***/ 675:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ readBackupGpt),
/* harmony export */   G$: () => (/* binding */ readPrimaryGpt),
/* harmony export */   Lu: () => (/* binding */ GUID_ESP),
/* harmony export */   Mb: () => (/* binding */ GUID_LINUX_ROOT_AARCH64),
/* harmony export */   Uy: () => (/* binding */ GUID_LINUX_ROOT_X86_64),
/* harmony export */   h6: () => (/* binding */ GUID_LINUX),
/* harmony export */   kw: () => (/* binding */ checkBackupGpt),
/* harmony export */   xo: () => (/* binding */ gptTypeName)
/* harmony export */ });
/* unused harmony exports GUID_BIOS_BOOT, GPT_SIGNATURE */
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(190);
/* harmony import */ var _crc_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(787);
/* harmony import */ var _mbr_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(237);



const GUID_ESP = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
const GUID_LINUX = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
const GUID_BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
const GUID_LINUX_ROOT_X86_64 = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709";
const GUID_LINUX_ROOT_AARCH64 = "B921B045-1DF0-41C3-AF44-4C6F280D3FAE";
const TYPE_NAMES = {
    [GUID_ESP]: "EFI System",
    [GUID_LINUX]: "Linux filesystem",
    [GUID_BIOS_BOOT]: "BIOS boot",
    [GUID_LINUX_ROOT_X86_64]: "Linux root (x86-64)",
    [GUID_LINUX_ROOT_AARCH64]: "Linux root (ARM64)",
};
function gptTypeName(g) {
    return TYPE_NAMES[g] ?? g;
}
const GPT_SIGNATURE = "EFI PART";
/** Checks one header sector: signature, size, CRC. Undefined (with findings) when unusable. */
function parseHeader(b, offset, c, which) {
    const sig = b.subarray(0, 8).toString("latin1");
    if (sig !== GPT_SIGNATURE) {
        c.fail(`gpt.${which}.signature`, JSON.stringify(GPT_SIGNATURE), JSON.stringify(sig.replace(/[^\x20-\x7e]/g, "?")), offset);
        return undefined;
    }
    const headerSize = b.readUInt32LE(12);
    if (headerSize < 92 || headerSize > _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_) {
        c.fail(`gpt.${which}.header-size`, "92..512", String(headerSize), offset + 12);
        return undefined;
    }
    const stored = b.readUInt32LE(16);
    const copy = Buffer.from(b.subarray(0, headerSize));
    copy.writeUInt32LE(0, 16);
    const actual = (0,_crc_js__WEBPACK_IMPORTED_MODULE_0__/* .crc32 */ .QR)(copy);
    if (actual !== stored) {
        c.fail(`gpt.${which}.header-crc32`, (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .hex */ .uh)(actual, 8), (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .hex */ .uh)(stored, 8), offset + 16);
        return undefined;
    }
    return {
        myLba: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(b, 24),
        alternateLba: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(b, 32),
        firstUsable: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(b, 40),
        lastUsable: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(b, 48),
        diskGuid: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .guid */ .Os)(b, 56),
        entriesLba: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(b, 72),
        entryCount: b.readUInt32LE(80),
        entrySize: b.readUInt32LE(84),
        entriesCrc: b.readUInt32LE(88),
    };
}
async function readEntries(src, h, c, which) {
    if (h.entrySize < 128 || h.entrySize % 8 !== 0 || h.entryCount > 4096) {
        c.fail(`gpt.${which}.entries`, "entries of 128·2^n bytes, at most 4096", `${h.entryCount} entries of ${h.entrySize} bytes`);
        return undefined;
    }
    const at = h.entriesLba * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_;
    const len = h.entryCount * h.entrySize;
    const arr = await src.read(at, len);
    if (arr.length < len) {
        c.fail(`gpt.${which}.entries.truncated`, `${len} bytes of partition entries at ${at}`, `the image ends at ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(at + arr.length)}`, at);
        return undefined;
    }
    const actual = (0,_crc_js__WEBPACK_IMPORTED_MODULE_0__/* .crc32 */ .QR)(arr);
    if (actual !== h.entriesCrc) {
        c.fail(`gpt.${which}.entries-crc32`, (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .hex */ .uh)(h.entriesCrc, 8), (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .hex */ .uh)(actual, 8), at);
        return undefined;
    }
    return arr;
}
/** The primary header and its partitions, checked against each other and `diskSize`. */
async function readPrimaryGpt(src, c, diskSize) {
    return readGpt(src, c, 1, "primary", diskSize);
}
/**
 * The backup header at the disk's last sector and its partitions: what a
 * firmware falls back to when the primary is damaged.
 */
async function readBackupGpt(src, c, diskSize) {
    if (diskSize < 2 * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_)
        return undefined;
    return readGpt(src, c, diskSize / _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ - 1, "backup", diskSize);
}
async function readGpt(src, c, lba, which, diskSize) {
    const at = lba * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_;
    const b = await src.read(at, _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_);
    if (b.length < _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_) {
        c.fail(`gpt.${which}.truncated`, `a GPT header at LBA ${lba}`, `the image ends at ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(at + b.length)}`, at);
        return undefined;
    }
    const h = parseHeader(b, at, c, which);
    if (!h)
        return undefined;
    c.equal(`gpt.${which}.my-lba`, lba, h.myLba, at + 24);
    const arr = await readEntries(src, h, c, which);
    if (!arr)
        return undefined;
    const partitions = [];
    for (let i = 0; i < h.entryCount; i++) {
        const e = arr.subarray(i * h.entrySize, i * h.entrySize + 128);
        if (e.subarray(0, 16).every((x) => x === 0))
            continue;
        const firstLba = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(e, 32);
        const lastLba = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64le */ .dw)(e, 40);
        const p = {
            index: i + 1,
            type: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .guid */ .Os)(e, 0),
            name: (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .fixedString */ .o9)(e, 56, 72, "utf16le"),
            start: firstLba * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_,
            size: (lastLba - firstLba + 1) * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_,
            firstLba,
            lastLba,
        };
        const off = h.entriesLba * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ + i * h.entrySize + 32;
        if (lastLba < firstLba || firstLba < h.firstUsable || lastLba > h.lastUsable) {
            c.fail(`gpt.partition${p.index}.range`, `LBAs within ${h.firstUsable}..${h.lastUsable}`, `${firstLba}..${lastLba}`, off);
        }
        if (diskSize !== undefined && (lastLba + 1) * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ > diskSize) {
            c.fail(`gpt.partition${p.index}.bounds`, `partition ending within the image (${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(diskSize)})`, `ends at ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)((lastLba + 1) * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_)}`, off);
        }
        partitions.push(p);
    }
    const sorted = [...partitions].sort((a, b2) => a.firstLba - b2.firstLba);
    for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1];
        const n = sorted[i];
        if (n.firstLba <= a.lastLba)
            c.fail(`gpt.partition${n.index}.overlap`, `no overlap with partition ${a.index}`, `starts at LBA ${n.firstLba}, inside ${a.firstLba}..${a.lastLba}`);
    }
    if (diskSize !== undefined && which === "primary") {
        const lastLba = diskSize / _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ - 1;
        if (h.alternateLba !== lastLba) {
            c.fail("gpt.primary.alternate-lba", `${lastLba} (the image's last sector)`, String(h.alternateLba), _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ + 32);
        }
    }
    return { header: h, partitions };
}
/** The backup header at the primary's alternate LBA, and its entry array. */
async function checkBackupGpt(src, c, primary, diskSize) {
    const at = primary.alternateLba * _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_;
    if (!Number.isFinite(at) || at + _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ > diskSize) {
        c.fail("gpt.backup.location", `a backup header inside the image (${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(diskSize)})`, `LBA ${primary.alternateLba}`, _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ + 32);
        return;
    }
    const b = await src.read(at, _mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_);
    const h = parseHeader(b, at, c, "backup");
    if (!h)
        return;
    c.equal("gpt.backup.my-lba", primary.alternateLba, h.myLba, at + 24);
    c.equal("gpt.backup.alternate-lba", 1, h.alternateLba, at + 32);
    c.equal("gpt.backup.entries-crc32", primary.entriesCrc, h.entriesCrc, at + 88, (v) => (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .hex */ .uh)(v, 8));
    await readEntries(src, h, c, "backup");
}


/***/ }),

/***/ 237:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A7: () => (/* binding */ hasMbrSignature),
/* harmony export */   hJ: () => (/* binding */ parseMbr),
/* harmony export */   n0: () => (/* binding */ mbrTypeName),
/* harmony export */   z_: () => (/* binding */ SECTOR)
/* harmony export */ });
/* unused harmony export MBR_TYPES */
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(190);

const SECTOR = 512;
function hasMbrSignature(sector0) {
    return sector0.length >= 512 && sector0[510] === 0x55 && sector0[511] === 0xaa;
}
/** The used entries of the table; bad boot flags become findings. */
function parseMbr(sector0, c) {
    const parts = [];
    for (let i = 0; i < 4; i++) {
        const e = sector0.subarray(446 + i * 16, 462 + i * 16);
        const type = e[4];
        const lba = e.readUInt32LE(8);
        const count = e.readUInt32LE(12);
        if (type === 0 && count === 0)
            continue;
        if (e[0] !== 0 && e[0] !== 0x80)
            c.fail(`mbr.partition${i + 1}.status`, "0x00 or 0x80", (0,_bytes_js__WEBPACK_IMPORTED_MODULE_0__/* .hex */ .uh)(e[0], 2), 446 + i * 16);
        parts.push({ index: i + 1, bootable: e[0] === 0x80, type, start: lba * SECTOR, size: count * SECTOR });
    }
    return parts;
}
const MBR_TYPES = {
    0x01: "FAT12",
    0x04: "FAT16",
    0x06: "FAT16",
    0x07: "NTFS/exFAT",
    0x0b: "FAT32 (CHS)",
    0x0c: "FAT32 (LBA)",
    0x0e: "FAT16 (LBA)",
    0x82: "Linux swap",
    0x83: "Linux",
    0xee: "GPT protective",
    0xef: "EFI System",
};
function mbrTypeName(t) {
    return `${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_0__/* .hex */ .uh)(t, 2)}${MBR_TYPES[t] ? ` (${MBR_TYPES[t]})` : ""}`;
}


/***/ }),

/***/ 43:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ parseOvf)
/* harmony export */ });
/* unused harmony export capacityUnit */
function attributes(tag) {
    const out = new Map();
    for (const m of tag.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*"([^"]*)"/g))
        out.set(m[2], m[3]);
    return out;
}
function elements(xml, name) {
    const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, "g");
    return [...xml.matchAll(re)].map((m) => attributes(m[1]));
}
/** Bytes in one capacity unit: "byte", "byte * 2^30", "MegaBytes", … (undefined if unknown). */
function capacityUnit(units) {
    if (!units)
        return 1;
    const u = units.replace(/\s+/g, "").toLowerCase();
    if (u === "byte" || u === "bytes")
        return 1;
    const pow = /^byte\*(\d+)\^(\d+)$/.exec(u);
    if (pow)
        return Number(pow[1]) ** Number(pow[2]);
    const named = { kilobytes: 2 ** 10, megabytes: 2 ** 20, gigabytes: 2 ** 30, terabytes: 2 ** 40 };
    return named[u];
}
function parseOvf(xml, c, where) {
    if (!/<(?:[\w.-]+:)?Envelope\b/.test(xml) || !/<\/(?:[\w.-]+:)?Envelope>\s*$/.test(xml)) {
        c.fail("ovf.envelope", "an XML document with an <Envelope> root element", JSON.stringify(xml.slice(0, 40)), where);
        return undefined;
    }
    const files = [];
    for (const a of elements(xml, "File")) {
        const id = a.get("id");
        const href = a.get("href");
        if (!id || !href)
            continue;
        const f = { id, href };
        const size = a.get("size");
        if (size !== undefined)
            f.size = Number(size);
        files.push(f);
    }
    const disks = [];
    for (const a of elements(xml, "Disk")) {
        const diskId = a.get("diskId");
        if (!diskId)
            continue;
        const d = { diskId };
        const fileRef = a.get("fileRef");
        if (fileRef)
            d.fileRef = fileRef;
        const format = a.get("format");
        if (format)
            d.format = format;
        const cap = a.get("capacity");
        const unit = capacityUnit(a.get("capacityAllocationUnits"));
        if (cap !== undefined && unit !== undefined && /^\d+$/.test(cap))
            d.capacity = Number(cap) * unit;
        else
            c.fail(`ovf.disk.${diskId}.capacity`, "a capacity in known units", `${cap ?? "none"} ${a.get("capacityAllocationUnits") ?? ""}`.trim(), where);
        disks.push(d);
    }
    const ovf = { files, disks };
    const name = /<(?:[\w.-]+:)?VirtualSystem\b[^>]*\bovf:id="([^"]*)"/.exec(xml)?.[1];
    if (name)
        ovf.name = name;
    return ovf;
}


/***/ }),

/***/ 444:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ describeVhdDisk),
/* harmony export */   y: () => (/* binding */ vhdDisk)
/* harmony export */ });
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(190);
/* harmony import */ var _filesystems_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(330);
/* harmony import */ var _targets_partitions_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(529);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(848);




const BAT_LIMIT = 16 << 20;
class DynamicVhdSource {
    sequential;
    src;
    bat;
    blockSize;
    bitmapBytes;
    length;
    constructor(src, bat, blockSize, length) {
        this.src = src;
        this.bat = bat;
        this.blockSize = blockSize;
        this.bitmapBytes = Math.ceil(blockSize / 512 / 8 / 512) * 512;
        this.length = length;
        this.sequential = src.sequential;
    }
    size() {
        return Promise.resolve(this.length);
    }
    async read(offset, length) {
        const end = Math.min(this.length, offset + length);
        if (end <= offset)
            return Buffer.alloc(0);
        const out = Buffer.alloc(end - offset);
        let at = offset;
        while (at < end) {
            const block = Math.floor(at / this.blockSize);
            const within = at - block * this.blockSize;
            const n = Math.min(end - at, this.blockSize - within);
            const entry = block * 4 + 4 <= this.bat.length ? this.bat.readUInt32BE(block * 4) : 0xffffffff;
            if (entry !== 0xffffffff) {
                const data = await this.src.read(entry * 512 + this.bitmapBytes + within, n);
                data.copy(out, at - offset);
            }
            at += n;
        }
        return out;
    }
}
/** The virtual disk of a VHD whose footer checked out; undefined when its tables cannot be read. */
async function vhdDisk(src, footer) {
    if (footer.diskType === 2)
        return new _source_js__WEBPACK_IMPORTED_MODULE_1__/* .SliceSource */ .EH(src, 0, footer.currentSize);
    if (footer.diskType !== 3)
        return undefined;
    const dyn = await src.read(Number(footer.dataOffset), 1024);
    if (dyn.length < 1024 || dyn.subarray(0, 8).toString("latin1") !== "cxsparse")
        return undefined;
    const batOffset = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64be */ .fm)(dyn, 16);
    const entries = dyn.readUInt32BE(28);
    const blockSize = dyn.readUInt32BE(32);
    if (!Number.isFinite(batOffset) || blockSize === 0 || blockSize % 512 !== 0)
        return undefined;
    const bat = await src.read(batOffset, Math.min(entries * 4, BAT_LIMIT));
    return new DynamicVhdSource(src, bat, blockSize, footer.currentSize);
}
/**
 * What the VHD's disk holds, as details: its partition table and the label of
 * its first ext file system (the NixOS root), which becomes the report's label.
 */
async function describeVhdDisk(src, footer, c) {
    const disk = await vhdDisk(src, footer);
    if (!disk)
        return;
    const table = await (0,_targets_partitions_js__WEBPACK_IMPORTED_MODULE_0__/* .partitionTable */ .R)(disk);
    c.detail("disk.partitionTable", table?.kind ?? "none");
    for (const p of table?.partitions ?? []) {
        const ext = await (0,_filesystems_js__WEBPACK_IMPORTED_MODULE_3__/* .probeExt */ .AL)(disk, p.start);
        if (ext?.label) {
            c.label = ext.label;
            return;
        }
    }
}


/***/ }),

/***/ 830:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LY: () => (/* binding */ VMA_MAGIC),
/* harmony export */   T5: () => (/* binding */ checkVma),
/* harmony export */   ho: () => (/* binding */ VMA_BLOCK),
/* harmony export */   q1: () => (/* binding */ VMA_CLUSTER)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(190);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(848);
// Proxmox VMA (pve-qemu's vma_spec.txt): a "VMA\0" header with an MD5 over
// itself, config blobs and device infos in a blob buffer, then extents ("VMAE",
// 512-byte header with its own MD5 and 59 block infos) holding 64 KiB clusters
// as non-zero 4 KiB blocks. Big-endian. With a reader, the clusters' data is
// read too and handed over (the boot test extracts the disk this way).



const VMA_MAGIC = Buffer.from([0x56, 0x4d, 0x41, 0x00]);
const EXTENT_MAGIC = Buffer.from("VMAE", "latin1");
const HEADER_FIXED = 12288;
const CLUSTER = 65536;
const BLOCK = 4096;
const EXTENT_HEADER = 512;
const BLOCKS_PER_EXTENT = 59;
function md5Without(b, from) {
    const copy = Buffer.from(b);
    copy.fill(0, from, from + 16);
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("md5").update(copy).digest();
}
/** A blob: 2-byte little-endian length, then data (names end in NUL). */
function blob(buf, off) {
    if (off <= 0 || off + 2 > buf.length)
        return undefined;
    const len = buf.readUInt16LE(off);
    if (off + 2 + len > buf.length)
        return undefined;
    return buf.subarray(off + 2, off + 2 + len);
}
function blobString(b) {
    const nul = b.indexOf(0);
    return (nul >= 0 ? b.subarray(0, nul) : b).toString("utf8");
}
const VMA_CLUSTER = CLUSTER;
const VMA_BLOCK = BLOCK;
async function checkVma(src, c, reader) {
    const fixed = await (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .readOrFail */ .Ml)(src, c, "vma.header", 0, HEADER_FIXED);
    if (!fixed)
        return;
    const magic = fixed.subarray(0, 4);
    if (!magic.equals(VMA_MAGIC)) {
        c.fail("vma.magic", (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(VMA_MAGIC), (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(magic), 0);
        return undefined;
    }
    const version = fixed.readUInt32BE(4);
    if (version !== 1) {
        c.fail("vma.version", "1", String(version), 4);
        return undefined;
    }
    const uuid = Buffer.from(fixed.subarray(8, 24));
    const ctime = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64be */ .fm)(fixed, 24);
    const blobOffset = fixed.readUInt32BE(48);
    const blobSize = fixed.readUInt32BE(52);
    const headerSize = fixed.readUInt32BE(56);
    c.detail("ctime", new Date(ctime * 1000).toISOString());
    if (headerSize < HEADER_FIXED || headerSize % 512 !== 0 || headerSize > 64 << 20) {
        c.fail("vma.header-size", "a multiple of 512, at least 12288", String(headerSize), 56);
        return undefined;
    }
    if (blobOffset < HEADER_FIXED || blobOffset + blobSize > headerSize) {
        c.fail("vma.blob-buffer", `a blob buffer inside the header (12288..${headerSize})`, `${blobSize} bytes at ${blobOffset}`, 48);
        return undefined;
    }
    const header = await (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .readOrFail */ .Ml)(src, c, "vma.header", 0, headerSize);
    if (!header)
        return;
    const md5 = md5Without(header, 32);
    if (!md5.equals(header.subarray(32, 48))) {
        c.fail("vma.header-md5", md5.toString("hex"), header.subarray(32, 48).toString("hex"), 32);
        return undefined;
    }
    const blobs = header.subarray(blobOffset, blobOffset + blobSize);
    const configs = [];
    const configTexts = new Map();
    for (let i = 0; i < 256; i++) {
        const nameOff = header.readUInt32BE(2044 + i * 4);
        const dataOff = header.readUInt32BE(3068 + i * 4);
        if (nameOff === 0 && dataOff === 0)
            continue;
        const name = blob(blobs, nameOff);
        const data = blob(blobs, dataOff);
        if (!name || !data) {
            c.fail(`vma.config${i}`, "name and data blobs inside the blob buffer", `offsets ${nameOff}, ${dataOff}`, 2044 + i * 4);
            continue;
        }
        configs.push(blobString(name));
        configTexts.set(blobString(name), data.toString("utf8"));
    }
    c.detail("configs", configs.join(", "));
    if (!configs.includes("qemu-server.conf"))
        c.fail("vma.config", 'a "qemu-server.conf" config blob', configs.length ? configs.join(", ") : "no config blobs", 2044);
    const devices = new Map();
    for (let id = 1; id < 256; id++) {
        const o = 4096 + id * 32;
        const nameOff = header.readUInt32BE(o);
        if (nameOff === 0)
            continue;
        const name = blob(blobs, nameOff);
        const size = (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .u64be */ .fm)(header, o + 8);
        if (!name) {
            c.fail(`vma.device${id}.name`, "a name blob inside the blob buffer", `offset ${nameOff}`, o);
            continue;
        }
        if (!Number.isFinite(size) || size === 0) {
            c.fail(`vma.device${id}.size`, "a device size above 0", String(size), o + 8);
            continue;
        }
        const clusters = Math.ceil(size / CLUSTER);
        devices.set(id, { id, name: blobString(name), size, clusters: new Uint8Array(Math.ceil(clusters / 8)), seen: 0 });
    }
    if (devices.size === 0) {
        c.fail("vma.devices", "at least one device", "none", 4096);
        return undefined;
    }
    for (const d of devices.values()) {
        c.detail(`device${d.id}.name`, d.name);
        c.detail(`device${d.id}.size`, d.size);
    }
    const disk = [...devices.values()].find((d) => d.name !== "vmstate");
    if (disk)
        c.virtualSize = disk.size;
    const facts = {
        configs: configTexts,
        devices: [...devices.values()].map((d) => d.name),
        deviceInfo: [...devices.values()].map((d) => ({ id: d.id, name: d.name, size: d.size })),
    };
    await reader?.header(facts);
    // Extents, to the end of the file.
    let at = headerSize;
    let extents = 0;
    for (;;) {
        const eh = await src.read(at, EXTENT_HEADER);
        if (eh.length === 0)
            break;
        if (eh.length < EXTENT_HEADER) {
            c.fail("vma.extent.truncated", "a whole 512-byte extent header", `the file ends ${eh.length} bytes into it`, at);
            return facts;
        }
        if (!eh.subarray(0, 4).equals(EXTENT_MAGIC)) {
            c.fail("vma.extent.magic", (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(EXTENT_MAGIC), (0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .show */ .WU)(eh.subarray(0, 4)), at);
            return facts;
        }
        const sum = md5Without(eh, 24);
        if (!sum.equals(eh.subarray(24, 40))) {
            c.fail("vma.extent.md5", sum.toString("hex"), eh.subarray(24, 40).toString("hex"), at + 24);
            return facts;
        }
        if (!eh.subarray(8, 24).equals(uuid)) {
            c.fail("vma.extent.uuid", uuid.toString("hex"), eh.subarray(8, 24).toString("hex"), at + 8);
            return facts;
        }
        const blockCount = eh.readUInt16BE(6);
        let counted = 0;
        const clusters = [];
        for (let i = 0; i < BLOCKS_PER_EXTENT; i++) {
            const o = 40 + i * 8;
            const bi = eh.readBigUInt64BE(o);
            if (bi === 0n)
                continue;
            const mask = Number(bi >> 48n);
            const devId = eh[o + 3];
            const cluster = eh.readUInt32BE(o + 4);
            const dev = devices.get(devId);
            if (!dev) {
                c.fail("vma.extent.device", `a device id from the header (${[...devices.keys()].join(", ")})`, String(devId), at + o + 3);
                return facts;
            }
            if (cluster * CLUSTER >= dev.size) {
                c.fail("vma.extent.cluster", `a cluster inside device ${dev.name} (${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(dev.size)})`, `cluster ${cluster}`, at + o + 4);
                return facts;
            }
            const bit = 1 << (cluster & 7);
            if (!(dev.clusters[cluster >> 3] & bit)) {
                dev.clusters[cluster >> 3] |= bit;
                dev.seen++;
            }
            for (let m = mask; m; m &= m - 1)
                counted++;
            clusters.push({ dev, cluster, mask });
        }
        if (counted !== blockCount) {
            c.fail("vma.extent.block-count", `${counted} blocks (the masks' bits)`, String(blockCount), at + 6);
            return facts;
        }
        extents++;
        const next = at + EXTENT_HEADER + blockCount * BLOCK;
        const truncated = async () => {
            c.fail("vma.extent.truncated", `${blockCount} blocks of data ending at ${next}`, `the file ends at ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .bytes */ .ee)(await src.size())}`, at);
            return facts;
        };
        if (reader) {
            const data = await src.read(at + EXTENT_HEADER, blockCount * BLOCK);
            if (data.length < blockCount * BLOCK)
                return truncated();
            let from = 0;
            for (const { dev, cluster, mask } of clusters) {
                let n = 0;
                for (let m = mask; m; m &= m - 1)
                    n++;
                await reader.cluster({ device: { id: dev.id, name: dev.name, size: dev.size }, cluster, mask, data: data.subarray(from, from + n * BLOCK) });
                from += n * BLOCK;
            }
        }
        else if (blockCount > 0) {
            const last = await src.read(next - 1, 1);
            if (last.length === 0)
                return truncated();
        }
        at = next;
    }
    c.detail("extents", extents);
    for (const d of devices.values()) {
        const total = Math.ceil(d.size / CLUSTER);
        c.detail(`device${d.id}.clusters`, `${d.seen}/${total}`);
    }
    return facts;
}


/***/ }),

/***/ 787:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QR: () => (/* binding */ crc32),
/* harmony export */   Vl: () => (/* binding */ Crc64),
/* harmony export */   dc: () => (/* binding */ crc32c)
/* harmony export */ });
// CRC-32 (IEEE, as in gzip, GPT, xz), CRC-32C (Castagnoli, as in VHDX) and
// CRC-64 (ECMA-182, as in xz), table-driven, incremental.
function table32(poly) {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? (poly ^ (c >>> 1)) >>> 0 : c >>> 1;
        t[n] = c >>> 0;
    }
    return t;
}
const T32 = table32(0xedb88320);
const T32C = table32(0x82f63b78);
function update32(t, crc, data) {
    let c = ~crc >>> 0;
    for (let i = 0; i < data.length; i++)
        c = (t[(c ^ data[i]) & 0xff] ^ (c >>> 8)) >>> 0;
    return ~c >>> 0;
}
/** CRC-32 of `data`, continuing from `crc` (0 to start). */
function crc32(data, crc = 0) {
    return update32(T32, crc, data);
}
/** CRC-32C of `data`, continuing from `crc` (0 to start). */
function crc32c(data, crc = 0) {
    return update32(T32C, crc, data);
}
// CRC-64/XZ: reflected polynomial 0xC96C5795D7870F42, kept as two 32-bit halves.
const T64_LO = new Uint32Array(256);
const T64_HI = new Uint32Array(256);
{
    const polyLo = 0xd7870f42;
    const polyHi = 0xc96c5795;
    for (let n = 0; n < 256; n++) {
        let lo = n;
        let hi = 0;
        for (let k = 0; k < 8; k++) {
            const bit = lo & 1;
            lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
            hi = hi >>> 1;
            if (bit) {
                lo = (lo ^ polyLo) >>> 0;
                hi = (hi ^ polyHi) >>> 0;
            }
        }
        T64_LO[n] = lo;
        T64_HI[n] = hi;
    }
}
/** Incremental CRC-64/XZ; `digest()` gives the 8 bytes little-endian, as xz stores them. */
class Crc64 {
    lo = 0xffffffff;
    hi = 0xffffffff;
    update(data) {
        let lo = this.lo;
        let hi = this.hi;
        for (let i = 0; i < data.length; i++) {
            const idx = (lo ^ data[i]) & 0xff;
            lo = (((lo >>> 8) | (hi << 24)) ^ T64_LO[idx]) >>> 0;
            hi = ((hi >>> 8) ^ T64_HI[idx]) >>> 0;
        }
        this.lo = lo;
        this.hi = hi;
    }
    digest() {
        const out = Buffer.alloc(8);
        out.writeUInt32LE(~this.lo >>> 0, 0);
        out.writeUInt32LE(~this.hi >>> 0, 4);
        return out;
    }
}


/***/ }),

/***/ 583:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ checkImage),
/* harmony export */   m: () => (/* binding */ expectationFor)
/* harmony export */ });
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(552);

/**
 * The check for an image of `format` built for `system` (when known): a
 * catalogue format is held to its container, compression and target's rules,
 * and to the disk size when it takes one. A custom format promises nothing
 * the catalogue knows: one that declares its container (`formatContainer`,
 * `declared`) is held to that container's checks, whatever its compression;
 * one that declares none is identified by its bytes and reported, never
 * failed. With no format at all (`verify FILE`), the image is identified,
 * checked as what it is, and held to the disk size it was said to have.
 */
function expectationFor(format, system, diskSize, declared) {
    const forSystem = system !== undefined ? { system } : {};
    if (format === undefined)
        return { kind: "identify", options: { ...forSystem, ...(diskSize !== undefined ? { diskSizeMiB: diskSize } : {}) } };
    if (format.kind === "custom")
        return declared !== undefined ? { kind: "expect", expectation: { container: declared, ...forSystem } } : { kind: "report", options: forSystem };
    const { entry } = format;
    return {
        kind: "expect",
        expectation: {
            container: entry.container,
            compression: entry.compression,
            target: entry.name,
            ...forSystem,
            ...(entry.diskSize && diskSize !== undefined ? { diskSizeMiB: diskSize } : {}),
        },
    };
}
/** Runs a check on the image at `path`. */
function checkImage(path, check) {
    switch (check.kind) {
        case "expect":
            return (0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .verifyImage */ .ZG)(path, check.expectation);
        case "identify":
            return (0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .identifyImage */ .cE)(path, check.options);
        case "report":
            return (0,_index_js__WEBPACK_IMPORTED_MODULE_0__/* .reportImage */ .o7)(path, check.options);
    }
}


/***/ }),

/***/ 552:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  cE: () => (/* binding */ identifyImage),
  Kj: () => (/* binding */ renderFinding),
  B1: () => (/* binding */ renderReport),
  o7: () => (/* binding */ reportImage),
  ZG: () => (/* binding */ verifyImage)
});

// UNUSED EXPORTS: MEMBERS_SHOWN, TARGETS, sha256File, targetOf

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/verify/bytes.ts
var bytes = __nccwpck_require__(190);
// EXTERNAL MODULE: ./src/verify/checks.ts
var checks = __nccwpck_require__(148);
// EXTERNAL MODULE: ./src/verify/codec/decompress.ts + 4 modules
var decompress = __nccwpck_require__(673);
;// CONCATENATED MODULE: ./src/verify/codec/detect.ts
const MAGIC = [
    ["gzip", [0x1f, 0x8b]],
    ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
    ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
];
function detectCompression(head) {
    for (const [kind, magic] of MAGIC) {
        if (magic.every((b, i) => head[i] === b))
            return kind;
    }
    return "none";
}
const COMPRESSION_MAGIC = {
    gzip: "1f8b",
    xz: "fd377a585a00",
    zstd: "28b52ffd",
};

// EXTERNAL MODULE: ./src/verify/crc.ts
var crc = __nccwpck_require__(787);
// EXTERNAL MODULE: ./src/verify/containers/filesystems.ts
var filesystems = __nccwpck_require__(330);
;// CONCATENATED MODULE: ./src/verify/containers/fs-ext4.ts
// A bare ext4 file system, no partition table (what make-disk-image writes
// with partitionTableType "none", e.g. Linode's): the superblock at byte 1024
// (magic 0xEF53 at 1080), its checksum when it has one, and a size that fits
// the file.



const SUPERBLOCK = 1024;
/** s_feature_ro_compat bit: the superblock carries a CRC-32C (s_checksum at 0x3FC). */
const RO_COMPAT_METADATA_CSUM = 0x400;
/** s_state bit: the file system was marked as having errors. */
const STATE_ERRORS = 0x2;
/** True when the bytes at 1080 are the ext superblock magic. */
async function looksLikeExt(src) {
    const m = await src.read(filesystems/* EXT_MAGIC_OFFSET */.GX, 2);
    return m.length === 2 && m.readUInt16LE(0) === filesystems/* EXT_MAGIC */.kz;
}
async function checkFsExt4(src, c) {
    const info = await (0,filesystems/* probeExt */.AL)(src, 0);
    if (!info) {
        const m = await src.read(filesystems/* EXT_MAGIC_OFFSET */.GX, 2);
        c.fail("ext4.magic", `ext superblock magic ${(0,bytes/* hex */.uh)(filesystems/* EXT_MAGIC */.kz, 4)} at byte ${filesystems/* EXT_MAGIC_OFFSET */.GX}`, m.length === 2 ? (0,bytes/* hex */.uh)(m.readUInt16LE(0), 4) : "end of file", filesystems/* EXT_MAGIC_OFFSET */.GX);
        return;
    }
    const sb = await src.read(SUPERBLOCK, 1024);
    c.detail("filesystem", info.kind);
    c.detail("uuid", info.uuid);
    if (info.label)
        c.label = info.label;
    const logBlock = sb.readUInt32LE(24);
    if (logBlock > 6) {
        c.fail("ext4.block-size", "a block size of 1 KiB to 64 KiB", `2^(10+${logBlock}) bytes`, SUPERBLOCK + 24);
        return;
    }
    const blockSize = 1024 * 2 ** logBlock;
    c.detail("blockSize", blockSize);
    const roCompat = sb.readUInt32LE(100);
    if (roCompat & RO_COMPAT_METADATA_CSUM) {
        const stored = sb.readUInt32LE(0x3fc);
        // ext4_superblock_csum: crc32c seeded with ~0 over the bytes before s_checksum, without the final inversion.
        const computed = ~(0,crc/* crc32c */.dc)(sb.subarray(0, 0x3fc)) >>> 0;
        c.equal("ext4.superblock-checksum", stored, computed, SUPERBLOCK + 0x3fc, (v) => (0,bytes/* hex */.uh)(v, 8));
    }
    const state = sb.readUInt16LE(58);
    if (state & STATE_ERRORS)
        c.fail("ext4.state", "a file system not marked as having errors", `s_state ${(0,bytes/* hex */.uh)(state, 4)} (errors)`, SUPERBLOCK + 58);
    if (info.size === 0) {
        c.fail("ext4.blocks", "a file system of at least one block", "0 blocks", SUPERBLOCK + 4);
        return;
    }
    const fileSize = await src.size();
    c.detail("filesystemSize", info.size);
    // The file system must lie within the file; a file larger than it is harmless (resize2fs grows into it).
    if (info.size > fileSize)
        c.fail("ext4.size", `the file to hold the ${(0,bytes/* bytes */.ee)(info.size)} the superblock counts`, `${(0,bytes/* bytes */.ee)(fileSize)} (truncated?)`, SUPERBLOCK + 4);
    c.virtualSize = fileSize;
}

// EXTERNAL MODULE: ./src/verify/containers/fat-dir.ts
var fat_dir = __nccwpck_require__(91);
// EXTERNAL MODULE: ./src/verify/containers/mbr.ts
var mbr = __nccwpck_require__(237);
;// CONCATENATED MODULE: ./src/verify/containers/iso.ts




const ISO_SECTOR = 2048;
const ISO_MAGIC = Buffer.from("CD001", "latin1");
const EL_TORITO = "EL TORITO SPECIFICATION";
const PLATFORMS = { 0x00: "BIOS", 0x01: "PowerPC", 0x02: "Mac", 0xef: "EFI" };
async function checkIso(src, c, system) {
    const s0 = await src.read(0, 512);
    c.detail("isohybrid", (0,mbr/* hasMbrSignature */.A7)(s0));
    let pvd;
    let pvdAt = 0;
    let catalogLba;
    let bootRecordAt = 0;
    let terminated = false;
    for (let i = 16; i < 16 + 64; i++) {
        const at = i * ISO_SECTOR;
        const d = await src.read(at, ISO_SECTOR);
        if (d.length < ISO_SECTOR) {
            c.fail("iso.truncated", `a volume descriptor at sector ${i}`, `the image ends at ${(0,bytes/* bytes */.ee)(at + d.length)}`, at);
            return undefined;
        }
        const magic = d.subarray(1, 6);
        if (!magic.equals(ISO_MAGIC)) {
            c.fail("iso.descriptor.magic", (0,bytes/* show */.WU)(ISO_MAGIC), (0,bytes/* show */.WU)(magic), at + 1);
            return undefined;
        }
        const type = d[0];
        if (type === 255) {
            terminated = true;
            break;
        }
        if (type === 1 && !pvd) {
            pvd = d;
            pvdAt = at;
        }
        if (type === 0 && (0,bytes/* fixedString */.o9)(d, 7, 32) === EL_TORITO) {
            catalogLba = d.readUInt32LE(71);
            bootRecordAt = at;
        }
    }
    if (!terminated)
        c.fail("iso.descriptor.terminator", "a volume descriptor set terminator (type 255)", "none in 64 descriptors", 16 * ISO_SECTOR);
    if (!pvd) {
        c.fail("iso.primary-descriptor", "a primary volume descriptor (type 1)", "none", 16 * ISO_SECTOR);
        return undefined;
    }
    const label = (0,bytes/* fixedString */.o9)(pvd, 40, 32);
    c.label = label;
    c.detail("volumeId", label);
    const systemId = (0,bytes/* fixedString */.o9)(pvd, 8, 32);
    if (systemId)
        c.detail("systemId", systemId);
    const blocks = pvd.readUInt32LE(80);
    const blockSize = pvd.readUInt16LE(128);
    if (pvd.readUInt32BE(84) !== blocks)
        c.fail("iso.volume-size", `the same size in both byte orders (${blocks})`, String(pvd.readUInt32BE(84)), pvdAt + 84);
    if (blockSize !== ISO_SECTOR)
        c.fail("iso.block-size", String(ISO_SECTOR), String(blockSize), pvdAt + 128);
    const volumeSize = blocks * blockSize;
    c.detail("volumeSize", volumeSize);
    const entries = catalogLba === undefined ? [] : await readCatalog(src, c, catalogLba, bootRecordAt);
    const bios = entries.some((e) => e.bootable && e.platform === 0x00);
    const efiEntries = entries.filter((e) => e.bootable && e.platform === 0xef);
    c.detail("elTorito", catalogLba !== undefined);
    c.detail("biosBoot", bios);
    c.detail("efiBoot", efiEntries.length > 0);
    const listed = entries.map((e) => `${PLATFORMS[e.platform] ?? (0,bytes/* hex */.uh)(e.platform, 2)}${e.bootable ? "" : " (not bootable)"}`).join(", ");
    c.detail("bootEntries", listed);
    const fileSize = await src.size();
    c.detail("fileSize", fileSize);
    if (volumeSize > fileSize)
        c.fail("iso.volume-size", `a volume of ${(0,bytes/* bytes */.ee)(volumeSize)} inside the file`, `a file of ${(0,bytes/* bytes */.ee)(fileSize)} (truncated)`, pvdAt + 80);
    for (const e of entries) {
        if (e.loadRba * ISO_SECTOR >= fileSize)
            c.fail("iso.boot-entry.location", `a boot image inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `sector ${e.loadRba}`, e.at + 8);
    }
    const efiLoaders = [];
    for (const e of efiEntries) {
        if (e.loadRba * ISO_SECTOR >= fileSize)
            continue;
        const fat = await (0,filesystems/* probeFat */.ae)(src, e.loadRba * ISO_SECTOR);
        if (!fat)
            c.fail("iso.efi-image", "a FAT file system (the EFI boot image)", "no FAT boot sector", e.loadRba * ISO_SECTOR);
        else {
            c.detail("efiImage", fat.kind);
            for (const l of await (0,fat_dir/* efiBootLoaders */.VT)(src, e.loadRba * ISO_SECTOR))
                if (!efiLoaders.includes(l))
                    efiLoaders.push(l);
        }
    }
    if (efiLoaders.length > 0)
        c.detail("efiLoaders", efiLoaders.join(", "));
    const facts = { elTorito: catalogLba !== undefined, bios, efi: efiEntries.length > 0, efiLoaders, listed, catalogAt: (catalogLba ?? 17) * ISO_SECTOR };
    if (catalogLba === undefined) {
        c.fail("iso.el-torito", `an El Torito boot record ("${EL_TORITO}")`, "none: the ISO does not boot", 17 * ISO_SECTOR);
        return facts;
    }
    const needBios = system === "x86_64-linux";
    const needEfi = system !== undefined;
    if (needBios && !bios)
        c.fail("iso.bios-boot", "a bootable El Torito entry for BIOS (platform 0x00)", listed || "none", catalogLba * ISO_SECTOR);
    if (needEfi && efiEntries.length === 0)
        c.fail("iso.efi-boot", "a bootable El Torito entry for EFI (platform 0xEF)", listed || "none", catalogLba * ISO_SECTOR);
    if (!needEfi && entries.every((e) => !e.bootable))
        c.fail("iso.boot-entry", "a bootable El Torito entry", "none", catalogLba * ISO_SECTOR);
    return facts;
}
async function readCatalog(src, c, lba, recordAt) {
    const at = lba * ISO_SECTOR;
    const cat = await src.read(at, ISO_SECTOR);
    if (cat.length < ISO_SECTOR) {
        c.fail("iso.boot-catalog", `a boot catalog at sector ${lba}`, `the image ends at ${(0,bytes/* bytes */.ee)(at + cat.length)}`, recordAt + 71);
        return [];
    }
    const v = cat.subarray(0, 32);
    if (v[0] !== 0x01 || v[30] !== 0x55 || v[31] !== 0xaa) {
        c.fail("iso.boot-catalog.validation", "a validation entry (0x01 … 0x55 0xaa)", `${(0,bytes/* hex */.uh)(v[0], 2)} … ${v.subarray(30, 32).toString("hex")}`, at);
        return [];
    }
    let sum = 0;
    for (let i = 0; i < 32; i += 2)
        sum = (sum + v.readUInt16LE(i)) & 0xffff;
    if (sum !== 0) {
        c.fail("iso.boot-catalog.checksum", "16-bit words summing to 0", (0,bytes/* hex */.uh)(sum, 4), at + 28);
        return [];
    }
    const entries = [];
    const entry = (o, platform) => ({
        platform,
        bootable: cat[o] === 0x88,
        sectors: cat.readUInt16LE(o + 6),
        loadRba: cat.readUInt32LE(o + 8),
        at: at + o,
    });
    entries.push(entry(32, v[1]));
    let o = 64;
    while (o + 32 <= cat.length) {
        const indicator = cat[o];
        if (indicator !== 0x90 && indicator !== 0x91)
            break;
        const platform = cat[o + 1];
        const count = cat.readUInt16LE(o + 2);
        o += 32;
        for (let k = 0; k < count && o + 32 <= cat.length; k++) {
            entries.push(entry(o, platform));
            o += 32;
            while (o + 32 <= cat.length && cat[o] === 0x44)
                o += 32; // extension entries
        }
        if (indicator === 0x91)
            break;
    }
    return entries;
}

// EXTERNAL MODULE: ./src/verify/open.ts + 1 modules
var verify_open = __nccwpck_require__(238);
// EXTERNAL MODULE: ./src/verify/source.ts
var source = __nccwpck_require__(848);
;// CONCATENATED MODULE: ./src/verify/tar.ts


function tarMagic(h) {
    const m = h.subarray(257, 265).toString("latin1");
    if (m === "ustar  \0")
        return "gnu";
    if (m.startsWith("ustar\0"))
        return "ustar";
    return "v7";
}
function normaliseName(name) {
    let n = name;
    while (n.startsWith("./"))
        n = n.slice(2);
    n = n.replace(/^\/+/, "").replace(/\/+$/, "");
    return n === "." ? "" : n;
}
/** The data of an entry as a source of its own (sparse members expanded). */
function entrySource(src, e) {
    if (e.sparse)
        return new source/* SparseSource */.yG(src, e.dataOffset, e.sparse, e.size);
    return new source/* SliceSource */.EH(src, e.dataOffset, e.size);
}
/** An octal (or GNU base-256) number field; NaN when it is neither. */
function tarNumber(b, off, len) {
    const f = b.subarray(off, off + len);
    if (f[0] & 0x80) {
        let v = f[0] & 0x7f;
        for (let i = 1; i < f.length; i++)
            v = v * 256 + f[i];
        return v;
    }
    const s = f.toString("latin1").replace(/\0.*$/s, "").trim();
    if (s === "")
        return 0;
    return /^[0-7]+$/.test(s) ? parseInt(s, 8) : Number.NaN;
}
function headerChecksumOk(h) {
    const stored = tarNumber(h, 148, 8);
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < 512; i++) {
        const c = i >= 148 && i < 156 ? 0x20 : h[i];
        unsigned += c;
        signed += c > 127 ? c - 256 : c;
    }
    return stored === unsigned || stored === signed;
}
function field(h, off, len) {
    const f = h.subarray(off, off + len);
    const nul = f.indexOf(0);
    return (nul >= 0 ? f.subarray(0, nul) : f).toString("utf8");
}
function parsePax(data) {
    const out = new Map();
    let i = 0;
    while (i < data.length) {
        const sp = data.indexOf(0x20, i);
        if (sp < 0)
            break;
        const len = parseInt(data.subarray(i, sp).toString("latin1"), 10);
        if (!Number.isFinite(len) || len <= 0)
            break;
        const rec = data.subarray(sp + 1, i + len - 1).toString("utf8");
        const eq = rec.indexOf("=");
        if (eq > 0)
            out.set(rec.slice(0, eq), rec.slice(eq + 1));
        i += len;
    }
    return out;
}
const round512 = (n) => Math.ceil(n / 512) * 512;
/**
 * Walks the archive's members in order. Damage (bad header checksum, bad number
 * fields, an archive that ends inside a member) becomes a finding on `c` and
 * ends the walk; `summary` is filled in as it goes.
 */
async function* walkTar(src, c, summary) {
    let offset = 0;
    let longName;
    let longLink;
    let pax = new Map();
    let paxSeen = false;
    summary.entries = 0;
    summary.endMarker = false;
    summary.broken = false;
    for (;;) {
        summary.end = offset;
        const h = await src.read(offset, 512);
        if (h.length === 0) {
            if (summary.entries === 0) {
                c.fail("tar.empty", "a tar archive", "an empty file", 0);
                summary.broken = true;
            }
            // No end-of-archive blocks: GNU tar accepts that, but a cut archive looks the same.
            return;
        }
        if (h.length < 512) {
            c.fail("tar.truncated", "a whole 512-byte header", `the archive ends ${h.length} bytes into it`, offset);
            summary.broken = true;
            return;
        }
        if ((0,bytes/* isZero */.be)(h)) {
            summary.endMarker = true;
            return;
        }
        if (!headerChecksumOk(h)) {
            c.fail("tar.header-checksum", `checksum ${tarNumber(h, 148, 8)}`, "a header whose bytes do not add up to it (corrupt, or not a tar)", offset);
            summary.broken = true;
            return;
        }
        const type = String.fromCharCode(h[156] || 0x30);
        const storedSize = tarNumber(h, 124, 12);
        const mode = tarNumber(h, 100, 8);
        if (Number.isNaN(storedSize)) {
            c.fail("tar.size-field", "an octal size", JSON.stringify(field(h, 124, 12)), offset + 124);
            summary.broken = true;
            return;
        }
        let dataOffset = offset + 512;
        const paxSize = pax.get("size");
        const size0 = paxSize !== undefined ? Number(paxSize) : storedSize;
        // Meta entries that describe the next one.
        if (type === "L" || type === "K" || type === "x" || type === "g") {
            const data = await src.read(dataOffset, size0);
            if (data.length < size0) {
                c.fail("tar.truncated", `${size0} bytes of extended header`, `the archive ends at ${(0,bytes/* bytes */.ee)(dataOffset + data.length)}`, dataOffset);
                summary.broken = true;
                return;
            }
            if (type === "L")
                longName = field(data, 0, data.length);
            else if (type === "K")
                longLink = field(data, 0, data.length);
            else if (type === "x") {
                pax = parsePax(data);
                paxSeen = true;
            }
            offset = dataOffset + round512(size0);
            continue;
        }
        const ustar = h.subarray(257, 263).toString("latin1") === "ustar\0";
        let name = longName ?? pax.get("path") ?? pax.get("GNU.sparse.name") ?? field(h, 0, 100);
        if (!longName && !pax.has("path") && ustar) {
            const prefix = field(h, 345, 155);
            if (prefix)
                name = `${prefix}/${name}`;
        }
        if (pax.has("GNU.sparse.name"))
            name = pax.get("GNU.sparse.name");
        const linkName = longLink ?? pax.get("linkpath") ?? field(h, 157, 100);
        let entryType = type === "\0" || type === "7" ? "0" : type;
        let size = size0;
        let sparse;
        let stored = size0;
        if (type === "S") {
            // Old GNU sparse: 4 map entries in the header, more in extension blocks.
            sparse = [];
            const addMap = (b, at, count) => {
                for (let i = 0; i < count; i++) {
                    const o = tarNumber(b, at + i * 24, 12);
                    const n = tarNumber(b, at + i * 24 + 12, 12);
                    if (Number.isNaN(o) || Number.isNaN(n) || (o === 0 && n === 0 && b[at + i * 24] === 0))
                        continue;
                    sparse.push({ offset: o, length: n });
                }
            };
            addMap(h, 386, 4);
            let extended = h[482] !== 0;
            while (extended) {
                const ext = await src.read(dataOffset, 512);
                if (ext.length < 512) {
                    c.fail("tar.truncated", "a sparse map extension block", `the archive ends at ${(0,bytes/* bytes */.ee)(dataOffset + ext.length)}`, dataOffset);
                    summary.broken = true;
                    return;
                }
                addMap(ext, 0, 21);
                extended = ext[504] !== 0;
                dataOffset += 512;
            }
            size = tarNumber(h, 483, 12);
            entryType = "0";
        }
        else if (pax.get("GNU.sparse.major") === "1" && pax.get("GNU.sparse.minor") === "0") {
            // pax sparse 1.0: the map is text at the start of the data, padded to 512.
            const text = [];
            let mapBytes = 0;
            let lines = [];
            for (;;) {
                const blk = await src.read(dataOffset + mapBytes, 512);
                if (blk.length < 512) {
                    c.fail("tar.truncated", "a pax sparse map", `the archive ends at ${(0,bytes/* bytes */.ee)(dataOffset + mapBytes + blk.length)}`, dataOffset);
                    summary.broken = true;
                    return;
                }
                text.push(blk.toString("latin1"));
                mapBytes += 512;
                lines = text.join("").split("\n");
                const count = Number(lines[0]);
                if (Number.isFinite(count) && lines.length > 1 + 2 * count)
                    break;
                if (mapBytes > 64 << 20)
                    break;
            }
            const count = Number(lines[0]);
            sparse = [];
            for (let i = 0; i < count; i++)
                sparse.push({ offset: Number(lines[1 + 2 * i]), length: Number(lines[2 + 2 * i]) });
            size = Number(pax.get("GNU.sparse.realsize") ?? size0);
            dataOffset += mapBytes;
            stored = size0 - mapBytes;
        }
        else if (pax.has("GNU.sparse.map")) {
            const nums = pax.get("GNU.sparse.map").split(",").map(Number);
            sparse = [];
            for (let i = 0; i + 1 < nums.length; i += 2)
                sparse.push({ offset: nums[i], length: nums[i + 1] });
            size = Number(pax.get("GNU.sparse.size") ?? pax.get("GNU.sparse.realsize") ?? size0);
        }
        if (sparse) {
            const storedTotal = sparse.reduce((a, r) => a + r.length, 0);
            const bad = sparse.find((r) => !Number.isFinite(r.offset) || !Number.isFinite(r.length) || r.offset + r.length > size);
            if (bad || storedTotal !== stored) {
                c.fail("tar.sparse-map", `regions inside ${size} bytes adding up to ${stored} stored bytes`, bad ? `region ${bad.offset}+${bad.length}` : `${storedTotal} bytes`, offset);
                summary.broken = true;
                return;
            }
        }
        const hasData = entryType === "0" || entryType === "S";
        const entry = {
            name: normaliseName(name),
            type: entryType,
            size: hasData ? size : 0,
            storedSize: hasData ? stored : 0,
            linkName,
            mode: Number.isNaN(mode) ? 0 : mode,
            headerOffset: offset,
            dataOffset,
            magic: tarMagic(h),
            pax: paxSeen,
        };
        if (sparse)
            entry.sparse = sparse;
        longName = undefined;
        longLink = undefined;
        pax = new Map();
        paxSeen = false;
        summary.entries++;
        const next = dataOffset + round512(hasData || entryType === "1" ? stored : size0);
        yield entry;
        if (stored > 0) {
            // A member cut short shows as a last byte that is not there (checked after
            // the consumer looked at the member, so a stream is read forward).
            const last = await src.read(dataOffset + stored - 1, 1);
            if (last.length === 0) {
                const total = await src.size();
                c.fail("tar.truncated", `member ${JSON.stringify(entry.name)} of ${(0,bytes/* bytes */.ee)(stored)} ending at ${dataOffset + stored}`, `the archive ends at ${(0,bytes/* bytes */.ee)(total)}`, dataOffset);
                summary.broken = true;
                summary.end = total;
                return;
            }
        }
        offset = next;
    }
}

;// CONCATENATED MODULE: ./src/verify/containers/kexec-bundle.ts
// A self-extracting kexec bundle: a shell script, a marker line it looks for
// (this project's "#PAYLOAD#", nixos-generators' "__ARCHIVE_BELOW__"), then a
// tar archive (plain or compressed) holding either a static kexec with a
// kernel and an initrd, or a kexec tarball with kexec_nixos.






const SCRIPT_LIMIT = 64 * 1024;
const PAYLOAD_MAGICS = [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from([0x28, 0xb5, 0x2f, 0xfd])];
/**
 * Where the archive after the script starts: after the first marker-looking
 * line ("#PAYLOAD#", "__ARCHIVE_BELOW__") that the script itself mentions
 * earlier, or else at the first compressed-stream magic.
 */
/** Whether bytes start like an archive: a compressed stream or a ustar header. */
function looksLikeArchive(b) {
    return detectCompression(b) !== "none" || (b.length >= 262 && b.subarray(257, 262).toString("latin1") === "ustar");
}
function payloadOffset(head) {
    const text = head.toString("latin1");
    for (const m of text.matchAll(/^(#?[A-Z][A-Z0-9_]{3,}#?|__[A-Z0-9_]+__)\r?\n/gm)) {
        const marker = m[1];
        if (!marker.startsWith("#") && !marker.startsWith("__"))
            continue;
        if (text.slice(0, m.index).includes(marker))
            return { offset: m.index + m[0].length, marker };
    }
    let best;
    for (const magic of PAYLOAD_MAGICS) {
        const i = head.indexOf(magic);
        if (i > 0 && (best === undefined || i < best))
            best = i;
    }
    return best === undefined ? undefined : { offset: best };
}
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
async function checkKexecBundle(path, src, c) {
    const head = await src.read(0, SCRIPT_LIMIT);
    if (head.subarray(0, 2).toString("latin1") !== "#!") {
        c.fail("kexec-bundle.shebang", '"#!" (a script header)', (0,bytes/* show */.WU)(head.subarray(0, 8)), 0);
        return;
    }
    const nl = head.indexOf(0x0a);
    c.detail("interpreter", head.subarray(2, nl < 0 ? 80 : nl).toString("latin1").trim());
    const st = await (0,promises_.stat)(path);
    if ((st.mode & 0o111) === 0)
        c.fail("kexec-bundle.executable", "an executable file", `mode ${(st.mode & 0o777).toString(8)}`);
    const p = payloadOffset(head);
    if (!p) {
        c.fail("kexec-bundle.payload", "an archive after the script, behind a marker line the script names (#PAYLOAD#, __ARCHIVE_BELOW__)", "none in the first 64 KiB", 0);
        return;
    }
    c.detail("payloadOffset", p.offset);
    if (p.marker)
        c.detail("marker", p.marker);
    const script = head.subarray(0, p.offset).toString("latin1");
    if (script.includes("\0"))
        c.fail("kexec-bundle.script", "a text script before the payload", "NUL bytes in it", script.indexOf("\0"));
    // The shell must stop before it reaches the payload.
    if (!/^\s*exit\b/m.test(script) && !/^\s*exec\b/m.test(script))
        c.fail("kexec-bundle.script", "an exit (or exec) before the payload", "none: the shell would run into the archive", 0);
    const compression = detectCompression(await src.read(p.offset, 6));
    c.detail("payloadCompression", compression);
    const payload = await (0,verify_open/* openImage */.U)(path, compression, p.offset);
    const pc = c.child("payload");
    try {
        await checkPayload(payload, pc, c, p.offset);
        await payload.size(); // the stream's own checksums, to its end
    }
    catch (e) {
        if (!(e instanceof decompress/* DecompressError */.Y))
            throw e;
        c.fail("kexec-bundle.payload.compression", `a whole ${e.format} stream`, e.reason, p.offset + Math.max(0, e.at));
    }
    finally {
        await payload.close?.();
    }
}
/** The archive: kexec + kernel + initrd, or kexec_nixos (nixos-generators). */
async function checkPayload(src, pc, c, at) {
    const summary = { entries: 0, end: 0, endMarker: false, broken: false };
    const top = new Map();
    let first;
    for await (const e of walkTar(src, pc, summary)) {
        if (!e.name || e.name.includes("/"))
            continue;
        top.set(e.name, e);
        if (e.type === "0" && (e.name === "kexec" || /^(bzImage|Image|vmlinuz.*|kernel)$/.test(e.name) || /^initrd/.test(e.name))) {
            const magic = await entrySource(src, e).read(0, 0x240);
            if (e.name === "kexec")
                first = magic;
            describeMember(e, magic, pc);
        }
    }
    pc.detail("members", summary.entries);
    if (summary.broken)
        return;
    if (!summary.endMarker)
        pc.fail("tar.end", "the end-of-archive zero blocks", "none (truncated?)", summary.end);
    const names = [...top.keys()];
    if (top.has("kexec_nixos")) {
        const k = top.get("kexec_nixos");
        pc.detail("layout", "kexec tarball");
        if (k.type === "2")
            pc.detail("kexec_nixos.target", k.linkName);
        return;
    }
    const kernel = names.find((n) => /^(bzImage|Image|vmlinuz.*|kernel)$/.test(n));
    const initrd = names.find((n) => /^initrd/.test(n));
    const kexec = top.get("kexec");
    if (!kexec || !kernel || !initrd) {
        c.fail("kexec-bundle.payload", "kexec, a kernel (bzImage/Image) and an initrd — or a kexec_nixos entry", names.slice(0, 8).join(", ") || "an empty archive", at);
        return;
    }
    pc.detail("layout", "kexec + kernel + initrd");
    if (kexec.type !== "0" || (kexec.mode & 0o111) === 0)
        pc.fail("kexec", "an executable file", `type ${JSON.stringify(kexec.type)}, mode ${kexec.mode.toString(8)}`, kexec.headerOffset);
    if (first && !first.subarray(0, 4).equals(ELF))
        pc.fail("kexec.elf", "an ELF executable (7f 45 4c 46)", (0,bytes/* show */.WU)(first.subarray(0, 4)), kexec.dataOffset);
}
/** Kernel and initrd formats, by their magic numbers. */
function describeMember(e, magic, pc) {
    if (/^(bzImage|Image|vmlinuz.*|kernel)$/.test(e.name)) {
        const x86 = magic.length >= 0x206 && magic.subarray(0x202, 0x206).toString("latin1") === "HdrS";
        const arm64 = magic.length >= 0x3c && magic.subarray(0x38, 0x3c).toString("latin1") === "ARMd";
        const efiStub = magic.subarray(0, 2).toString("latin1") === "MZ";
        pc.detail("kernel", `${e.name}: ${x86 ? "x86 boot protocol" : arm64 ? "arm64 Image" : efiStub ? "EFI stub" : "unknown format"}`);
        if (!x86 && !arm64 && !efiStub)
            pc.fail("kernel", "a Linux kernel (x86 'HdrS' at 0x202, arm64 'ARMd' at 0x38, or an EFI stub)", (0,bytes/* show */.WU)(magic.subarray(0, 8)), e.dataOffset);
    }
    else if (/^initrd/.test(e.name)) {
        const kind = detectCompression(magic);
        const cpio = magic.subarray(0, 6).toString("latin1") === "070701";
        const lz4 = magic.length >= 4 && magic.readUInt32LE(0) === 0x184c2102;
        pc.detail("initrd", `${e.name}: ${kind !== "none" ? kind : cpio ? "cpio" : lz4 ? "lz4" : "unknown format"}`);
        if (kind === "none" && !cpio && !lz4)
            pc.fail("initrd", "a cpio archive, plain or compressed", (0,bytes/* show */.WU)(magic.subarray(0, 8)), e.dataOffset);
    }
}

;// CONCATENATED MODULE: ./src/verify/containers/qcow2.ts


const QCOW2_MAGIC = Buffer.from([0x51, 0x46, 0x49, 0xfb]);
const L2_OFFSET_MASK = 0x00fffffffffffe00n;
async function checkQcow2(src, c) {
    const h = await (0,source/* readOrFail */.Ml)(src, c, "qcow2.header", 0, 104);
    if (!h)
        return;
    const magic = h.subarray(0, 4);
    if (!magic.equals(QCOW2_MAGIC)) {
        c.fail("qcow2.magic", (0,bytes/* show */.WU)(QCOW2_MAGIC), (0,bytes/* show */.WU)(magic), 0);
        return;
    }
    const version = h.readUInt32BE(4);
    if (version !== 2 && version !== 3) {
        c.fail("qcow2.version", "2 or 3", String(version), 4);
        return;
    }
    c.detail("version", version);
    const backingOffset = (0,bytes/* u64be */.fm)(h, 8);
    const clusterBits = h.readUInt32BE(20);
    const size = (0,bytes/* u64be */.fm)(h, 24);
    const cryptMethod = h.readUInt32BE(32);
    const l1Size = h.readUInt32BE(36);
    const l1Offset = (0,bytes/* u64be */.fm)(h, 40);
    const refcountOffset = (0,bytes/* u64be */.fm)(h, 48);
    const refcountClusters = h.readUInt32BE(56);
    const snapshots = h.readUInt32BE(60);
    if (clusterBits < 9 || clusterBits > 21) {
        c.fail("qcow2.cluster-bits", "9..21", String(clusterBits), 20);
        return;
    }
    const clusterSize = 2 ** clusterBits;
    c.detail("clusterSize", clusterSize);
    c.virtualSize = size;
    if (!Number.isFinite(size))
        c.fail("qcow2.size", "a virtual size below 2^53", "a larger one", 24);
    if (size % 512 !== 0)
        c.fail("qcow2.size", "a multiple of 512 bytes", String(size), 24);
    if (backingOffset !== 0)
        c.fail("qcow2.backing-file", "no backing file (a self-contained image)", `a backing file name at ${backingOffset}`, 8);
    if (cryptMethod !== 0)
        c.fail("qcow2.encryption", "none (0)", String(cryptMethod), 32);
    if (snapshots !== 0)
        c.detail("snapshots", snapshots);
    let l2EntryBytes = 8;
    if (version === 3) {
        const incompatible = h.readBigUInt64BE(72);
        if (incompatible & 0x10n)
            l2EntryBytes = 16; // extended L2 entries (subclusters)
        const headerLength = h.readUInt32BE(100);
        if (incompatible & 1n)
            c.fail("qcow2.dirty", "a cleanly closed image", "the dirty bit set (refcounts need repair)", 72);
        if (incompatible & 2n)
            c.fail("qcow2.corrupt", "an image QEMU has not marked corrupt", "the corrupt bit set", 72);
        if (incompatible & 4n)
            c.fail("qcow2.external-data", "data inside the file", "an external data file", 72);
        const known = 0x1fn;
        if (incompatible & ~known)
            c.fail("qcow2.incompatible-features", "only known feature bits", "0x" + incompatible.toString(16), 72);
        if (headerLength < 104 || headerLength % 8 !== 0)
            c.fail("qcow2.header-length", "104 or more, a multiple of 8", String(headerLength), 100);
        c.detail("refcountBits", 2 ** h.readUInt32BE(96));
    }
    // The L1 table must map the whole virtual disk: each entry covers one L2 table.
    const l2Entries = clusterSize / l2EntryBytes;
    const needL1 = Math.ceil(size / (clusterSize * l2Entries));
    if (l1Size < needL1)
        c.fail("qcow2.l1-size", `at least ${needL1} entries for ${(0,bytes/* bytes */.ee)(size)}`, String(l1Size), 36);
    if (l1Offset % clusterSize !== 0)
        c.fail("qcow2.l1-offset", `a multiple of the cluster size (${clusterSize})`, String(l1Offset), 40);
    if (refcountOffset === 0 || refcountOffset % clusterSize !== 0)
        c.fail("qcow2.refcount-offset", `a non-zero multiple of the cluster size (${clusterSize})`, String(refcountOffset), 48);
    // Read the L1 and L2 tables in file order before asking a stream for its size.
    const l1Bytes = Math.min(l1Size * 8, 8 << 20);
    const l1 = l1Size > 0 && l1Offset % clusterSize === 0 ? await src.read(l1Offset, l1Bytes) : Buffer.alloc(0);
    const l2Tables = [];
    for (let i = 0; i + 8 <= l1.length; i += 8) {
        const l2 = Number(l1.readBigUInt64BE(i) & L2_OFFSET_MASK);
        if (l2 !== 0)
            l2Tables.push({ offset: l2, at: l1Offset + i });
    }
    l2Tables.sort((a, b) => a.offset - b.offset);
    // The furthest data cluster each L2 table points to (bounded: the first 4096 tables).
    let furthest = { end: 0, at: 0 };
    let dataClusters = 0;
    const compressedBits = 62 - (clusterBits - 8);
    const compressedMask = (1n << BigInt(compressedBits)) - 1n;
    for (const t of l2Tables.slice(0, 4096)) {
        if (t.offset % clusterSize !== 0)
            continue;
        const l2 = await src.read(t.offset, clusterSize);
        for (let j = 0; j + 8 <= l2.length; j += l2EntryBytes) {
            const e = l2.readBigUInt64BE(j);
            let end;
            if (e & (1n << 62n)) {
                end = Number(e & compressedMask) + 1;
            }
            else {
                const off = Number(e & L2_OFFSET_MASK);
                if (off === 0)
                    continue;
                end = off + 1;
            }
            dataClusters++;
            if (end > furthest.end)
                furthest = { end, at: t.offset + j };
        }
    }
    const fileSize = await src.size();
    c.detail("fileSize", fileSize);
    c.detail("l2Tables", l2Tables.length);
    c.detail("dataClusters", dataClusters);
    if (l1Offset + l1Size * 8 > fileSize) {
        c.fail("qcow2.l1-table", `an L1 table inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `${l1Size} entries at ${l1Offset}, ending at ${l1Offset + l1Size * 8}`, 40);
        return;
    }
    if (refcountOffset + refcountClusters * clusterSize > fileSize) {
        c.fail("qcow2.refcount-table", `a refcount table inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `${refcountClusters} clusters at ${refcountOffset}`, 48);
    }
    const badL2 = l2Tables.find((t) => t.offset % clusterSize !== 0 || t.offset + clusterSize > fileSize);
    if (badL2) {
        c.fail("qcow2.l1-entry", `an L2 table offset inside the file (${(0,bytes/* bytes */.ee)(fileSize)}), cluster-aligned`, (0,bytes/* hex */.uh)(badL2.offset), badL2.at);
        return;
    }
    if (furthest.end > fileSize) {
        c.fail("qcow2.l2-entry", `data clusters inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `a cluster at ${(0,bytes/* hex */.uh)(furthest.end - 1)}`, furthest.at);
    }
}

// EXTERNAL MODULE: ./src/verify/containers/gpt.ts
var containers_gpt = __nccwpck_require__(675);
;// CONCATENATED MODULE: ./src/verify/containers/rawdisk.ts
// Raw disk images: an MBR disk (raw, linode), a GPT disk with an EFI System
// partition (raw-efi), an SD card image (MBR: FAT firmware + ext4 root).





const FAT_TYPES = new Set([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e, 0xef]);
const LINUX_GPT = new Set([containers_gpt/* GUID_LINUX */.h6, containers_gpt/* GUID_LINUX_ROOT_X86_64 */.Uy, containers_gpt/* GUID_LINUX_ROOT_AARCH64 */.Mb]);
async function sector0(src, c) {
    const s = await src.read(0, mbr/* SECTOR */.z_);
    if (s.length < mbr/* SECTOR */.z_) {
        c.fail("disk.truncated", "at least one 512-byte sector", `${s.length} bytes`, 0);
        return undefined;
    }
    if (!(0,mbr/* hasMbrSignature */.A7)(s)) {
        c.fail("mbr.signature", "0x55aa", "0x" + s.subarray(510, 512).toString("hex"), 510);
        return undefined;
    }
    return s;
}
/** Reports each partition's file system; sets the label from the first labelled ext one. */
async function probePartition(src, c, name, start, size, kind) {
    if (kind === "fat") {
        const fat = await (0,filesystems/* probeFat */.ae)(src, start);
        c.detail(`${name}.filesystem`, fat ? fat.kind : "none");
        if (fat?.label)
            c.detail(`${name}.label`, fat.label);
        return;
    }
    if (kind === "linux") {
        const ext = await (0,filesystems/* probeExt */.AL)(src, start);
        if (ext) {
            c.detail(`${name}.filesystem`, ext.kind);
            if (ext.label)
                c.detail(`${name}.label`, ext.label);
            c.label = ext.label;
            if (ext.size > size)
                c.fail(`${name}.filesystem-size`, `an ${ext.kind} file system within its ${(0,bytes/* bytes */.ee)(size)} partition`, `one of ${(0,bytes/* bytes */.ee)(ext.size)}`, start + 1024 + 4);
        }
        else {
            c.detail(`${name}.filesystem`, "not ext2/3/4");
        }
    }
}
function checkMbrBounds(parts, c, diskSize) {
    for (const p of parts) {
        if (p.type === 0xee)
            continue;
        if (p.size === 0)
            c.fail(`mbr.partition${p.index}.size`, "a partition with sectors", "0 sectors", 446 + (p.index - 1) * 16 + 12);
        if (p.start + p.size > diskSize) {
            c.fail(`mbr.partition${p.index}.bounds`, `partition ending within the image (${(0,bytes/* bytes */.ee)(diskSize)})`, `ends at ${(0,bytes/* bytes */.ee)(p.start + p.size)}`, 446 + (p.index - 1) * 16 + 8);
        }
    }
    const sorted = parts.filter((p) => p.type !== 0xee).sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1];
        const b = sorted[i];
        if (b.start < a.start + a.size)
            c.fail(`mbr.partition${b.index}.overlap`, `no overlap with partition ${a.index}`, `starts at ${b.start}, inside ${a.start}..${a.start + a.size}`);
    }
}
function describeMbr(parts, c) {
    c.detail("partitionTable", "mbr");
    c.detail("partitions", parts.length);
    for (const p of parts) {
        c.detail(`partition${p.index}.type`, (0,mbr/* mbrTypeName */.n0)(p.type));
        c.detail(`partition${p.index}.start`, p.start);
        c.detail(`partition${p.index}.size`, p.size);
        if (p.bootable)
            c.detail(`partition${p.index}.bootable`, true);
    }
}
/** An MBR-partitioned raw disk. */
async function checkRawMbr(src, c) {
    const s0 = await sector0(src, c);
    if (!s0)
        return;
    const parts = (0,mbr/* parseMbr */.hJ)(s0, c);
    describeMbr(parts, c);
    if (parts.length === 0) {
        c.fail("mbr.partitions", "at least one partition", "an empty partition table", 446);
        return;
    }
    if (parts.some((p) => p.type === 0xee))
        c.detail("protectiveMbr", true);
    for (const p of [...parts].sort((a, b) => a.start - b.start)) {
        const kind = p.type === 0x83 ? "linux" : FAT_TYPES.has(p.type) ? "fat" : "other";
        await probePartition(src, c, `partition${p.index}`, p.start, p.size, kind);
    }
    const size = await src.size();
    c.virtualSize = size;
    checkMbrBounds(parts, c, size);
}
/** A GPT disk with an EFI System partition. */
async function checkRawGpt(src, c) {
    const s0 = await sector0(src, c);
    if (!s0)
        return;
    const mbrParts = (0,mbr/* parseMbr */.hJ)(s0, c);
    if (!mbrParts.some((p) => p.type === 0xee)) {
        c.fail("mbr.protective", "a protective MBR entry of type 0xee", mbrParts.map((p) => (0,mbr/* mbrTypeName */.n0)(p.type)).join(", ") || "no entries", 446 + 4);
    }
    // A file source knows its size now; a stream learns it at the end, so bounds wait.
    const known = src.sequential ? undefined : await src.size();
    let gpt = await (0,containers_gpt/* readPrimaryGpt */.G$)(src, c, known);
    let fromBackup = false;
    if (!gpt) {
        // Report the partitions the backup header still describes.
        gpt = await (0,containers_gpt/* readBackupGpt */.AB)(src, c.child("fallback"), known ?? (await src.size()));
        if (!gpt)
            return;
        fromBackup = true;
        c.detail("gptFrom", "backup");
    }
    c.detail("partitionTable", "gpt");
    c.detail("diskGuid", gpt.header.diskGuid);
    c.detail("partitions", gpt.partitions.length);
    for (const p of gpt.partitions) {
        c.detail(`partition${p.index}.type`, (0,containers_gpt/* gptTypeName */.xo)(p.type));
        c.detail(`partition${p.index}.start`, p.start);
        c.detail(`partition${p.index}.size`, p.size);
        if (p.name)
            c.detail(`partition${p.index}.name`, p.name);
    }
    const esp = gpt.partitions.find((p) => p.type === containers_gpt/* GUID_ESP */.Lu);
    if (!esp)
        c.fail("gpt.esp", `a partition of type EFI System (${containers_gpt/* GUID_ESP */.Lu})`, gpt.partitions.map((p) => (0,containers_gpt/* gptTypeName */.xo)(p.type)).join(", ") || "no partitions", gpt.header.entriesLba * mbr/* SECTOR */.z_);
    for (const p of [...gpt.partitions].sort((a, b) => a.start - b.start)) {
        const kind = p.type === containers_gpt/* GUID_ESP */.Lu ? "fat" : LINUX_GPT.has(p.type) ? "linux" : "other";
        await probePartition(src, c, `partition${p.index}`, p.start, p.size, kind);
        if (p === esp && c.details[`partition${p.index}.filesystem`] === "none") {
            c.fail("gpt.esp.filesystem", "a FAT boot sector (0x55aa and a FAT type) at the EFI System partition's start", "none", p.start);
        }
    }
    const size = await src.size();
    c.virtualSize = size;
    if (known === undefined) {
        // The bounds checks a stream could not do before its end.
        for (const p of gpt.partitions) {
            if (p.start + p.size > size)
                c.fail(`gpt.partition${p.index}.bounds`, `partition ending within the image (${(0,bytes/* bytes */.ee)(size)})`, `ends at ${(0,bytes/* bytes */.ee)(p.start + p.size)}`);
        }
        if (!fromBackup && gpt.header.alternateLba !== size / mbr/* SECTOR */.z_ - 1)
            c.fail("gpt.primary.alternate-lba", `${size / mbr/* SECTOR */.z_ - 1} (the image's last sector)`, String(gpt.header.alternateLba), mbr/* SECTOR */.z_ + 32);
    }
    if (!fromBackup)
        await (0,containers_gpt/* checkBackupGpt */.kw)(src, c, gpt.header, size);
}
/** An SD card image: MBR with a FAT firmware partition and an ext4 root. */
async function checkSdImage(src, c) {
    const s0 = await sector0(src, c);
    if (!s0)
        return;
    const parts = (0,mbr/* parseMbr */.hJ)(s0, c);
    describeMbr(parts, c);
    const firmware = parts.find((p) => p.type === 0x0b || p.type === 0x0c);
    const root = parts.find((p) => p.type === 0x83);
    if (!firmware)
        c.fail("sd.firmware-partition", "a FAT partition (type 0x0b or 0x0c)", parts.map((p) => (0,mbr/* mbrTypeName */.n0)(p.type)).join(", ") || "no partitions", 446);
    if (!root)
        c.fail("sd.root-partition", "a Linux partition (type 0x83)", parts.map((p) => (0,mbr/* mbrTypeName */.n0)(p.type)).join(", ") || "no partitions", 446);
    const ordered = [firmware, root].filter((p) => p !== undefined).sort((a, b) => a.start - b.start);
    for (const p of ordered) {
        if (p === firmware) {
            const fat = await (0,filesystems/* probeFat */.ae)(src, p.start);
            if (!fat)
                c.fail("sd.firmware-filesystem", "a FAT boot sector (0x55aa and a FAT type) at the partition start", "none", p.start);
            else {
                c.detail("firmware.filesystem", fat.kind);
                if (fat.label)
                    c.detail("firmware.label", fat.label);
            }
        }
        else {
            const ext = await (0,filesystems/* probeExt */.AL)(src, p.start);
            if (!ext) {
                const m = await src.read(p.start + filesystems/* EXT_MAGIC_OFFSET */.GX, 2);
                c.fail("sd.root-filesystem", `ext4 superblock magic ${(0,bytes/* hex */.uh)(filesystems/* EXT_MAGIC */.kz, 4)}`, m.length === 2 ? (0,bytes/* hex */.uh)(m.readUInt16LE(0), 4) : "the end of the image", p.start + filesystems/* EXT_MAGIC_OFFSET */.GX);
            }
            else {
                c.detail("root.filesystem", ext.kind);
                if (ext.label)
                    c.detail("root.label", ext.label);
                c.label = ext.label;
                if (ext.size > p.size)
                    c.fail("sd.root-filesystem-size", `an ${ext.kind} file system within its ${(0,bytes/* bytes */.ee)(p.size)} partition`, `one of ${(0,bytes/* bytes */.ee)(ext.size)}`, p.start + 1028);
            }
        }
    }
    const size = await src.size();
    c.virtualSize = size;
    checkMbrBounds(parts, c, size);
}
/** Which raw layout a disk's first two sectors show: GPT, SD card, plain MBR, or none. */
async function rawKind(src) {
    const head = await src.read(0, 2 * mbr/* SECTOR */.z_);
    if (head.length >= 2 * mbr/* SECTOR */.z_ && head.subarray(mbr/* SECTOR */.z_, mbr/* SECTOR */.z_ + 8).toString("latin1") === "EFI PART")
        return "raw-gpt";
    if (!(0,mbr/* hasMbrSignature */.A7)(head))
        return undefined;
    const c = new checks/* Checks */.s();
    const parts = (0,mbr/* parseMbr */.hJ)(head, c);
    if (parts.some((p) => p.type === 0xee))
        return "raw-gpt";
    const fat = parts.find((p) => p.type === 0x0b || p.type === 0x0c);
    const linux = parts.find((p) => p.type === 0x83);
    if (fat && linux && parts.length === 2)
        return "sd-image";
    if (parts.length > 0)
        return "raw-mbr";
    return undefined;
}

// EXTERNAL MODULE: ./src/verify/containers/ovf.ts
var containers_ovf = __nccwpck_require__(43);
;// CONCATENATED MODULE: ./src/verify/containers/ovf-package.ts
// An OVF package: an OVA (the .ovf first, then its disks, maybe a manifest)
// or a Vagrant box (Vagrantfile, metadata.json, box.ovf, disk), checked from
// the listing one walk over the archive made (tarballs.ts).





async function checkOvfPackage(src, l, c, kind) {
    let ovfName;
    if (kind === "ova") {
        const first = l.order[0];
        if (!first || !/\.ovf$/i.test(first)) {
            c.fail("ova.first-member", "the .ovf descriptor first", first ?? "no members", 0);
        }
        ovfName = l.order.find((n) => /\.ovf$/i.test(n));
    }
    else {
        for (const need of ["Vagrantfile", "metadata.json", "box.ovf"]) {
            if (!l.members.has(need))
                c.fail(`vagrant.${need}`, `a ${need} member`, "none");
        }
        const meta = l.texts.get("metadata.json");
        if (meta !== undefined) {
            try {
                const parsed = JSON.parse(meta);
                const provider = typeof parsed === "object" && parsed !== null && "provider" in parsed ? parsed.provider : undefined;
                if (typeof provider !== "string")
                    c.fail("vagrant.metadata.provider", 'a "provider" string in metadata.json', meta.slice(0, 60));
                else
                    c.detail("provider", provider);
            }
            catch (e) {
                c.fail("vagrant.metadata.json", "valid JSON", e instanceof Error ? e.message : String(e), l.members.get("metadata.json").dataOffset);
            }
        }
        ovfName = l.members.has("box.ovf") ? "box.ovf" : l.order.find((n) => /\.ovf$/i.test(n));
    }
    if (!ovfName) {
        c.fail(`${kind}.ovf`, "an .ovf descriptor", "none");
        return;
    }
    c.detail("ovf", ovfName);
    const ovf = (0,containers_ovf/* parseOvf */.P)(l.texts.get(ovfName) ?? "", c, l.members.get(ovfName).dataOffset);
    if (!ovf)
        return;
    if (ovf.name)
        c.detail("virtualSystem", ovf.name);
    if (ovf.disks.length === 0)
        c.fail("ovf.disks", "at least one <Disk> in the DiskSection", "none", l.members.get(ovfName).dataOffset);
    for (const f of ovf.files) {
        const m = l.members.get(f.href);
        if (!m) {
            c.fail(`ovf.file.${f.href}`, "a member for each file the OVF references", "missing");
            continue;
        }
        if (f.size !== undefined && f.size !== m.size)
            c.fail(`ovf.file.${f.href}.size`, `${f.size} bytes (the OVF's ovf:size)`, `${m.size} bytes`, m.headerOffset);
    }
    for (const d of ovf.disks) {
        const file = ovf.files.find((f) => f.id === d.fileRef);
        if (!file)
            continue;
        const capacity = l.diskSizes.get(file.href);
        if (d.capacity !== undefined)
            c.detail(`disk.${d.diskId}.capacity`, d.capacity);
        if (d.capacity !== undefined && capacity !== undefined && d.capacity !== capacity) {
            c.fail(`ovf.disk.${d.diskId}.capacity`, `${(0,bytes/* bytes */.ee)(capacity)} (the VMDK's capacity)`, (0,bytes/* bytes */.ee)(d.capacity));
        }
    }
    // A manifest, when there is one, has digests of the other members.
    const mfName = l.order.find((n) => /\.mf$/i.test(n));
    if (mfName) {
        for (const m of (l.texts.get(mfName) ?? "").matchAll(/^(SHA1|SHA256|SHA512)\s*\(([^)]+)\)\s*=\s*([0-9a-fA-F]+)\s*$/gm)) {
            const [, algo, file, digest] = m;
            // A manifest cannot hold its own digest: nixpkgs' Vagrant box lists box.mf
            // too (its loop runs over `*`, box.mf included), a line Vagrant and VirtualBox ignore.
            if (file === mfName) {
                c.detail("manifest.self", "listed, ignored");
                continue;
            }
            const e = l.members.get(file);
            if (!e) {
                c.fail(`${kind}.manifest.${file}`, "a member for each file the manifest lists", "missing");
                continue;
            }
            const h = (0,external_node_crypto_.createHash)(algo.toLowerCase());
            for await (const chunk of (0,source/* readChunks */.zO)(entrySource(src, e), 0, e.size))
                h.update(chunk);
            const actual = h.digest("hex");
            if (actual !== digest.toLowerCase())
                c.fail(`${kind}.manifest.${file}`, `${algo} ${digest.toLowerCase()}`, actual, e.dataOffset);
        }
        c.detail("manifest", mfName);
    }
}

;// CONCATENATED MODULE: ./src/verify/containers/system-tarballs.ts
/** The store path an absolute /nix/store/… symlink target names. */
function storePathOf(target) {
    return /^\/nix\/store\/([^/]+)/.exec(target)?.[1];
}
function checkStore(l, c, what) {
    c.detail("storePaths", l.storePaths.size);
    if (l.storePaths.size === 0)
        c.fail(`${what}.nix-store`, "nix/store/… with the system closure", "no store paths");
}
/** The NixOS label out of a toplevel's name: nixos-system-<host>-<label>. */
function labelOfToplevel(storePath) {
    return /^[0-9a-z]{32}-nixos-system-.+?-(\d\d\.\d\d[^/]*)$/.exec(storePath)?.[1];
}
function checkSymlinkIntoStore(l, c, check, e) {
    if (e.type !== "2")
        return;
    c.detail(`${e.name}.target`, e.linkName);
    const sp = storePathOf(e.linkName);
    if (!sp) {
        c.fail(check, "a symlink into /nix/store", `a symlink to ${JSON.stringify(e.linkName)}`, e.headerOffset);
        return;
    }
    if (l.storePaths.size > 0 && !l.storePaths.has(sp))
        c.fail(check, `its target's store path ${sp} in the archive`, "no such store path", e.headerOffset);
    const label = labelOfToplevel(sp);
    if (label) {
        c.label = label;
        c.detail("toplevel", sp.slice(33));
    }
}
function checkRootfs(l, c) {
    const init = l.members.get("sbin/init") ?? l.members.get("init");
    if (!init)
        c.fail("rootfs.init", "an init (sbin/init or init) to boot the container", "neither");
    else if (init.type === "2")
        checkSymlinkIntoStore(l, c, "rootfs.init", init);
    else if (init.type !== "0")
        c.fail("rootfs.init", "a file or a symlink", `member type ${JSON.stringify(init.type)}`, init.headerOffset);
    else if ((init.mode & 0o111) === 0)
        c.fail("rootfs.init", "an executable", `mode ${init.mode.toString(8)}`, init.headerOffset);
    checkStore(l, c, "rootfs");
}
function checkKexec(l, c) {
    const k = l.members.get("kexec_nixos");
    if (!k)
        c.fail("kexec.kexec_nixos", "a kexec_nixos entry at the archive's top", "none");
    else if (k.type === "2")
        checkSymlinkIntoStore(l, c, "kexec.kexec_nixos", k);
    else if (k.type !== "0" || (k.mode & 0o111) === 0)
        c.fail("kexec.kexec_nixos", "a symlink or an executable file", `type ${JSON.stringify(k.type)}, mode ${k.mode.toString(8)}`, k.headerOffset);
    checkStore(l, c, "kexec");
}
function isRecord(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
/** metadata.yaml as JSON (a subset of YAML); undefined when it is not JSON, an error text when it is JSON but not a mapping. */
function readJsonMetadata(text) {
    if (!text.trimStart().startsWith("{"))
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (e) {
        return `a flow mapping that does not parse (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!isRecord(parsed))
        return "not a mapping";
    const templates = isRecord(parsed.templates) ? Object.values(parsed.templates).flatMap((t) => (isRecord(t) && typeof t.template === "string" ? [t.template] : [])) : [];
    return { architecture: parsed.architecture, creationDate: parsed.creation_date, templates };
}
/** Block-style YAML: the top-level scalars and the `template:` lines of the templates mapping. */
function readBlockMetadata(text) {
    const scalar = (key) => {
        const m = new RegExp(`^${key}:[ \\t]*(.*)$`, "m").exec(text);
        const v = m?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2");
        if (v === undefined || v === "")
            return undefined;
        return /^-?\d+$/.test(v) ? Number(v) : v;
    };
    const templates = [...text.matchAll(/^\s+template:\s*["']?([^"'\s]+)/gm)].map((m) => m[1]);
    return { architecture: scalar("architecture"), creationDate: scalar("creation_date"), templates };
}
/**
 * LXD/Incus image metadata: architecture (a name) and creation_date (a Unix
 * time) at the top, and every template its `templates:` entries name in
 * templates/. An image without templates has no templates/ directory (as
 * nixpkgs' lxc-image-metadata writes it by default).
 */
function checkLxcMetadata(l, c) {
    const text = l.texts.get("metadata.yaml");
    const entry = l.members.get("metadata.yaml");
    if (text === undefined || !entry) {
        c.fail("lxc.metadata.yaml", "a metadata.yaml file", "none");
        return;
    }
    const json = readJsonMetadata(text);
    if (typeof json === "string") {
        c.fail("lxc.metadata.yaml", "a YAML mapping", json, entry.dataOffset);
        return;
    }
    c.detail("metadataSyntax", json ? "json" : "yaml");
    const meta = json ?? readBlockMetadata(text);
    if (typeof meta.architecture !== "string" || meta.architecture.trim() === "") {
        c.fail("lxc.metadata.architecture", 'a top-level "architecture" naming the architecture (x86_64, aarch64, …)', meta.architecture === undefined ? "none" : JSON.stringify(meta.architecture), entry.dataOffset);
    }
    else
        c.detail("architecture", meta.architecture);
    if (typeof meta.creationDate !== "number" || !Number.isInteger(meta.creationDate) || meta.creationDate < 0) {
        c.fail("lxc.metadata.creation_date", 'a top-level "creation_date" holding a Unix time (an integer)', meta.creationDate === undefined ? "none" : JSON.stringify(meta.creationDate), entry.dataOffset);
    }
    else
        c.detail("creationDate", meta.creationDate);
    c.detail("templates", l.templates.length);
    for (const t of meta.templates) {
        if (!l.templates.includes(t))
            c.fail("lxc.templates", `templates/${t} (named in metadata.yaml)`, "missing");
    }
}
function checkGce(l, c) {
    const disk = l.members.get("disk.raw");
    if (!disk) {
        c.fail("gce.disk.raw", "a disk.raw member", l.order.slice(0, 5).join(", ") || "no members");
        return;
    }
    if (disk.type !== "0")
        c.fail("gce.disk.raw", "a regular file", `member type ${JSON.stringify(disk.type)}`, disk.headerOffset);
    c.detail("disk.raw.sparse", disk.sparse !== undefined);
    c.detail("disk.raw.size", disk.size);
    c.virtualSize = disk.size;
    const others = l.order.filter((n) => n !== "disk.raw");
    if (others.length > 0)
        c.fail("gce.members", "disk.raw alone", `also ${others.slice(0, 5).join(", ")}`);
}

;// CONCATENATED MODULE: ./src/verify/containers/vmdk.ts


const VMDK_MAGIC = Buffer.from("KDMV", "latin1");
const GD_AT_END = Number.POSITIVE_INFINITY; // 0xffffffffffffffff read through u64le
const FLAG_NEWLINE_TEST = 1;
const FLAG_COMPRESSED = 1 << 16;
const FLAG_MARKERS = 1 << 17;
function parseHeader(h) {
    return {
        version: h.readUInt32LE(4),
        flags: h.readUInt32LE(8),
        capacity: (0,bytes/* u64le */.dw)(h, 12),
        grainSize: (0,bytes/* u64le */.dw)(h, 20),
        descriptorOffset: (0,bytes/* u64le */.dw)(h, 28),
        descriptorSize: (0,bytes/* u64le */.dw)(h, 36),
        gtesPerGt: h.readUInt32LE(44),
        gdOffset: (0,bytes/* u64le */.dw)(h, 56),
        compressAlgorithm: h.readUInt16LE(77),
    };
}
function parseDescriptor(text) {
    const createType = /^\s*createType\s*=\s*"([^"]*)"/m.exec(text)?.[1];
    let extentSectors = 0;
    let extents = 0;
    for (const m of text.matchAll(/^\s*(?:RW|RDONLY|NOACCESS)\s+(\d+)\s+(\w+)/gm)) {
        extentSectors += Number(m[1]);
        extents++;
    }
    const d = { extentSectors, extents, text };
    if (createType !== undefined)
        d.createType = createType;
    return d;
}
/** Checks a VMDK; returns its capacity in bytes when the header could be read. */
async function checkVmdk(src, c) {
    const h = await (0,source/* readOrFail */.Ml)(src, c, "vmdk.header", 0, 512);
    if (!h)
        return undefined;
    const magic = h.subarray(0, 4);
    if (!magic.equals(VMDK_MAGIC)) {
        if (h.subarray(0, 21).toString("latin1") === "# Disk DescriptorFile") {
            c.fail("vmdk.monolithic", "a single-file sparse VMDK (KDMV header)", "a bare descriptor whose data lives in other files", 0);
        }
        else {
            c.fail("vmdk.magic", (0,bytes/* show */.WU)(VMDK_MAGIC), (0,bytes/* show */.WU)(magic), 0);
        }
        return undefined;
    }
    let hdr = parseHeader(h);
    if (hdr.version < 1 || hdr.version > 3) {
        c.fail("vmdk.version", "1, 2 or 3", String(hdr.version), 4);
        return undefined;
    }
    c.detail("version", hdr.version);
    if (hdr.flags & FLAG_NEWLINE_TEST) {
        const nl = h.subarray(73, 77);
        if (!nl.equals(Buffer.from([0x0a, 0x20, 0x0d, 0x0a])))
            c.fail("vmdk.newline-detection", "0a200d0a", nl.toString("hex") + " (the file went through a text-mode transfer)", 73);
    }
    if (!(0,bytes/* isPowerOfTwo */.r6)(hdr.grainSize) || hdr.grainSize < 8) {
        c.fail("vmdk.grain-size", "a power of two of at least 8 sectors", String(hdr.grainSize), 20);
        return undefined;
    }
    c.detail("grainSize", hdr.grainSize * 512);
    const streamOptimized = (hdr.flags & FLAG_MARKERS) !== 0;
    // The descriptor, embedded after the header.
    let descriptor;
    if (hdr.descriptorOffset > 0 && hdr.descriptorSize > 0) {
        const at = hdr.descriptorOffset * 512;
        const raw = await (0,source/* readOrFail */.Ml)(src, c, "vmdk.descriptor", at, Math.min(hdr.descriptorSize * 512, 1 << 20));
        if (raw) {
            const nul = raw.indexOf(0);
            const text = raw.subarray(0, nul < 0 ? raw.length : nul).toString("utf8");
            if (!text.includes("# Disk DescriptorFile"))
                c.fail("vmdk.descriptor", '"# Disk DescriptorFile"', (0,bytes/* show */.WU)(raw.subarray(0, 21)), at);
            else
                descriptor = parseDescriptor(text);
        }
    }
    else {
        c.fail("vmdk.descriptor", "an embedded descriptor", "none (descriptor offset or size is 0)", 28);
    }
    if (descriptor?.createType)
        c.detail("createType", descriptor.createType);
    if (streamOptimized) {
        if (!(hdr.flags & FLAG_COMPRESSED) || hdr.compressAlgorithm !== 1) {
            c.fail("vmdk.compression", "compressed grains (flag bit 16) with deflate (algorithm 1)", `flags ${(0,bytes/* hex */.uh)(hdr.flags)}, algorithm ${hdr.compressAlgorithm}`, 8);
        }
        if (descriptor?.createType && descriptor.createType !== "streamOptimized")
            c.fail("vmdk.create-type", '"streamOptimized" (the header has markers)', JSON.stringify(descriptor.createType));
    }
    else if (descriptor?.createType && descriptor.createType !== "monolithicSparse") {
        c.fail("vmdk.create-type", '"monolithicSparse" (a sparse extent without markers)', JSON.stringify(descriptor.createType));
    }
    const size = await src.size();
    c.detail("fileSize", size);
    if (streamOptimized && hdr.gdOffset === GD_AT_END) {
        // Footer marker, footer (a header copy with the real grain directory), end-of-stream marker.
        if (size < 1536 + 512) {
            c.fail("vmdk.footer", "a footer and end-of-stream marker at the end", `a file of ${(0,bytes/* bytes */.ee)(size)}`, 0);
            return hdr.capacity * 512;
        }
        const end = await src.read(size - 1536, 1536);
        const marker = end.subarray(0, 512);
        const footer = end.subarray(512, 1024);
        const eos = end.subarray(1024, 1536);
        if (!eos.every((x) => x === 0))
            c.fail("vmdk.end-of-stream", "a zero end-of-stream marker in the last sector (the file may be truncated)", (0,bytes/* show */.WU)(eos.subarray(0, 16)), size - 512);
        if (marker.readUInt32LE(12) !== 3)
            c.fail("vmdk.footer-marker", "a footer marker (type 3)", `type ${marker.readUInt32LE(12)}`, size - 1536 + 12);
        if (!footer.subarray(0, 4).equals(VMDK_MAGIC)) {
            c.fail("vmdk.footer.magic", (0,bytes/* show */.WU)(VMDK_MAGIC), (0,bytes/* show */.WU)(footer.subarray(0, 4)), size - 1024);
            return hdr.capacity * 512;
        }
        const f = parseHeader(footer);
        if (f.capacity !== hdr.capacity)
            c.fail("vmdk.footer.capacity", String(hdr.capacity), String(f.capacity), size - 1024 + 12);
        hdr = { ...hdr, gdOffset: f.gdOffset };
    }
    const capacity = hdr.capacity * 512;
    c.virtualSize = capacity;
    c.detail("capacity", capacity);
    if (descriptor && descriptor.extents > 0 && descriptor.extentSectors !== hdr.capacity) {
        c.fail("vmdk.descriptor.extent-size", `${hdr.capacity} sectors (the header's capacity)`, `${descriptor.extentSectors} sectors`, hdr.descriptorOffset * 512);
    }
    // The grain directory and its tables must lie inside the file.
    const grainsPerGt = hdr.gtesPerGt;
    if (grainsPerGt === 0) {
        c.fail("vmdk.gtes-per-gt", "a non-zero count", "0", 44);
        return capacity;
    }
    const gdEntries = Math.ceil(hdr.capacity / (hdr.grainSize * grainsPerGt));
    const gdAt = hdr.gdOffset * 512;
    if (!Number.isFinite(gdAt) || gdAt + gdEntries * 4 > size) {
        c.fail("vmdk.grain-directory", `${gdEntries} entries inside the file (${(0,bytes/* bytes */.ee)(size)})`, Number.isFinite(gdAt) ? `at ${gdAt}` : "no location", 56);
        return capacity;
    }
    if (src.sequential)
        return capacity; // reading tables back from a stream would start it again
    const gd = await src.read(gdAt, Math.min(gdEntries * 4, 4 << 20));
    let grains = 0;
    for (let i = 0; i + 4 <= gd.length; i += 4) {
        const gtSector = gd.readUInt32LE(i);
        if (gtSector === 0)
            continue;
        const gtAt = gtSector * 512;
        const gt = await src.read(gtAt, grainsPerGt * 4);
        if (gt.length < grainsPerGt * 4) {
            c.fail("vmdk.grain-table", `a grain table inside the file (${(0,bytes/* bytes */.ee)(size)})`, `one at ${gtAt}`, gdAt + i);
            return capacity;
        }
        for (let j = 0; j < gt.length; j += 4) {
            const g = gt.readUInt32LE(j);
            if (g <= 1)
                continue; // unallocated or zero grain
            grains++;
            if (g * 512 >= size) {
                c.fail("vmdk.grain", `grains inside the file (${(0,bytes/* bytes */.ee)(size)})`, `a grain at ${g * 512}`, gtAt + j);
                return capacity;
            }
        }
    }
    c.detail("grains", grains);
    return capacity;
}

;// CONCATENATED MODULE: ./src/verify/containers/tarballs.ts






const TAR_CONTAINERS = ["rootfs-tar", "kexec-tar", "lxc-metadata", "gce-tar", "ova", "vagrant-box"];
function isTarContainer(c) {
    return TAR_CONTAINERS.includes(c);
}
const TEXT_LIMIT = 4 << 20;
async function readText(src, e) {
    const b = await entrySource(src, e).read(0, Math.min(e.size, TEXT_LIMIT));
    return b.toString("utf8");
}
function isTopLevel(name) {
    return name !== "" && !name.includes("/");
}
async function list(src, c, checkDisks) {
    const summary = { entries: 0, end: 0, endMarker: false, broken: false };
    const l = { summary, members: new Map(), order: [], texts: new Map(), storePaths: new Set(), templates: [], diskSizes: new Map() };
    for await (const e of walkTar(src, c, summary)) {
        const name = e.name;
        const store = /^nix\/store\/([^/]+)$/.exec(name);
        if (store)
            l.storePaths.add(store[1]);
        if (name.startsWith("templates/") && e.type === "0")
            l.templates.push(name.slice("templates/".length));
        if (!isTopLevel(name) && name !== "sbin/init" && name !== "nix/store")
            continue;
        l.members.set(name, e);
        if (e.type !== "5")
            l.order.push(name);
        if (e.type !== "0")
            continue;
        if (/\.(ovf|mf|json|yaml)$/i.test(name) || name === "Vagrantfile") {
            l.texts.set(name, await readText(src, e));
        }
        else if (checkDisks && /\.vmdk$/i.test(name)) {
            l.diskSizes.set(name, await checkVmdk(entrySource(src, e), c.child(name)));
        }
        else if (checkDisks && name === "disk.raw") {
            const disk = entrySource(src, e);
            const kind = await rawKind(disk);
            const dc = c.child("disk.raw");
            dc.detail("partitionTable", kind === "raw-gpt" ? "gpt" : kind ? "mbr" : "none");
            if (kind === "raw-gpt")
                await checkRawGpt(disk, dc);
            else
                await checkRawMbr(disk, dc);
            l.diskSizes.set(name, e.size);
        }
    }
    return l;
}
/** What the members say the archive is. */
function classify(l) {
    const first = l.order[0];
    const has = (n) => l.members.has(n);
    // A box may start with its box.ovf: its Vagrant members tell it from an OVA.
    if (has("Vagrantfile") || (has("metadata.json") && has("box.ovf")))
        return "vagrant-box";
    if (first && /\.ovf$/i.test(first))
        return "ova";
    if (has("disk.raw"))
        return "gce-tar";
    if (has("kexec_nixos"))
        return "kexec-tar";
    if (has("metadata.yaml") && l.storePaths.size === 0)
        return "lxc-metadata";
    if (l.storePaths.size > 0 && (has("init") || has("sbin/init")))
        return "rootfs-tar";
    return "unknown";
}
/**
 * Walks and checks a tar archive as `expected` (or as what it looks like when
 * `expected` is not a tar container); returns what it looks like, and the
 * listing the walk made (for a target's rules).
 */
async function checkTarball(src, c, expected) {
    const l = await list(src, c, true);
    c.detail("members", l.summary.entries);
    if (l.summary.broken)
        return { detected: classify(l), listing: l };
    if (!l.summary.endMarker)
        c.fail("tar.end", "the end-of-archive zero blocks", `the archive stops after ${(0,bytes/* bytes */.ee)(l.summary.end)} (truncated?)`, l.summary.end);
    const detected = classify(l);
    const as = expected ?? (detected === "unknown" ? undefined : detected);
    switch (as) {
        case "rootfs-tar":
            checkRootfs(l, c);
            break;
        case "kexec-tar":
            checkKexec(l, c);
            break;
        case "lxc-metadata":
            checkLxcMetadata(l, c);
            break;
        case "gce-tar":
            checkGce(l, c);
            break;
        case "ova":
            await checkOvfPackage(src, l, c, "ova");
            break;
        case "vagrant-box":
            await checkOvfPackage(src, l, c, "vagrant");
            break;
        case undefined:
            break;
    }
    return { detected, listing: l };
}

;// CONCATENATED MODULE: ./src/verify/containers/vhd.ts

const VHD_COOKIE = Buffer.from("conectix", "latin1");
const SPARSE_COOKIE = Buffer.from("cxsparse", "latin1");
const NO_OFFSET = 0xffffffffffffffffn;
/** One's complement of the byte sum, skipping the 4-byte checksum field at `skip`. */
function vhdChecksum(b, skip) {
    let sum = 0;
    for (let i = 0; i < b.length; i++)
        if (i < skip || i >= skip + 4)
            sum += b[i];
    return ~sum >>> 0;
}
function parseFooter(f, at, c, which) {
    const cookie = f.subarray(0, 8);
    if (!cookie.equals(VHD_COOKIE)) {
        c.fail(`vhd.${which}.cookie`, (0,bytes/* show */.WU)(VHD_COOKIE), (0,bytes/* show */.WU)(cookie), at);
        return undefined;
    }
    const stored = f.readUInt32BE(64);
    const actual = vhdChecksum(f, 64);
    if (stored !== actual) {
        c.fail(`vhd.${which}.checksum`, (0,bytes/* hex */.uh)(actual, 8), (0,bytes/* hex */.uh)(stored, 8), at + 64);
        return undefined;
    }
    const version = f.readUInt32BE(12);
    if (version !== 0x00010000)
        c.fail(`vhd.${which}.version`, "0x00010000", (0,bytes/* hex */.uh)(version, 8), at + 12);
    const heads = f[58];
    const spt = f[59];
    return {
        diskType: f.readUInt32BE(60),
        currentSize: (0,bytes/* u64be */.fm)(f, 48),
        dataOffset: f.readBigUInt64BE(16),
        cylinderBytes: heads * spt * 512,
    };
}
async function checkVhd(src, c) {
    const first = await src.read(0, 512);
    const size = await src.size();
    c.detail("fileSize", size);
    if (size < 512 || size % 512 !== 0)
        c.fail("vhd.file-size", "a whole number of 512-byte sectors", (0,bytes/* bytes */.ee)(size));
    const tail = await src.read(Math.max(0, size - 512), 512);
    const footerAtEnd = tail.length === 512 && tail.subarray(0, 8).equals(VHD_COOKIE);
    const copyAtStart = first.length === 512 && first.subarray(0, 8).equals(VHD_COOKIE);
    // The footer at the end is the authority; a dynamic disk cut short still has its copy at 0.
    let footer;
    if (footerAtEnd)
        footer = parseFooter(tail, size - 512, c, "footer");
    else if (copyAtStart) {
        c.fail("vhd.footer.cookie", `${(0,bytes/* show */.WU)(VHD_COOKIE)} in the last sector (the footer; the file may be truncated)`, (0,bytes/* show */.WU)(tail.subarray(0, 8)), Math.max(0, size - 512));
        footer = parseFooter(first, 0, c, "footer-copy");
    }
    else {
        c.fail("vhd.footer.cookie", (0,bytes/* show */.WU)(VHD_COOKIE), (0,bytes/* show */.WU)(tail.subarray(0, 8)), Math.max(0, size - 512));
        return undefined;
    }
    if (!footer)
        return undefined;
    c.virtualSize = footer.currentSize;
    c.detail("currentSize", footer.currentSize);
    c.detail("azureAligned", footer.currentSize % bytes/* MiB */.lv === 0);
    if (footer.diskType === 2) {
        c.detail("diskType", "fixed");
        if (footer.dataOffset !== NO_OFFSET)
            c.fail("vhd.footer.data-offset", "0xffffffffffffffff for a fixed disk", "0x" + footer.dataOffset.toString(16), size - 512 + 16);
        if (size !== footer.currentSize + 512) {
            c.fail("vhd.fixed.size", `${(0,bytes/* bytes */.ee)(footer.currentSize + 512)} (the disk plus the footer)`, (0,bytes/* bytes */.ee)(size), size - 512 + 48);
        }
        return footer;
    }
    if (footer.diskType === 4) {
        c.fail("vhd.footer.disk-type", "2 (fixed) or 3 (dynamic), a disk standing alone", "4 (differencing)", size - 512 + 60);
        return footer;
    }
    if (footer.diskType !== 3) {
        c.fail("vhd.footer.disk-type", "2 (fixed) or 3 (dynamic)", String(footer.diskType), size - 512 + 60);
        return footer;
    }
    c.detail("diskType", "dynamic");
    if (!copyAtStart)
        c.fail("vhd.footer-copy", `a copy of the footer (${(0,bytes/* show */.WU)(VHD_COOKIE)}) at offset 0`, (0,bytes/* show */.WU)(first.subarray(0, 8)), 0);
    else if (footerAtEnd && !first.equals(tail))
        c.fail("vhd.footer-copy", "the same bytes as the footer", "a copy that differs", 0);
    const dynOffset = Number(footer.dataOffset);
    const dyn = await src.read(dynOffset, 1024);
    if (dyn.length < 1024) {
        c.fail("vhd.dynamic-header.truncated", `1024 bytes at ${dynOffset}`, `the file ends at ${(0,bytes/* bytes */.ee)(size)}`, dynOffset);
        return footer;
    }
    const cookie = dyn.subarray(0, 8);
    if (!cookie.equals(SPARSE_COOKIE)) {
        c.fail("vhd.dynamic-header.cookie", (0,bytes/* show */.WU)(SPARSE_COOKIE), (0,bytes/* show */.WU)(cookie), dynOffset);
        return footer;
    }
    const stored = dyn.readUInt32BE(36);
    const actual = vhdChecksum(dyn, 36);
    if (stored !== actual) {
        c.fail("vhd.dynamic-header.checksum", (0,bytes/* hex */.uh)(actual, 8), (0,bytes/* hex */.uh)(stored, 8), dynOffset + 36);
        return footer;
    }
    const batOffset = (0,bytes/* u64be */.fm)(dyn, 16);
    const entries = dyn.readUInt32BE(28);
    const blockSize = dyn.readUInt32BE(32);
    c.detail("blockSize", blockSize);
    if (blockSize === 0 || (blockSize & (blockSize - 1)) !== 0 || blockSize % 512 !== 0) {
        c.fail("vhd.dynamic-header.block-size", "a power of two, a multiple of 512", String(blockSize), dynOffset + 32);
        return footer;
    }
    if (entries * blockSize < footer.currentSize) {
        c.fail("vhd.dynamic-header.table-entries", `enough blocks for ${(0,bytes/* bytes */.ee)(footer.currentSize)}`, `${entries} blocks of ${blockSize}`, dynOffset + 28);
    }
    if (batOffset + entries * 4 > size) {
        c.fail("vhd.bat", `a block allocation table inside the file (${(0,bytes/* bytes */.ee)(size)})`, `${entries} entries at ${batOffset}`, dynOffset + 16);
        return footer;
    }
    const bat = await src.read(batOffset, Math.min(entries * 4, 16 << 20));
    const bitmapBytes = Math.ceil(blockSize / 512 / 8 / 512) * 512;
    let used = 0;
    for (let i = 0; i + 4 <= bat.length; i += 4) {
        const sector = bat.readUInt32BE(i);
        if (sector === 0xffffffff)
            continue;
        used++;
        const end = sector * 512 + bitmapBytes + blockSize;
        if (end > size - 512) {
            c.fail("vhd.bat.entry", `a block ending before the footer (${(0,bytes/* bytes */.ee)(size - 512)})`, `block ${i / 4} at sector ${sector}, ending at ${end}`, batOffset + i);
            break;
        }
    }
    c.detail("allocatedBlocks", used);
    return footer;
}

// EXTERNAL MODULE: ./src/verify/containers/vhd-disk.ts
var vhd_disk = __nccwpck_require__(444);
;// CONCATENATED MODULE: ./src/verify/containers/vhdx.ts


const VHDX_SIGNATURE = Buffer.from("vhdxfile", "latin1");
const BAT_GUID = "2DC27766-F623-4200-9D64-115E9BFD4A08";
const METADATA_GUID = "8B7CA206-4790-4B9A-B8FE-575F050F886E";
const FILE_PARAMETERS = "CAA16737-FA36-4D43-B3B6-33F0AA44E76B";
const VIRTUAL_DISK_SIZE = "2FA54224-CD1B-4876-B211-5DBED83BF4B8";
const LOGICAL_SECTOR_SIZE = "8141BF1D-A96F-4709-BA47-F233A8FAAB5F";
const PHYSICAL_SECTOR_SIZE = "CDA348C7-445D-4471-9CC9-E9885251C556";
function crcOk(b, c, check, at) {
    const stored = b.readUInt32LE(4);
    const copy = Buffer.from(b);
    copy.writeUInt32LE(0, 4);
    const actual = (0,crc/* crc32c */.dc)(copy);
    if (actual === stored)
        return true;
    return c.fail(check, (0,bytes/* hex */.uh)(actual, 8), (0,bytes/* hex */.uh)(stored, 8), at + 4);
}
async function checkVhdx(src, c) {
    const ident = await src.read(0, 8);
    if (!ident.equals(VHDX_SIGNATURE)) {
        c.fail("vhdx.signature", (0,bytes/* show */.WU)(VHDX_SIGNATURE), (0,bytes/* show */.WU)(ident), 0);
        return;
    }
    const fileSize = await src.size();
    c.detail("fileSize", fileSize);
    // Headers: both should be valid in a finished image; the higher sequence number is current.
    let current;
    for (const [i, at] of [64 * bytes/* KiB */.ty, 128 * bytes/* KiB */.ty].entries()) {
        const b = await src.read(at, 4 * bytes/* KiB */.ty);
        const name = `vhdx.header${i + 1}`;
        if (b.length < 4 * bytes/* KiB */.ty) {
            c.fail(`${name}.truncated`, `4 KiB at ${at}`, `the file ends at ${(0,bytes/* bytes */.ee)(fileSize)}`, at);
            continue;
        }
        if (b.subarray(0, 4).toString("latin1") !== "head") {
            c.fail(`${name}.signature`, (0,bytes/* show */.WU)(Buffer.from("head")), (0,bytes/* show */.WU)(b.subarray(0, 4)), at);
            continue;
        }
        if (!crcOk(b, c, `${name}.crc32c`, at))
            continue;
        const seq = b.readBigUInt64LE(8);
        if (!current || seq > current.seq)
            current = { seq, b, at };
    }
    if (!current)
        return;
    const h = current.b;
    c.equal("vhdx.header.version", 1, h.readUInt16LE(66), current.at + 66);
    if (!(0,bytes/* isZero */.be)(h.subarray(48, 64)))
        c.fail("vhdx.header.log", "no log to replay (log GUID zero)", (0,bytes/* guid */.Os)(h, 48), current.at + 48);
    // Region tables.
    const regions = new Map();
    for (const [i, at] of [192 * bytes/* KiB */.ty, 256 * bytes/* KiB */.ty].entries()) {
        const b = await src.read(at, 64 * bytes/* KiB */.ty);
        const name = `vhdx.region-table${i + 1}`;
        if (b.length < 64 * bytes/* KiB */.ty) {
            c.fail(`${name}.truncated`, `64 KiB at ${at}`, `the file ends at ${(0,bytes/* bytes */.ee)(fileSize)}`, at);
            continue;
        }
        if (b.subarray(0, 4).toString("latin1") !== "regi") {
            c.fail(`${name}.signature`, (0,bytes/* show */.WU)(Buffer.from("regi")), (0,bytes/* show */.WU)(b.subarray(0, 4)), at);
            continue;
        }
        if (!crcOk(b, c, `${name}.crc32c`, at))
            continue;
        const count = b.readUInt32LE(8);
        if (count > 2047) {
            c.fail(`${name}.entries`, "at most 2047", String(count), at + 8);
            continue;
        }
        if (regions.size > 0)
            continue; // the first valid table is used
        for (let e = 0; e < count; e++) {
            const o = 16 + e * 32;
            const id = (0,bytes/* guid */.Os)(b, o);
            const r = { offset: (0,bytes/* u64le */.dw)(b, o + 16), length: b.readUInt32LE(o + 24) };
            const required = (b.readUInt32LE(o + 28) & 1) === 1;
            if (r.offset % bytes/* MiB */.lv !== 0 || r.offset < bytes/* MiB */.lv || r.offset + r.length > fileSize) {
                c.fail(`vhdx.region.${id}`, `a 1 MiB-aligned region inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `${r.length} bytes at ${r.offset}`, at + o + 16);
                continue;
            }
            if (required && id !== BAT_GUID && id !== METADATA_GUID)
                c.fail("vhdx.region.unknown-required", "only BAT and metadata regions required", id, at + o);
            regions.set(id, r);
        }
    }
    const meta = regions.get(METADATA_GUID);
    const bat = regions.get(BAT_GUID);
    if (!meta)
        c.fail("vhdx.region.metadata", `a metadata region (${METADATA_GUID})`, "none", 192 * bytes/* KiB */.ty);
    if (!bat)
        c.fail("vhdx.region.bat", `a BAT region (${BAT_GUID})`, "none", 192 * bytes/* KiB */.ty);
    if (!meta || !bat)
        return;
    // Metadata.
    const table = await src.read(meta.offset, 64 * bytes/* KiB */.ty);
    if (table.subarray(0, 8).toString("latin1") !== "metadata") {
        c.fail("vhdx.metadata.signature", (0,bytes/* show */.WU)(Buffer.from("metadata")), (0,bytes/* show */.WU)(table.subarray(0, 8)), meta.offset);
        return;
    }
    const items = new Map();
    const count = table.readUInt16LE(10);
    for (let e = 0; e < Math.min(count, 2047); e++) {
        const o = 32 + e * 32;
        const id = (0,bytes/* guid */.Os)(table, o);
        const off = table.readUInt32LE(o + 16);
        const len = table.readUInt32LE(o + 20);
        if (len === 0)
            continue;
        if (off < 64 * bytes/* KiB */.ty || off + len > meta.length) {
            c.fail(`vhdx.metadata.item.${id}`, `an item inside the metadata region (${meta.length} bytes)`, `${len} bytes at ${off}`, meta.offset + o + 16);
            continue;
        }
        items.set(id, await src.read(meta.offset + off, len));
    }
    const sizeItem = items.get(VIRTUAL_DISK_SIZE);
    const params = items.get(FILE_PARAMETERS);
    const logical = items.get(LOGICAL_SECTOR_SIZE);
    const physical = items.get(PHYSICAL_SECTOR_SIZE);
    if (!sizeItem || sizeItem.length < 8) {
        c.fail("vhdx.metadata.virtual-disk-size", `a Virtual Disk Size item (${VIRTUAL_DISK_SIZE})`, "none", meta.offset);
        return;
    }
    const virtualSize = (0,bytes/* u64le */.dw)(sizeItem, 0);
    c.virtualSize = virtualSize;
    if (!params || params.length < 8) {
        c.fail("vhdx.metadata.file-parameters", `a File Parameters item (${FILE_PARAMETERS})`, "none", meta.offset);
        return;
    }
    const blockSize = params.readUInt32LE(0);
    const hasParent = (params.readUInt32LE(4) & 2) !== 0;
    const sectorSize = logical && logical.length >= 4 ? logical.readUInt32LE(0) : 512;
    c.detail("blockSize", blockSize);
    c.detail("logicalSectorSize", sectorSize);
    if (physical && physical.length >= 4)
        c.detail("physicalSectorSize", physical.readUInt32LE(0));
    if (hasParent)
        c.fail("vhdx.metadata.parent", "a disk standing alone", "a differencing disk (has a parent)", meta.offset);
    if (!(0,bytes/* isPowerOfTwo */.r6)(blockSize) || blockSize < bytes/* MiB */.lv || blockSize > 256 * bytes/* MiB */.lv) {
        c.fail("vhdx.metadata.block-size", "a power of two from 1 MiB to 256 MiB", String(blockSize), meta.offset);
        return;
    }
    if (sectorSize !== 512 && sectorSize !== 4096)
        c.fail("vhdx.metadata.logical-sector-size", "512 or 4096", String(sectorSize), meta.offset);
    if (virtualSize % sectorSize !== 0)
        c.fail("vhdx.metadata.virtual-disk-size", `a multiple of the sector size (${sectorSize})`, String(virtualSize), meta.offset);
    // BAT: payload entries interleaved with one sector-bitmap entry per chunk.
    const chunkRatio = (2 ** 23 * sectorSize) / blockSize;
    const dataBlocks = Math.ceil(virtualSize / blockSize);
    const totalEntries = dataBlocks + Math.floor((dataBlocks - 1) / chunkRatio);
    if (bat.length < totalEntries * 8) {
        c.fail("vhdx.bat.size", `room for ${totalEntries} entries`, `${bat.length} bytes`, bat.offset);
        return;
    }
    const table2 = await src.read(bat.offset, Math.min(totalEntries * 8, 32 << 20));
    let present = 0;
    for (let i = 0; i + 8 <= table2.length; i += 8) {
        const e = table2.readBigUInt64LE(i);
        const state = Number(e & 7n);
        if ((i / 8 + 1) % (chunkRatio + 1) === 0)
            continue; // sector bitmap entry
        if (state !== 6 && state !== 7)
            continue;
        present++;
        const off = Number(e >> 20n) * bytes/* MiB */.lv;
        if (off < bytes/* MiB */.lv || off + blockSize > fileSize) {
            c.fail("vhdx.bat.entry", `a payload block inside the file (${(0,bytes/* bytes */.ee)(fileSize)})`, `block ${i / 8} at ${off}`, bat.offset + i);
            break;
        }
    }
    c.detail("presentBlocks", present);
}

// EXTERNAL MODULE: ./src/verify/containers/vma.ts
var containers_vma = __nccwpck_require__(830);
;// CONCATENATED MODULE: ./src/verify/containers/vm-runner.ts
// A NixOS VM runner (system.build.vm): a directory with bin/run-<name>-vm, an
// executable shell script that starts QEMU. The path may be the directory or
// the script itself.



/** The runner script's path (for hashing), or undefined after a finding. */
async function checkVmRunner(path, c) {
    let script = path;
    const st = await (0,promises_.stat)(path);
    if (st.isDirectory()) {
        const bin = (0,external_node_path_.join)(path, "bin");
        let names = [];
        try {
            names = await (0,promises_.readdir)(bin);
        }
        catch {
            c.fail("vm-runner.bin", "a bin/ directory", "none");
            return undefined;
        }
        const runner = names.find((n) => /^run-.+-vm$/.test(n));
        if (!runner) {
            c.fail("vm-runner.script", "bin/run-<name>-vm", names.length ? names.join(", ") : "an empty bin/");
            return undefined;
        }
        script = (0,external_node_path_.join)(bin, runner);
    }
    c.detail("script", script);
    const sst = await (0,promises_.stat)(script);
    if (!sst.isFile()) {
        c.fail("vm-runner.script", "a regular file", "something else");
        return undefined;
    }
    if ((sst.mode & 0o111) === 0)
        c.fail("vm-runner.executable", "an executable script", `mode ${(sst.mode & 0o777).toString(8)}`);
    const fh = await (0,promises_.open)(script, "r");
    let head;
    try {
        const buf = Buffer.alloc(64 * 1024);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        head = buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
    if (head.subarray(0, 2).toString("latin1") !== "#!") {
        c.fail("vm-runner.shebang", '"#!" (a script header)', (0,bytes/* show */.WU)(head.subarray(0, 8)), 0);
        return script;
    }
    const nl = head.indexOf(0x0a);
    const interpreter = head.subarray(2, nl < 0 ? 80 : nl).toString("latin1").trim();
    c.detail("interpreter", interpreter);
    if (!/\b(ba|da|z|k)?sh\b/.test(interpreter))
        c.fail("vm-runner.interpreter", "a shell (sh, bash)", interpreter, 2);
    const text = head.toString("utf8");
    if (!/qemu/i.test(text))
        c.fail("vm-runner.qemu", "a script that starts QEMU", "no mention of qemu in it", 0);
    return script;
}

;// CONCATENATED MODULE: ./src/verify/detect.ts










function looksLikeTar(h) {
    if (h.length < 512)
        return false;
    if (h.subarray(257, 262).toString("latin1") === "ustar")
        return true;
    // Pre-POSIX tar: no magic, but a header checksum that adds up.
    const stored = tarNumber(h, 148, 8);
    if (!Number.isFinite(stored) || stored === 0)
        return false;
    let sum = 0;
    for (let i = 0; i < 512; i++)
        sum += i >= 148 && i < 156 ? 0x20 : h[i];
    return sum === stored;
}
async function sniff(src, expected) {
    const head = await src.read(0, 64 * 1024);
    const starts = (magic, at = 0) => head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
    if (starts(QCOW2_MAGIC))
        return "qcow2";
    if (starts(VHDX_SIGNATURE))
        return "vhdx";
    if (starts(VMDK_MAGIC) || head.subarray(0, 21).toString("latin1") === "# Disk DescriptorFile")
        return "vmdk";
    if (starts(containers_vma/* VMA_MAGIC */.LY))
        return "vma";
    if (starts(VHD_COOKIE))
        return "vhd";
    const pvd = await src.read(16 * ISO_SECTOR + 1, 5);
    if (pvd.equals(ISO_MAGIC))
        return "iso";
    if (looksLikeTar(head))
        return "tar";
    if (head.subarray(0, 2).toString("latin1") === "#!") {
        const payload = payloadOffset(head);
        if (payload && looksLikeArchive(head.subarray(payload.offset)))
            return "kexec-bundle";
        if (/qemu/i.test(head.toString("latin1")))
            return "vm-runner";
        return "unknown";
    }
    // A fixed VHD is a raw disk with a footer: look at the end first where that is cheap.
    if (!src.sequential || expected === "vhd") {
        const size = await src.size();
        if (size >= 512) {
            const tail = await src.read(size - 512, 8);
            if (tail.equals(VHD_COOKIE))
                return "vhd";
        }
    }
    const raw = await rawKind(src);
    if (raw)
        return raw;
    // A bare file system: no partition table, its superblock at byte 1024.
    if (await looksLikeExt(src))
        return "fs-ext4";
    return "unknown";
}

// EXTERNAL MODULE: ./src/verify/targets/index.ts + 11 modules
var targets = __nccwpck_require__(533);
;// CONCATENATED MODULE: ./src/verify/index.ts
// Verify an image before it ships: identify its compression and container by
// their bytes, check each against what the format promises, and report
// findings (never throwing for a bad image). Large files are read with
// positioned reads and streams, in bounded memory.























/** How many of an archive's top-level members a report lists. */
const MEMBERS_SHOWN = 20;
/** Containers whose virtual size is the disk the user asked for. */
const DISK_CONTAINERS = new Set(["qcow2", "raw-mbr", "raw-gpt", "fs-ext4", "vhd", "vhdx", "vmdk", "ova", "vagrant-box", "vma", "gce-tar"]);
/** Detected containers that the expected container's own checks explain best. */
const EXPLAINS = {
    vhd: ["raw-mbr", "raw-gpt", "sd-image"],
    "sd-image": ["raw-mbr"],
};
/** Detected containers that satisfy an expected one. */
const SATISFIES = {
    "raw-mbr": ["sd-image"],
};
/** SHA-256 of a file, through one reused 1 MiB buffer (no garbage per chunk). */
async function sha256File(path) {
    const h = (0,external_node_crypto_.createHash)("sha256");
    const fh = await (0,promises_.open)(path, "r");
    try {
        const buf = Buffer.allocUnsafe(1 << 20);
        let at = 0;
        for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, at);
            if (bytesRead === 0)
                break;
            h.update(buf.subarray(0, bytesRead));
            at += bytesRead;
        }
    }
    finally {
        await fh.close();
    }
    return h.digest("hex");
}
async function firstBytes(path, n) {
    const fh = await (0,promises_.open)(path, "r");
    try {
        const b = Buffer.alloc(n);
        const { bytesRead } = await fh.read(b, 0, n, 0);
        return b.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
function errorText(e) {
    return e instanceof Error ? e.message : String(e);
}
/** Checks the image at `path` against a format's container, compression and (with `target`) its target's acceptance rules. */
function verifyImage(path, expect) {
    const opts = {};
    if (expect.system !== undefined)
        opts.system = expect.system;
    if (expect.diskSizeMiB !== undefined)
        opts.diskSizeMiB = expect.diskSizeMiB;
    return inspect(path, expect, opts);
}
/**
 * Names what the image at `path` is by its bytes alone (compression, then
 * container) and checks that container's structure: `verify FILE` without a format.
 */
function identifyImage(path, opts = {}) {
    return inspect(path, undefined, opts);
}
/**
 * Names what the image at `path` is and reports it, failing nothing: for a
 * custom format that declares no container, which verify cannot hold to
 * anything. What identification found amiss becomes the report's notes.
 */
async function reportImage(path, opts = {}) {
    const report = await inspect(path, undefined, opts);
    if (report.findings.length === 0)
        return report;
    return { ...report, ok: true, findings: [], notes: report.findings };
}
async function inspect(path, expect, opts) {
    const c = new checks/* Checks */.s();
    const report = {
        ok: false,
        path,
        size: 0,
        sha256: "",
        detected: { container: "unknown", compression: "none" },
        details: c.details,
        findings: c.findings,
    };
    if (expect)
        report.expected = expect;
    const finish = () => {
        if (c.virtualSize !== undefined)
            report.virtualSize = c.virtualSize;
        if (c.label !== undefined)
            report.label = c.label;
        report.ok = c.findings.length === 0;
        return report;
    };
    let st;
    try {
        st = await (0,promises_.stat)(path);
    }
    catch (e) {
        c.fail("file", "an image at this path", errorText(e));
        return finish();
    }
    // A VM runner is a directory (or its script), not an image file.
    if (st.isDirectory() || expect?.container === "vm-runner") {
        if (expect?.compression !== undefined && expect.compression !== "none")
            c.fail("compression", expect.compression, "none (a VM runner)");
        const script = await checkVmRunner(path, c);
        if (script) {
            report.detected.container = "vm-runner";
            report.size = (await (0,promises_.stat)(script)).size;
            report.sha256 = await sha256File(script);
        }
        if (expect && expect.container !== "vm-runner")
            c.fail("container", expect.container, "a VM runner directory");
        return finish();
    }
    if (!st.isFile()) {
        c.fail("file", "a regular file", "something else (device, socket, …)");
        return finish();
    }
    report.size = st.size;
    report.sha256 = await sha256File(path);
    const compression = detectCompression(await firstBytes(path, 8));
    report.detected.compression = compression;
    if (expect?.compression !== undefined && compression !== expect.compression)
        c.fail("compression", expect.compression, compression, 0);
    // A target with rules of its own judges the boot entries an ISO needs.
    const target = expect?.target !== undefined ? (0,targets/* targetOf */.$r)(expect.target) : undefined;
    const system = opts.system;
    let src;
    let sizeTolerance = 0;
    try {
        src = await (0,verify_open/* openImage */.U)(path, compression);
        const wanted = expect?.container;
        const sniffed = await sniff(src, wanted);
        let detected = sniffed === "tar" ? "unknown" : sniffed;
        let runAs;
        let facts = {};
        if (sniffed === "tar") {
            const tarAs = wanted && isTarContainer(wanted) ? wanted : undefined;
            const { detected: kind, listing } = await checkTarball(src, c, tarAs);
            detected = kind;
            facts = { listing };
            report.members = [...listing.members.keys()].filter((n) => !n.includes("/")).slice(0, MEMBERS_SHOWN);
            runAs = tarAs ?? (detected === "unknown" ? undefined : detected);
            if (wanted && detected !== wanted)
                c.fail("container", wanted, detected === "unknown" ? "a tar archive of no known kind" : detected, 0);
            else if (!wanted && detected === "unknown")
                c.fail("container", "a tar archive of a known kind (root file system, GCE disk, OVA, Vagrant box, LXC metadata, kexec)", describeListing(listing.order), 0);
        }
        else if (!wanted) {
            runAs = detected === "unknown" ? undefined : detected;
            if (runAs)
                ({ tolerance: sizeTolerance, facts } = await runCheck(runAs, path, src, c, system));
            else
                c.fail("container", "a disk image, ISO, archive or VMA that verify knows", await describeUnknown(src), 0);
        }
        else {
            if (detected === wanted || SATISFIES[wanted]?.includes(detected) || detected === "unknown") {
                runAs = wanted;
            }
            else {
                c.fail("container", wanted, detected, 0);
                // A fixed VHD that lost its footer is a raw disk: its own checks say what is missing.
                runAs = EXPLAINS[wanted]?.includes(detected) ? wanted : detected;
            }
            if (runAs)
                ({ tolerance: sizeTolerance, facts } = await runCheck(runAs, path, src, c, target ? undefined : system));
        }
        report.detected.container = detected;
        // The target's own rules, on an image whose container is the one it takes.
        if (target && expect && runAs === expect.container && (detected === expect.container || detected === "unknown" || SATISFIES[expect.container]?.includes(detected))) {
            const all = { ...facts, container: detected, compression, src, fileName: (0,external_node_path_.basename)(path) };
            if (system !== undefined)
                all.system = system;
            await (0,targets/* checkTarget */.e$)(expect.target, all, c);
        }
        if (compression !== "none") {
            const n = await src.size(); // reads to the end: the stream's own checksums
            c.detail("uncompressedSize", n);
        }
        compareDiskSize(c, opts.diskSizeMiB, runAs, sizeTolerance);
    }
    catch (e) {
        if (e instanceof decompress/* DecompressError */.Y) {
            c.fail(`${e.format}.stream`, `a whole, valid ${e.format} stream`, e.reason, e.at >= 0 ? e.at : undefined);
        }
        else {
            c.fail("verify.read", "an image that can be read to the end", errorText(e));
        }
    }
    finally {
        await src?.close?.();
    }
    return finish();
}
function describeListing(order) {
    if (order.length === 0)
        return "an archive with no members";
    const shown = order.slice(0, 5).join(", ");
    return `members ${shown}${order.length > 5 ? `, … (${order.length} in all)` : ""}`;
}
/** What an unrecognised file starts with, for its finding. */
async function describeUnknown(src) {
    const head = await src.read(0, 16);
    if (head.length === 0)
        return "an empty file";
    return `bytes that match no known container (it starts with ${(0,bytes/* show */.WU)(head)})`;
}
/** Runs one container's checks. */
async function runCheck(container, path, src, c, system) {
    const none = { tolerance: 0, facts: {} };
    switch (container) {
        case "qcow2":
            await checkQcow2(src, c);
            return none;
        case "raw-mbr":
        case "raw-gpt":
        case "sd-image":
            await (container === "raw-mbr" ? checkRawMbr : container === "raw-gpt" ? checkRawGpt : checkSdImage)(src, c);
            // A raw disk is as large as its bytes, even when its partition table is damaged.
            c.virtualSize = await src.size();
            return none;
        case "fs-ext4":
            await checkFsExt4(src, c);
            return none;
        case "vhd": {
            const footer = await checkVhd(src, c);
            if (footer && c.failed === 0)
                await (0,vhd_disk/* describeVhdDisk */.t)(src, footer, c);
            // Without force_size, a VHD's size is rounded to whole CHS cylinders.
            return { tolerance: footer?.cylinderBytes ?? 0, facts: footer ? { vhd: footer } : {} };
        }
        case "vhdx":
            await checkVhdx(src, c);
            return none;
        case "vmdk":
            await checkVmdk(src, c);
            return none;
        case "iso": {
            const iso = await checkIso(src, c, system);
            return { tolerance: 0, facts: iso ? { iso } : {} };
        }
        case "vma": {
            const vma = await (0,containers_vma/* checkVma */.T5)(src, c);
            return { tolerance: 0, facts: vma ? { vma } : {} };
        }
        case "kexec-bundle":
            await checkKexecBundle(path, src, c);
            return none;
        case "vm-runner":
            await checkVmRunner(path, c);
            return none;
        case "rootfs-tar":
        case "kexec-tar":
        case "lxc-metadata":
        case "gce-tar":
        case "ova":
        case "vagrant-box": {
            const { listing } = await checkTarball(src, c, container);
            return { tolerance: 0, facts: { listing } };
        }
    }
}
function compareDiskSize(c, want, runAs, tolerance) {
    if (want === undefined)
        return;
    c.detail("requestedDiskSize", want === "auto" ? "auto" : want * bytes/* MiB */.lv);
    if (want === "auto" || !runAs || !DISK_CONTAINERS.has(runAs))
        return;
    const got = c.virtualSize;
    if (got === undefined)
        return;
    const bytesWanted = want * bytes/* MiB */.lv;
    if (Math.abs(got - bytesWanted) > tolerance) {
        c.fail("disk-size", `${(0,bytes/* bytes */.ee)(bytesWanted)} (--disk-size ${want})${tolerance ? `, give or take one CHS cylinder (${tolerance} bytes)` : ""}`, (0,bytes/* bytes */.ee)(got));
    }
}
/** Human text: a summary line, then one line per finding (identified images: what was found, line by line). */
function renderReport(r) {
    if (!r.expected)
        return renderIdentified(r);
    const what = `${r.detected.container}${r.detected.compression !== "none" ? ` (${r.detected.compression})` : ""}`;
    const parts = [what];
    if (r.virtualSize !== undefined)
        parts.push(`virtual size ${(0,bytes/* bytes */.ee)(r.virtualSize)}`);
    if (r.label)
        parts.push(`label ${JSON.stringify(r.label)}`);
    parts.push(`${(0,bytes/* bytes */.ee)(r.size)}`);
    if (r.sha256)
        parts.push(`sha256 ${r.sha256}`);
    const head = `${r.ok ? "ok" : "FAILED"} ${r.path}: ${parts.join(", ")}`;
    const lines = [head];
    if (!r.ok) {
        const target = r.expected.target ? `${r.expected.target}: ` : "";
        const exp = `${target}${r.expected.container}${r.expected.compression !== undefined && r.expected.compression !== "none" ? ` (${r.expected.compression})` : ""}`;
        lines[0] += ` — expected ${exp}, ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}:`;
    }
    for (const f of r.findings)
        lines.push(`  ${renderFinding(f)}`);
    return lines.join("\n");
}
/** `verify FILE` without a format: what the bytes are, as `qemu-img info` would list it, then any findings. */
function renderIdentified(r) {
    const rows = [];
    rows.push(["container", r.detected.container === "unknown" ? "unknown" : r.detected.container]);
    rows.push(["compression", r.detected.compression]);
    if (r.virtualSize !== undefined)
        rows.push(["virtual size", (0,bytes/* bytes */.ee)(r.virtualSize)]);
    if (r.label)
        rows.push(["label", JSON.stringify(r.label)]);
    if (r.members) {
        const count = r.details.members;
        const more = typeof count === "number" && count > r.members.length ? `, … (${count} members in all)` : "";
        rows.push(["members", `${r.members.join(", ") || "none"}${more}`]);
    }
    rows.push(["file", `${(0,bytes/* bytes */.ee)(r.size)}${r.sha256 ? `, sha256 ${r.sha256}` : ""}`]);
    const width = Math.max(...rows.map(([k]) => k.length));
    const sound = r.findings.length === 0 && r.notes === undefined;
    const what = `${sound ? "a sound" : "a damaged or unknown"} ${r.detected.container === "unknown" ? "file" : r.detected.container}`;
    const head = r.notes
        ? `ok ${r.path}: ${what}, held to no container (its custom format declares no formatContainer), ${r.notes.length} note${r.notes.length === 1 ? "" : "s"}`
        : `${r.ok ? "ok" : "FAILED"} ${r.path}: ${what}${r.ok ? "" : `, ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}`}`;
    const lines = [head];
    for (const [k, v] of rows)
        lines.push(`  ${k.padEnd(width)}  ${v}`);
    const details = Object.entries(r.details).filter(([k]) => k !== "members");
    if (details.length > 0) {
        lines.push("  details:");
        for (const [k, v] of details)
            lines.push(`    ${k}: ${String(v)}`);
    }
    if (!r.ok) {
        lines.push("  findings:");
        for (const f of r.findings)
            lines.push(`    ${renderFinding(f)}`);
    }
    if (r.notes) {
        lines.push("  notes (not failed: set formatContainer in the format to hold the image to a container):");
        for (const f of r.notes)
            lines.push(`    ${renderFinding(f)}`);
    }
    return lines.join("\n");
}
function renderFinding(f) {
    const at = f.offset !== undefined ? ` (at byte ${f.offset})` : "";
    if (f.rule)
        return `${f.check}: ${f.rule} (found ${f.found})${at}`;
    return `${f.check}: expected ${f.expected}, found ${f.found}${at}`;
}


/***/ }),

/***/ 238:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U: () => (/* binding */ openImage)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: ./src/verify/codec/decompress.ts + 4 modules
var decompress = __nccwpck_require__(673);
// EXTERNAL MODULE: ./src/verify/source.ts
var source = __nccwpck_require__(848);
;// CONCATENATED MODULE: ./src/verify/stream-source.ts
const HEAD = 1 << 20;
const WINDOW = 1 << 20;
const TAIL = 1 << 20;
class StreamSource {
    sequential = true;
    /** How many times the stream was started again for a read behind the window. */
    restarts = 0;
    open;
    it;
    /** Decompressed bytes pulled from the current iterator. */
    pos = 0;
    window = [];
    windowStart = 0;
    head = Buffer.alloc(HEAD);
    headLength = 0;
    total;
    tail;
    failure;
    constructor(open) {
        this.open = open;
    }
    /** Reads to the end: the stream's size, or its decoding error thrown. */
    async size() {
        if (this.total !== undefined)
            return this.total;
        await this.advanceTo(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
        return this.total ?? this.pos;
    }
    /** The stream's size if its end has been seen. */
    get knownSize() {
        return this.total;
    }
    async read(offset, length) {
        let end = offset + length;
        if (this.total !== undefined)
            end = Math.min(end, this.total);
        if (end <= offset)
            return Buffer.alloc(0);
        if (end <= this.headLength)
            return Buffer.from(this.head.subarray(offset, end));
        if (this.tail && this.total !== undefined && offset >= this.total - this.tail.length) {
            const base = this.total - this.tail.length;
            return Buffer.from(this.tail.subarray(offset - base, end - base));
        }
        if (offset < this.windowStart || !this.it)
            await this.restart();
        await this.advanceTo(end, offset);
        const stop = Math.min(end, this.pos);
        return this.copyWindow(offset, stop);
    }
    async close() {
        await this.it?.return?.();
        this.it = undefined;
    }
    async restart() {
        if (this.it) {
            this.restarts++;
            await this.it.return?.();
        }
        this.it = this.open()[Symbol.asyncIterator]();
        this.pos = 0;
        this.window = [];
        this.windowStart = 0;
    }
    /** Pulls until `end` bytes have been produced (or the stream ends), keeping bytes from `keepFrom` in the window. */
    async advanceTo(end, keepFrom) {
        if (!this.it)
            await this.restart();
        const it = this.it;
        if (this.failure && end > this.failure.at)
            throw this.failure.error;
        while (this.pos < end) {
            let r;
            try {
                r = await it.next();
            }
            catch (error) {
                this.failure = { error, at: this.pos };
                throw error;
            }
            if (r.done) {
                this.total = this.pos;
                if (!this.tail)
                    this.tail = this.copyWindow(Math.max(this.windowStart, this.pos - TAIL), this.pos);
                return;
            }
            const chunk = r.value;
            if (chunk.length === 0)
                continue;
            if (this.pos < HEAD && this.headLength === this.pos) {
                const n = Math.min(chunk.length, HEAD - this.pos);
                chunk.copy(this.head, this.pos, 0, n);
                this.headLength = this.pos + n;
            }
            this.window.push(chunk);
            this.pos += chunk.length;
            // Drop old chunks while the window stays large enough and keeps `keepFrom`.
            let windowBytes = this.pos - this.windowStart;
            for (;;) {
                const first = this.window[0];
                if (this.window.length < 2 || windowBytes - first.length < Math.max(WINDOW, TAIL) || this.windowStart + first.length > keepFrom)
                    break;
                this.window.shift();
                this.windowStart += first.length;
                windowBytes -= first.length;
            }
        }
    }
    copyWindow(from, to) {
        const out = Buffer.alloc(Math.max(0, to - from));
        let at = this.windowStart;
        for (const c of this.window) {
            const lo = Math.max(from, at);
            const hi = Math.min(to, at + c.length);
            if (lo < hi)
                c.copy(out, lo - from, lo - at, hi - at);
            at += c.length;
            if (at >= to)
                break;
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/verify/open.ts
// Opening an image's bytes: the file itself, or its decompressed stream.




/** The bytes of `path` from `start`, decompressed when `compression` says so. */
async function openImage(path, compression, start = 0) {
    if (compression === "none" && start === 0)
        return source/* FileSource */._n.open(path);
    return new StreamSource(() => (0,decompress/* decompress */.m)(compression, (0,external_node_fs_.createReadStream)(path, { start, highWaterMark: 1 << 20 })));
}


/***/ }),

/***/ 848:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ SliceSource),
/* harmony export */   Ml: () => (/* binding */ readOrFail),
/* harmony export */   _n: () => (/* binding */ FileSource),
/* harmony export */   yG: () => (/* binding */ SparseSource),
/* harmony export */   zO: () => (/* binding */ readChunks)
/* harmony export */ });
/* unused harmony export BufferSource */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _bytes_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(190);
// Random access to the bytes of an image, whatever holds them: a file (positioned
// reads), a window of another source (a tar member), a sparse member's map, or a
// decompressed stream (see stream-source.ts). Nothing here reads a whole file.


class FileSource {
    sequential = false;
    fh;
    length;
    constructor(fh, length) {
        this.fh = fh;
        this.length = length;
    }
    static async open(path) {
        const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, "r");
        const st = await fh.stat();
        return new FileSource(fh, st.size);
    }
    size() {
        return Promise.resolve(this.length);
    }
    async read(offset, length) {
        const n = Math.max(0, Math.min(length, this.length - offset));
        const buf = Buffer.alloc(n);
        let done = 0;
        while (done < n) {
            const { bytesRead } = await this.fh.read(buf, done, n - done, offset + done);
            if (bytesRead === 0)
                break;
            done += bytesRead;
        }
        return done === n ? buf : buf.subarray(0, done);
    }
    async close() {
        await this.fh.close();
    }
}
class BufferSource {
    sequential = false;
    buf;
    constructor(buf) {
        this.buf = buf;
    }
    size() {
        return Promise.resolve(this.buf.length);
    }
    read(offset, length) {
        return Promise.resolve(this.buf.subarray(offset, Math.min(this.buf.length, offset + length)));
    }
}
/** `length` bytes of `parent` from `start` (a tar member, a partition). */
class SliceSource {
    sequential;
    parent;
    start;
    length;
    constructor(parent, start, length) {
        this.parent = parent;
        this.start = start;
        this.length = length;
        this.sequential = parent.sequential;
    }
    size() {
        return Promise.resolve(this.length);
    }
    read(offset, length) {
        const n = Math.max(0, Math.min(length, this.length - offset));
        return this.parent.read(this.start + offset, n);
    }
}
/** A sparse tar member: stored regions back to back in `parent` from `start`, holes read as zeros. */
class SparseSource {
    sequential;
    stored = [];
    parent;
    start;
    regions;
    realSize;
    constructor(parent, start, regions, realSize) {
        this.parent = parent;
        this.start = start;
        this.regions = regions;
        this.realSize = realSize;
        this.sequential = parent.sequential;
        let at = 0;
        for (const r of regions) {
            this.stored.push(at);
            at += r.length;
        }
    }
    size() {
        return Promise.resolve(this.realSize);
    }
    async read(offset, length) {
        const end = Math.min(this.realSize, offset + length);
        if (end <= offset)
            return Buffer.alloc(0);
        const out = Buffer.alloc(end - offset);
        for (let i = 0; i < this.regions.length; i++) {
            const r = this.regions[i];
            const lo = Math.max(offset, r.offset);
            const hi = Math.min(end, r.offset + r.length);
            if (lo >= hi)
                continue;
            const data = await this.parent.read(this.start + this.stored[i] + (lo - r.offset), hi - lo);
            data.copy(out, lo - offset);
        }
        return out;
    }
}
/**
 * `length` bytes at `offset`, or undefined after a finding that the image ends
 * before them (a truncated file).
 */
async function readOrFail(src, c, what, offset, length) {
    const b = await src.read(offset, length);
    if (b.length === length)
        return b;
    c.fail(`${what}.truncated`, `${length} bytes at offset ${offset}`, `the image ends at ${(0,_bytes_js__WEBPACK_IMPORTED_MODULE_1__/* .bytes */ .ee)(offset + b.length)}`, offset);
    return undefined;
}
/** The bytes [offset, offset+length) in chunks of at most `chunk`, for hashing. */
async function* readChunks(src, offset, length, chunk = 1 << 20) {
    let at = offset;
    const end = offset + length;
    while (at < end) {
        const b = await src.read(at, Math.min(chunk, end - at));
        if (b.length === 0)
            return;
        yield b;
        at += b.length;
    }
}


/***/ }),

/***/ 533:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  dW: () => (/* binding */ TARGETS),
  e$: () => (/* binding */ checkTarget),
  $r: () => (/* binding */ targetOf)
});

// EXTERNAL MODULE: ./src/verify/containers/vhd-disk.ts
var vhd_disk = __nccwpck_require__(444);
// EXTERNAL MODULE: ./src/verify/targets/partitions.ts
var partitions = __nccwpck_require__(529);
;// CONCATENATED MODULE: ./src/verify/targets/types.ts
/** A broken rule as a finding, in the rule's words. */
function reject(c, rule, expected, found, offset) {
    c.reject(rule.check, rule.says, expected, found, offset);
}

;// CONCATENATED MODULE: ./src/verify/targets/amazon.ts
// Amazon EC2: what VM Import/Export takes as a disk image (this format ships a VHD).



const REQUIREMENTS = {
    title: "AWS VM Import/Export User Guide, 'System requirements' (Image formats; Volume types and file systems)",
    url: "https://docs.aws.amazon.com/vm-import/latest/userguide/prerequisites.html",
};
const VHD_KIND = {
    check: "amazon.vhd",
    says: "VM Import takes fixed or dynamic VHDs",
    source: REQUIREMENTS,
    enforcedBy: "vhd.footer.disk-type",
};
const TABLE = { check: "amazon.partition-table", says: "VM Import takes Linux volumes on an MBR or GPT partition table", source: REQUIREMENTS };
const FILESYSTEM = {
    check: "amazon.filesystem",
    says: "VM Import takes Linux volumes formatted ext2, ext3, ext4, Btrfs, JFS or XFS",
    source: REQUIREMENTS,
};
const amazon = {
    formats: ["amazon"],
    name: "Amazon EC2 (VM Import)",
    rules: [VHD_KIND, TABLE, FILESYSTEM],
    offline: [
        "the kernel and distribution must be on VM Import's list of supported operating systems, or the image is registered from a snapshot instead",
        "the S3 bucket, the vmimport service role and the Region's limits",
    ],
    async check(f, c) {
        if (!f.vhd)
            return;
        const disk = await (0,vhd_disk/* vhdDisk */.y)(f.src, f.vhd);
        if (!disk)
            return;
        const table = await (0,partitions/* partitionTable */.R)(disk);
        if (!table) {
            reject(c, TABLE, "an MBR or GPT partition table in the VHD's disk", "none (no 0x55aa signature, or an unreadable GPT)", 0);
            return;
        }
        const seen = [];
        for (const p of table.partitions) {
            const fs = p.esp ? undefined : await (0,partitions/* linuxFilesystem */.y)(disk, p.start);
            if (fs)
                return;
            seen.push(`partition ${p.index} (${p.type}): ${p.esp ? "EFI System" : "no Linux file system"}`);
        }
        reject(c, FILESYSTEM, "a partition holding ext2/3/4, Btrfs, JFS or XFS", seen.join("; ") || `an empty ${table.kind.toUpperCase()} table`);
    },
};

// EXTERNAL MODULE: ./src/verify/bytes.ts
var bytes = __nccwpck_require__(190);
;// CONCATENATED MODULE: ./src/verify/targets/azure.ts
// Azure: what it takes as an uploaded VHD for a managed disk or an image.


/** Microsoft's notes for any Linux image brought to Azure. */
const PREPARE = {
    title: "Microsoft Learn, 'Prepare Linux for imaging in Azure' (General Linux installation notes; Resizing VHDs)",
    url: "https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-upload-generic",
};
const VHD_SPEC = {
    title: "Microsoft, 'Virtual Hard Disk Image Format Specification' (Hard Disk Footer Format)",
    url: "https://www.microsoft.com/en-us/download/details.aspx?id=23850",
};
const FIXED = { check: "azure.fixed-vhd", says: "Azure accepts only fixed-size VHDs", source: PREPARE };
const WHOLE_MIB = { check: "azure.virtual-size", says: "Azure accepts only VHDs whose virtual size is a whole number of MiB", source: PREPARE };
const FOOTER = {
    check: "azure.footer",
    says: "Azure reads a fixed VHD as the disk's bytes followed by a valid 512-byte footer",
    source: VHD_SPEC,
    enforcedBy: "vhd.footer.cookie, vhd.footer.checksum, vhd.fixed.size",
};
const DISK_TYPES = { 2: "fixed", 3: "dynamic", 4: "differencing" };
const azure = {
    formats: ["azure"],
    name: "Azure",
    rules: [FIXED, WHOLE_MIB, FOOTER],
    offline: [
        "the VM generation (Gen1 boots by BIOS from MBR, Gen2 by UEFI from GPT) is chosen when the image is created",
        "the Azure Linux agent or cloud-init inside the image, and the disk size limits of the chosen disk type",
    ],
    check(f, c) {
        const v = f.vhd;
        if (!v)
            return Promise.resolve();
        if (v.diskType !== 2)
            reject(c, FIXED, "a fixed VHD (disk type 2)", DISK_TYPES[v.diskType] ?? `disk type ${v.diskType}`);
        if (v.currentSize % bytes/* MiB */.lv !== 0) {
            reject(c, WHOLE_MIB, `a multiple of ${bytes/* MiB */.lv} bytes`, `${(0,bytes/* bytes */.ee)(v.currentSize)}, ${v.currentSize % bytes/* MiB */.lv} bytes past a whole MiB`);
        }
        return Promise.resolve();
    },
};

;// CONCATENATED MODULE: ./src/verify/targets/containers.ts
// System containers: LXC/LXD/Incus (`lxc image import`), Proxmox (`pct create`
// from a template), Docker (`docker import`).

const LXD_IMAGE_FORMAT = {
    title: "LXD documentation, 'Image format' (split image: a metadata tarball with metadata.yaml and templates, and a root file system tarball)",
    url: "https://documentation.ubuntu.com/lxd/en/latest/reference/image_format/",
};
const LXC_CONF = {
    title: "lxc.container.conf(5), lxc.init.cmd: 'Absolute path from container rootfs to the binary to use as init. Default is /sbin/init'",
    url: "https://linuxcontainers.org/lxc/manpages/man5/lxc.container.conf.5.html",
};
const PCT = {
    title: "Proxmox VE Administration Guide, 'Proxmox Container Toolkit' (container templates: tar archives, gzip, xz or zstd compressed)",
    url: "https://pve.proxmox.com/pve-docs/chapter-pct.html",
};
const DOCKER_IMPORT = {
    title: "Docker documentation, 'docker image import' (a root file system tarball: .tar, .tar.gz, .tgz, .bzip, .tar.xz, .txz)",
    url: "https://docs.docker.com/reference/cli/docker/image/import/",
};
const ROOTFS_AT_TOP = { check: "rootfs.layout", says: "the root file system lies at the archive's top (nix/store, sbin/init)", source: LXD_IMAGE_FORMAT, enforcedBy: "container, rootfs.nix-store" };
function sbinInit(name, source) {
    return { check: `${name}.sbin-init`, says: `${name === "lxc" ? "LXC" : "pct (through LXC)"} starts the container's /sbin/init (lxc.init.cmd's default)`, source };
}
function checkSbinInit(rule, f, c) {
    const l = f.listing;
    if (!l)
        return Promise.resolve();
    const init = l.members.get("sbin/init");
    if (!init)
        reject(c, rule, "a sbin/init file or symlink", l.members.has("init") ? "only /init" : "no sbin/init");
    else if (init.type !== "0" && init.type !== "2")
        reject(c, rule, "a file or a symlink", `member type ${JSON.stringify(init.type)}`, init.headerOffset);
    return Promise.resolve();
}
const LXC_INIT = sbinInit("lxc", LXC_CONF);
const lxc = {
    formats: ["lxc"],
    name: "LXC/LXD/Incus (lxc image import)",
    rules: [ROOTFS_AT_TOP, { check: "lxc.compression", says: "lxc image import reads a tar archive, plain or compressed", source: LXD_IMAGE_FORMAT, enforcedBy: "compression" }, LXC_INIT],
    offline: ["lxc image import also needs the metadata tarball (-f lxc-metadata) of the same system, given as its first argument"],
    check: (f, c) => checkSbinInit(LXC_INIT, f, c),
};
const PCT_INIT = sbinInit("proxmox-lxc", LXC_CONF);
const proxmoxLxc = {
    formats: ["proxmox-lxc"],
    name: "Proxmox VE (pct create from a template)",
    rules: [ROOTFS_AT_TOP, { check: "proxmox-lxc.compression", says: "pct takes templates as tar archives compressed with gzip, xz or zstd", source: PCT, enforcedBy: "compression" }, PCT_INIT],
    offline: ["pct detects the OS type from the template's files (or takes --ostype nixos); the storage must hold container templates (vztmpl)"],
    check: (f, c) => checkSbinInit(PCT_INIT, f, c),
};
const docker = {
    formats: ["docker"],
    name: "Docker (docker import)",
    rules: [
        { check: "docker.compression", says: "docker import reads a tar archive, plain or compressed with gzip, bzip2 or xz", source: DOCKER_IMPORT, enforcedBy: "compression" },
        { ...ROOTFS_AT_TOP, source: DOCKER_IMPORT },
    ],
    offline: ["an imported file system has no CMD: give one with docker import --change 'CMD [\"/init\"]' or at docker run"],
    check: () => Promise.resolve(),
};
const lxcMetadata = {
    formats: ["lxc-metadata"],
    name: "LXD/Incus (lxc image import, metadata tarball)",
    rules: [
        { check: "lxc-metadata.metadata.yaml", says: "the metadata tarball holds metadata.yaml with architecture and creation_date", source: LXD_IMAGE_FORMAT, enforcedBy: "lxc.metadata.yaml, lxc.metadata.architecture, lxc.metadata.creation_date" },
        { check: "lxc-metadata.templates", says: "every template metadata.yaml names is in templates/", source: LXD_IMAGE_FORMAT, enforcedBy: "lxc.templates" },
    ],
    offline: ["lxc image import also needs the root file system tarball (-f lxc) as its second argument"],
    check: () => Promise.resolve(),
};

;// CONCATENATED MODULE: ./src/verify/targets/gce.ts
// Google Compute Engine: what it imports as a boot disk image.

const IMPORT = {
    title: "Google Cloud, 'Manually import boot disks' (Compute Engine): disk.raw, tar --format=oldgnu, gzip",
    url: "https://cloud.google.com/compute/docs/import/import-existing-image",
};
const IMAGES = {
    title: "Google Cloud, 'Image management best practices' (Understanding images): a partition table (MBR or GPT) in disk.raw",
    url: "https://cloud.google.com/compute/docs/images/image-management-best-practices",
};
const GZIP_TAR = { check: "gce.gzip-tar", says: "Compute Engine imports a gzip-compressed tar archive", source: IMPORT, enforcedBy: "compression, container" };
const ONLY_DISK_RAW = { check: "gce.disk-raw", says: "Compute Engine imports an archive holding exactly one file, disk.raw", source: IMPORT, enforcedBy: "gce.disk.raw, gce.members" };
const OLDGNU = {
    check: "gce.tar-format",
    says: "Compute Engine reads disk.raw from a tar archive in GNU tar's oldgnu format",
    source: IMPORT,
};
const PARTITIONS = { check: "gce.partition-table", says: "Compute Engine boots a disk.raw with an MBR or GPT partition table", source: IMAGES, enforcedBy: "disk.raw.mbr.signature, disk.raw.gpt.*" };
const gce = {
    formats: ["gce"],
    name: "Compute Engine",
    rules: [GZIP_TAR, ONLY_DISK_RAW, OLDGNU, PARTITIONS],
    offline: [
        "the guest environment and a kernel with virtio-scsi and gVNIC/virtio-net drivers",
        "the image's size against the project's quota; the bucket and the import job",
    ],
    check(f, c) {
        const disk = f.listing?.members.get("disk.raw");
        if (!disk)
            return Promise.resolve();
        if (disk.pax || disk.magic !== "gnu") {
            const found = disk.pax ? "a pax (POSIX.1-2001) archive" : disk.magic === "ustar" ? "a POSIX ustar archive" : "a pre-POSIX (v7) archive";
            reject(c, OLDGNU, 'a GNU tar header ("ustar  \\0", as tar --format=oldgnu writes)', found, disk.headerOffset);
        }
        return Promise.resolve();
    },
};

// EXTERNAL MODULE: ./src/verify/containers/fat-dir.ts
var fat_dir = __nccwpck_require__(91);
;// CONCATENATED MODULE: ./src/verify/targets/iso.ts
// Bootable ISOs (installer and live images): El Torito entries for BIOS and
// EFI, and the EFI image's removable-media loader.


const EL_TORITO = {
    title: "'El Torito' Bootable CD-ROM Format Specification 1.0 (Phoenix/IBM): boot catalog, platform 0x00 = 80x86 BIOS",
    url: "https://pdos.csail.mit.edu/6.828/2018/readings/boot-cdrom.pdf",
};
const UEFI_CD = {
    title: "UEFI Specification 2.10: 13.3.2.1 ISO-9660 and El Torito (platform 0xEF, a FAT image); 3.5.1.1 Removable Media Boot Behavior",
    url: "https://uefi.org/specs/UEFI/2.10/13_Protocols_Media_Access.html#iso-9660-and-el-torito",
};
const EFI = {
    check: "iso.efi",
    says: "UEFI firmware boots an ISO from an El Torito EFI entry (platform 0xEF) whose FAT image holds \\EFI\\BOOT\\BOOT<arch>.EFI",
    source: UEFI_CD,
};
const BIOS = { check: "iso.bios", says: "an x86_64 ISO boots on BIOS machines too: it needs an El Torito BIOS entry (platform 0x00)", source: EL_TORITO };
const iso = {
    formats: ["iso", "install-iso", "install-iso-hyperv"],
    name: "BIOS and UEFI firmware (ISO)",
    rules: [EFI, BIOS],
    offline: ["Secure Boot: whether the firmware trusts the EFI loader's signature"],
    check(f, c) {
        const i = f.iso;
        if (!i || !i.elTorito)
            return Promise.resolve(); // iso.el-torito says it does not boot
        const system = f.system ?? (0,fat_dir/* loaderSystem */.vI)(i.efiLoaders);
        if (!i.efi)
            reject(c, EFI, "a bootable El Torito entry for EFI (platform 0xEF)", i.listed || "no boot entries", i.catalogAt);
        else if (!(0,fat_dir/* loaderSystem */.vI)(i.efiLoaders) || (f.system && (0,fat_dir/* loaderSystem */.vI)(i.efiLoaders) !== f.system)) {
            reject(c, EFI, `\\EFI\\BOOT\\${system === "aarch64-linux" ? "BOOTAA64.EFI" : "BOOTX64.EFI"} in the EFI image`, i.efiLoaders.join(", ") || "no \\EFI\\BOOT\\BOOT*.EFI");
        }
        if (system === "x86_64-linux" && !i.bios)
            reject(c, BIOS, "a bootable El Torito entry for BIOS (platform 0x00)", i.listed || "no boot entries", i.catalogAt);
        return Promise.resolve();
    },
};

// EXTERNAL MODULE: ./src/verify/checks.ts
var checks = __nccwpck_require__(148);
// EXTERNAL MODULE: ./src/verify/containers/ovf.ts
var containers_ovf = __nccwpck_require__(43);
;// CONCATENATED MODULE: ./src/verify/targets/ova.ts
// OVA (an OVF package in one file), as VirtualBox, VMware and others import it.



const OVF_SPEC = {
    title: "DMTF DSP0243, 'Open Virtualization Format Specification' (OVF package distributed as a single file: USTAR, descriptor first, files in References order)",
    url: "https://www.dmtf.org/sites/default/files/standards/documents/DSP0243_2.1.1.pdf",
};
const FIRST = { check: "ova.descriptor-first", says: "an OVA starts with its .ovf descriptor", source: OVF_SPEC, enforcedBy: "ova.first-member" };
const USTAR = { check: "ova.ustar", says: "an OVA is a tar archive in the POSIX USTAR format", source: OVF_SPEC };
const ORDER = { check: "ova.file-order", says: "an OVA holds the files its descriptor references in the order of its References section", source: OVF_SPEC };
const FILES = { check: "ova.files", says: "an OVA holds every file its descriptor references, of the size it states", source: OVF_SPEC, enforcedBy: "ovf.file.*" };
const ova = {
    formats: ["virtualbox"],
    name: "OVF import (VirtualBox, VMware)",
    rules: [FIRST, USTAR, ORDER, FILES],
    offline: ["the virtual hardware the descriptor asks for (OS type, controllers) must exist in the importing hypervisor"],
    check(f, c) {
        const l = f.listing;
        if (!l)
            return Promise.resolve();
        const notUstar = l.order.map((n) => l.members.get(n)).find((e) => e.magic !== "ustar");
        if (notUstar) {
            reject(c, USTAR, 'POSIX ustar headers ("ustar\\0" "00")', `${notUstar.magic === "gnu" ? "a GNU tar header" : "a pre-POSIX (v7) header"} for ${notUstar.name}`, notUstar.headerOffset);
        }
        const ovfName = l.order.find((n) => /\.ovf$/i.test(n));
        const ovf = ovfName ? (0,containers_ovf/* parseOvf */.P)(l.texts.get(ovfName) ?? "", new checks/* Checks */.s(), 0) : undefined;
        if (!ovf)
            return Promise.resolve();
        const positions = ovf.files.map((file) => ({ href: file.href, at: l.order.indexOf(file.href) })).filter((p) => p.at >= 0);
        for (let i = 1; i < positions.length; i++) {
            if (positions[i].at < positions[i - 1].at) {
                reject(c, ORDER, ovf.files.map((file) => file.href).join(", "), l.order.filter((n) => ovf.files.some((file) => file.href === n)).join(", "));
                break;
            }
        }
        return Promise.resolve();
    },
};

;// CONCATENATED MODULE: ./src/verify/targets/proxmox.ts
// Proxmox VE: what qmrestore restores from a VMA backup.

const BACKUP = {
    title: "Proxmox VE Administration Guide, 'Backup and Restore' (vzdump archives, qmrestore)",
    url: "https://pve.proxmox.com/pve-docs/chapter-vzdump.html",
};
const VMA_SPEC = {
    title: "pve-qemu, 'vma_spec.txt' (the VMA archive format: config blobs, devices)",
    url: "https://git.proxmox.com/?p=pve-qemu.git;a=blob_plain;f=vma_spec.txt;hb=HEAD",
};
const QMRESTORE = {
    title: "qemu-server, qmrestore's restore of a VMA archive: each device is mapped to a drive by a '#qmdump#map:' line of qemu-server.conf",
    url: "https://git.proxmox.com/?p=qemu-server.git;a=summary",
};
const CONFIG = { check: "proxmox.config", says: "qmrestore needs the VM's qemu-server.conf inside the archive", source: VMA_SPEC, enforcedBy: "vma.config" };
const COMPRESSION = { check: "proxmox.compression", says: "qmrestore reads .vma, .vma.gz, .vma.lzo and .vma.zst archives", source: BACKUP, enforcedBy: "compression" };
const DEVICE_MAP = {
    check: "proxmox.device-map",
    says: "qmrestore restores each disk of the archive to the drive that a '#qmdump#map:<drive>:<device>:<storage>:<format>:' line of qemu-server.conf names",
    source: QMRESTORE,
};
const ARCHIVE_INFO = {
    title: "pve-storage, PVE::Storage::archive_info: a backup is recognised by its name, vzdump-(qemu|lxc|openvz)-….(vma|tar|tgz)[.gz|.lzo|.zst]",
    url: "https://git.proxmox.com/?p=pve-storage.git;a=blob;f=src/PVE/Storage.pm;hb=HEAD",
};
const FILE_NAME = {
    check: "proxmox.file-name",
    says: "qmrestore reads a VMA backup only under a name vzdump-qemu-<name>.vma, .vma.gz, .vma.lzo or .vma.zst",
    source: ARCHIVE_INFO,
};
/** The names qmrestore takes a VMA under (archive_info's pattern, for qemu). */
const QMRESTORE_NAME = /^vzdump-qemu-.+\.vma(?:\.(?:gz|lzo|zst))?$/;
const COMPRESSED_SUFFIX = { none: "", gzip: ".gz", zstd: ".zst" };
/** A name qmrestore reads for a file named `name` (its stem kept, the prefix and extension put right). */
function qmrestoreName(name, compression) {
    const stem = name
        .replace(/\.(?:vma(?:\.[a-z0-9]+)?|zst|gz|lzo)$/i, "")
        .replace(/-?vzdump-qemu-/, "-")
        .replace(/^-+|-+$/g, "");
    return `vzdump-qemu-${stem || "nixos"}.vma${COMPRESSED_SUFFIX[compression] ?? ".zst"}`;
}
const MAP_LINE = /^#qmdump#map:([^:\s]+):([^:\s]+):([^:\s]*):([^:\s]*):\s*$/gm;
const proxmox = {
    formats: ["proxmox"],
    name: "Proxmox VE (qmrestore)",
    rules: [CONFIG, COMPRESSION, DEVICE_MAP, FILE_NAME],
    offline: ["the target storage named in the map lines (or --storage) must exist on the node, and the VM id must be free"],
    check(f, c) {
        if (f.fileName !== undefined && !QMRESTORE_NAME.test(f.fileName)) {
            reject(c, FILE_NAME, `a name qmrestore reads: rename the file to ${qmrestoreName(f.fileName, f.compression)}`, f.fileName);
        }
        const conf = f.vma?.configs.get("qemu-server.conf");
        if (!f.vma || conf === undefined)
            return Promise.resolve();
        const mapped = new Map();
        for (const m of conf.matchAll(MAP_LINE))
            mapped.set(m[2], m[1]);
        for (const device of f.vma.devices) {
            if (device === "vmstate")
                continue;
            if (!mapped.has(device))
                reject(c, DEVICE_MAP, `a line #qmdump#map:<drive>:${device}:… in qemu-server.conf`, `none for the device ${device}`);
        }
        for (const [device, drive] of mapped) {
            if (!f.vma.devices.includes(device))
                reject(c, DEVICE_MAP, `data for every mapped drive in the archive`, `no device ${device} (mapped to ${drive})`);
        }
        return Promise.resolve();
    },
};

;// CONCATENATED MODULE: ./src/verify/targets/raw-efi.ts
// A raw disk booted by UEFI firmware with no boot entries yet (a new VM, a
// disk written to a new machine): GPT, an EFI System partition, the
// removable-media loader on it.



const UEFI = {
    title: "UEFI Specification 2.10: 5.3 GUID Partition Table; 13.3 File System Format (the EFI System Partition is FAT)",
    url: "https://uefi.org/specs/UEFI/2.10/05_GUID_Partition_Table_Format.html",
};
const REMOVABLE = {
    title: "UEFI Specification 2.10: 3.5.1.1 Removable Media Boot Behavior (\\EFI\\BOOT\\BOOTX64.EFI, \\EFI\\BOOT\\BOOTAA64.EFI)",
    url: "https://uefi.org/specs/UEFI/2.10/03_Boot_Manager.html#removable-media-boot-behavior",
};
const GPT_ESP = { check: "raw-efi.esp", says: "UEFI firmware boots a GPT disk from a FAT EFI System partition", source: UEFI, enforcedBy: "mbr.protective, gpt.*, gpt.esp, gpt.esp.filesystem" };
const LOADER = {
    check: "raw-efi.removable-loader",
    says: "UEFI firmware with no boot entry for the disk starts \\EFI\\BOOT\\BOOT<arch>.EFI from its EFI System partition",
    source: REMOVABLE,
};
const WANT = { "x86_64-linux": "BOOTX64.EFI", "aarch64-linux": "BOOTAA64.EFI" };
const rawEfi = {
    formats: ["raw-efi"],
    name: "UEFI firmware (raw disk)",
    rules: [GPT_ESP, LOADER],
    offline: ["Secure Boot: whether the firmware trusts the loader's signature"],
    async check(f, c) {
        const table = await (0,partitions/* partitionTable */.R)(f.src);
        const esp = table?.kind === "gpt" ? table.partitions.find((p) => p.esp) : undefined;
        if (!esp)
            return; // gpt.esp says what is missing
        const loaders = await (0,fat_dir/* efiBootLoaders */.VT)(f.src, esp.start);
        const want = f.system ? WANT[f.system] : undefined;
        if (want ? !loaders.includes(want) : !(0,fat_dir/* loaderSystem */.vI)(loaders)) {
            reject(c, LOADER, `\\EFI\\BOOT\\${want ?? "BOOTX64.EFI or BOOTAA64.EFI"} on partition ${esp.index}`, loaders.length ? loaders.join(", ") : "no \\EFI\\BOOT\\BOOT*.EFI", esp.start);
        }
    },
};

;// CONCATENATED MODULE: ./src/verify/targets/sd.ts
// SD card images: what a board's boot firmware reads from the card.


const RPI_BOOT = {
    title: "Raspberry Pi documentation, 'The boot folder': boot files are stored on the first partition of the SD card, formatted with the FAT file system",
    url: "https://www.raspberrypi.com/documentation/computers/configuration.html#the-boot-folder",
};
const LAYOUT = {
    title: "NixOS manual / nixpkgs sd-image: an MBR card with a FAT firmware partition and an ext4 root (extlinux, U-Boot)",
    url: "https://nixos.wiki/wiki/NixOS_on_ARM#Installation",
};
const MBR_FAT_EXT4 = {
    check: "sd.layout",
    says: "the card has an MBR partition table, a FAT firmware partition and an ext4 root",
    source: LAYOUT,
    enforcedBy: "mbr.signature, sd.firmware-partition, sd.firmware-filesystem, sd.root-partition, sd.root-filesystem",
};
const FIRMWARE_FIRST = { check: "sd.firmware-first", says: "a Raspberry Pi reads its boot firmware from the card's first partition, a FAT one", source: RPI_BOOT };
const FAT_MBR = new Set([0x0b, 0x0c]);
const sdAarch64 = {
    formats: ["sd-aarch64", "sd-aarch64-installer"],
    name: "Raspberry Pi and other aarch64 boards (SD card)",
    rules: [MBR_FAT_EXT4, FIRMWARE_FIRST],
    offline: ["whether the board's firmware (or U-Boot) in the FAT partition matches the board"],
    async check(f, c) {
        const table = await (0,partitions/* partitionTable */.R)(f.src);
        if (!table || table.kind !== "mbr")
            return;
        const first = table.partitions.find((p) => p.index === 1);
        if (!first || first.mbrType === undefined || !FAT_MBR.has(first.mbrType)) {
            reject(c, FIRMWARE_FIRST, "partition 1 of type 0x0b or 0x0c (FAT32)", first ? `partition 1 of type ${first.type}` : "no partition 1", 446);
        }
    },
};
const sdX86 = {
    formats: ["sd-x86_64"],
    name: "x86_64 machines booting from an SD card",
    rules: [MBR_FAT_EXT4],
    offline: ["the machine's firmware must boot from the card (BIOS boot sector or EFI loader)"],
    check: () => Promise.resolve(),
};

;// CONCATENATED MODULE: ./src/verify/targets/vagrant.ts
// Vagrant: what `vagrant box add` takes for the VirtualBox provider.

const BOX_FORMAT = {
    title: "Vagrant documentation, 'Box File Format' (a tar/tar.gz/zip with metadata.json naming the provider)",
    url: "https://developer.hashicorp.com/vagrant/docs/boxes/format",
};
const VIRTUALBOX_BOXES = {
    title: "Vagrant documentation, VirtualBox provider, 'Creating a Base Box' (box.ovf, its disks, Vagrantfile, metadata.json)",
    url: "https://developer.hashicorp.com/vagrant/docs/providers/virtualbox/boxes",
};
const MEMBERS = {
    check: "vagrant.members",
    says: "a VirtualBox box holds Vagrantfile, metadata.json, box.ovf and the disks box.ovf references",
    source: VIRTUALBOX_BOXES,
    enforcedBy: "vagrant.Vagrantfile, vagrant.metadata.json, vagrant.box.ovf, ovf.file.*",
};
const METADATA = { check: "vagrant.metadata", says: "Vagrant reads the box's provider from metadata.json", source: BOX_FORMAT, enforcedBy: "vagrant.metadata.json, vagrant.metadata.provider" };
const PROVIDER = {
    check: "vagrant.provider",
    says: "Vagrant's VirtualBox provider uses only boxes whose metadata.json says \"provider\": \"virtualbox\"",
    source: BOX_FORMAT,
};
const vagrant = {
    formats: ["vagrant-virtualbox"],
    name: "Vagrant (VirtualBox provider)",
    rules: [MEMBERS, METADATA, PROVIDER],
    offline: ["the box's name and version come from `vagrant box add` or a catalog's metadata, not from the file"],
    check(f, c) {
        const meta = f.listing?.texts.get("metadata.json");
        if (meta === undefined)
            return Promise.resolve();
        let provider;
        try {
            const parsed = JSON.parse(meta);
            provider = typeof parsed === "object" && parsed !== null && "provider" in parsed ? parsed.provider : undefined;
        }
        catch {
            return Promise.resolve(); // vagrant.metadata.json says it is not JSON
        }
        if (typeof provider === "string" && provider !== "virtualbox")
            reject(c, PROVIDER, '"provider": "virtualbox"', JSON.stringify(provider));
        return Promise.resolve();
    },
};

;// CONCATENATED MODULE: ./src/verify/targets/index.ts










const TARGETS = [azure, amazon, gce, proxmox, vagrant, ova, lxc, proxmoxLxc, docker, lxcMetadata, sdAarch64, sdX86, rawEfi, iso];
const byFormat = new Map(TARGETS.flatMap((t) => t.formats.map((f) => [f, t])));
/** The target a catalogue format is for, if verify knows its acceptance rules. */
function targetOf(format) {
    return byFormat.get(format);
}
/** Checks `format`'s acceptance rules; its findings carry the rules' words. */
async function checkTarget(format, facts, c) {
    await targetOf(format)?.check(facts, c);
}


/***/ }),

/***/ 529:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ partitionTable),
/* harmony export */   y: () => (/* binding */ linuxFilesystem)
/* harmony export */ });
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(148);
/* harmony import */ var _containers_filesystems_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(330);
/* harmony import */ var _containers_gpt_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(675);
/* harmony import */ var _containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(237);
// The partition table of a disk as the target rules see it (MBR or GPT, its
// partitions), and which Linux file system a partition holds.




/** The disk's partition table, or undefined when it has none that is readable. */
async function partitionTable(disk) {
    const s0 = await disk.read(0, 2 * _containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_);
    if (!(0,_containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .hasMbrSignature */ .A7)(s0))
        return undefined;
    const scratch = new _checks_js__WEBPACK_IMPORTED_MODULE_2__/* .Checks */ .s();
    const mbr = (0,_containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .parseMbr */ .hJ)(s0, scratch);
    if (mbr.some((p) => p.type === 0xee) || s0.subarray(_containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_, _containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .SECTOR */ .z_ + 8).toString("latin1") === "EFI PART") {
        const gpt = await (0,_containers_gpt_js__WEBPACK_IMPORTED_MODULE_0__/* .readPrimaryGpt */ .G$)(disk, scratch, disk.sequential ? undefined : await disk.size());
        if (!gpt)
            return undefined;
        return {
            kind: "gpt",
            partitions: gpt.partitions.map((p) => ({ index: p.index, start: p.start, size: p.size, type: (0,_containers_gpt_js__WEBPACK_IMPORTED_MODULE_0__/* .gptTypeName */ .xo)(p.type), esp: p.type === _containers_gpt_js__WEBPACK_IMPORTED_MODULE_0__/* .GUID_ESP */ .Lu })),
        };
    }
    return {
        kind: "mbr",
        partitions: mbr.map((p) => ({ index: p.index, start: p.start, size: p.size, type: (0,_containers_mbr_js__WEBPACK_IMPORTED_MODULE_1__/* .mbrTypeName */ .n0)(p.type), esp: p.type === 0xef, mbrType: p.type })),
    };
}
const XFS = Buffer.from("XFSB", "latin1");
const BTRFS = Buffer.from("_BHRfS_M", "latin1");
const JFS = Buffer.from("JFS1", "latin1");
/** The Linux file system at `start`, by its superblock magic: ext2/3/4, XFS, Btrfs, JFS. */
async function linuxFilesystem(disk, start) {
    const ext = await (0,_containers_filesystems_js__WEBPACK_IMPORTED_MODULE_3__/* .probeExt */ .AL)(disk, start);
    if (ext)
        return ext.kind;
    if ((await disk.read(start, 4)).equals(XFS))
        return "xfs";
    if ((await disk.read(start + 0x10040, 8)).equals(BTRFS))
        return "btrfs";
    if ((await disk.read(start + 0x8000, 4)).equals(JFS))
        return "jfs";
    return undefined;
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 75:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 816:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  YOg: () => (/* binding */ array),
  zMY: () => (/* binding */ schemas_boolean),
  gMt: () => (/* binding */ discriminatedUnion),
  k5n: () => (/* binding */ schemas_enum),
  euz: () => (/* binding */ literal),
  chJ: () => (/* binding */ schemas_null),
  aig: () => (/* binding */ schemas_number),
  Ikc: () => (/* binding */ object),
  rej: () => (/* binding */ strictObject),
  YjP: () => (/* binding */ schemas_string),
  KCZ: () => (/* binding */ union),
  L5J: () => (/* binding */ unknown)
});

// UNUSED EXPORTS: ZodAny, ZodArray, ZodBase64, ZodBase64URL, ZodBigInt, ZodBigIntFormat, ZodBoolean, ZodCIDRv4, ZodCIDRv6, ZodCUID, ZodCUID2, ZodCatch, ZodCodec, ZodCreditCard, ZodCustom, ZodCustomStringFormat, ZodDate, ZodDefault, ZodDiscriminatedUnion, ZodE164, ZodEmail, ZodEmoji, ZodEnum, ZodExactOptional, ZodFile, ZodFunction, ZodGUID, ZodIBAN, ZodIPv4, ZodIPv6, ZodISODate, ZodISODateTime, ZodISODuration, ZodISOTime, ZodInstanceOf, ZodIntersection, ZodJWT, ZodKSUID, ZodLazy, ZodLiteral, ZodMAC, ZodMap, ZodNaN, ZodNanoID, ZodNever, ZodNonOptional, ZodNull, ZodNullable, ZodNumber, ZodNumberFormat, ZodObject, ZodOptional, ZodPipe, ZodPrefault, ZodPreprocess, ZodPromise, ZodReadonly, ZodRecord, ZodSet, ZodString, ZodStringFormat, ZodSuccess, ZodSymbol, ZodTemplateLiteral, ZodTransform, ZodTuple, ZodType, ZodULID, ZodURL, ZodUUID, ZodUndefined, ZodUnion, ZodUnknown, ZodVoid, ZodXID, ZodXor, _ZodString, _default, _function, any, base64, base64url, bigint, catch, check, cidrv4, cidrv6, codec, creditCard, cuid, cuid2, currencyCode, custom, date, describe, e164, email, emoji, exactOptional, file, float32, float64, function, guid, hash, hex, hostname, httpUrl, iban, instanceof, int, int32, int64, intersection, invertCodec, ipv4, ipv6, json, jwt, keyof, ksuid, lazy, looseObject, looseRecord, mac, map, meta, nan, nanoid, nativeEnum, never, nonoptional, nullable, nullish, optional, partialRecord, pipe, prefault, preprocess, promise, readonly, record, refine, set, stringFormat, stringbool, success, superRefine, symbol, templateLiteral, transform, tuple, uint32, uint64, ulid, undefined, url, uuid, uuidv4, uuidv6, uuidv7, void, xid, xor

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/util.js

// functions
function assertEqual(val) {
    return val;
}
function assertNotEqual(val) {
    return val;
}
function toZod() {
    return (schema) => schema;
}
function assertIs(_arg) { }
function assertNever(_x) {
    throw new Error("Unexpected value in exhaustive check");
}
function assert(_) { }
function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
const EVALUATING = /* @__PURE__*/ (/* unused pure expression or super */ null && (Symbol("evaluating")));
function defineLazy(object, key, getter) {
    let value = undefined;
    Object.defineProperty(object, key, {
        get() {
            if (value === EVALUATING) {
                // Circular reference detected, return undefined to break the cycle
                return undefined;
            }
            if (value === undefined) {
                value = EVALUATING;
                value = getter();
            }
            return value;
        },
        set(v) {
            Object.defineProperty(object, key, {
                value: v,
                // configurable: true,
            });
            // object[key] = v;
        },
        configurable: true,
    });
}
function objectClone(obj) {
    return Object.create(Object.getPrototypeOf(obj), Object.getOwnPropertyDescriptors(obj));
}
function util_assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            util_assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        util_assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function cloneDef(schema) {
    return mergeDefs(schema._zod.def);
}
function getElementAtPath(obj, path) {
    if (!path)
        return obj;
    return path.reduce((acc, key) => acc?.[key], obj);
}
function promiseAllObject(promisesObj) {
    const keys = Object.keys(promisesObj);
    const promises = keys.map((key) => promisesObj[key]);
    return Promise.all(promises).then((results) => {
        const resolvedObj = {};
        for (let i = 0; i < keys.length; i++) {
            resolvedObj[keys[i]] = results[i];
        }
        return resolvedObj;
    });
}
function randomString(length = 10) {
    const chars = "abcdefghijklmnopqrstuvwxyz";
    let str = "";
    for (let i = 0; i < length; i++) {
        str += chars[Math.floor(Math.random() * chars.length)];
    }
    return str;
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function util_isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const util_allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (globalConfig.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (util_isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (util_isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
function numKeys(data) {
    let keyCount = 0;
    for (const key in data) {
        if (Object.prototype.hasOwnProperty.call(data, key)) {
            keyCount++;
        }
    }
    return keyCount;
}
const getParsedType = (data) => {
    const t = typeof data;
    switch (t) {
        case "undefined":
            return "undefined";
        case "string":
            return "string";
        case "number":
            return Number.isNaN(data) ? "nan" : "number";
        case "boolean":
            return "boolean";
        case "function":
            return "function";
        case "bigint":
            return "bigint";
        case "symbol":
            return "symbol";
        case "object":
            if (Array.isArray(data)) {
                return "array";
            }
            if (data === null) {
                return "null";
            }
            if (data.then && typeof data.then === "function" && data.catch && typeof data.catch === "function") {
                return "promise";
            }
            if (typeof Map !== "undefined" && data instanceof Map) {
                return "map";
            }
            if (typeof Set !== "undefined" && data instanceof Set) {
                return "set";
            }
            if (typeof Date !== "undefined" && data instanceof Date) {
                return "date";
            }
            // @ts-ignore
            if (typeof File !== "undefined" && data instanceof File) {
                return "file";
            }
            return "object";
        default:
            throw new Error(`Unknown data type: ${t}`);
    }
};
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
const primitiveTypes = /* @__PURE__*/ new Set([
    "string",
    "number",
    "bigint",
    "boolean",
    "symbol",
    "undefined",
]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function createTransparentProxy(getter) {
    let target;
    return new Proxy({}, {
        get(_, prop, receiver) {
            target ?? (target = getter());
            return Reflect.get(target, prop, receiver);
        },
        set(_, prop, value, receiver) {
            target ?? (target = getter());
            return Reflect.set(target, prop, value, receiver);
        },
        has(_, prop) {
            target ?? (target = getter());
            return Reflect.has(target, prop);
        },
        deleteProperty(_, prop) {
            target ?? (target = getter());
            return Reflect.deleteProperty(target, prop);
        },
        ownKeys(_) {
            target ?? (target = getter());
            return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(_, prop) {
            target ?? (target = getter());
            return Reflect.getOwnPropertyDescriptor(target, prop);
        },
        defineProperty(_, prop, descriptor) {
            target ?? (target = getter());
            return Reflect.defineProperty(target, prop, descriptor);
        },
    });
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}
// Wrapped in a `@__PURE__` IIFE: esbuild never tree-shakes a top-level initializer that contains a member access on `Number`, so the bare object literal survived into every bundle.
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
function getSizableOrigin(input) {
    if (input instanceof Set)
        return "set";
    if (input instanceof Map)
        return "map";
    // @ts-ignore
    if (input instanceof File)
        return "file";
    return "unknown";
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function util_issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
function cleanEnum(obj) {
    return Object.entries(obj)
        .filter(([k, _]) => {
        // return true if NaN, meaning it's not a number, thus a string key
        return Number.isNaN(Number.parseInt(k, 10));
    })
        .map((el) => el[1]);
}
// Codec utility functions
function base64ToUint8Array(base64) {
    const binaryString = atob(base64);
    const bytes = new Uint8Array(binaryString.length);
    for (let i = 0; i < binaryString.length; i++) {
        bytes[i] = binaryString.charCodeAt(i);
    }
    return bytes;
}
function uint8ArrayToBase64(bytes) {
    let binaryString = "";
    for (let i = 0; i < bytes.length; i++) {
        binaryString += String.fromCharCode(bytes[i]);
    }
    return btoa(binaryString);
}
function base64urlToUint8Array(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padding = "=".repeat((4 - (base64.length % 4)) % 4);
    return base64ToUint8Array(base64 + padding);
}
function uint8ArrayToBase64url(bytes) {
    return uint8ArrayToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}
function hexToUint8Array(hex) {
    const cleanHex = hex.replace(/^0x/, "");
    if (cleanHex.length % 2 !== 0) {
        throw new Error("Invalid hex string length");
    }
    const bytes = new Uint8Array(cleanHex.length / 2);
    for (let i = 0; i < cleanHex.length; i += 2) {
        bytes[i / 2] = Number.parseInt(cleanHex.slice(i, i + 2), 16);
    }
    return bytes;
}
function uint8ArrayToHex(bytes) {
    return Array.from(bytes)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
}
// instanceof
class Class {
    constructor(..._args) { }
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/core.js
var _a;

/** A special constant with type `never` */
const NEVER = /*@__PURE__*/ Object.freeze({
    status: "aborted",
});
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
//////////////////////////////   UTILITIES   ///////////////////////////////////////
const $brand = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("zod_brand")));
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/memoizer.js

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack, resolve);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (spread && !desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = rawShape(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw, true) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a new built-in kind becomes a compile error here
            kind;
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
/**
 * Whether one parse can re-enter this schema, i.e. its subtree contains a cycle.
 * Exported for `z.compile`, which refuses to compile such a schema: cycle
 * breaking is driven from here off state keyed on the parse context, and a
 * generated fast path has no context to key on.
 */
function isRecursiveSchema(inst) {
    // z.compile never parses, so nothing would ever resolve a lazy for it; it runs once and already treats a throw here as recursive
    return isRecursive(inst, new Set(), true) !== NONE;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const memoizer_open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        memoizer_open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set(), false);
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = memoizer_open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = memoizer_open.length > depth ? memoizer_open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/regexes.js

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** Implements ISO 8601-2 extensions like explicit +- prefixes, mixing weeks with other units, and fractional/negative components. */
const extendedDuration = /^[-+]?P(?!$)(?:(?:[-+]?\d+Y)|(?:[-+]?\d+[.,]\d+Y$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:(?:[-+]?\d+W)|(?:[-+]?\d+[.,]\d+W$))?(?:(?:[-+]?\d+D)|(?:[-+]?\d+[.,]\d+D$))?(?:T(?=[\d+-])(?:(?:[-+]?\d+H)|(?:[-+]?\d+[.,]\d+H$))?(?:(?:[-+]?\d+M)|(?:[-+]?\d+[.,]\d+M$))?(?:[-+]?\d+(?:[.,]\d+)?S)?)??$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
const uuid4 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(4)));
const uuid6 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(6)));
const uuid7 = /*@__PURE__*/ (/* unused pure expression or super */ null && (uuid(7)));
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
/** Equivalent to the HTML5 input[type=email] validation implemented by browsers. Source: https://developer.mozilla.org/en-US/docs/Web/HTML/Element/input/email */
const html5Email = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The classic emailregex.com regex for RFC 5322-compliant emails */
const rfc5322Email = /^(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;
/** A loose regex that allows Unicode characters, enforces length limits, and that's about it. */
const unicodeEmail = /^[^\s@"]{1,64}@[^\s@]{1,255}$/u;
const idnEmail = (/* unused pure expression or super */ null && (unicodeEmail));
const browserEmail = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const mac = (delimiter) => {
    const escapedDelim = util.escapeRegex(delimiter ?? ":");
    return new RegExp(`^(?:[0-9A-F]{2}${escapedDelim}){5}[0-9A-F]{2}$|^(?:[0-9a-f]{2}${escapedDelim}){5}[0-9a-f]{2}$`);
};
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
// based on https://stackoverflow.com/questions/106179/regular-expression-to-match-dns-hostname-or-ip-address
// export const hostname: RegExp = /^([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$/;
const hostname = /^(?=.{1,253}\.?$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-0-9a-zA-Z]{0,61}[0-9a-zA-Z])?)*\.?$/;
const domain = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
// Credit card shape: 12–19 digits, optionally separated by single spaces or single hyphens. ISO/IEC 7812 caps the PAN at 19 digits; 12 is the shortest issued length (Maestro).
const creditCard = /^\d(?:[ -]?\d){11,18}$/;
// ISO 4217 alpha codes from the SIX list, regenerated by scripts/update-iso-4217.ts
const currencyCode = /^(?:AED|AFN|ALL|AMD|AOA|ARS|AUD|AWG|AZN|BAM|BBD|BDT|BHD|BIF|BMD|BND|BOB|BOV|BRL|BSD|BTN|BWP|BYN|BZD|CAD|CDF|CHE|CHF|CHW|CLF|CLP|CNY|COP|COU|CRC|CUP|CVE|CZK|DJF|DKK|DOP|DZD|EGP|ERN|ETB|EUR|FJD|FKP|GBP|GEL|GHS|GIP|GMD|GNF|GTQ|GYD|HKD|HNL|HTG|HUF|IDR|ILS|INR|IQD|IRR|ISK|JMD|JOD|JPY|KES|KGS|KHR|KMF|KPW|KRW|KWD|KYD|KZT|LAK|LBP|LKR|LRD|LSL|LYD|MAD|MDL|MGA|MKD|MMK|MNT|MOP|MRU|MUR|MVR|MWK|MXN|MXV|MYR|MZN|NAD|NGN|NIO|NOK|NPR|NZD|OMR|PAB|PEN|PGK|PHP|PKR|PLN|PYG|QAR|RON|RSD|RUB|RWF|SAR|SBD|SCR|SDG|SEK|SGD|SHP|SLE|SOS|SRD|SSP|STN|SVC|SYP|SZL|THB|TJS|TMT|TND|TOP|TRY|TTD|TWD|TZS|UAH|UGX|USD|USN|UYI|UYU|UYW|UZS|VED|VES|VND|VUV|WST|XAD|XAF|XAG|XAU|XBA|XBB|XBC|XBD|XCD|XCG|XDR|XOF|XPD|XPF|XPT|XSU|XTS|XUA|XXX|YER|ZAR|ZMW|ZWG)$/;
// iban electronic format: 2-letter country, check digits 02-98 (the only values `98 - remainder` can produce), 11-30 bban characters
const iban = /^[A-Z]{2}(?!00|01|99)\d{2}[A-Z0-9]{11,30}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
 * esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
 * will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function regexes_anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ regexes_anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const string = (params) => {
    const regex = params ? `[\\s\\S]{${params?.minimum ?? 0},${params?.maximum ?? ""}}` : `[\\s\\S]*`;
    return new RegExp(`^${regex}$`);
};
const bigint = /^-?\d+n?$/;
const integer = /^-?\d+$/;
const number = /^-?\d+(?:\.\d+)?$/;
const regexes_boolean = /^(?:true|false)$/i;
const _null = /^null$/i;

const _undefined = /^undefined$/i;

// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;
// regex for hexadecimal strings (any length)
const hex = /^[0-9a-fA-F]*$/;
// Hash regexes for different algorithms and encodings
// Helper function to create base64 regex with exact length and padding
function fixedBase64(bodyLength, padding) {
    return new RegExp(`^[A-Za-z0-9+/]{${bodyLength}}${padding}$`);
}
// Helper function to create base64url regex with exact length (no padding)
function fixedBase64url(length) {
    return new RegExp(`^[A-Za-z0-9_-]{${length}}$`);
}
// MD5 (16 bytes): base64 = 24 chars total (22 + "==")
const md5_hex = /^[0-9a-fA-F]{32}$/;
const md5_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(22, "==")));
const md5_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(22)));
// SHA1 (20 bytes): base64 = 28 chars total (27 + "=")
const sha1_hex = /^[0-9a-fA-F]{40}$/;
const sha1_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(27, "=")));
const sha1_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(27)));
// SHA256 (32 bytes): base64 = 44 chars total (43 + "=")
const sha256_hex = /^[0-9a-fA-F]{64}$/;
const sha256_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(43, "=")));
const sha256_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(43)));
// SHA384 (48 bytes): base64 = 64 chars total (no padding)
const sha384_hex = /^[0-9a-fA-F]{96}$/;
const sha384_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(64, "")));
const sha384_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(64)));
// SHA512 (64 bytes): base64 = 88 chars total (86 + "==")
const sha512_hex = /^[0-9a-fA-F]{128}$/;
const sha512_base64 = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64(86, "==")));
const sha512_base64url = /*@__PURE__*/ (/* unused pure expression or super */ null && (fixedBase64url(86)));

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/checks.js
// import { $ZodType } from "./schemas.js";



const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for size-based checks: run only on non-nullish values with a `size`. */
const _whenHasSize = (payload) => {
    const val = payload.value;
    return !util.nullish(val) && val.size !== undefined;
};
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : floatSafeRemainder(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckBigIntFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    const [minimum, maximum] = util.BIGINT_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (input < minimum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_small",
                minimum: minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "bigint",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
})));
const $ZodCheckMaxSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMaxSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size <= def.maximum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMinSize = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMinSize", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size >= def.minimum)
            return;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckSizeEquals = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckSizeEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasSize);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const size = input.size;
        if (size === def.size)
            return;
        const tooBig = size > def.size;
        payload.issues.push({
            origin: util.getSizableOrigin(input),
            ...(tooBig ? { code: "too_big", maximum: def.size } : { code: "too_small", minimum: def.size }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = getLengthableOrigin(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = escapeRegex(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
///////////////////////////////////
/////    $ZodCheckProperty    /////
///////////////////////////////////
function handleCheckPropertyResult(result, payload, property) {
    if (result.issues.length) {
        payload.issues.push(...prefixIssues(property, result.issues));
    }
}
const $ZodCheckProperty = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckProperty", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        const result = def.schema._zod.run({
            value: payload.value[def.property],
            issues: [],
        }, {});
        if (result instanceof Promise) {
            return result.then((result) => handleCheckPropertyResult(result, payload, def.property));
        }
        handleCheckPropertyResult(result, payload, def.property);
        return;
    };
})));
const $ZodCheckProperties = /*@__PURE__*/ $constructor("$ZodCheckProperties", (inst, def) => {
    $ZodCheck.init(inst, def);
    hide(inst, Symbol.iterator, function* () {
        yield inst;
    });
    // key and schema snapshotted together: reading one live and the other cached lets a later mutation of the caller's shape object pair a stale key with a missing schema
    let entries;
    inst._zod.check = (payload) => {
        // the base schema already typed the value, so only a nullish one is rejected here: the properties read on a primitive too, matching z.property() on a string's length
        if (payload.value == null) {
            payload.issues.push({ expected: "object", code: "invalid_type", input: payload.value, inst });
            return undefined;
        }
        entries ?? (entries = Reflect.ownKeys(def.shape).map((key) => [key, def.shape[key]]));
        const input = payload.value;
        let proms;
        for (const [key, schema] of entries) {
            const result = schema._zod.run({ value: input[key], issues: [] }, {});
            if (result instanceof Promise) {
                proms ?? (proms = []);
                proms.push(result.then((result) => handleCheckPropertyResult(result, payload, key)));
            }
            else {
                handleCheckPropertyResult(result, payload, key);
            }
        }
        if (proms)
            return Promise.all(proms).then(() => undefined);
        return undefined;
    };
});
const $ZodCheckMimeType = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCheckMimeType", (inst, def) => {
    $ZodCheck.init(inst, def);
    const mimeSet = new Set(def.mime);
    inst._zod.check = (payload) => {
        if (mimeSet.has(payload.value.type))
            return;
        payload.issues.push({
            code: "invalid_value",
            values: def.mime,
            input: payload.value.type,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/doc.js
class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/versions.js
const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/schemas.js







const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}

const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMAC", (inst, def) => {
    def.pattern ?? (def.pattern = regexes.mac(def.delimiter));
    $ZodStringFormat.init(inst, def);
})));
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodCreditCard   //////////////////////////////
const CC_SANITIZE = /[- ]/g;
/** Luhn checksum on a digit-only string. Adapted from valibot (MIT). */
function isLuhnAlgo(digits) {
    let length = digits.length;
    let bit = 1;
    let sum = 0;
    while (length) {
        const value = digits.charCodeAt(--length) - 48;
        bit ^= 1;
        sum += bit ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][value] : value;
    }
    return sum % 10 === 0;
}
function isValidCreditCard(input) {
    if (!regexes.creditCard.test(input))
        return false;
    return isLuhnAlgo(input.replace(CC_SANITIZE, ""));
}
const $ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCreditCard", (inst, def) => {
    // Shape only — the Luhn check below is not expressible as a pattern, so consumers of `pattern` (JSON Schema, template literals) get the length and separator rules alone.
    def.pattern ?? (def.pattern = regexes.creditCard);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidCreditCard(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "credit_card",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodIBAN   //////////////////////////////
// iso 7064 mod 97-10 checksum without BigInt
function isIso7064Mod97(iban) {
    let remainder = 0;
    const len = iban.length;
    for (let i = 4; i < len; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    for (let i = 0; i < 4; i++) {
        const code = iban.charCodeAt(i);
        remainder = (code >= 65 ? remainder * 100 + (code - 55) : remainder * 10 + (code - 48)) % 97;
    }
    return remainder === 1;
}
function isValidIBAN(input) {
    if (!regexes.iban.test(input))
        return false;
    return isIso7064Mod97(input);
}
const $ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodIBAN", (inst, def) => {
    // shape only — checksum is not expressible as a pattern
    def.pattern ?? (def.pattern = regexes.iban);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidIBAN(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "iban",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCustomStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (def.fn(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: def.format,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
})));
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes_boolean;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodBigInt = /*@__PURE__*/ $constructor("$ZodBigInt", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = bigint;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = BigInt(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "bigint")
            return payload;
        payload.issues.push({
            expected: "bigint",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodBigIntFormat", (inst, def) => {
    checks.$ZodCheckBigIntFormat.init(inst, def);
    $ZodBigInt.init(inst, def); // no format checks
})));
const $ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSymbol", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "symbol")
            return payload;
        payload.issues.push({
            expected: "symbol",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodUndefined", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = regexes.undefined;
    inst._zod.values = new Set([undefined]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "undefined",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodNull = /*@__PURE__*/ $constructor("$ZodNull", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = _null;
    inst._zod.values = new Set([null]);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (input === null)
            return payload;
        payload.issues.push({
            expected: "null",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodAny", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
})));
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodVoid", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (typeof input === "undefined")
            return payload;
        payload.issues.push({
            expected: "void",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodDate = /*@__PURE__*/ $constructor("$ZodDate", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce) {
            try {
                payload.value = new Date(payload.value);
            }
            catch (_err) { }
        }
        const input = payload.value;
        const isDate = input instanceof Date;
        const isValidDate = isDate && !Number.isNaN(input.getTime());
        if (isValidDate)
            return payload;
        payload.issues.push({
            expected: "date",
            code: "invalid_type",
            input,
            ...(isDate ? { received: "Invalid Date" } : {}),
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
const mapSize = (input) => (input instanceof Map ? input.size : -1);
const setSize = (input) => (input instanceof Set ? input.size : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    util_assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject = util_isObject;
    const catchall = def.catchall;
    let value;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = cached(() => normalizeDef(def));
    const memo = globalConfig.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject = util_isObject;
    const jit = !globalConfig.jitless;
    const allowsEval = util_allowsEval;
    const fastEnabled = jit && allowsEval.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function handleExclusiveUnionResults(results, final, inst, ctx) {
    const matches = [];
    for (let i = 0; i < results.length; i++) {
        if (results[i].issues.length === 0)
            matches.push(i);
    }
    if (matches.length === 1) {
        final.value = results[matches[0]].value;
        return final;
    }
    if (matches.length === 0) {
        // No matches - same as regular union
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: results.map((result) => result.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config()))),
        });
    }
    else {
        // Multiple matches - exclusive union failure
        final.issues.push({
            code: "invalid_union",
            input: final.value,
            inst,
            errors: [],
            inclusive: false,
            matches,
        });
    }
    return final;
}
const $ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodXor", (inst, def) => {
    $ZodUnion.init(inst, def);
    def.inclusive = false;
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                results.push(result);
            }
        }
        if (!async)
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleExclusiveUnionResults(results, payload, inst, ctx);
        });
    };
})));
/** Returns the option whose discriminator claims `value`, or throws if ambiguous. */
function getDiscriminatedOption(union, value) {
    const internals = union._zod;
    let map = internals.bag.optionsMap;
    if (!map) {
        map = discriminatorMap(internals.def);
        internals.bag.optionsMap = map;
    }
    const option = map.get(value);
    if (option === null)
        throw new Error(`Ambiguous discriminator value "${String(value)}"`);
    return option;
}
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    util_assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util_isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
});
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodTuple = /*@__PURE__*/ $constructor("$ZodTuple", (inst, def) => {
    $ZodType.init(inst, def);
    const items = def.items;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                input,
                inst,
                expected: "tuple",
                code: "invalid_type",
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, [], ctx) : [];
        const proms = [];
        const optinStart = getTupleOptStart(items, "optin");
        const optoutStart = getTupleOptStart(items, "optout");
        if (!def.rest) {
            if (input.length < optinStart) {
                payload.issues.push({
                    code: "too_small",
                    minimum: optinStart,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
                return payload;
            }
            if (input.length > items.length) {
                payload.issues.push({
                    code: "too_big",
                    maximum: items.length,
                    inclusive: true,
                    input,
                    inst,
                    origin: "array",
                });
            }
        }
        // Run every item in parallel, collecting results into an indexed array. The post-processing in `handleTupleResults` walks them in order so it can decide whether an absent optional-output error can truncate the tail or must be reported to preserve required output.
        const itemResults = new Array(items.length);
        // only tracked when there is a rest loop to skip
        const abortEarly = def.rest ? ctx?.abortEarly : undefined;
        let itemAborted = false;
        for (let i = 0; i < items.length; i++) {
            const r = items[i]._zod.run({ value: input[i], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((rr) => {
                    itemResults[i] = rr;
                }));
            }
            else {
                itemResults[i] = r;
                if (abortEarly && !itemAborted && r.issues.length)
                    itemAborted = aborted(r);
            }
        }
        // sound because rest is non-empty exactly when every fixed index is present, the one case handleTupleResults cannot discard an item's issues
        if (def.rest && !itemAborted) {
            let i = items.length - 1;
            const rest = input.slice(items.length);
            let seen = payload.issues.length;
            for (const el of rest) {
                if (abortEarly && payload.issues.length !== seen) {
                    if (aborted(payload, seen))
                        break;
                    seen = payload.issues.length;
                }
                i++;
                const result = def.rest._zod.run({ value: el, issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((r) => handleTupleResult(r, payload, i)));
                }
                else {
                    handleTupleResult(result, payload, i);
                }
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => handleTupleResults(itemResults, payload, items, input, optoutStart));
        }
        return handleTupleResults(itemResults, payload, items, input, optoutStart);
    };
});
function getTupleOptStart(items, key) {
    for (let i = items.length - 1; i >= 0; i--) {
        // optin is a three-rung ladder so any rung above `undefined` permits an absent slot; optout stays two-valued.
        const omittable = key === "optin" ? items[i]._zod.optin !== undefined : items[i]._zod.optout === "optional";
        if (!omittable)
            return i + 1;
    }
    return 0;
}
function handleTupleResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
function handleTupleResults(itemResults, final, items, input, optoutStart) {
    // Walk results in order. Mirror $ZodObject's swallow-on-absent-optional rule, but only after `optoutStart`: the first index where the output tuple tail can be absent.
    for (let i = 0; i < items.length; i++) {
        const r = itemResults[i];
        const isPresent = i < input.length;
        // The array analog of `handlePropertyResult`'s absent-key early return: the middle rung permits absence without supplying anything in its place, so the tail truncates here instead of materializing whatever the item made of `undefined`.
        if (!isPresent && i >= optoutStart && items[i]._zod.optin === "optional") {
            final.value.length = i;
            break;
        }
        if (r.issues.length) {
            if (!isPresent && i >= optoutStart) {
                final.value.length = i;
                break;
            }
            final.issues.push(...prefixIssues(i, r.issues));
        }
        final.value[i] = r.value;
    }
    // Drop trailing slots that produced `undefined` for absent input
    // (the array analog of an absent optional key on an object). The
    // `i >= input.length` floor is critical: an explicit `undefined`
    // *inside* the input must be preserved even when the schema is
    // optional-out (e.g. `z.string().or(z.undefined())` accepting an
    // explicit undefined value).
    for (let i = final.value.length - 1; i >= input.length; i--) {
        if (items[i]._zod.optout === "optional" && final.value[i] === undefined) {
            final.value.length = i;
        }
        else {
            break;
        }
    }
    return final;
}
const $ZodRecord = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!util.isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...util.prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...util.prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && regexes.number.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...util.prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...util.prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
})));
const $ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodMap", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Map)) {
            payload.issues.push({
                expected: "map",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Map(), ctx) : new Map();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const [key, value] of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
            const valueResult = def.valueType._zod.run({ value: value, issues: [] }, ctx);
            if (keyResult instanceof Promise || valueResult instanceof Promise) {
                proms.push(Promise.all([keyResult, valueResult]).then(([keyResult, valueResult]) => {
                    handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
                }));
            }
            else {
                handleMapResult(keyResult, valueResult, payload, key, input, inst, ctx);
            }
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, mapSize);
})));
function handleMapResult(keyResult, valueResult, final, key, input, inst, ctx) {
    if (keyResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, keyResult.issues));
        }
        else {
            final.issues.push({
                code: "invalid_key",
                origin: "map",
                input,
                inst,
                issues: keyResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    if (valueResult.issues.length) {
        if (util.propertyKeyTypes.has(typeof key)) {
            final.issues.push(...util.prefixIssues(key, valueResult.issues));
        }
        else {
            final.issues.push({
                origin: "map",
                code: "invalid_element",
                input,
                inst,
                key: key,
                issues: valueResult.issues.map((iss) => util.finalizeIssue(iss, ctx, core.config())),
            });
        }
    }
    final.value.set(keyResult.value, valueResult.value);
}
const $ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSet", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = core.globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!(input instanceof Set)) {
            payload.issues.push({
                input,
                inst,
                expected: "set",
                code: "invalid_type",
            });
            return payload;
        }
        const proms = [];
        payload.value = memo ? memo.alloc(inst, payload, new Set(), ctx) : new Set();
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const item of input) {
            if (abortEarly && payload.issues.length !== seen) {
                if (util.aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            const result = def.valueType._zod.run({ value: item, issues: [] }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleSetResult(result, payload)));
            }
            else
                handleSetResult(result, payload);
        }
        if (proms.length)
            return Promise.all(proms).then(() => payload);
        return payload;
    };
    capSize(inst, setSize);
})));
function handleSetResult(result, final) {
    if (result.issues.length) {
        final.issues.push(...result.issues);
    }
    final.value.add(result.value);
}
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFile", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        // @ts-ignore
        if (input instanceof File)
            return payload;
        payload.issues.push({
            expected: "file",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
})));
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
const $ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodSuccess", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new core.$ZodEncodeError("ZodSuccess");
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => {
                payload.value = result.issues.length === 0;
                return payload;
            });
        }
        payload.value = result.issues.length === 0;
        return payload;
    };
})));
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodNaN", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "number" || !Number.isNaN(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "nan",
                code: "invalid_type",
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodCodec", (inst, def) => {
    $ZodType.init(inst, def);
    util.defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    util.defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    util.defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        const direction = ctx.direction || "forward";
        if (direction === "forward") {
            const left = def.in._zod.run(payload, ctx);
            if (left instanceof Promise) {
                return left.then((left) => handleCodecAResult(left, def, ctx));
            }
            return handleCodecAResult(left, def, ctx);
        }
        else {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handleCodecAResult(right, def, ctx));
            }
            return handleCodecAResult(right, def, ctx);
        }
    };
})));
function handleCodecAResult(result, def, ctx) {
    if (result.issues.length) {
        // prevent further checks
        result.aborted = true;
        return result;
    }
    const direction = ctx.direction || "forward";
    if (direction === "forward") {
        const transformed = def.transform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.out, ctx));
        }
        return handleCodecTxResult(result, transformed, def.out, ctx);
    }
    else {
        const transformed = def.reverseTransform(result.value, result);
        if (transformed instanceof Promise) {
            return transformed.then((value) => handleCodecTxResult(result, value, def.in, ctx));
        }
        return handleCodecTxResult(result, transformed, def.in, ctx);
    }
}
function handleCodecTxResult(left, value, nextSchema, ctx) {
    // Check if transform added any issues
    if (left.issues.length) {
        left.aborted = true;
        return left;
    }
    return nextSchema._zod.run({ value, issues: left.issues }, ctx);
}
const $ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPreprocess", (inst, def) => {
    $ZodPipe.init(inst, def);
})));
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
// a leaf's pattern source with its own checks folded in: the last pattern-carrying check wins, else length bounds narrow the catch-all, else an integer format narrows the number form. the fold lives here instead of on `_zod.pattern` so a bundle without template literals never pays for it
function leafPattern(schema) {
    const def = schema._zod.def;
    let pattern = def.pattern;
    let isInt = !!def.format?.includes("int");
    let minimum;
    let maximum;
    for (const ch of def.checks ?? []) {
        const d = ch._zod.def;
        if (d.pattern)
            pattern = d.pattern;
        isInt || (isInt = !!d.format?.includes("int"));
        const lo = d.minimum ?? d.length;
        const hi = d.maximum ?? d.length;
        if (lo !== undefined && (minimum === undefined || lo > minimum))
            minimum = lo;
        if (hi !== undefined && (maximum === undefined || hi < maximum))
            maximum = hi;
    }
    if (pattern)
        return pattern.source;
    // an empty range matches nothing at runtime, and `{8,5}` is not a legal quantifier
    if (minimum !== undefined && maximum !== undefined && minimum > maximum)
        return "(?!)";
    if (minimum !== undefined || maximum !== undefined)
        return regexes.string({ minimum, maximum }).source;
    const own = schema._zod.pattern;
    return (isInt && own === regexes.number ? regexes.integer : own)?.source;
}
// a part's pattern source. a wrapper's pattern embeds its inner pattern's source verbatim, so the folded form is substituted in place without knowing the wrapper's own composition; a union's options are joined the way the union builds its own pattern
function partPattern(schema) {
    const def = schema._zod.def;
    const own = schema._zod.pattern?.source;
    // lazy resolves its inner on the internals, not the def
    const inner = def.innerType ?? schema._zod.innerType;
    if (inner) {
        const before = inner._zod.pattern?.source;
        const after = partPattern(inner);
        if (own && before && after && after !== before) {
            return own.replace(util.cleanRegex(before), () => util.cleanRegex(after));
        }
        return own;
    }
    if (def.options) {
        const sources = def.options.map(partPattern);
        if (sources.every(Boolean))
            return `^(${sources.map((s) => util.cleanRegex(s)).join("|")})$`;
    }
    return leafPattern(schema);
}
const $ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodTemplateLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const regexParts = [];
    for (const part of def.parts) {
        if (typeof part === "object" && part !== null) {
            // is Zod schema
            const source = partPattern(part);
            if (!source) {
                throw new Error(`Invalid template literal part, no pattern found: ${[...part._zod.traits].shift()}`);
            }
            regexParts.push(util.cleanRegex(source));
        }
        else if (part === null || util.primitiveTypes.has(typeof part)) {
            regexParts.push(util.escapeRegex(`${part}`));
        }
        else {
            throw new Error(`Invalid template literal part: ${part}`);
        }
    }
    inst._zod.pattern = new RegExp(`^${regexParts.join("")}$`);
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "string") {
            payload.issues.push({
                input: payload.value,
                inst,
                expected: "string",
                code: "invalid_type",
            });
            return payload;
        }
        inst._zod.pattern.lastIndex = 0;
        if (!inst._zod.pattern.test(payload.value)) {
            payload.issues.push({
                input: payload.value,
                inst,
                code: "invalid_format",
                format: def.format ?? "template_literal",
                pattern: inst._zod.pattern.source,
            });
            return payload;
        }
        return payload;
    };
})));
const $ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodFunction", (inst, def) => {
    $ZodType.init(inst, def);
    // Defined, not assigned: the classic prototype exposes `_def` as a getter with no setter.
    Object.defineProperty(inst, "_def", { value: def });
    inst._zod.def = def;
    inst.implement = (func) => {
        if (typeof func !== "function") {
            throw new Error("implement() must be called with a function");
        }
        // Defined inline so the closure stays anonymous: binding it to a `const` first names it, which costs 256 bytes per implemented function.
        return Object.defineProperty(function (...args) {
            const parsedArgs = inst._def.input ? parse(inst._def.input, args) : args;
            const result = Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return parse(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst.implementAsync = (func) => {
        if (typeof func !== "function") {
            throw new Error("implementAsync() must be called with a function");
        }
        return Object.defineProperty(async function (...args) {
            const parsedArgs = inst._def.input ? await parseAsync(inst._def.input, args) : args;
            const result = await Reflect.apply(func, this, parsedArgs);
            if (inst._def.output) {
                return await parseAsync(inst._def.output, result);
            }
            return result;
        }, "_zod", { value: inst._zod, enumerable: false });
    };
    inst._zod.parse = (payload, _ctx) => {
        if (typeof payload.value !== "function") {
            payload.issues.push({
                code: "invalid_type",
                expected: "function",
                input: payload.value,
                inst,
            });
            return payload;
        }
        // Check if output is a promise type to determine if we should use async implementation
        const hasPromiseOutput = inst._def.output && inst._def.output._zod.def.type === "promise";
        if (hasPromiseOutput) {
            payload.value = inst.implementAsync(payload.value);
        }
        else {
            payload.value = inst.implement(payload.value);
        }
        return payload;
    };
    inst.input = (...args) => {
        const F = inst.constructor;
        if (Array.isArray(args[0])) {
            return new F({
                type: "function",
                input: new $ZodTuple({
                    type: "tuple",
                    items: args[0],
                    rest: args[1],
                }),
                output: inst._def.output,
            });
        }
        return new F({
            type: "function",
            input: args[0],
            output: inst._def.output,
        });
    };
    inst.output = (output) => {
        const F = inst.constructor;
        return new F({
            type: "function",
            input: inst._def.input,
            output,
        });
    };
    return inst;
})));
const $ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodPromise", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        return Promise.resolve(payload.value).then((inner) => def.innerType._zod.run({ value: inner, issues: [] }, ctx));
    };
})));
const $ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("$ZodLazy", (inst, def) => {
    $ZodType.init(inst, def);
    // Cache the resolved inner type on the shared `def` so all clones of this lazy (e.g. via `.describe()`/`.meta()`) share the same inner instance, preserving identity for cycle detection on recursive schemas.
    util.defineLazy(inst._zod, "innerType", () => {
        const d = def;
        if (!d._cachedInner)
            d._cachedInner = def.getter();
        return d._cachedInner;
    });
    util.defineLazyInternal(inst, "pattern", (zod) => zod.innerType?._zod?.pattern);
    util.defineLazyInternal(inst, "propValues", (zod) => zod.innerType?._zod?.propValues);
    util.defineLazyInternal(inst, "optin", (zod) => zod.innerType?._zod?.optin ?? undefined);
    util.defineLazyInternal(inst, "optout", (zod) => zod.innerType?._zod?.optout ?? undefined);
    inst._zod.parse = (payload, ctx) => {
        const inner = inst._zod.innerType;
        return inner._zod.run(payload, ctx);
    };
})));
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(util_issue(_iss));
    }
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/registries.js
var registries_a;
const $output = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodOutput")));
const $input = /*@__PURE__*/ (/* unused pure expression or super */ null && (Symbol("ZodInput")));
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(registries_a = globalThis).__zod_globalRegistry ?? (registries_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/api.js




function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedString(Class, params) {
    return new Class(snapshotChecks({ type: "string", coerce: true, ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mac(Class, params) {
    return new Class({
        type: "string",
        format: "mac",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _creditCard(Class, params) {
    return new Class({
        type: "string",
        format: "credit_card",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _iban(Class, params) {
    return new Class({
        type: "string",
        format: "iban",
        check: "string_format",
        abort: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
const TimePrecision = {
    Any: null,
    Minute: -1,
    Second: 0,
    Millisecond: 3,
    Microsecond: 6,
};
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _coercedNumber(Class, params) {
    return new Class(snapshotChecks({ type: "number", coerce: true, checks: [], ...util.normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _float64(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "float64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "int32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint32(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "uint32",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBoolean(Class, params) {
    return new Class({
        type: "boolean",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _bigint(Class, params) {
    return new Class({
        type: "bigint",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedBigint(Class, params) {
    return new Class({
        type: "bigint",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _int64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "int64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uint64(Class, params) {
    return new Class({
        type: "bigint",
        check: "bigint_format",
        abort: false,
        format: "uint64",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _symbol(Class, params) {
    return new Class({
        type: "symbol",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_undefined(Class, params) {
    return new Class({
        type: "undefined",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function api_null(Class, params) {
    return new Class({
        type: "null",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _any(Class) {
    return new Class({
        type: "any",
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _void(Class, params) {
    return new Class({
        type: "void",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _date(Class, params) {
    return new Class({
        type: "date",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _coercedDate(Class, params) {
    return new Class({
        type: "date",
        coerce: true,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nan(Class, params) {
    return new Class({
        type: "nan",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}

// @__NO_SIDE_EFFECTS__
function _positive(params) {
    return _gt(0, params);
}
// negative
// @__NO_SIDE_EFFECTS__
function _negative(params) {
    return _lt(0, params);
}
// nonpositive
// @__NO_SIDE_EFFECTS__
function _nonpositive(params) {
    return _lte(0, params);
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...normalizeParams(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxSize(maximum, params) {
    return new checks.$ZodCheckMaxSize({
        check: "max_size",
        ...util.normalizeParams(params),
        maximum,
    });
}
// @__NO_SIDE_EFFECTS__
function _minSize(minimum, params) {
    return new checks.$ZodCheckMinSize({
        check: "min_size",
        ...util.normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _size(size, params) {
    return new checks.$ZodCheckSizeEquals({
        check: "size_equals",
        ...util.normalizeParams(params),
        size,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...normalizeParams(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...normalizeParams(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...normalizeParams(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _property(property, schema, params) {
    return new checks.$ZodCheckProperty({
        check: "property",
        property,
        schema,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _properties(shape, params) {
    return new $ZodCheckProperties({
        check: "properties",
        shape,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _mime(types, params) {
    return new checks.$ZodCheckMimeType({
        check: "mime_type",
        mime: types,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _union(Class, options, params) {
    return new Class({
        type: "union",
        options,
        ...util.normalizeParams(params),
    });
}
function _xor(Class, options, params) {
    return new Class({
        type: "union",
        options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _discriminatedUnion(Class, discriminator, options, params) {
    return new Class({
        type: "union",
        options: options,
        discriminator,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _intersection(Class, left, right) {
    return new Class({
        type: "intersection",
        left,
        right,
    });
}
// export function _tuple(
//   Class: util.SchemaClass<schemas.$ZodTuple>,
//   items: [],
//   params?: string | $ZodTupleParams
// ): schemas.$ZodTuple<[], null>;
// @__NO_SIDE_EFFECTS__
function _tuple(Class, items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof schemas.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new Class({
        type: "tuple",
        items,
        rest,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _record(Class, keyType, valueType, params) {
    return new Class({
        type: "record",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _map(Class, keyType, valueType, params) {
    return new Class({
        type: "map",
        keyType,
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _set(Class, valueType, params) {
    return new Class({
        type: "set",
        valueType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _enum(Class, values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    // if (Array.isArray(values)) {
    //   for (const value of values) {
    //     entries[value] = value;
    //   }
    // } else {
    //   Object.assign(entries, values);
    // }
    // const entries: util.EnumLike = {};
    // for (const val of values) {
    //   entries[val] = val;
    // }
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function _nativeEnum(Class, entries, params) {
    return new Class({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _literal(Class, value, params) {
    return new Class({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _file(Class, params) {
    return new Class({
        type: "file",
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _transform(Class, fn) {
    return new Class({
        type: "transform",
        transform: fn,
    });
}
// @__NO_SIDE_EFFECTS__
function _optional(Class, innerType) {
    return new Class({
        type: "optional",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _nullable(Class, innerType) {
    return new Class({
        type: "nullable",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _default(Class, innerType, defaultValue) {
    return new Class({
        type: "default",
        innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : util.shallowClone(defaultValue);
        },
    });
}
// @__NO_SIDE_EFFECTS__
function _nonoptional(Class, innerType, params) {
    return new Class({
        type: "nonoptional",
        innerType,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _success(Class, innerType) {
    return new Class({
        type: "success",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _catch(Class, innerType, catchValue) {
    return new Class({
        type: "catch",
        innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : util.constantCatch(catchValue)),
    });
}
// @__NO_SIDE_EFFECTS__
function _pipe(Class, in_, out) {
    return new Class({
        type: "pipe",
        in: in_,
        out,
    });
}
// @__NO_SIDE_EFFECTS__
function _readonly(Class, innerType) {
    return new Class({
        type: "readonly",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _templateLiteral(Class, parts, params) {
    return new Class({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lazy(Class, getter) {
    return new Class({
        type: "lazy",
        getter,
    });
}
// @__NO_SIDE_EFFECTS__
function _promise(Class, innerType) {
    return new Class({
        type: "promise",
        innerType,
    });
}
// @__NO_SIDE_EFFECTS__
function _custom(Class, fn, _params) {
    const norm = util.normalizeParams(_params);
    norm.abort ?? (norm.abort = true); // default to abort:false
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...norm,
    });
    return schema;
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...normalizeParams(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(util_issue(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
// @__NO_SIDE_EFFECTS__
function describe(description) {
    const ch = new $ZodCheck({ check: "describe" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, description });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function meta(metadata) {
    const ch = new $ZodCheck({ check: "meta" });
    ch._zod.onattach = [
        (inst) => {
            const existing = globalRegistry.get(inst) ?? {};
            globalRegistry.add(inst, { ...existing, ...metadata });
        },
    ];
    ch._zod.check = () => { }; // no-op check
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _stringbool(Classes, _params) {
    const params = util.normalizeParams(_params);
    let truthyArray = params.truthy ?? ["true", "1", "yes", "on", "y", "enabled"];
    let falsyArray = params.falsy ?? ["false", "0", "no", "off", "n", "disabled"];
    if (params.case !== "sensitive") {
        truthyArray = truthyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
        falsyArray = falsyArray.map((v) => (typeof v === "string" ? v.toLowerCase() : v));
    }
    const truthySet = new Set(truthyArray);
    const falsySet = new Set(falsyArray);
    const _Codec = Classes.Codec ?? schemas.$ZodCodec;
    const _Boolean = Classes.Boolean ?? schemas.$ZodBoolean;
    const _String = Classes.String ?? schemas.$ZodString;
    const stringSchema = new _String({ type: "string", error: params.error });
    const booleanSchema = new _Boolean({ type: "boolean", error: params.error });
    const codec = new _Codec({
        type: "pipe",
        in: stringSchema,
        out: booleanSchema,
        transform: ((input, payload) => {
            let data = input;
            if (params.case !== "sensitive")
                data = data.toLowerCase();
            if (truthySet.has(data)) {
                return true;
            }
            else if (falsySet.has(data)) {
                return false;
            }
            else {
                payload.issues.push({
                    code: "invalid_value",
                    expected: "stringbool",
                    values: [...truthySet, ...falsySet],
                    input: payload.value,
                    inst: codec,
                    continue: false,
                });
                return {};
            }
        }),
        reverseTransform: ((input, _payload) => {
            if (input === true) {
                return truthyArray[0] || "true";
            }
            else {
                return falsyArray[0] || "false";
            }
        }),
        error: params.error,
    });
    codec._zod.bag.truthy = truthyArray;
    codec._zod.bag.falsy = falsyArray;
    codec._zod.bag.case = params.case ?? "insensitive";
    return codec;
}
// @__NO_SIDE_EFFECTS__
function _stringFormat(Class, format, fnOrRegex, _params = {}) {
    const params = util.normalizeParams(_params);
    const def = {
        check: "string_format",
        type: "string",
        format,
        fn: typeof fnOrRegex === "function" ? fnOrRegex : (val) => fnOrRegex.test(val),
        ...params,
    };
    if (fnOrRegex instanceof RegExp) {
        def.pattern = fnOrRegex;
    }
    const inst = new Class(def);
    return inst;
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/to-json-schema.js


function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                util_assignProp(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function to_json_schema_initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function to_json_schema_processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            to_json_schema_processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
/** @deprecated Renamed to `processSchema`. An export alias declares no binding, so it is safe to keep. */

// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function to_json_schema_extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            util_assignProp(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function to_json_schema_finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") {
        // OpenAPI 3.0 schema objects should not include a $schema property
    }
    else {
        // Arbitrary string values are allowed but won't have a $schema property set
    }
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                util_assignProp(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) {
    }
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = to_json_schema_initializeContext({ ...params, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = to_json_schema_initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    to_json_schema_processSchema(schema, ctx);
    to_json_schema_extractDefs(ctx, schema);
    return to_json_schema_finalize(ctx, schema);
};

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/json-schema-processors.js




const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(NUMBER_FORMAT_RANGES),
    bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const bigintProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "BigInt cannot be represented in JSON Schema");
};
const symbolProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Symbols cannot be represented in JSON Schema");
};
const nullProcessor = (_schema, ctx, json, _params) => {
    if (ctx.target === "openapi-3.0") {
        json.type = "string";
        json.nullable = true;
        json.enum = [null];
    }
    else {
        json.type = "null";
    }
};
const undefinedProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Undefined cannot be represented in JSON Schema");
};
const voidProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Void cannot be represented in JSON Schema");
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const anyProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const dateProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Date cannot be represented in JSON Schema");
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = getEnumValues(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) {
        // do nothing (an undefined literal was stripped)
    }
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const nanProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "NaN cannot be represented in JSON Schema");
};
const templateLiteralProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    const pattern = schema._zod.pattern;
    if (!pattern)
        throw new Error("Pattern not found in template literal");
    _json.type = "string";
    _json.pattern = pattern.source;
};
const fileProcessor = (schema, _ctx, json, _params) => {
    const _json = json;
    _json.type = "string";
    _json.format = "binary";
    _json.contentEncoding = "binary";
    const { minimum, maximum, mime } = aggregateChecks(schema);
    if (minimum !== undefined)
        _json.minLength = minimum;
    if (maximum !== undefined)
        _json.maxLength = maximum;
    if (!mime)
        return;
    // an empty intersection means the mime checks share no value, so nothing passes at runtime; `anyOf` must be non-empty, so the false schema is `not: {}`
    if (mime.length === 0)
        _json.not = {};
    else if (mime.length === 1)
        _json.contentMediaType = mime[0];
    // only contentMediaType differs, so the shared props stay at the root
    else
        _json.anyOf = mime.map((m) => ({ contentMediaType: m }));
};
const successProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const functionProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Function types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const mapProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Map cannot be represented in JSON Schema");
};
const setProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Set cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = to_json_schema_processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        util_assignProp(json.properties, key, to_json_schema_processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = to_json_schema_processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = to_json_schema_processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = to_json_schema_processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
const tupleProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "array";
    const prefixPath = ctx.target === "draft-2020-12" ? "prefixItems" : "items";
    const restPath = ctx.target === "draft-2020-12" ? "items" : ctx.target === "openapi-3.0" ? "items" : "additionalItems";
    const prefixItems = def.items.map((x, i) => to_json_schema_processSchema(x, ctx, {
        ...params,
        path: [...params.path, prefixPath, i],
    }));
    const rest = def.rest
        ? to_json_schema_processSchema(def.rest, ctx, {
            ...params,
            path: [...params.path, restPath, ...(ctx.target === "openapi-3.0" ? [def.items.length] : [])],
        })
        : null;
    let minItems = def.items.length;
    while (minItems > 0) {
        const item = def.items[minItems - 1];
        const optional = ctx.io === "input" ? inputOptin(item) !== undefined : item._zod.optout === "optional";
        if (!optional)
            break;
        minItems--;
    }
    const maxItems = def.items.length;
    const isClosed = !def.rest;
    if (ctx.target === "draft-2020-12") {
        json.prefixItems = prefixItems;
        if (isClosed) {
            json.items = false;
        }
        else if (rest) {
            json.items = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else if (ctx.target === "openapi-3.0") {
        json.items = {
            anyOf: prefixItems,
        };
        if (rest) {
            json.items.anyOf.push(rest);
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    else {
        json.items = prefixItems;
        if (isClosed) {
            json.additionalItems = false;
        }
        else if (rest) {
            json.additionalItems = rest;
        }
        if (minItems > 0)
            json.minItems = minItems;
        if (isClosed)
            json.maxItems = maxItems;
    }
    // explicit user-defined length checks take precedence
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            util_assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = to_json_schema_processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = to_json_schema_processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const promiseProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    to_json_schema_processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
const lazyProcessor = (schema, ctx, _json, params) => {
    const innerType = schema._zod.innerType;
    to_json_schema_processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
// ==================== ALL PROCESSORS ====================
const allProcessors = {
    string: stringProcessor,
    number: numberProcessor,
    boolean: booleanProcessor,
    bigint: bigintProcessor,
    symbol: symbolProcessor,
    null: nullProcessor,
    undefined: undefinedProcessor,
    void: voidProcessor,
    never: neverProcessor,
    any: anyProcessor,
    unknown: unknownProcessor,
    date: dateProcessor,
    enum: enumProcessor,
    literal: literalProcessor,
    nan: nanProcessor,
    template_literal: templateLiteralProcessor,
    file: fileProcessor,
    success: successProcessor,
    custom: customProcessor,
    function: functionProcessor,
    transform: transformProcessor,
    map: mapProcessor,
    set: setProcessor,
    array: arrayProcessor,
    object: objectProcessor,
    union: unionProcessor,
    intersection: intersectionProcessor,
    tuple: tupleProcessor,
    record: recordProcessor,
    nullable: nullableProcessor,
    nonoptional: nonoptionalProcessor,
    default: defaultProcessor,
    prefault: prefaultProcessor,
    catch: catchProcessor,
    pipe: pipeProcessor,
    readonly: readonlyProcessor,
    promise: promiseProcessor,
    optional: optionalProcessor,
    lazy: lazyProcessor,
};
function toJSONSchema(input, params) {
    if ("_idmap" in input) {
        // Registry case
        const registry = input;
        const ctx = initializeContext({ ...params, processors: allProcessors });
        const defs = {};
        // First pass: process all schemas to build the seen map
        for (const entry of registry._idmap.entries()) {
            const [_, schema] = entry;
            processSchema(schema, ctx);
        }
        const schemas = {};
        const external = {
            registry,
            uri: params?.uri,
            defs,
        };
        // Update the context with external configuration
        ctx.external = external;
        // Second pass: emit each schema
        for (const entry of registry._idmap.entries()) {
            const [key, schema] = entry;
            extractDefs(ctx, schema);
            assignProp(schemas, key, finalize(ctx, schema));
        }
        if (Object.keys(defs).length > 0) {
            const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
            schemas.__shared = {
                [defsSegment]: defs,
            };
        }
        return { schemas };
    }
    // Single schema case
    const ctx = initializeContext({ ...params, processors: allProcessors });
    processSchema(input, ctx);
    extractDefs(ctx, input);
    return finalize(ctx, input);
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/locales/en.js

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
/* harmony default export */ function en() {
    return {
        localeError: error(),
    };
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/errors.js


/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = $constructor("$ZodError", initializer);
const $ZodRealError = $constructor("$ZodError", initializer, undefined, {
    Parent: Error,
});
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}
function treeifyError(error, mapper = (issue) => issue.message) {
    const result = { errors: [] };
    const processError = (error, path = []) => {
        var _a;
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                // regular union error
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    result.errors.push(mapper(issue));
                    continue;
                }
                let curr = result;
                let i = 0;
                while (i < fullpath.length) {
                    const el = fullpath[i];
                    const terminal = i === fullpath.length - 1;
                    if (typeof el === "string") {
                        curr.properties ?? (curr.properties = {});
                        // el may collide with an inherited property name ("__proto__",
                        // "constructor", ...); ??= reads the prototype so the node is never
                        // created and curr.errors.push throws. Guard with hasOwnProperty and
                        // create the node with defineProperty so "__proto__" becomes a real
                        // own key rather than invoking the prototype setter.
                        if (!Object.prototype.hasOwnProperty.call(curr.properties, el)) {
                            Object.defineProperty(curr.properties, el, {
                                value: { errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        curr = curr.properties[el];
                    }
                    else {
                        curr.items ?? (curr.items = []);
                        (_a = curr.items)[el] ?? (_a[el] = { errors: [] });
                        curr = curr.items[el];
                    }
                    if (terminal) {
                        curr.errors.push(mapper(issue));
                    }
                    i++;
                }
            }
        }
    };
    processError(error);
    return result;
}
/** Format a ZodError as a human-readable string in the following form.
 *
 * From
 *
 * ```ts
 * ZodError {
 *   issues: [
 *     {
 *       expected: 'string',
 *       code: 'invalid_type',
 *       path: [ 'username' ],
 *       message: 'Invalid input: expected string'
 *     },
 *     {
 *       expected: 'number',
 *       code: 'invalid_type',
 *       path: [ 'favoriteNumbers', 1 ],
 *       message: 'Invalid input: expected number'
 *     }
 *   ];
 * }
 * ```
 *
 * to
 *
 * ```
 * username
 *   ✖ Expected number, received string at "username
 * favoriteNumbers[0]
 *   ✖ Invalid input: expected number
 * ```
 */
function toDotPath(_path) {
    const segs = [];
    const path = _path.map((seg) => (typeof seg === "object" ? seg.key : seg));
    for (const seg of path) {
        if (typeof seg === "number")
            segs.push(`[${seg}]`);
        else if (typeof seg === "symbol")
            segs.push(`[${JSON.stringify(String(seg))}]`);
        else if (/[^\w$]/.test(seg))
            segs.push(`[${JSON.stringify(seg)}]`);
        else {
            if (segs.length)
                segs.push(".");
            segs.push(seg);
        }
    }
    return segs.join("");
}
function prettifyError(error) {
    const lines = [];
    // sort by path length
    const issues = [...error.issues].sort((a, b) => (a.path ?? []).length - (b.path ?? []).length);
    // Process each issue
    for (const issue of issues) {
        lines.push(`✖ ${issue.message}`);
        if (issue.path?.length)
            lines.push(`  → at ${toDotPath(issue.path)}`);
    }
    // Convert Map to formatted string
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./node_modules/zod/v4/core/parse.js



// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse_parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const parse_validateAsync = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const encode = /* @__PURE__*/ _encode($ZodRealError);
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decode = /* @__PURE__*/ _decode($ZodRealError);
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const encodeAsync = /* @__PURE__*/ _encodeAsync($ZodRealError);
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const decodeAsync = /* @__PURE__*/ _decodeAsync($ZodRealError);
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const safeEncode = /* @__PURE__*/ _safeEncode($ZodRealError);
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const safeDecode = /* @__PURE__*/ _safeDecode($ZodRealError);
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const safeEncodeAsync = /* @__PURE__*/ _safeEncodeAsync($ZodRealError);
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};
const safeDecodeAsync = /* @__PURE__*/ _safeDecodeAsync($ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/errors.js



/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const errors_initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodError = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodError", errors_initializer)));
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", errors_initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/parse.js


const classic_parse_parse = /* @__PURE__ */ _parse(ZodRealError);
const classic_parse_parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const parse_safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const parse_safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);

// Codec functions
const parse_encode = /* @__PURE__ */ _encode(ZodRealError);
const parse_decode = /* @__PURE__ */ _decode(ZodRealError);
const parse_encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const parse_decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const parse_safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const parse_safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const parse_safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const parse_safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/schemas.js








// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!globalConfig.localeError)
        config(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!globalConfig.memoizer)
        config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(mergeDefs(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return clone(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return schemas_default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return schemas_catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return hide(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return classic_parse_parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await classic_parse_parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return parse_safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return parse_safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        own(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return parse_validateAsync(this, data, params);
    },
    encode: function _encode(data, params) {
        return parse_encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return parse_decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await parse_encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await parse_decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return parse_safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return parse_safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return parse_safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return parse_safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(api_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(ZodISODuration, params));
    },
});
function schemas_string(params) {
    return _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_email(params) {
    return core._email(ZodEmail, params);
}
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_guid(params) {
    return core._guid(ZodGUID, params);
}
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_uuid(params) {
    return core._uuid(ZodUUID, params);
}
function uuidv4(params) {
    return core._uuidv4(ZodUUID, params);
}
// ZodUUIDv6
function uuidv6(params) {
    return core._uuidv6(ZodUUID, params);
}
// ZodUUIDv7
function uuidv7(params) {
    return core._uuidv7(ZodUUID, params);
}
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function url(params) {
    return core._url(ZodURL, params);
}
function httpUrl(params) {
    return core._url(ZodURL, {
        protocol: regexes.httpProtocol,
        hostname: regexes.domain,
        ...util.normalizeParams(params),
    });
}
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_emoji(params) {
    return core._emoji(ZodEmoji, params);
}
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_nanoid(params) {
    return core._nanoid(ZodNanoID, params);
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * Validates a CUID v1 string.
 *
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2 | `z.cuid2()`} instead.
 * See https://github.com/paralleldrive/cuid.
 */
function schemas_cuid(params) {
    return core._cuid(ZodCUID, params);
}
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cuid2(params) {
    return core._cuid2(ZodCUID2, params);
}
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ulid(params) {
    return core._ulid(ZodULID, params);
}
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_xid(params) {
    return core._xid(ZodXID, params);
}
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ksuid(params) {
    return core._ksuid(ZodKSUID, params);
}
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv4(params) {
    return core._ipv4(ZodIPv4, params);
}
const ZodMAC = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMAC", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodMAC.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_mac(params) {
    return core._mac(ZodMAC, params);
}
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_ipv6(params) {
    return core._ipv6(ZodIPv6, params);
}
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv4(params) {
    return core._cidrv4(ZodCIDRv4, params);
}
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_cidrv6(params) {
    return core._cidrv6(ZodCIDRv6, params);
}
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64(params) {
    return core._base64(ZodBase64, params);
}
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_base64url(params) {
    return core._base64url(ZodBase64URL, params);
}
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function schemas_e164(params) {
    return core._e164(ZodE164, params);
}
const ZodCreditCard = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCreditCard", (inst, def) => {
    core.$ZodCreditCard.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_creditCard(params) {
    return core._creditCard(ZodCreditCard, params);
}
const ZodIBAN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodIBAN", (inst, def) => {
    core.$ZodIBAN.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function schemas_iban(params) {
    return core._iban(ZodIBAN, params);
}
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
function jwt(params) {
    return core._jwt(ZodJWT, params);
}
const ZodCustomStringFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCustomStringFormat", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    core.$ZodCustomStringFormat.init(inst, def);
    ZodStringFormat.init(inst, def);
})));
function stringFormat(format, fnOrRegex, _params = {}) {
    return core._stringFormat(ZodCustomStringFormat, format, fnOrRegex, _params);
}
function schemas_hostname(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hostname", regexes.hostname, _params);
}
function schemas_hex(_params) {
    return core._stringFormat(ZodCustomStringFormat, "hex", regexes.hex, _params);
}
function schemas_currencyCode(_params) {
    return core._stringFormat(ZodCustomStringFormat, "currency_code", regexes.currencyCode, _params);
}
function hash(alg, params) {
    const enc = params?.enc ?? "hex";
    const format = `${alg}_${enc}`;
    const regex = core.regexes[format];
    if (!regex)
        throw new Error(`Unrecognized hash format: ${format}`);
    return core._stringFormat(ZodCustomStringFormat, format, regex, params);
}
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(schemas_int(params));
    },
    safe(params) {
        return this.check(schemas_int(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function schemas_number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function schemas_int(params) {
    return _int(ZodNumberFormat, params);
}
function float32(params) {
    return core._float32(ZodNumberFormat, params);
}
function float64(params) {
    return core._float64(ZodNumberFormat, params);
}
function int32(params) {
    return core._int32(ZodNumberFormat, params);
}
function uint32(params) {
    return core._uint32(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ $constructor("ZodBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function schemas_boolean(params) {
    return _boolean(ZodBoolean, params);
}
const ZodBigInt = /*@__PURE__*/ $constructor("ZodBigInt", (inst, def) => {
    $ZodBigInt.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => bigintProcessor(inst, ctx, json, params);
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => aggregateChecks(inst).minimum ?? null,
    maxValue: (inst) => aggregateChecks(inst).maximum ?? null,
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    positive(params) {
        return this.check(_gt(BigInt(0), params));
    },
    negative(params) {
        return this.check(_lt(BigInt(0), params));
    },
    nonpositive(params) {
        return this.check(_lte(BigInt(0), params));
    },
    nonnegative(params) {
        return this.check(_gte(BigInt(0), params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
}));
function schemas_bigint(params) {
    return core._bigint(ZodBigInt, params);
}
const ZodBigIntFormat = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodBigIntFormat", (inst, def) => {
    core.$ZodBigIntFormat.init(inst, def);
    ZodBigInt.init(inst, def);
})));
function int64(params) {
    return core._int64(ZodBigIntFormat, params);
}
function uint64(params) {
    return core._uint64(ZodBigIntFormat, params);
}
const ZodSymbol = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSymbol", (inst, def) => {
    core.$ZodSymbol.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.symbolProcessor(inst, ctx, json, params);
})));
function symbol(params) {
    return core._symbol(ZodSymbol, params);
}
const ZodUndefined = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodUndefined", (inst, def) => {
    core.$ZodUndefined.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.undefinedProcessor(inst, ctx, json, params);
})));
function schemas_undefined(params) {
    return core._undefined(ZodUndefined, params);
}

const ZodNull = /*@__PURE__*/ $constructor("ZodNull", (inst, def) => {
    $ZodNull.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullProcessor(inst, ctx, json, params);
});
function schemas_null(params) {
    return api_null(ZodNull, params);
}

const ZodAny = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodAny", (inst, def) => {
    core.$ZodAny.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.anyProcessor(inst, ctx, json, params);
})));
function any() {
    return core._any(ZodAny);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor(inst, ctx, json, params);
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodVoid = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodVoid", (inst, def) => {
    core.$ZodVoid.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.voidProcessor(inst, ctx, json, params);
})));
function schemas_void(params) {
    return core._void(ZodVoid, params);
}

const ZodDate = /*@__PURE__*/ $constructor("ZodDate", (inst, def) => {
    $ZodDate.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => dateProcessor(inst, ctx, json, params);
    inst.min = (value, params) => inst.check(_gte(value, params));
    inst.max = (value, params) => inst.check(_lte(value, params));
}, 
/*@__PURE__*/ derived({
    minDate: (inst) => {
        const { minimum } = aggregateChecks(inst);
        return minimum ? new Date(minimum) : null;
    },
    maxDate: (inst) => {
        const { maximum } = aggregateChecks(inst);
        return maximum ? new Date(maximum) : null;
    },
}, {}));
function schemas_date(params) {
    return core._date(ZodDate, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
// .keyof
function keyof(schema) {
    const shape = schema._zod.def.shape;
    return schemas_enum(Object.keys(shape));
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return schemas_enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(mergeDefs(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(mergeDefs(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return extend(this, incoming);
    },
    safeExtend(incoming) {
        return safeExtend(this, incoming);
    },
    merge(other) {
        return merge(this, other);
    },
    pick(mask) {
        return pick(this, mask);
    },
    omit(mask) {
        return omit(this, mask);
    },
    partial(...args) {
        return partial(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return partial(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return required(ZodNonOptional, this, args[0]);
    },
});
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...normalizeParams(params),
    };
    return new ZodObject(def);
}
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
// looseObject
function looseObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: unknown(),
        ...util.normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodXor = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodXor", (inst, def) => {
    ZodUnion.init(inst, def);
    core.$ZodXor.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
})));
/** Creates an exclusive union (XOR) where exactly one option must match.
 * Unlike regular unions that succeed when any option matches, xor fails if
 * zero or more than one option matches the input. */
function xor(options, params) {
    return new ZodXor({
        type: "union",
        options: options,
        inclusive: false,
        ...util.normalizeParams(params),
    });
}
const ZodDiscriminatedUnion = /*@__PURE__*/ $constructor("ZodDiscriminatedUnion", (inst, def) => {
    ZodUnion.init(inst, def);
    $ZodDiscriminatedUnion.init(inst, def);
});
function discriminatedUnion(discriminator, options, params) {
    // const [options, params] = args;
    return new ZodDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodTuple = /*@__PURE__*/ $constructor("ZodTuple", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTuple.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => tupleProcessor(inst, ctx, json, params);
}, {
    rest(rest) {
        return this.clone({
            ...this._zod.def,
            rest: rest,
        });
    },
    partial() {
        const def = this._zod.def;
        // a refinement was authored against the full arity; partialing would run it on a shorter array
        if (def.checks?.length)
            throw new Error(".partial() cannot be used on tuple schemas containing refinements");
        return this.clone({
            ...def,
            items: def.items.map((item) => new ZodOptional({ type: "optional", innerType: item })),
        });
    },
});
function tuple(items, _paramsOrRest, _params) {
    const hasRest = _paramsOrRest instanceof core.$ZodType;
    const params = hasRest ? _params : _paramsOrRest;
    const rest = hasRest ? _paramsOrRest : null;
    return new ZodTuple({
        type: "tuple",
        items: items,
        rest,
        ...util.normalizeParams(params),
    });
}
const ZodRecord = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
})));
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: schemas_string(),
            valueType: keyType,
            ...util.normalizeParams(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
// type alksjf = core.output<core.$ZodRecordKey>;
function partialRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
        partial: true,
    });
}
function looseRecord(keyType, valueType, params) {
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        mode: "loose",
        ...util.normalizeParams(params),
    });
}
const ZodMap = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodMap", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodMap.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.mapProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function map(keyType, valueType, params) {
    return new ZodMap({
        type: "map",
        keyType: keyType,
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodSet = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSet", (inst, def) => {
    _ensureDefaultMemoizer();
    core.$ZodSet.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.setProcessor(inst, ctx, json, params);
    inst.min = (...args) => inst.check(core._minSize(...args));
    inst.nonempty = (params) => inst.check(core._minSize(1, params));
    inst.max = (...args) => inst.check(core._maxSize(...args));
    inst.size = (...args) => inst.check(core._size(...args));
})));
function set(valueType, params) {
    return new ZodSet({
        type: "set",
        valueType: valueType,
        ...util.normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
});
function schemas_enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}

/** @deprecated This API has been merged into `z.enum()`. Use `z.enum()` instead.
 *
 * ```ts
 * enum Colors { red, green, blue }
 * z.enum(Colors);
 * ```
 */
function nativeEnum(entries, params) {
    return new ZodEnum({
        type: "enum",
        entries,
        ...util.normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ $constructor("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodFile = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFile", (inst, def) => {
    core.$ZodFile.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.fileProcessor(inst, ctx, json, params);
    inst.min = (size, params) => inst.check(core._minSize(size, params));
    inst.max = (size, params) => inst.check(core._maxSize(size, params));
    inst.mime = (types, params) => inst.check(core._mime(Array.isArray(types) ? types : [types], params));
})));
function file(params) {
    return core._file(ZodFile, params);
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        payload.addIssue = (issue) => {
            if (typeof issue === "string") {
                payload.issues.push(util_issue(issue, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(util_issue(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
function schemas_nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function schemas_default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...normalizeParams(params),
    });
}
const ZodSuccess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodSuccess", (inst, def) => {
    core.$ZodSuccess.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.successProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function success(innerType) {
    return new ZodSuccess({
        type: "success",
        innerType: innerType,
    });
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function schemas_catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}

const ZodNaN = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodNaN", (inst, def) => {
    core.$ZodNaN.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.nanProcessor(inst, ctx, json, params);
})));
function nan(params) {
    return core._nan(ZodNaN, params);
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodCodec = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodCodec", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodCodec.init(inst, def);
})));
function codec(in_, out, params) {
    return new ZodCodec({
        type: "pipe",
        in: in_,
        out: out,
        transform: params.decode,
        reverseTransform: params.encode,
    });
}
function invertCodec(codec) {
    const def = codec._zod.def;
    return new ZodCodec({
        type: "pipe",
        in: def.out,
        out: def.in,
        transform: def.reverseTransform,
        reverseTransform: def.transform,
    });
}
const ZodPreprocess = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPreprocess", (inst, def) => {
    ZodPipe.init(inst, def);
    core.$ZodPreprocess.init(inst, def);
})));
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodTemplateLiteral = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodTemplateLiteral", (inst, def) => {
    core.$ZodTemplateLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.templateLiteralProcessor(inst, ctx, json, params);
})));
function templateLiteral(parts, params) {
    return new ZodTemplateLiteral({
        type: "template_literal",
        parts,
        ...util.normalizeParams(params),
    });
}
const ZodLazy = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodLazy", (inst, def) => {
    core.$ZodLazy.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.lazyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.getter();
})));
function lazy(getter) {
    return new ZodLazy({
        type: "lazy",
        getter: getter,
    });
}
const ZodPromise = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodPromise", (inst, def) => {
    core.$ZodPromise.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.promiseProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
})));
function promise(innerType) {
    return new ZodPromise({
        type: "promise",
        innerType: innerType,
    });
}
const ZodFunction = /*@__PURE__*/ (/* unused pure expression or super */ null && (core.$constructor("ZodFunction", (inst, def) => {
    core.$ZodFunction.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => processors.functionProcessor(inst, ctx, json, params);
})));
function _function(params) {
    return new ZodFunction({
        type: "function",
        input: Array.isArray(params?.input) ? tuple(params?.input) : (params?.input ?? array(unknown())),
        output: params?.output ?? unknown(),
    });
}

const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
// custom checks
function check(fn) {
    const ch = new core.$ZodCheck({
        check: "custom",
        // ...util.normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}
function custom(fn, _params) {
    return core._custom(ZodCustom, fn ?? (() => true), _params);
}
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}
// Re-export describe and meta from core
const schemas_describe = describe;
const schemas_meta = meta;
const ZodInstanceOf = /*@__PURE__*/ $constructor("ZodInstanceOf", (inst, def) => {
    ZodCustom.init(inst, def);
}, {
    properties(shape, params) {
        // asserts in place, so the narrowed output type is truthful without a wrapper
        return this.check(_properties(shape, params));
    },
});
function _instanceof(cls, params = {}) {
    const inst = new ZodInstanceOf({
        type: "custom",
        check: "custom",
        fn: (data) => data instanceof cls,
        abort: true,
        ...util.normalizeParams(params),
    });
    inst._zod.bag.Class = cls;
    // Override check to emit invalid_type instead of custom
    inst._zod.check = (payload) => {
        if (!(payload.value instanceof cls)) {
            payload.issues.push({
                code: "invalid_type",
                expected: cls.name,
                input: payload.value,
                inst,
                path: [...(inst._zod.def.path ?? [])],
            });
        }
    };
    return inst;
}

// stringbool
const stringbool = (...args) => core._stringbool({
    Codec: ZodCodec,
    Boolean: ZodBoolean,
    String: ZodString,
}, ...args);
function json(params) {
    const jsonSchema = lazy(() => {
        return union([schemas_string(params), schemas_number(), schemas_boolean(), schemas_null(), array(jsonSchema), record(schemas_string(), jsonSchema)]);
    });
    return jsonSchema;
}
// preprocess
function preprocess(fn, schema) {
    return new ZodPreprocess({
        type: "pipe",
        in: transform(fn),
        out: schema,
    });
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(957);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__main = __webpack_exports__.i;
/******/ export { __webpack_exports__main as main };
/******/ 
