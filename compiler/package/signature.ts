/**
 * @fileoverview Package signing with Ed25519 (node:crypto). A signature covers the bytes of
 * `manifest.json`, which pins the module's (and the IR's) sha256, so one signature covers
 * the whole package. It lives beside them in `signature.json`: the algorithm, the signer's
 * key id (sha256 of its SPKI DER) and the base64 signature. `verifyPackageSignature` refuses
 * an unsigned package, one signed by a key that is not trusted, and one whose manifest or
 * signature was altered, each with its own message.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PackageError } from "./read.js";

export const SIGNATURE_FILE = "signature.json";
const FORMAT = "kestrel-signature";

interface SignatureDoc {
  readonly format: typeof FORMAT;
  readonly alg: "ed25519";
  readonly keyId: string;
  readonly signature: string;
}

/** sha256 of the public key's SPKI DER, in hex: how signatures name their signer. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ type: "spki", format: "der" })).digest("hex");
}

/** A new Ed25519 key pair as PEM: PKCS#8 private, SPKI public. */
export function generateSigningKeys(): { readonly privatePem: string; readonly publicPem: string; readonly keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

function loadKey(pem: string, kind: "private" | "public", origin: string): KeyObject {
  try {
    const key = kind === "private" ? createPrivateKey(pem) : createPublicKey(pem);
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`not an Ed25519 key (${String(key.asymmetricKeyType)})`);
    return key;
  } catch (e) {
    throw new PackageError(`${origin}: cannot read ${kind} key: ${(e as Error).message}`);
  }
}

function readKeyFile(file: string, kind: "private" | "public"): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (e) {
    throw new PackageError(`${file}: cannot read ${kind} key: ${(e as Error).message}`);
  }
  return loadKey(pem, kind, file);
}

export function readPrivateKey(file: string): KeyObject {
  return readKeyFile(file, "private");
}

export function readPublicKey(file: string): KeyObject {
  return readKeyFile(file, "public");
}

/** Signs the package folder's manifest.json; writes signature.json and returns the key id. */
export function signPackage(dir: string, privateKey: KeyObject): string {
  const manifest = readFileSync(join(dir, "manifest.json"));
  const doc: SignatureDoc = { format: FORMAT, alg: "ed25519", keyId: keyIdOf(privateKey), signature: sign(null, manifest, privateKey).toString("base64") };
  writeFileSync(join(dir, SIGNATURE_FILE), JSON.stringify(doc, null, 2) + "\n");
  return doc.keyId;
}

/** Throws PackageError unless `dir` is signed, by one of `trusted`, over its manifest as it is. */
export function verifyPackageSignature(dir: string, trusted: readonly KeyObject[]): void {
  const file = join(dir, SIGNATURE_FILE);
  if (!existsSync(file)) throw new PackageError(`${dir}: the package is not signed, and --trust requires a signature from a trusted key`);
  let doc: Partial<SignatureDoc>;
  try {
    doc = JSON.parse(readFileSync(file, "utf8")) as Partial<SignatureDoc>;
  } catch (e) {
    throw new PackageError(`${file}: cannot read signature: ${(e as Error).message}`);
  }
  if (doc.format !== FORMAT || doc.alg !== "ed25519" || typeof doc.keyId !== "string" || typeof doc.signature !== "string") {
    throw new PackageError(`${file}: not a Kestrel Ed25519 signature`);
  }
  const key = trusted.find((k) => keyIdOf(k) === doc.keyId);
  if (key === undefined) throw new PackageError(`${dir}: signed by key ${doc.keyId}, which is not among the trusted keys`);
  const manifest = readFileSync(join(dir, "manifest.json"));
  if (!verify(null, manifest, key, Buffer.from(doc.signature, "base64"))) {
    throw new PackageError(`${dir}: the signature does not match the manifest; the package was modified after it was signed`);
  }
}
