/**
 * @fileoverview The IR's case folding, ASCII letters only, written here again so the oracle
 * shares no code with the compiler.
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
