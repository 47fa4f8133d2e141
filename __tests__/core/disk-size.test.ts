import { describe, expect, it } from "vitest";
import { parseDiskSize, formatDiskSize, MAX_DISK_SIZE_MIB } from "../../src/core/disk-size.js";
import { ExitCode } from "../../src/core/errors.js";
import { userError } from "../cli/user-error.js";

describe("parseDiskSize", () => {
  it.each([
    ["20480", 20480],
    ["1", 1],
    ["020", 20],
    ["512M", 512],
    ["512MiB", 512],
    ["512m", 512],
    ["20G", 20 * 1024],
    ["20GiB", 20 * 1024],
    ["20 GiB", 20 * 1024],
    ["1.5G", 1536],
    ["0.5G", 512],
    ["1T", 1024 * 1024],
    ["2tib", 2 * 1024 * 1024],
    ["16T", 16 * 1024 * 1024],
    [" 64G ", 64 * 1024],
  ])("%s is %d MiB", (text, mib) => {
    expect(parseDiskSize(text)).toBe(mib);
  });

  it("takes auto in any case", () => {
    expect(parseDiskSize("auto")).toBe("auto");
    expect(parseDiskSize("AUTO")).toBe("auto");
  });

  it.each([
    ["abc", /not a number/],
    ["-1", /cannot be negative/],
    ["0", /cannot be empty/],
    ["0G", /cannot be empty/],
    ["1.5", /fractions of a MiB/],
    ["0.1G", /not a whole number of MiB/],
    ["", /empty/],
    ["   ", /empty/],
    ["17T", /larger than 16 TiB/],
    [String(MAX_DISK_SIZE_MIB + 1), /larger than 16 TiB/],
    ["20X", /'X' is not a unit/],
    ["1e3", /not a number/],
    ["0x10", /not a number/],
    ["+5", /not a number/],
  ])("rejects %j", (text, why) => {
    const e = userError(() => parseDiskSize(text));
    expect(e.problem).toContain(`invalid disk size '${text}'`);
    expect(e.problem).toMatch(why);
    expect(e.fix).toContain("20480");
    expect(e.fix).toContain("20G");
    expect(e.fix).toContain("auto");
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("rejects decimal units and shows the binary spelling", () => {
    const e = userError(() => parseDiskSize("20GB"));
    expect(e.problem).toContain("'GB' is not accepted");
    expect(e.fix).toContain("e.g. 20G");
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(userError(() => parseDiskSize("512MB")).fix).toContain("e.g. 512M");
  });

  it("accepts exactly the 16 TiB limit", () => {
    expect(parseDiskSize(String(MAX_DISK_SIZE_MIB))).toBe(16 * 1024 * 1024);
  });
});

describe("formatDiskSize", () => {
  it("round-trips through parseDiskSize", () => {
    for (const size of [1, 512, 1536, 20480, 1024 * 1024, 3 * 1024 * 1024]) {
      expect(parseDiskSize(formatDiskSize(size))).toBe(size);
    }
    expect(formatDiskSize(20480)).toBe("20G");
    expect(formatDiskSize("auto")).toBe("auto");
  });
});
