/**
 * @fileoverview Generates the shipped event schemas (schemas/{ecs,windows,endgame}.json)
 * from material in ../shared, run by hand: `node --import tsx scripts/gen-schemas.ts`.
 * With `--check` it writes nothing and exits 1 when a shipped schema differs from what
 * it would generate (npm run conformance runs it so).
 * Only field names and inferred types are taken (plus ECS definitions, Apache-2.0);
 * no event or rule text. Field IDs are stable: an existing schema's IDs are kept and
 * new fields get new IDs after the highest one.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { FieldType } from "../compiler/ir/types.js";
import type { Clause, EventSchemaDoc, LogSource } from "../compiler/schema/schema.js";

const shared = join(process.cwd(), "..", "shared");

type FieldSpec = { path: string; type: FieldType; description?: string };

function withStableIds(name: string, fields: FieldSpec[]): EventSchemaDoc["fields"] {
  const file = join("schemas", `${name}.json`);
  const old = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as EventSchemaDoc).fields : [];
  const ids = new Map(old.map((f) => [f.path, f.id]));
  let next = Math.max(0, ...old.map((f) => f.id)) + 1;
  return fields
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => ({ id: ids.get(f.path) ?? next++, ...f }))
    .sort((a, b) => a.id - b.id);
}

const checkOnly = process.argv.includes("--check");

function write(doc: EventSchemaDoc): void {
  const file = join("schemas", `${doc.id}.json`);
  const text = JSON.stringify(doc, null, 1) + "\n";
  if (!checkOnly) {
    writeFileSync(file, text);
    console.log(`${file}: ${doc.fields.length} fields`);
  } else if (readFileSync(file, "utf8") === text) {
    console.log(`${file}: up to date (${doc.fields.length} fields)`);
  } else {
    console.log(`${file}: differs from what ../shared generates; run node --import tsx scripts/gen-schemas.ts`);
    process.exitCode = 1;
  }
}

/** Type of a field from the JSON values seen for it. */
class TypeInference {
  private readonly seen = new Map<string, Set<string>>();

  add(key: string, value: unknown): void {
    const kinds = this.seen.get(key) ?? new Set<string>();
    this.seen.set(key, kinds);
    if (value === null) return;
    if (Array.isArray(value)) kinds.add("array");
    else if (typeof value === "number") kinds.add(Number.isInteger(value) ? "int" : "float");
    else if (typeof value === "string") kinds.add(/^-?\d{1,18}$/.test(value) ? "intstring" : "string");
    else kinds.add(typeof value);
  }

  fields(): FieldSpec[] {
    return [...this.seen].map(([path, kinds]) => ({ path, type: TypeInference.typeOf(kinds) }));
  }

  private static typeOf(kinds: Set<string>): FieldType {
    const k = [...kinds].sort().join(",");
    if (k === "int" || k === "int,intstring" || k === "intstring") return "i64";
    if (k === "float" || k === "float,int") return "f64";
    if (k === "boolean") return "bool";
    if (k === "array") return "array<string>";
    return "string";
  }
}

function endgame(): void {
  const events = JSON.parse(readFileSync(join(shared, "conformance/eql/test_data.json"), "utf8")) as Record<string, unknown>[];
  const inf = new TypeInference();
  for (const e of events) for (const [k, v] of Object.entries(e)) inf.add(k, v);
  const fields = inf.fields();
  const category = (name: string): Clause[] => [{ field: "event_type", anyOf: [name] }];
  write({
    id: "endgame",
    version: "1",
    description: "Flat Endgame event schema, as used by the reference EQL implementation's test data.",
    timestamp: { field: "timestamp", format: "filetime" },
    entityKey: ["unique_pid"],
    categories: Object.fromEntries(["process", "file", "network", "registry", "dns"].map((c) => [c, category(c)])),
    logsources: [],
    fields: withStableIds("endgame", fields),
  });
}

