// Vagrant: what `vagrant box add` takes for the VirtualBox provider.
import { reject, type Rule, type Source, type Target } from "./types.js";

const BOX_FORMAT: Source = {
  title: "Vagrant documentation, 'Box File Format' (a tar/tar.gz/zip with metadata.json naming the provider)",
  url: "https://developer.hashicorp.com/vagrant/docs/boxes/format",
};
const VIRTUALBOX_BOXES: Source = {
  title: "Vagrant documentation, VirtualBox provider, 'Creating a Base Box' (box.ovf, its disks, Vagrantfile, metadata.json)",
  url: "https://developer.hashicorp.com/vagrant/docs/providers/virtualbox/boxes",
};

const MEMBERS: Rule = {
  check: "vagrant.members",
  says: "a VirtualBox box holds Vagrantfile, metadata.json, box.ovf and the disks box.ovf references",
  source: VIRTUALBOX_BOXES,
  enforcedBy: "vagrant.Vagrantfile, vagrant.metadata.json, vagrant.box.ovf, ovf.file.*",
};
const METADATA: Rule = { check: "vagrant.metadata", says: "Vagrant reads the box's provider from metadata.json", source: BOX_FORMAT, enforcedBy: "vagrant.metadata.json, vagrant.metadata.provider" };
const PROVIDER: Rule = {
  check: "vagrant.provider",
  says: "Vagrant's VirtualBox provider uses only boxes whose metadata.json says \"provider\": \"virtualbox\"",
  source: BOX_FORMAT,
};

export const vagrant: Target = {
  formats: ["vagrant-virtualbox"],
  name: "Vagrant (VirtualBox provider)",
  rules: [MEMBERS, METADATA, PROVIDER],
  offline: ["the box's name and version come from `vagrant box add` or a catalog's metadata, not from the file"],
  check(f, c) {
    const meta = f.listing?.texts.get("metadata.json");
    if (meta === undefined) return Promise.resolve();
    let provider: unknown;
    try {
      const parsed: unknown = JSON.parse(meta);
      provider = typeof parsed === "object" && parsed !== null && "provider" in parsed ? parsed.provider : undefined;
    } catch {
      return Promise.resolve(); // vagrant.metadata.json says it is not JSON
    }
    if (typeof provider === "string" && provider !== "virtualbox") reject(c, PROVIDER, '"provider": "virtualbox"', JSON.stringify(provider));
    return Promise.resolve();
  },
};
