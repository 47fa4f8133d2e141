// The format catalogue (nix/formats.json), read without evaluating NixOS.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "./paths.js";

export const SYSTEMS = ["x86_64-linux", "aarch64-linux"] as const;
export const systemSchema = z.enum(SYSTEMS);
export type NixSystem = z.infer<typeof systemSchema>;

/** What verify expects to find in the image file (after decompression). */
export const CONTAINERS = [
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
] as const;
export const containerSchema = z.enum(CONTAINERS);
export type Container = z.infer<typeof containerSchema>;

export const compressionSchema = z.enum(["none", "gzip", "xz", "zstd"]);
export type Compression = z.infer<typeof compressionSchema>;

/** How a catalogue format's disk is made: nixpkgs' variant (a QEMU VM for disk images) or systemd-repart without a VM. */
export const BUILDERS = ["vm", "repart"] as const;
export const builderSchema = z.enum(BUILDERS);
export type Builder = z.infer<typeof builderSchema>;
/** What a request may ask for: a builder, or "auto" (the VM builders when KVM opens, else repart for the formats it makes). */
export const BUILDER_CHOICES = [...BUILDERS, "auto"] as const;
export type BuilderChoice = (typeof BUILDER_CHOICES)[number];

/** How an image boots in the boot test: a disk by the firmware, an ISO, the kernel and initrd it names, or its own VM runner. */
export const BOOT_HOWS = ["disk", "cdrom", "kernel", "runner"] as const;
export const FIRMWARES = ["bios", "uefi"] as const;
export const firmwareSchema = z.enum(FIRMWARES);
export type Firmware = z.infer<typeof firmwareSchema>;
export const bootSchema = z.strictObject({
  how: z.enum(BOOT_HOWS),
  /** The firmware it boots by on x86_64 (aarch64 boots by UEFI); empty for kernel and runner boots. */
  firmware: z.array(firmwareSchema),
});
export type BootFacts = z.infer<typeof bootSchema>;

const formatName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);

export const formatSchema = z.strictObject({
  name: formatName,
  aliases: z.array(formatName),
  description: z.string().min(1),
  container: containerSchema,
  compression: compressionSchema,
  extension: z.string(),
  systems: z.array(systemSchema).min(1),
  diskSize: z.boolean(),
  diskSizeAuto: z.boolean(),
  needsKvm: z.boolean(),
  runnable: z.boolean(),
  nixpkgsVariant: z.string().nullable(),
  /** The `system.build` attribute that is the format's output (nixos-generators' formatAttr). */
  formatAttr: z.string().min(1),
  /** The `system.build` attribute nixos-generators' per-format module named the image by; nixosModules.<name> defines it. */
  originalFormatAttr: z.string().min(1),
  /** Whether the image holds the NixOS system (lxc-metadata does not): only then is the system's toplevel evaluated. */
  containsSystem: z.boolean(),
  /** The builders that can make it: "vm" (nixpkgs' variant) always, "repart" for the UEFI disks (nix/builders). */
  builders: z.array(builderSchema).min(1),
  /** How the boot test boots the image (src/boot); null: it does not boot (containers, metadata). */
  boot: bootSchema.nullable().optional(),
});
export type Format = z.infer<typeof formatSchema>;

const catalogueSchema = z.object({
  $comment: z.string().optional(),
  formats: z.array(formatSchema).min(1),
});

export interface Catalogue {
  readonly formats: readonly Format[];
  /** A format by its name or one of its aliases. */
  lookup(nameOrAlias: string): Format | undefined;
}

export function parseCatalogue(json: unknown): Catalogue {
  const { formats } = catalogueSchema.parse(json);
  const byName = new Map<string, Format>();
  for (const format of formats) {
    for (const key of [format.name, ...format.aliases]) {
      if (byName.has(key)) throw new Error(`catalogue: the name '${key}' is used twice`);
      byName.set(key, format);
    }
  }
  return { formats, lookup: (name) => byName.get(name) };
}

let cached: Catalogue | undefined;

/** The catalogue shipped in nix/formats.json. */
export function loadCatalogue(): Catalogue {
  cached ??= parseCatalogue(JSON.parse(readFileSync(projectPath("nix", "formats.json"), "utf8")));
  return cached;
}