const sysmonFields = [
  "UtcTime", "ProcessGuid", "ProcessId", "Image", "FileVersion", "Description", "Product", "Company", "OriginalFileName",
  "CommandLine", "CurrentDirectory", "User", "LogonGuid", "LogonId", "TerminalSessionId", "IntegrityLevel", "Hashes",
  "ParentProcessGuid", "ParentProcessId", "ParentImage", "ParentCommandLine", "ParentUser", "TargetFilename",
  "CreationUtcTime", "PreviousCreationUtcTime", "TargetObject", "Details", "EventType", "NewName", "SourceIp",
  "SourceHostname", "SourcePort", "SourcePortName", "DestinationIp", "DestinationHostname", "DestinationPort",
  "DestinationPortName", "DestinationIsIpv6", "SourceIsIpv6", "Protocol", "Initiated", "QueryName", "QueryStatus",
  "QueryResults", "ImageLoaded", "Signed", "Signature", "SignatureStatus", "SourceImage", "TargetImage",
  "SourceProcessGuid", "SourceProcessId", "TargetProcessGuid", "TargetProcessId", "GrantedAccess", "CallTrace",
  "StartAddress", "StartModule", "StartFunction", "PipeName", "Contents", "Archived", "IsExecutable", "Device",
  "State", "Operation", "Consumer", "Filter", "Destination", "Type", "Query", "Name",
  // The event provider as Winlogbeat and EVTX exports name it (NXLog: SourceName; the windows pipeline maps one to both).
  "Provider_Name",
];

