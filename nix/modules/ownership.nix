# "The format owns disk layout and boot loader."
#
# A host configuration usually defines fileSystems, swapDevices and the GRUB
# install device for its real disks (hardware-configuration.nix). In an image
# those definitions are wrong, and at normal priority they conflict with the
# format's own ("conflicting definition values"). nixpkgs' answer for its ISO
# and netboot media is `lib.mkImageMediaOverride` (priority 60) on the media's
# definitions; this file applies the same rule to every format.
#
# `ownedDefinitions` reads, from a trial evaluation of the format (`trial`),
# the definitions of each owned option the format defines at all (options it
# leaves alone keep the configuration's values), drops those from the user's
# own files (the files that define the option in the base configuration,
# outside nixpkgs and this library's nix/modules and formats) and returns a
# module that re-defines the rest at image-media priority. Definitions a format
# configuration (`formatConfigs.<name>`) adds are kept: they are not in the
# base. A tier the user's files define nothing of is skipped, trial and all
# (`hasUserDefinitions`): the embedded default configuration, whose fallbacks
# live in nix/modules/standalone-fallbacks.nix, needs no trial.
{ lib }:
let
  /**
    Owned options in two tiers: path, and the value that stands when the
    format defines nothing. The GRUB device comes first: nixpkgs' grub.nix
    defines `grub.devices` under a condition on it, so the second tier is read
    from a trial where the device is already the format's.
  */
  tiers = [
    [
      {
        path = [
          "boot"
          "loader"
          "grub"
          "device"
        ];
        empty = "";
      }
    ]
    [
      {
        path = [ "fileSystems" ];
        empty = { };
      }
      {
        path = [ "swapDevices" ];
        empty = [ ];
      }
      {
        path = [
          "boot"
          "loader"
          "grub"
          "devices"
        ];
        empty = [ ];
      }
    ]
  ];

  definitionsOf = options: path: (lib.getAttrFromPath path options).definitionsWithLocations;

  isUnder = prefixes: file: lib.any (prefix: lib.hasPrefix prefix (toString file)) prefixes;

  # The files of the user's own definitions of `path` in `base`.
  userFilesOf =
    { base, libraryPrefixes }:
    path: lib.filter (file: !isUnder libraryPrefixes file) (map (def: def.file) (definitionsOf base.options path));

  /**
    Whether the user's configuration (`base`) defines any option of the tier
    `owned` itself. A tier without such definitions needs no trial: its
    re-definition would give the format's own definitions back unchanged.
  */
  hasUserDefinitions =
    {
      owned,
      base,
      libraryPrefixes,
    }:
    lib.any ({ path, ... }: userFilesOf { inherit base libraryPrefixes; } path != [ ]) owned;

  /**
    A module re-defining the options of one tier (`owned`) at image-media
    priority, with the definitions of `trial` minus the user's.

    - `owned`: one of `tiers`.
    - `base`: the user's configuration (an evalModules result).
    - `trial`: the format's extension of it (with the earlier tiers' modules).
    - `libraryPrefixes`: file name prefixes that are never the user's
      (nixpkgs' nixos/, this library's formats and modules).
  */
  ownedDefinitions =
    {
      owned,
      base,
      trial,
      libraryPrefixes,
    }:
    let
      redefine =
        { path, empty }:
        let
          baseFiles = map (def: def.file) (definitionsOf base.options path);
          userFiles = userFilesOf { inherit base libraryPrefixes; } path;
          trialDefinitions = definitionsOf trial.options path;
          # A format that defines nothing here leaves the option alone.
          formatDefines = lib.any (def: !(lib.elem def.file baseFiles)) trialDefinitions;
          kept = lib.filter (def: !(lib.elem def.file userFiles)) trialDefinitions;
        in
        lib.optionalAttrs formatDefines (
          lib.setAttrByPath path (
            if kept == [ ] then
              lib.mkImageMediaOverride empty
            else
              lib.mkMerge (map (def: lib.mkImageMediaOverride def.value) kept)
          )
        );
    in
    {
      _file = toString ./ownership.nix;
      config = lib.mkMerge (map redefine owned);
    };
in
{
  inherit tiers hasUserDefinitions ownedDefinitions;

  /**
    The prefixes of the files whose definitions are never the user's: the
    NixOS modules of the configuration's nixpkgs (from its `modulesPath`),
    and this library's modules, formats, builders and catalogue. One list for
    the ownership rule and for naming the culprits of a conflict (eval.nix
    hands it to the TypeScript side).
  */
  libraryPrefixes = modulesPath: [
    "${toString (dirOf modulesPath)}/"
    "${toString ./.}/"
    "${toString ../formats}/"
    "${toString ../builders}/"
    "${toString ../formats.json}#"
  ];

  /**
    The trial evaluations of one format: one per tier of `tiers` that the
    user's files define options of, each with the modules of the tiers
    before it. `evaluate` extends the configuration by the format and the
    given modules. Returns a list of `{ trial, owned }`: the trial, and the
    module re-defining that tier's options (see `ownedDefinitions`).
  */
  trials =
    {
      base,
      libraryPrefixes,
      evaluate,
    }:
    lib.foldl' (
      done: owned:
      if !hasUserDefinitions { inherit owned base libraryPrefixes; } then
        done
      else
        let
          trial = evaluate (map (t: t.owned) done);
        in
        done
        ++ [
          {
            inherit trial;
            owned = ownedDefinitions {
              inherit
                owned
                trial
                base
                libraryPrefixes
                ;
            };
          }
        ]
    ) [ ] tiers;
}
