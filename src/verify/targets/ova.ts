// OVA (an OVF package in one file), as VirtualBox, VMware and others import it.
import { Checks } from "../checks.js";
import { parseOvf } from "../containers/ovf.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

const OVF_SPEC: Source = {
  title: "DMTF DSP0243, 'Open Virtualization Format Specification' (OVF package distributed as a single file: USTAR, descriptor first, files in References order)",
  url: "https://www.dmtf.org/sites/default/files/standards/documents/DSP0243_2.1.1.pdf",
};

const FIRST: Rule = { check: "ova.descriptor-first", says: "an OVA starts with its .ovf descriptor", source: OVF_SPEC, enforcedBy: "ova.first-member" };
const USTAR: Rule = { check: "ova.ustar", says: "an OVA is a tar archive in the POSIX USTAR format", source: OVF_SPEC };
const ORDER: Rule = { check: "ova.file-order", says: "an OVA holds the files its descriptor references in the order of its References section", source: OVF_SPEC };
const FILES: Rule = { check: "ova.files", says: "an OVA holds every file its descriptor references, of the size it states", source: OVF_SPEC, enforcedBy: "ovf.file.*" };

export const ova: Target = {
  formats: ["virtualbox"],
  name: "OVF import (VirtualBox, VMware)",
  rules: [FIRST, USTAR, ORDER, FILES],
  offline: ["the virtual hardware the descriptor asks for (OS type, controllers) must exist in the importing hypervisor"],
  check(f, c) {
    const l = f.listing;
    if (!l) return Promise.resolve();
    const notUstar = l.order.map((n) => l.members.get(n)!).find((e) => e.magic !== "ustar");
    if (notUstar) {
      reject(c, USTAR, 'POSIX ustar headers ("ustar\\0" "00")', `${notUstar.magic === "gnu" ? "a GNU tar header" : "a pre-POSIX (v7) header"} for ${notUstar.name}`, notUstar.headerOffset);
    }
    const ovfName = l.order.find((n) => /\.ovf$/i.test(n));
    const ovf = ovfName ? parseOvf(l.texts.get(ovfName) ?? "", new Checks(), 0) : undefined;
    if (!ovf) return Promise.resolve();
    const positions = ovf.files.map((file) => ({ href: file.href, at: l.order.indexOf(file.href) })).filter((p) => p.at >= 0);
    for (let i = 1; i < positions.length; i++) {
      if (positions[i]!.at < positions[i - 1]!.at) {
        reject(c, ORDER, ovf.files.map((file) => file.href).join(", "), l.order.filter((n) => ovf.files.some((file) => file.href === n)).join(", "));
        break;
      }
    }
    return Promise.resolve();
  },
};
