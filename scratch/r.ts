import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileSources, linkRuleSet } from "../compiler/index.js";
import { readPackage } from "../compiler/package/read.js";
import { writePackage } from "../compiler/package/write.js";
import { DetectStage } from "../src/runtime/detect/detect.js";
import { PackageEngine } from "../src/runtime/engine.js";
const rules = [
  { path: "a.eql", read: () => 'process where CommandLine : "*whoami*"\n' },
  { path: "b.eql", read: () => "sequence by Hostname with maxspan=1m [process where true] [network where DestinationPort == 443]\n" },
];
const built = await linkRuleSet(compileSources(rules, { schema: "windows" }), "fuzz");
type J = any;
function paths(v: J, at: any[] = []): any[][] { const h=[at]; if (Array.isArray(v)) return [...h, ...v.flatMap((x,i)=>paths(x,[...at,i]))]; if (v && typeof v==="object") return [...h, ...Object.entries(v).flatMap(([k,x])=>paths(x,[...at,k]))]; return h; }
const base = JSON.parse(JSON.stringify(built.manifest));
const all = paths(base);
for (const i of [73, 103]) {
  const p = all[i]; console.log(i, JSON.stringify(p));
  let o = base; const copy = JSON.parse(JSON.stringify(base)); let c = copy; for (const k of p.slice(0,-1)) c = c[k]; if (Array.isArray(c)) c.splice(p.at(-1),1); else delete c[p.at(-1)];
  const dir = writePackage(mkdtempSync(join(tmpdir(), "kf-")), built.manifest, built.wasm, built.ir);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(copy));
  try { const pkg = readPackage(dir); const e = await PackageEngine.fromWasm(pkg.wasm, pkg.manifest); const ev = new TextEncoder().encode('{"@timestamp":"2026-01-01T00:00:00Z","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Hostname":"h","CommandLine":"whoami"}\n'); const s = e.scan({seq:0,source:"e",firstLine:1,bytes:ev}, true); const d = new DetectStage([pkg.manifest]); const b={seq:0,source:"e",lines:1,bytes:ev.length,matches:s.matches,malformed:s.malformed}; d.stateless(b); d.stateful(b); console.log("ran"); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.slice(0,300)); }
}
