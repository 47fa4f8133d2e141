# Every bootable format sends its console to a serial port, as the cloud
# images of nixpkgs already do, so a boot can be watched headless (the boot
# test, `nixos-generate boot`; a cloud provider's serial log).
#
# The kernel makes the last console= that exists /dev/console, where systemd
# writes its status lines and emergency shell; if that one never appears,
# the first console= that does. systemd's getty generator starts a
# serial-getty on every serial console the kernel has enabled, so each shows
# a login prompt too: no getty is configured here.
#
# - A configuration that names no serial console at all (no console= other
#   than a virtual terminal, tty or ttyN) gets console=tty0 (unless it names a
#   virtual terminal already) and then console=<device>,115200n8, last: the
#   screen keeps the kernel's messages, /dev/console is the serial port.
# - One that names a serial console of its own keeps it last, so it stays
#   /dev/console where that port exists: nixpkgs' amazon names ttyS0, the
#   port of AWS Graviton; linode its 19200 baud Lish console. Where that port
#   is not <device> (on aarch64 amazon, azure, do, gce, kubevirt, linode and
#   proxmox name ttyS0, which QEMU's virt machine and the PL011 UARTs of other
#   Arm machines do not have), console=<device>,115200n8 comes first: on a
#   machine without the format's port it is the console that exists, so
#   /dev/console, and on one that has the format's port it is not.
# - One that names <device> already (oci, sd-aarch64) is left alone.
#
# Imported into every format's configuration (all-formats.nix); a container
# (boot.isContainer: lxc, proxmox-lxc, docker) has no kernel of its own and
# gets nothing.
{
  config,
  options,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.formatSettings.serialConsole;
  # The kernel parameters the other modules define (this module's own are
  # left out, and never forced: reading them here would recurse).
  othersParams = lib.concatMap (def: lib.optionals (def.file != toString ./serial-console.nix) def.value) options.boot.kernelParams.definitionsWithLocations;
  # The devices of their console= parameters ("console=ttyS0,115200n8" -> "ttyS0").
  consoles = map (param: lib.head (lib.splitString "," (lib.removePrefix "console=" param))) (
    lib.filter (lib.hasPrefix "console=") othersParams
  );
  # A virtual terminal: tty (the current one) or ttyN. Every other console
  # (ttyS*, ttyAMA*, hvc*, ttyPS*, xvc*, ttysclp*, …) is a serial one.
  isTerminal = device: builtins.match "tty[0-9]*" device != null;
  serialConsoles = lib.filter (device: !isTerminal device) consoles;
  ours = "console=${cfg.device},115200n8";
in
{
  key = "nixos-generators/serial-console";

  options.formatSettings.serialConsole = {
    enable = lib.mkOption {
      type = lib.types.bool;
      default = !config.boot.isContainer;
      defaultText = lib.literalExpression "!config.boot.isContainer";
      description = ''
        Whether the format's kernel command line sends the console to a
        serial port: `console=tty0 console=''${device},115200n8` when the
        configuration names no serial console, `console=''${device},115200n8`
        before the configuration's own when it names another port (see
        nix/modules/serial-console.nix).
      '';
    };
    device = lib.mkOption {
      type = lib.types.str;
      default = if pkgs.stdenv.hostPlatform.isAarch64 then "ttyAMA0" else "ttyS0";
      defaultText = lib.literalExpression ''if aarch64 then "ttyAMA0" else "ttyS0"'';
      example = "ttyS1";
      description = "The serial port the console goes to (QEMU's first: ttyS0 on x86_64, ttyAMA0 on aarch64's virt machine).";
    };
  };

  # Both orders are always defined, with conditional contents: which one
  # applies cannot decide the definitions' shape, which the module system
  # reads (for their order) before `othersParams` can be computed.
  config = lib.mkIf cfg.enable {
    boot.kernelParams = lib.mkMerge [
      (lib.mkBefore (lib.optional (serialConsoles != [ ] && !lib.elem cfg.device serialConsoles) ours))
      (lib.mkAfter (
        lib.optionals (serialConsoles == [ ]) (lib.optional (!lib.any isTerminal consoles) "console=tty0" ++ [ ours ])
      ))
    ];
  };
}
