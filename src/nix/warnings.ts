// The warnings in an evaluation's stderr: nixpkgs' lib.warn and the module
// system's `warnings` (Nix >= 2.23 prints "evaluation warning: …", with the
// lines after the first indented; older Nix "trace: warning: …").
const START = /^(?:evaluation warning|trace: warning): ?(.*)$/;

/** Each warning's text (its lines joined with "\n", indentation removed), in order, each once. */
export function evaluationWarnings(stderr: string): string[] {
  const warnings: string[] = [];
  let current: string[] | undefined;
  const finish = () => {
    if (current) {
      const text = current.join("\n").trim();
      if (text !== "" && !warnings.includes(text)) warnings.push(text);
    }
    current = undefined;
  };
  for (const line of stderr.split("\n")) {
    const start = START.exec(line);
    if (start) {
      finish();
      current = [start[1] ?? ""];
    } else if (current && /^\s+\S/.test(line)) current.push(line.trim());
    else finish();
  }
  finish();
  return warnings;
}
