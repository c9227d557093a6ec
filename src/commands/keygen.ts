/**
 * @fileoverview `kestrel keygen`: writes an Ed25519 key pair for signing packages
 * (`kestrel build --sign`) and trusting them (`kestrel run --trust`).
 */
import { Command, Flags } from "@oclif/core";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSigningKeys } from "../../compiler/package/signature.js";

export default class Keygen extends Command {
  static override summary = "Write an Ed25519 key pair for signing rule packages.";
  static override description =
    "Writes <name>.key (PKCS#8 PEM, private: keep it secret; mode 0600) and <name>.pub (SPKI PEM). Sign with `kestrel build --sign <name>.key`; run only trusted packages with `kestrel run --trust <name>.pub`. Refuses to overwrite an existing key.";
  static override examples = ["<%= config.bin %> keygen --out keys", "<%= config.bin %> build rules/ --sign keys/kestrel.key"];
  static override enableJsonFlag = true;
  static override flags = {
    out: Flags.string({ char: "o", summary: "Folder to write the key pair into.", default: "." }),
    name: Flags.string({ summary: "File name of the pair, without extension.", default: "kestrel" }),
  };

  async run(): Promise<{ privateKey: string; publicKey: string; keyId: string }> {
    const { flags } = await this.parse(Keygen);
    const priv = join(flags.out, `${flags.name}.key`);
    const pub = join(flags.out, `${flags.name}.pub`);
    for (const f of [priv, pub]) if (existsSync(f)) this.error(`${f} exists; not overwriting a key`, { exit: 2 });
    mkdirSync(flags.out, { recursive: true });
    const keys = generateSigningKeys();
    writeFileSync(priv, keys.privatePem, { mode: 0o600 });
    writeFileSync(pub, keys.publicPem);
    this.log(`wrote ${priv} and ${pub}; key id ${keys.keyId}`);
    return { privateKey: priv, publicKey: pub, keyId: keys.keyId };
  }
}