function windows(): void {
  const dir = join(shared, "datasets/mordor");
  const inf = new TypeInference();
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".ndjson"))) {
    for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      for (const [k, v] of Object.entries(JSON.parse(line) as Record<string, unknown>)) inf.add(k, v);
    }
  }
  const fields = inf.fields();
  const have = new Set(fields.map((f) => f.path));
  for (const name of sysmonFields) if (!have.has(name)) fields.push({ path: name, type: "string" });
  const sysmon: Clause = { field: "Channel", anyOf: ["Microsoft-Windows-Sysmon/Operational"] };
  const sysmonEvents = (ids: number[]): Clause[] => [sysmon, { field: "EventID", anyOf: ids }];
  const sysmonCategories: [string, number[]][] = [
    ["process_creation", [1]], ["file_change", [2]], ["network_connection", [3]], ["sysmon_status", [4, 16]],
    ["process_termination", [5]], ["driver_load", [6]], ["image_load", [7]], ["create_remote_thread", [8]],
    ["raw_access_thread", [9]], ["process_access", [10]], ["file_event", [11]], ["registry_add", [12]],
    ["registry_delete", [12]], ["registry_set", [13]], ["registry_rename", [14]], ["registry_event", [12, 13, 14]],
    ["create_stream_hash", [15]], ["pipe_created", [17, 18]], ["wmi_event", [19, 20, 21]], ["dns_query", [22]],
    ["file_delete", [23, 26]], ["clipboard_capture", [24]], ["process_tampering", [25]], ["file_block_executable", [27]],
    ["file_block_shredding", [28]], ["file_executable_detected", [29]],
  ];
  const linuxSysmonCategories: [string, number[]][] = [
    ["process_creation", [1]], ["network_connection", [3]], ["process_termination", [5]], ["raw_access_thread", [9]],
    ["file_event", [11]], ["file_delete", [23]],
  ];
  const services: [string, string[]][] = [
    ["security", ["Security"]], ["system", ["System"]], ["application", ["Application"]], ["sysmon", ["Microsoft-Windows-Sysmon/Operational"]],
    ["powershell", ["Microsoft-Windows-PowerShell/Operational"]], ["powershell-classic", ["Windows PowerShell"]],
    ["wmi", ["Microsoft-Windows-WMI-Activity/Operational"]], ["taskscheduler", ["Microsoft-Windows-TaskScheduler/Operational"]],
    // Sigma's Windows services by their event log channel names.
    ["windefend", ["Microsoft-Windows-Windows Defender/Operational"]],
    ["codeintegrity-operational", ["Microsoft-Windows-CodeIntegrity/Operational"]],
    ["appxdeployment-server", ["Microsoft-Windows-AppXDeploymentServer/Operational"]],
    ["appxpackaging-om", ["Microsoft-Windows-AppxPackaging/Operational"]],
    ["appmodel-runtime", ["Microsoft-Windows-AppModel-Runtime/Admin"]],
    ["firewall-as", ["Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"]],
    ["bits-client", ["Microsoft-Windows-Bits-Client/Operational"]],
    ["msexchange-management", ["MSExchange Management"]],
    ["dns-client", ["Microsoft-Windows-DNS Client Events/Operational"]],
    ["dns-server", ["DNS Server"]],
    ["iis-configuration", ["Microsoft-IIS-Configuration/Operational"]],
    ["ntlm", ["Microsoft-Windows-NTLM/Operational"]],
    ["applocker", ["Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution"]],
    ["security-mitigations", ["Microsoft-Windows-Security-Mitigations/Kernel Mode", "Microsoft-Windows-Security-Mitigations/User Mode"]],
    ["capi2", ["Microsoft-Windows-CAPI2/Operational"]],
    ["certificateservicesclient-lifecycle-system", ["Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"]],
    ["driver-framework", ["Microsoft-Windows-DriverFrameworks-UserMode/Operational"]],
    ["ldap", ["Microsoft-Windows-LDAP-Client/Debug"]],
    ["lsa-server", ["Microsoft-Windows-LSA/Operational"]],
    ["openssh", ["OpenSSH/Operational"]],
    ["microsoft-servicebus-client", ["Microsoft-ServiceBus-Client"]],
    ["shell-core", ["Microsoft-Windows-Shell-Core/Operational"]],
    ["terminalservices-localsessionmanager", ["Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"]],
    ["diagnosis-scripted", ["Microsoft-Windows-Diagnosis-Scripted/Operational"]],
    ["smbclient-security", ["Microsoft-Windows-SmbClient/Security"]],
    ["smbserver-connectivity", ["Microsoft-Windows-SMBServer/Connectivity"]],
    ["printservice-admin", ["Microsoft-Windows-PrintService/Admin"]],
    ["printservice-operational", ["Microsoft-Windows-PrintService/Operational"]],
  ];
  const logsources: LogSource[] = [
    ...sysmonCategories.map(([category, ids]) => ({ category, product: "windows", where: sysmonEvents(ids) })),
    ...services.map(([service, channels]) => ({ product: "windows", service, where: [{ field: "Channel", anyOf: channels }] })),
    { category: "ps_script", product: "windows", where: [{ field: "Channel", anyOf: ["Microsoft-Windows-PowerShell/Operational"] }, { field: "EventID", anyOf: [4104] }] },
    { category: "ps_module", product: "windows", where: [{ field: "Channel", anyOf: ["Microsoft-Windows-PowerShell/Operational"] }, { field: "EventID", anyOf: [4103] }] },
    { category: "ps_classic_start", product: "windows", where: [{ field: "Channel", anyOf: ["Windows PowerShell"] }, { field: "EventID", anyOf: [400] }] },
    { category: "ps_classic_provider_start", product: "windows", where: [{ field: "Channel", anyOf: ["Windows PowerShell"] }, { field: "EventID", anyOf: [600] }] },
    { category: "sysmon_error", product: "windows", where: sysmonEvents([255]) },
    // Sysmon for Linux: the same event ids and field names, in its own channel.
    ...linuxSysmonCategories.map(([category, ids]) => ({ category, product: "linux", where: [{ field: "Channel", anyOf: ["Linux-Sysmon/Operational"] }, { field: "EventID", anyOf: ids }] })),
  ];
  const doc: EventSchemaDoc = {
    id: "windows",
    version: "1",
    description: "Flat Windows event log fields (Sysmon, Security, PowerShell, System) as NXLog/Winlogbeat-style top-level keys.",
    // NXLog/Winlogbeat events carry @timestamp; others only the record's TimeCreated (UTC).
    timestamp: { field: "@timestamp", format: "iso8601", fallbacks: [{ field: "TimeCreated", format: "iso8601" }] },
    entityKey: ["Hostname", "ProcessGuid"],
    categories: {
      process: sysmonEvents([1, 5]),
      network: sysmonEvents([3, 22]),
      file: sysmonEvents([2, 11, 15, 23, 26]),
      registry: sysmonEvents([12, 13, 14]),
      library: sysmonEvents([7]),
      dns: sysmonEvents([22]),
    },
    logsources,
    fields: withStableIds("windows", fields),
    pipeline: "windows-flat",
  };
  write(doc);
  evtx(doc);
}

