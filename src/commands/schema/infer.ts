/**
 * @fileoverview `kestrel schema infer <events...>`: writes the schema `--schema auto` would
 * use, as a file to edit and reuse with `--schema <file>`.
 */
import { Command, Flags } from "@oclif/core";
import { writeFileSync } from "node:fs";
import { eventInputs } from "../../util/event-inputs.js";
import type { EventSchemaDoc } from "../../../compiler/schema/schema.js";
import { inferDoc, inferFlags } from "../../util/auto-schema.js";

export default class SchemaInfer extends Command {
  static override summary = "Infer an event schema from sample events.";
  static override description =
    "Reads the first events (--infer-events, default 1000) of NDJSON files, folders, globs or piped stdin and prints an event schema: every field with the narrowest type its values fit, the time field and format, and EQL categories from --category-field (default event.category if present, else event_type). Edit it and pass it with --schema <file>; `--schema auto` on run and query does the same on the fly.";
  static override examples = ["<%= config.bin %> schema infer logs/app.ndjson --out schemas/app.json", "head -1000 events.ndjson | <%= config.bin %> schema infer --category-field kind"];
  static override strict = false;
  // --json prints the schema through oclif (as without --out, but also with it).
  static override enableJsonFlag = true;
  static override flags = {
    ...inferFlags,
    out: Flags.string({ char: "o", summary: "Write the schema to this file instead of stdout." }),
  };

  async run(): Promise<EventSchemaDoc> {
    const { argv, flags } = await this.parse(SchemaInfer);
    const inputs = await eventInputs(this, argv as string[], () => this.error("no events: give event files, folders or globs, or pipe NDJSON on stdin", { exit: 2 }));
    const doc = await inferDoc(inputs, flags);
    const text = JSON.stringify(doc, null, 1) + "\n";
    if (flags.out === undefined) {
      if (!this.jsonEnabled()) process.stdout.write(text);
    } else {
      writeFileSync(flags.out, text);
      this.logToStderr(`kestrel: wrote ${flags.out}: ${doc.fields.length} fields, ${Object.keys(doc.categories).length} categories, time from ${doc.timestamp.field} (${doc.timestamp.format})`);
    }
    return doc;
  }
}
