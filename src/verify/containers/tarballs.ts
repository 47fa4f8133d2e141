// Everything that ships as a tar archive: a root file system (lxc, proxmox-lxc,
// docker), a kexec tarball, LXC metadata, a GCE image (disk.raw inside), an
// OVA and a Vagrant box (OVF + VMDK). One walk over the members lists them,
// checks disks as they pass, then the archive is told apart and checked.
import type { Container } from "../../core/catalogue.js";
import type { Checks } from "../checks.js";
import { bytes } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { entrySource, walkTar, type TarEntry, type TarSummary } from "../tar.js";
import { checkOvfPackage } from "./ovf-package.js";
import { checkRawGpt, checkRawMbr, rawKind } from "./rawdisk.js";
import { checkGce, checkKexec, checkLxcMetadata, checkRootfs } from "./system-tarballs.js";
import { checkVmdk } from "./vmdk.js";

export const TAR_CONTAINERS = ["rootfs-tar", "kexec-tar", "lxc-metadata", "gce-tar", "ova", "vagrant-box"] as const;
export type TarContainer = (typeof TAR_CONTAINERS)[number];

export function isTarContainer(c: Container | "unknown"): c is TarContainer {
  return (TAR_CONTAINERS as readonly string[]).includes(c);
}

const TEXT_LIMIT = 4 << 20;

export interface Listing {
  summary: TarSummary;
  /** Top-level members, and a few deeper ones that matter (sbin/init, templates/…). */
  members: Map<string, TarEntry>;
  order: string[];
  texts: Map<string, string>;
  storePaths: Set<string>;
  templates: string[];
  /** Capacities of the VMDKs and disk.raw checked during the walk. */
  diskSizes: Map<string, number | undefined>;
}

async function readText(src: ByteSource, e: TarEntry): Promise<string> {
  const b = await entrySource(src, e).read(0, Math.min(e.size, TEXT_LIMIT));
  return b.toString("utf8");
}

function isTopLevel(name: string): boolean {
  return name !== "" && !name.includes("/");
}

async function list(src: ByteSource, c: Checks, checkDisks: boolean): Promise<Listing> {
  const summary: TarSummary = { entries: 0, end: 0, endMarker: false, broken: false };
  const l: Listing = { summary, members: new Map(), order: [], texts: new Map(), storePaths: new Set(), templates: [], diskSizes: new Map() };
  for await (const e of walkTar(src, c, summary)) {
    const name = e.name;
    const store = /^nix\/store\/([^/]+)$/.exec(name);
    if (store) l.storePaths.add(store[1]!);
    if (name.startsWith("templates/") && e.type === "0") l.templates.push(name.slice("templates/".length));
    if (!isTopLevel(name) && name !== "sbin/init" && name !== "nix/store") continue;
    l.members.set(name, e);
    if (e.type !== "5") l.order.push(name);
    if (e.type !== "0") continue;
    if (/\.(ovf|mf|json|yaml)$/i.test(name) || name === "Vagrantfile") {
      l.texts.set(name, await readText(src, e));
    } else if (checkDisks && /\.vmdk$/i.test(name)) {
      l.diskSizes.set(name, await checkVmdk(entrySource(src, e), c.child(name)));
    } else if (checkDisks && name === "disk.raw") {
      const disk = entrySource(src, e);
      const kind = await rawKind(disk);
      const dc = c.child("disk.raw");
      dc.detail("partitionTable", kind === "raw-gpt" ? "gpt" : kind ? "mbr" : "none");
      if (kind === "raw-gpt") await checkRawGpt(disk, dc);
      else await checkRawMbr(disk, dc);
      l.diskSizes.set(name, e.size);
    }
  }
  return l;
}

/** What the members say the archive is. */
function classify(l: Listing): TarContainer | "unknown" {
  const first = l.order[0];
  const has = (n: string): boolean => l.members.has(n);
  // A box may start with its box.ovf: its Vagrant members tell it from an OVA.
  if (has("Vagrantfile") || (has("metadata.json") && has("box.ovf"))) return "vagrant-box";
  if (first && /\.ovf$/i.test(first)) return "ova";
  if (has("disk.raw")) return "gce-tar";
  if (has("kexec_nixos")) return "kexec-tar";
  if (has("metadata.yaml") && l.storePaths.size === 0) return "lxc-metadata";
  if (l.storePaths.size > 0 && (has("init") || has("sbin/init"))) return "rootfs-tar";
  return "unknown";
}

/**
 * Walks and checks a tar archive as `expected` (or as what it looks like when
 * `expected` is not a tar container); returns what it looks like, and the
 * listing the walk made (for a target's rules).
 */
export async function checkTarball(src: ByteSource, c: Checks, expected: TarContainer | undefined): Promise<{ detected: TarContainer | "unknown"; listing: Listing }> {
  const l = await list(src, c, true);
  c.detail("members", l.summary.entries);
  if (l.summary.broken) return { detected: classify(l), listing: l };
  if (!l.summary.endMarker) c.fail("tar.end", "the end-of-archive zero blocks", `the archive stops after ${bytes(l.summary.end)} (truncated?)`, l.summary.end);
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

