/**
 * @fileoverview EVTX-JSON event (evtx_dump style: `{"Event":{"System":{…},"EventData":{…}}}`)
 * → the flat NXLog-style object the `windows` schema reads (as ../shared/datasets/mordor
 * has it). Mapping, in this order (a later key overrides an earlier one of the same name):
 * System: `EventID` (a number, or the `#text` of `{"#attributes":{Qualifiers},"#text":n}`,
 * digit strings as numbers) → `EventID`; `Channel`; `Computer` → `Hostname`; `Provider`
 * `@Name` → `SourceName` and `@Guid` → `ProviderGuid`; `TimeCreated` `@SystemTime` →
 * `TimeCreated` and `@timestamp` (the schema's timestamp); `Version`, `Level`, `Task`,
 * `Opcode`, `Keywords`; `EventRecordID` → `RecordNumber`; `Execution` `@ProcessID` →
 * `ExecutionProcessID`, `@ThreadID` → `ThreadID`; `Security` `@UserID` → `UserID`.
 * Then UserData: the fields of its one wrapper element (`{"UserData":{"<Name>":{…}}}`),
 * and last EventData's fields. In both, `#attributes` is dropped, an element
 * `{"#attributes":…,"#text":v}` becomes `v`, nulls are dropped, and other values (numbers
 * included) are kept exactly as exported.
 */
import type { JsonValue } from "../reference/json-value.js";

type Entries = Map<string, JsonValue>;
type Obj = Extract<JsonValue, { t: "obj" }>;

function member(v: JsonValue | undefined, key: string): JsonValue | undefined {
  if (v?.t !== "obj") return undefined;
  let found: JsonValue | undefined;
  for (const [k, x] of v.entries) if (k === key) found = x;
  return found;
}

/** `obj["#attributes"][name]`. */
function attribute(v: JsonValue | undefined, name: string): JsonValue | undefined {
  return member(member(v, "#attributes"), name);
}

/** An element with attributes and text → its text; anything else unchanged. */
function textOf(v: JsonValue): JsonValue {
  return member(v, "#text") ?? v;
}

function eventId(v: JsonValue | undefined): JsonValue | undefined {
  const id = v === undefined ? undefined : textOf(v);
  if (id?.t === "str" && /^\d+$/.test(id.v)) return { t: "num", raw: id.v, f: Number(id.v), int: BigInt(id.v) };
  return id;
}

function put(out: Entries, key: string, v: JsonValue | undefined): void {
  if (v !== undefined && v.t !== "null") out.set(key, v);
}

function system(sys: JsonValue | undefined, out: Entries): void {
  put(out, "EventID", eventId(member(sys, "EventID")));
  put(out, "Channel", member(sys, "Channel"));
  put(out, "Hostname", member(sys, "Computer"));
  put(out, "SourceName", attribute(member(sys, "Provider"), "Name"));
  put(out, "ProviderGuid", attribute(member(sys, "Provider"), "Guid"));
  const time = attribute(member(sys, "TimeCreated"), "SystemTime");
  put(out, "TimeCreated", time);
  put(out, "@timestamp", time);
  for (const key of ["Version", "Level", "Task", "Opcode", "Keywords"]) put(out, key, member(sys, key));
  put(out, "RecordNumber", member(sys, "EventRecordID"));
  put(out, "ExecutionProcessID", attribute(member(sys, "Execution"), "ProcessID"));
  put(out, "ThreadID", attribute(member(sys, "Execution"), "ThreadID"));
  put(out, "UserID", attribute(member(sys, "Security"), "UserID"));
}

/** The data fields of an EventData element or of UserData's wrapper element. */
function dataFields(data: JsonValue | undefined, out: Entries): void {
  if (data?.t !== "obj") return;
  for (const [key, value] of data.entries) if (key !== "#attributes") put(out, key, textOf(value));
}

function userData(ud: JsonValue | undefined, out: Entries): void {
  if (ud?.t !== "obj") return;
  for (const [key, wrapper] of ud.entries) if (key !== "#attributes") dataFields(wrapper, out);
}

/** One EVTX-JSON event → one flat event; throws when `Event.System` is missing. */
export function flattenEvtx(root: JsonValue): Obj {
  const event = member(root, "Event");
  const sys = member(event, "System");
  if (sys?.t !== "obj") throw new Error("EVTX-JSON event without Event.System");
  const out: Entries = new Map();
  system(sys, out);
  userData(member(event, "UserData"), out);
  dataFields(member(event, "EventData"), out);
  return { t: "obj", entries: [...out.entries()] };
}
