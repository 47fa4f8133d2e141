# Image builders: how a catalogue format's disk is made.
#
#   vm      nixpkgs' own variant as it is (make-disk-image.nix and friends);
#           the disk formats boot a QEMU VM to install the system and need
#           the `kvm` system feature.
#   repart  the formats that boot by UEFI get a GPT disk made by
#           systemd-repart (./repart-disk.nix), without a VM: no derivation
#           needs `kvm`. Every other format is refused (see `refusals`).
#
# The repart formats, with what differs from nixpkgs' variant. All of them:
# systemd-boot instead of GRUB, UEFI only, no nixpkgs channel and no
# /etc/nixos/configuration.nix in the image (use a flake, or add a channel
# after boot), Nix database registered and system profile set on first boot.
#
# | format   | variant        | file             | boot mode the platform must use            |
# |----------|----------------|------------------|--------------------------------------------|
# | qcow-efi | qemu-efi       | .qcow2           | UEFI firmware (OVMF / AAVMF)                |
# | raw-efi  | raw-efi        | .img (raw GPT)   | UEFI firmware                               |
# | vmware   | vmware         | .vmdk            | firmware = "efi" (as nixpkgs' variant)      |
# | hyperv   | hyperv         | .vhdx (dynamic)  | Generation 2, Secure Boot off (as nixpkgs)  |
# | amazon   | amazon         | .vhd (dynamic)   | ec2.efi = true: register with boot mode     |
# |          |                |                  | uefi (nixpkgs: legacy-bios on x86_64)       |
# | azure    | azure          | .vhd (fixed)     | vmGeneration = "v2": a Gen2 image, Secure   |
# |          |                |                  | Boot off (nixpkgs default: Gen1, BIOS)      |
# | gce      | google-compute | .raw.tar.gz      | googleComputeImage.efi = true: image with   |
# |          |                |                  | guestOsFeatures UEFI_COMPATIBLE (nixpkgs    |
# |          |                |                  | default: BIOS)                              |
# | oci      | oci            | .qcow2           | oci.efi = true (nixpkgs' default already):  |
# |          |                |                  | firmware UEFI_64                            |
# | openstack| openstack      | .qcow2           | openstack.efi = true: image property        |
# |          |                |                  | hw_firmware_type=uefi (nixpkgs: BIOS)       |
{ lib }:
let
  # A format's own settings on top of its nixpkgs variant (image-media
  # priority, as the format owns its boot loader).
  own = lib.mkImageMediaOverride;

  repartFormats = {
    qcow-efi = {
      output = "qcow2";
      needs = "UEFI firmware (QEMU: OVMF on x86_64, AAVMF on aarch64)";
      settings = { };
    };
    raw-efi = {
      output = "raw";
      needs = "UEFI firmware";
      settings = { };
    };
    vmware = {
      output = "vmdk";
      needs = "EFI firmware (firmware = \"efi\" in the .vmx)";
      settings = { };
    };
    hyperv = {
      output = "vhdx";
      needs = "a Generation 2 VM with Secure Boot off";
      settings = { };
    };
    amazon = {
      output = "vhd";
      needs = "boot mode uefi when registering the AMI";
      settings =
        { config, pkgs, ... }:
        {
          ec2.efi = own true;
          repartBuilder.output = own (
            {
              raw = "raw";
              qcow2 = "qcow2";
              vpc = "vhd";
            }
            .${config.amazonImage.format}
          );
          # What nixpkgs' upload scripts read next to the image.
          repartBuilder.extraInstallCommands = ''
            mkdir -p nix-support
            echo "file ${config.amazonImage.format} $out/${config.image.fileName}" >> nix-support/hydra-build-products
            cat > nix-support/image-info.json <<EOF
            ${builtins.toJSON {
              label = config.system.nixos.version;
              boot_mode = "uefi";
              system = pkgs.stdenv.hostPlatform.system;
              logical_bytes = "@bytes@";
              file = "@file@";
              disks.root = {
                logical_bytes = "@bytes@";
                file = "@file@";
              };
            }}
            EOF
            sed -i -e "s|@bytes@|$rawBytes|g" -e "s|@file@|$out/${config.image.fileName}|g" nix-support/image-info.json
          '';
        };
    };
    azure = {
      output = "vhd-fixed";
      needs = "a Generation 2 VM (Secure Boot off, no Trusted Launch)";
      settings =
        { config, ... }:
        {
          virtualisation.azureImage.vmGeneration = own "v2";
          repartBuilder.espSize = lib.mkDefault config.virtualisation.azureImage.bootSize;
        };
    };
    gce = {
      output = "gce-tar";
      needs = "an image with guestOsFeatures UEFI_COMPATIBLE";
      settings = {
        virtualisation.googleComputeImage.efi = own true;
      };
    };
    oci = {
      output = "qcow2";
      needs = "firmware UEFI_64";
      settings = {
        oci.efi = own true;
      };
    };
    openstack = {
      output = "qcow2";
      needs = "the image property hw_firmware_type=uefi";
      settings = {
        openstack.efi = own true;
      };
    };
  };

  noVmAnyway = "it is built without a VM already, so it needs no kvm";
  bios = "it boots by legacy BIOS through GRUB in the master boot record, and repart makes GPT disks for UEFI with systemd-boot";

  /** Why the repart builder refuses a catalogue format. */
  refusals = {
    qcow = bios;
    raw = bios;
    cloudstack = bios;
    do = "${bios} (DigitalOcean boots custom images by BIOS)";
    kubevirt = bios;
    virtualbox = "${bios}, and its OVA appliance is written inside the build VM";
    vagrant-virtualbox = "${bios}, and its Vagrant box is written inside the build VM";
    linode = "its disk has no partition table (Linode boots the file system directly), which repart cannot make";
    openstack-zfs = "its root is a ZFS pool, which only a running system can create; repart formats ext4, btrfs, xfs and vfat";
    proxmox = "its VMA archive is written by Proxmox's patched QEMU inside the build VM";
    iso = "it is an ISO 9660 image, not a GPT disk; ${noVmAnyway}";
    install-iso = "it is an ISO 9660 image, not a GPT disk; ${noVmAnyway}";
    install-iso-hyperv = "it is an ISO 9660 image, not a GPT disk; ${noVmAnyway}";
    sd-aarch64 = "it is an SD card image with an MBR partition table for U-Boot; ${noVmAnyway}";
    sd-aarch64-installer = "it is an SD card image with an MBR partition table for U-Boot; ${noVmAnyway}";
    sd-x86_64 = "it is an SD card image with an MBR partition table; ${noVmAnyway}";
    docker = "it is a root file system tarball, not a disk; ${noVmAnyway}";
    lxc = "it is a root file system tarball, not a disk; ${noVmAnyway}";
    lxc-metadata = "it is a container metadata tarball, not a disk; ${noVmAnyway}";
    proxmox-lxc = "it is a root file system tarball, not a disk; ${noVmAnyway}";
    kexec = "it is a kexec tarball, not a disk; ${noVmAnyway}";
    kexec-bundle = "it is a kexec bundle, not a disk; ${noVmAnyway}";
    vm = "it is a QEMU runner script, not a disk image; ${noVmAnyway}";
    vm-nogui = "it is a QEMU runner script, not a disk image; ${noVmAnyway}";
    vm-bootloader = "it is a QEMU runner script whose boot disk is made by nixpkgs' qemu-vm.nix";
  };

  refusalMessage =
    name:
    "nixos-generators: the format '${name}' cannot be built with builder = \"repart\": ${
      refusals.${name} or "the repart builder knows only the UEFI disk formats"
    }. Build it with builder = \"vm\" (the default; --builder vm). The repart builder makes: ${lib.concatStringsSep ", " (lib.attrNames repartFormats)}.";
in
{
  inherit repartFormats refusals;

  /** The builders `formatSettings.builder` takes; the first is the default. */
  names = [
    "vm"
    "repart"
  ];

  /** The message a refused format throws. */
  inherit refusalMessage;

  /**
    The module of a catalogue format (nix/catalogue.nix entry `format`) for
    `builder`: the catalogue's own module for "vm"; for "repart" that module
    with ./repart-disk.nix and the format's settings on top, or a refusal
    (thrown when the format is evaluated, not before).
  */
  formatModule =
    { builder, format }:
    if builder == "vm" then
      format.module
    else if builder == "repart" then
      if repartFormats ? ${format.name} then
        {
          _file = "${toString ./default.nix}#${format.name}";
          imports = [
            format.module
            ./repart-disk.nix
            repartFormats.${format.name}.settings
            { repartBuilder.output = lib.mkDefault repartFormats.${format.name}.output; }
          ];
        }
      else
        throw (refusalMessage format.name)
    else
      throw "nixos-generators: unknown builder '${builder}' (known: vm, repart).";
}
