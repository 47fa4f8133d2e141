// The tarballs of a NixOS system: a root file system (lxc, proxmox-lxc,
// docker), a kexec tarball, LXC metadata, a GCE image — checked from the
// listing one walk over the archive made (tarballs.ts).
import type { Checks } from "../checks.js";
import type { TarEntry } from "../tar.js";
import type { Listing } from "./tarballs.js";

/** The store path an absolute /nix/store/… symlink target names. */
function storePathOf(target: string): string | undefined {
  return /^\/nix\/store\/([^/]+)/.exec(target)?.[1];
}

function checkStore(l: Listing, c: Checks, what: string): void {
  c.detail("storePaths", l.storePaths.size);
  if (l.storePaths.size === 0) c.fail(`${what}.nix-store`, "nix/store/… with the system closure", "no store paths");
}

/** The NixOS label out of a toplevel's name: nixos-system-<host>-<label>. */
function labelOfToplevel(storePath: string): string | undefined {
  return /^[0-9a-z]{32}-nixos-system-.+?-(\d\d\.\d\d[^/]*)$/.exec(storePath)?.[1];
}

function checkSymlinkIntoStore(l: Listing, c: Checks, check: string, e: TarEntry): void {
  if (e.type !== "2") return;
  c.detail(`${e.name}.target`, e.linkName);
  const sp = storePathOf(e.linkName);
  if (!sp) {
    c.fail(check, "a symlink into /nix/store", `a symlink to ${JSON.stringify(e.linkName)}`, e.headerOffset);
    return;
  }
  if (l.storePaths.size > 0 && !l.storePaths.has(sp)) c.fail(check, `its target's store path ${sp} in the archive`, "no such store path", e.headerOffset);
  const label = labelOfToplevel(sp);
  if (label) {
    c.label = label;
    c.detail("toplevel", sp.slice(33));
  }
}

export function checkRootfs(l: Listing, c: Checks): void {
  const init = l.members.get("sbin/init") ?? l.members.get("init");
  if (!init) c.fail("rootfs.init", "an init (sbin/init or init) to boot the container", "neither");
  else if (init.type === "2") checkSymlinkIntoStore(l, c, "rootfs.init", init);
  else if (init.type !== "0") c.fail("rootfs.init", "a file or a symlink", `member type ${JSON.stringify(init.type)}`, init.headerOffset);
  else if ((init.mode & 0o111) === 0) c.fail("rootfs.init", "an executable", `mode ${init.mode.toString(8)}`, init.headerOffset);
  checkStore(l, c, "rootfs");
}

export function checkKexec(l: Listing, c: Checks): void {
  const k = l.members.get("kexec_nixos");
  if (!k) c.fail("kexec.kexec_nixos", "a kexec_nixos entry at the archive's top", "none");
  else if (k.type === "2") checkSymlinkIntoStore(l, c, "kexec.kexec_nixos", k);
  else if (k.type !== "0" || (k.mode & 0o111) === 0) c.fail("kexec.kexec_nixos", "a symlink or an executable file", `type ${JSON.stringify(k.type)}, mode ${k.mode.toString(8)}`, k.headerOffset);
  checkStore(l, c, "kexec");
}

/** What metadata.yaml says, read as JSON (nixpkgs writes it with lib.generators.toYAML, which is JSON) or as block YAML. */
interface LxcMetadata {
  architecture: unknown;
  creationDate: unknown;
  /** The template file names its `templates:` entries name. */
  templates: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** metadata.yaml as JSON (a subset of YAML); undefined when it is not JSON, an error text when it is JSON but not a mapping. */
function readJsonMetadata(text: string): LxcMetadata | string | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `a flow mapping that does not parse (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!isRecord(parsed)) return "not a mapping";
  const templates = isRecord(parsed.templates) ? Object.values(parsed.templates).flatMap((t) => (isRecord(t) && typeof t.template === "string" ? [t.template] : [])) : [];
  return { architecture: parsed.architecture, creationDate: parsed.creation_date, templates };
}

/** Block-style YAML: the top-level scalars and the `template:` lines of the templates mapping. */
function readBlockMetadata(text: string): LxcMetadata {
  const scalar = (key: string): unknown => {
    const m = new RegExp(`^${key}:[ \\t]*(.*)$`, "m").exec(text);
    const v = m?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2");
    if (v === undefined || v === "") return undefined;
    return /^-?\d+$/.test(v) ? Number(v) : v;
  };
  const templates = [...text.matchAll(/^\s+template:\s*["']?([^"'\s]+)/gm)].map((m) => m[1]!);
  return { architecture: scalar("architecture"), creationDate: scalar("creation_date"), templates };
}

/**
 * LXD/Incus image metadata: architecture (a name) and creation_date (a Unix
 * time) at the top, and every template its `templates:` entries name in
 * templates/. An image without templates has no templates/ directory (as
 * nixpkgs' lxc-image-metadata writes it by default).
 */
export function checkLxcMetadata(l: Listing, c: Checks): void {
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
  } else c.detail("architecture", meta.architecture);
  if (typeof meta.creationDate !== "number" || !Number.isInteger(meta.creationDate) || meta.creationDate < 0) {
    c.fail("lxc.metadata.creation_date", 'a top-level "creation_date" holding a Unix time (an integer)', meta.creationDate === undefined ? "none" : JSON.stringify(meta.creationDate), entry.dataOffset);
  } else c.detail("creationDate", meta.creationDate);
  c.detail("templates", l.templates.length);
  for (const t of meta.templates) {
    if (!l.templates.includes(t)) c.fail("lxc.templates", `templates/${t} (named in metadata.yaml)`, "missing");
  }
}

export function checkGce(l: Listing, c: Checks): void {
  const disk = l.members.get("disk.raw");
  if (!disk) {
    c.fail("gce.disk.raw", "a disk.raw member", l.order.slice(0, 5).join(", ") || "no members");
    return;
  }
  if (disk.type !== "0") c.fail("gce.disk.raw", "a regular file", `member type ${JSON.stringify(disk.type)}`, disk.headerOffset);
  c.detail("disk.raw.sparse", disk.sparse !== undefined);
  c.detail("disk.raw.size", disk.size);
  c.virtualSize = disk.size;
  const others = l.order.filter((n) => n !== "disk.raw");
  if (others.length > 0) c.fail("gce.members", "disk.raw alone", `also ${others.slice(0, 5).join(", ")}`);
}
