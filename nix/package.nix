# The nixos-generate command line as a package: the committed ncc bundle
# (dist/cli) and the Nix library it calls, run by Node.js. Nothing is fetched.
{
  lib,
  stdenvNoCC,
  nodejs,
  makeWrapper,
}:
stdenvNoCC.mkDerivation {
  pname = "nixos-generate";
  version = (lib.importJSON ../package.json).version;
  src = lib.fileset.toSource {
    root = ./..;
    fileset = lib.fileset.unions [
      ../dist
      ../nix
      ../package.json
    ];
  };
  nativeBuildInputs = [ makeWrapper ];
  installPhase = ''
    mkdir -p $out/share/nixos-generators $out/bin
    cp -r dist nix package.json $out/share/nixos-generators/
    makeWrapper ${lib.getExe nodejs} $out/bin/nixos-generate \
      --add-flags $out/share/nixos-generators/dist/cli/index.js \
      --set NIXOS_GENERATORS_ROOT $out/share/nixos-generators
  '';
  meta = {
    description = "One NixOS configuration into every image format";
    mainProgram = "nixos-generate";
    license = lib.licenses.mit;
  };
}
