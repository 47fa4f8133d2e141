// The smallest static Linux programs for each system: they exit with status
// 42 and do nothing else. Running one proves that the kernel runs binaries of
// that CPU (natively or through a binfmt_misc interpreter such as QEMU).
import type { NixSystem } from "../core/catalogue.js";

export const PROBE_EXIT_CODE = 42;

const BASE = 0x400000;
const HEADERS = 64 + 56; // ELF header + one program header

/** 32-bit instruction words, little endian. */
export function words(list: readonly number[]): Buffer {
  const b = Buffer.alloc(list.length * 4);
  list.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  return b;
}

/** Machine code: exit(42) by the Linux system call for each CPU. */
const CODE: Record<NixSystem, { machine: number; code: Buffer }> = {
  "aarch64-linux": {
    machine: 0xb7, // EM_AARCH64
    code: words([
      0xd2800540, // movz x0, #42
      0xd2800ba8, // movz x8, #93 (exit)
      0xd4000001, // svc #0
    ]),
  },
  "x86_64-linux": {
    machine: 0x3e, // EM_X86_64
    code: Buffer.from([
      0xbf, 0x2a, 0x00, 0x00, 0x00, // mov edi, 42
      0xb8, 0x3c, 0x00, 0x00, 0x00, // mov eax, 60 (exit)
      0x0f, 0x05, // syscall
    ]),
  },
};

/** The ELF magic for `system`'s executables, as binfmt_misc matches it (first 20 bytes). */
export const ELF_MAGIC: Record<NixSystem, { magic: Buffer; mask: Buffer }> = {
  "aarch64-linux": {
    magic: Buffer.from("7f454c460201010000000000000000000200b700", "hex"),
    mask: Buffer.from("ffffffffffffff00fffffffffffffffffeffffff", "hex"),
  },
  "x86_64-linux": {
    magic: Buffer.from("7f454c4602010100000000000000000002003e00", "hex"),
    mask: Buffer.from("fffffffffffefe00fffffffffffffffffeffffff", "hex"),
  },
};

/** A complete static ELF64 executable for `system` that exits with PROBE_EXIT_CODE. */
export function probeExecutable(system: NixSystem): Buffer {
  const { machine, code } = CODE[system];
  const size = HEADERS + code.length;
  const elf = Buffer.alloc(size);
  // ELF header
  elf.write("\x7fELF", 0, "latin1");
  elf[4] = 2; // ELFCLASS64
  elf[5] = 1; // little endian
  elf[6] = 1; // EV_CURRENT
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(machine, 18);
  elf.writeUInt32LE(1, 20); // e_version
  elf.writeBigUInt64LE(BigInt(BASE + HEADERS), 24); // e_entry
  elf.writeBigUInt64LE(64n, 32); // e_phoff
  elf.writeUInt16LE(64, 52); // e_ehsize
  elf.writeUInt16LE(56, 54); // e_phentsize
  elf.writeUInt16LE(1, 56); // e_phnum
  // Program header: one loadable, readable and executable segment holding the file.
  elf.writeUInt32LE(1, 64); // PT_LOAD
  elf.writeUInt32LE(5, 68); // PF_R | PF_X
  elf.writeBigUInt64LE(0n, 72); // p_offset
  elf.writeBigUInt64LE(BigInt(BASE), 80); // p_vaddr
  elf.writeBigUInt64LE(BigInt(BASE), 88); // p_paddr
  elf.writeBigUInt64LE(BigInt(size), 96); // p_filesz
  elf.writeBigUInt64LE(BigInt(size), 104); // p_memsz
  elf.writeBigUInt64LE(0x10000n, 112); // p_align
  code.copy(elf, HEADERS);
  return elf;
}

/** Whether the first bytes of a file are an executable for `system` (binfmt_misc's magic/mask test). */
export function matchesMagic(head: Buffer, magic: Buffer, mask: Buffer, offset = 0): boolean {
  if (head.length < offset + magic.length) return false;
  for (let i = 0; i < magic.length; i++) {
    const m = mask[i] ?? 0xff;
    if (((head[offset + i] ?? 0) & m) !== ((magic[i] ?? 0) & m)) return false;
  }
  return true;
}
