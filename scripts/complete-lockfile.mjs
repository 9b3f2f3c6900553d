#!/usr/bin/env node
/**
 * Adds lockfile entries for optional platform packages (e.g. @next/swc-darwin-arm64) that the package
 * registry of the machine that wrote package-lock.json did not carry. npm records only the platform packages
 * it can resolve, and `npm ci` then refuses the lockfile as out of sync. The added entries carry the version
 * the parent pins and the os/cpu read from the package name, so npm skips them on other platforms and fetches
 * them from the registry on theirs. Run it after `npm install` changes the lockfile; it is a no-op when the
 * lockfile is already complete.
 */
import fs from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "openharmony", "win32"];
const CPU = {
  arm64: "arm64",
  arm: "arm",
  x64: "x64",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.map((part) => CPU[part]).find(Boolean);
  const libc = parts.find((part) => part.startsWith("musl")) ? "musl" : parts.find((part) => part.startsWith("gnu")) ? "glibc" : undefined;
  return { ...(cpu && { cpu: [cpu] }), ...(libc && os === "linux" && { libc: [libc] }), ...(os && { os: [os] }) };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
const added = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform package: leave it to npm
    packages[`node_modules/${name}`] = { version, ...(entry.dev && { dev: true }), optional: true, ...platform };
    added.push(`${name}@${version}`);
  }
}
if (added.length) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
}
console.log(
  added.length
    ? `added ${added.length} platform entries:\n  ${added.join("\n  ")}`
    : "package-lock.json already lists every platform package",
);
