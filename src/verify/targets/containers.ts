// System containers: LXC/LXD/Incus (`lxc image import`), Proxmox (`pct create`
// from a template), Docker (`docker import`).
import { reject, type Rule, type Source, type Target, type TargetFacts } from "./types.js";
import type { Checks } from "../checks.js";

const LXD_IMAGE_FORMAT: Source = {
  title: "LXD documentation, 'Image format' (split image: a metadata tarball with metadata.yaml and templates, and a root file system tarball)",
  url: "https://documentation.ubuntu.com/lxd/en/latest/reference/image_format/",
};
const LXC_CONF: Source = {
  title: "lxc.container.conf(5), lxc.init.cmd: 'Absolute path from container rootfs to the binary to use as init. Default is /sbin/init'",
  url: "https://linuxcontainers.org/lxc/manpages/man5/lxc.container.conf.5.html",
};
const PCT: Source = {
  title: "Proxmox VE Administration Guide, 'Proxmox Container Toolkit' (container templates: tar archives, gzip, xz or zstd compressed)",
  url: "https://pve.proxmox.com/pve-docs/chapter-pct.html",
};
const DOCKER_IMPORT: Source = {
  title: "Docker documentation, 'docker image import' (a root file system tarball: .tar, .tar.gz, .tgz, .bzip, .tar.xz, .txz)",
  url: "https://docs.docker.com/reference/cli/docker/image/import/",
};

const ROOTFS_AT_TOP: Rule = { check: "rootfs.layout", says: "the root file system lies at the archive's top (nix/store, sbin/init)", source: LXD_IMAGE_FORMAT, enforcedBy: "container, rootfs.nix-store" };

function sbinInit(name: string, source: Source): Rule {
  return { check: `${name}.sbin-init`, says: `${name === "lxc" ? "LXC" : "pct (through LXC)"} starts the container's /sbin/init (lxc.init.cmd's default)`, source };
}

function checkSbinInit(rule: Rule, f: TargetFacts, c: Checks): Promise<void> {
  const l = f.listing;
  if (!l) return Promise.resolve();
  const init = l.members.get("sbin/init");
  if (!init) reject(c, rule, "a sbin/init file or symlink", l.members.has("init") ? "only /init" : "no sbin/init");
  else if (init.type !== "0" && init.type !== "2") reject(c, rule, "a file or a symlink", `member type ${JSON.stringify(init.type)}`, init.headerOffset);
  return Promise.resolve();
}

const LXC_INIT = sbinInit("lxc", LXC_CONF);
export const lxc: Target = {
  formats: ["lxc"],
  name: "LXC/LXD/Incus (lxc image import)",
  rules: [ROOTFS_AT_TOP, { check: "lxc.compression", says: "lxc image import reads a tar archive, plain or compressed", source: LXD_IMAGE_FORMAT, enforcedBy: "compression" }, LXC_INIT],
  offline: ["lxc image import also needs the metadata tarball (-f lxc-metadata) of the same system, given as its first argument"],
  check: (f, c) => checkSbinInit(LXC_INIT, f, c),
};

const PCT_INIT = sbinInit("proxmox-lxc", LXC_CONF);
export const proxmoxLxc: Target = {
  formats: ["proxmox-lxc"],
  name: "Proxmox VE (pct create from a template)",
  rules: [ROOTFS_AT_TOP, { check: "proxmox-lxc.compression", says: "pct takes templates as tar archives compressed with gzip, xz or zstd", source: PCT, enforcedBy: "compression" }, PCT_INIT],
  offline: ["pct detects the OS type from the template's files (or takes --ostype nixos); the storage must hold container templates (vztmpl)"],
  check: (f, c) => checkSbinInit(PCT_INIT, f, c),
};

export const docker: Target = {
  formats: ["docker"],
  name: "Docker (docker import)",
  rules: [
    { check: "docker.compression", says: "docker import reads a tar archive, plain or compressed with gzip, bzip2 or xz", source: DOCKER_IMPORT, enforcedBy: "compression" },
    { ...ROOTFS_AT_TOP, source: DOCKER_IMPORT },
  ],
  offline: ["an imported file system has no CMD: give one with docker import --change 'CMD [\"/init\"]' or at docker run"],
  check: () => Promise.resolve(),
};

export const lxcMetadata: Target = {
  formats: ["lxc-metadata"],
  name: "LXD/Incus (lxc image import, metadata tarball)",
  rules: [
    { check: "lxc-metadata.metadata.yaml", says: "the metadata tarball holds metadata.yaml with architecture and creation_date", source: LXD_IMAGE_FORMAT, enforcedBy: "lxc.metadata.yaml, lxc.metadata.architecture, lxc.metadata.creation_date" },
    { check: "lxc-metadata.templates", says: "every template metadata.yaml names is in templates/", source: LXD_IMAGE_FORMAT, enforcedBy: "lxc.templates" },
  ],
  offline: ["lxc image import also needs the root file system tarball (-f lxc) as its second argument"],
  check: () => Promise.resolve(),
};
