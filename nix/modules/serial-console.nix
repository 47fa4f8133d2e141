# Every bootable format sends its console to the first serial port, as the
# cloud images of nixpkgs already do, so a boot can be watched headless (the
# boot test, `nixos-generate boot`; a cloud provider's serial log): the kernel
# parameters console=tty0 and then console=<serial>,115200n8 (the last
# console= is /dev/console, where systemd writes its status and emergency
# shell; the screen keeps the kernel's messages). systemd's getty generator
# starts serial-getty on that port, so it also shows a login prompt.
#
# Where another module names the port already (console=ttyS0… on x86_64,
# console=ttyAMA0… on aarch64), nothing is added: its setting stands.
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
  # left out, and never forced: reading them here would recurse). A format
  # that names the port already (nixpkgs' amazon, linode with its 19200 baud
  # Lish console, sd-aarch64) keeps its own setting.
  othersParams = lib.concatMap (def: lib.optionals (def.file != toString ./serial-console.nix) def.value) options.boot.kernelParams.definitionsWithLocations;
  named = lib.any (lib.hasPrefix "console=${cfg.device}") othersParams;
in
{
  key = "nixos-generators/serial-console";

  options.formatSettings.serialConsole = {
    enable = lib.mkOption {
      type = lib.types.bool;
      default = !config.boot.isContainer;
      defaultText = lib.literalExpression "!config.boot.isContainer";
      description = ''
        Whether the format's kernel command line sends the console to the
        first serial port (`console=tty0 console=''${device},115200n8`).
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

  config = lib.mkIf cfg.enable {
    boot.kernelParams = lib.mkAfter (
      lib.optionals (!named) [
        "console=tty0"
        "console=${cfg.device},115200n8"
      ]
    );
  };
}