/**
 * The EVTX-JSON shape (evtx_dump style, `{"Event":{"System":{…},"EventData":{…}}}`), derived
 * from the windows schema: its System fields at their nested paths, its data fields under
 * Event.EventData. (and any other EventData or UserData field as an open string), the same
 * categories and log sources on Event.System.Channel/EventID. The `evtx-json` pipeline maps
 * Sigma's names onto it.
 */
function evtx(windows: EventSchemaDoc): void {
  const system: [string, string, FieldType][] = [
    ["EventID", "Event.System.EventID", "i64"],
    ["", "Event.System.EventID.#text", "i64"],
    ["Channel", "Event.System.Channel", "string"],
    ["Hostname", "Event.System.Computer", "string"],
    ["SourceName", "Event.System.Provider.#attributes.Name", "string"],
    ["ProviderGuid", "Event.System.Provider.#attributes.Guid", "string"],
    ["TimeCreated", "Event.System.TimeCreated.#attributes.SystemTime", "string"],
    ["Version", "Event.System.Version", "i64"],
    ["Level", "Event.System.Level", "i64"],
    ["Task", "Event.System.Task", "i64"],
    ["Opcode", "Event.System.Opcode", "i64"],
    ["Keywords", "Event.System.Keywords", "string"],
    ["RecordNumber", "Event.System.EventRecordID", "i64"],
    ["ExecutionProcessID", "Event.System.Execution.#attributes.ProcessID", "i64"],
    ["ThreadID", "Event.System.Execution.#attributes.ThreadID", "i64"],
    ["UserID", "Event.System.Security.#attributes.UserID", "string"],
  ];
  const systemNames = new Set([...system.map(([flat]) => flat), "@timestamp", "Provider_Name"]);
  const fields: FieldSpec[] = [
    ...system.map(([, path, type]) => ({ path, type })),
    ...windows.fields.filter((f) => !systemNames.has(f.path)).map((f) => ({ path: `Event.EventData.${f.path}`, type: f.type })),
  ];
  const rename = new Map(system.filter(([flat]) => flat !== "").map(([flat, path]) => [flat, path]));
  const clauses = (cs: readonly Clause[]): Clause[] => cs.map((c) => ({ ...c, field: rename.get(c.field) ?? `Event.EventData.${c.field}` }));
  write({
    id: "evtx",
    version: "1",
    description: "Windows event log records as EVTX-JSON (evtx_dump style: Event.System and Event.EventData objects), as exported from .evtx files.",
    timestamp: { field: "Event.System.TimeCreated.#attributes.SystemTime", format: "iso8601" },
    entityKey: ["Event.System.Computer", "Event.EventData.ProcessGuid"],
    categories: Object.fromEntries(Object.entries(windows.categories).map(([k, cs]) => [k, clauses(cs)])),
    logsources: windows.logsources.map((l) => ({ ...l, where: clauses(l.where) })),
    fields: withStableIds("evtx", fields),
    pipeline: "evtx-json",
    openNamespaces: [
      { prefix: "Event.EventData.", type: "string" },
      { prefix: "Event.UserData.", type: "string" },
    ],
  });
}

