/**
 * @fileoverview Host API v1: what a rule package may ask of the runner that loads it, kept
 * apart from the internal kernel ABI (abi.ts) so that a package written by hand, in any
 * language that compiles to Wasm, can run beside the compiled ones. docs/host-api.md is
 * the contract in words; this file is the one place its names and version live.
 */

/** The Host API this runner provides; a manifest's `hostApi` above it is refused. */
export const HOST_API_VERSION = 1;

/** Imports a package may declare ("module.name"): every other import is refused at load. */
export const HOST_IMPORTS: readonly string[] = ["host.regex_test"];

/** Exports a package must have, with what each is for (the scan protocol of docs/package-abi.md). */
export const HOST_EXPORTS: readonly string[] = ["memory", "k_init", "k_input_ptr", "k_out_ptr", "k_scan", "k_match_count", "k_lines", "rule_count"];