interface EcsField {
  type: string;
  normalize?: string[];
  short?: string;
  allowed_values?: { name: string }[];
}

const ecsTypes: Readonly<Record<string, FieldType>> = {
  keyword: "string", wildcard: "string", match_only_text: "string", constant_keyword: "string", text: "string",
  date: "string", long: "i64", integer: "i64", short: "i64", byte: "i64", unsigned_long: "u64",
  double: "f64", float: "f64", half_float: "f64", scaled_float: "f64", boolean: "bool", ip: "ip", binary: "bytes",
};

/**
 * Namespaces ECS leaves to others, whose fields Elastic's rules read: Elastic Defend's `.Ext`
 * objects and top-level extras, and the Beats and integrations' own (winlog.event_data is a
 * free-form object there). Their fields are strings here.
 */
const ecsOpenNamespaces = [
  "process.Ext.", "process.parent.Ext.", "file.Ext.", "dll.Ext.", "user.Ext.", "group.Ext.", "Effective_process.", "Persistence.",
  "winlog.", "auditd.", "aws.", "azure.", "gcp.", "okta.", "o365.", "github.", "google_workspace.", "kubernetes.", "fortinet.",
  "network_traffic.", "kibana.alert.", "signal.", "problemchild.", "flow.", "processor.",
];

function ecs(): void {
  const flat = parse(readFileSync(join(shared, "schemas/ecs/ecs_flat.yml"), "utf8")) as Record<string, EcsField>;
  const fields: FieldSpec[] = [];
  for (const [path, def] of Object.entries(flat)) {
    const base = ecsTypes[def.type];
    if (base === undefined) continue; // object, nested, flattened, geo_point: not addressable as one value
    const type: FieldType = def.normalize?.includes("array") ? `array<${base as Exclude<FieldType, `array<${string}>`>}>` : base;
    fields.push(def.short === undefined ? { path, type } : { path, type, description: def.short });
  }
  const cats = flat["event.category"]?.allowed_values?.map((v) => v.name) ?? [];
  const cat = (c: string): Clause => ({ field: "event.category", anyOf: [c] });
  const type = (...t: string[]): Clause => ({ field: "event.type", anyOf: t });
  const logsources: LogSource[] = [
    { category: "process_creation", where: [cat("process"), type("start")] },
    { category: "process_termination", where: [cat("process"), type("end")] },
    { category: "network_connection", where: [cat("network")] },
    { category: "file_event", where: [cat("file")] },
    { category: "file_delete", where: [cat("file"), type("deletion")] },
    { category: "image_load", where: [cat("library")] },
    { category: "registry_event", where: [cat("registry")] },
    { category: "registry_set", where: [cat("registry"), type("change")] },
    { category: "dns_query", where: [cat("network"), { field: "event.action", anyOf: ["dns-query", "lookup_requested"] }] },
    { category: "authentication", where: [cat("authentication")] },
  ];
  write({
    id: "ecs",
    version: "1",
    description: "Elastic Common Schema, generated from ecs_flat.yml (Apache-2.0; see schemas/NOTICE-ecs.txt).",
    timestamp: { field: "@timestamp", format: "iso8601" },
    entityKey: ["host.id", "process.entity_id"],
    categories: Object.fromEntries([...cats, "library"].map((c) => [c, [cat(c)]])),
    logsources,
    fields: withStableIds("ecs", fields),
    categoryField: "event.category",
    pipeline: "ecs",
    openNamespaces: ecsOpenNamespaces.map((prefix) => ({ prefix, type: "string" })),
  });
}

if (existsSync(shared)) {
  endgame();
  windows();
  ecs();
} else {
  console.log("gen-schemas: ../shared not found; schemas left as they are");
}
