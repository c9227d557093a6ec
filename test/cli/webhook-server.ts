/**
 * @fileoverview A webhook receiver for CLI tests, on 127.0.0.1 and an ephemeral port:
 * it answers requests from a script (the first ones as listed, the rest alike), records
 * every request and the most requests it had in flight at once, and accepts each batch
 * once by its Idempotency-Key, as a receiver that dedupes would.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A 2xx takes the batch on arrival, whenever the answer goes out (`delayMs`, possibly past the client's timeout). */
export interface Reply {
  readonly status: number;
  readonly headers?: () => Record<string, string>;
  readonly delayMs?: number;
}

export interface Received {
  readonly key: string;
  readonly ids: readonly string[];
  readonly headers: IncomingHttpHeaders;
}

export interface Script {
  readonly first?: readonly Reply[];
  /** After `first`; a plain 200 when not given. */
  readonly then?: Reply;
  /** Called as each request arrives, before it is answered. */
  readonly onRequest?: (request: Received) => void;
}

export interface WebhookServer {
  readonly url: string;
  readonly requests: Received[];
  /** Alert ids of accepted batches, each batch counted once per Idempotency-Key. */
  readonly accepted: string[];
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export async function webhookServer(script: Script): Promise<WebhookServer> {
  const requests: Received[] = [];
  const accepted: string[] = [];
  const keys = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter((l) => l !== "");
      const received = { key: String(req.headers["idempotency-key"]), ids: lines.map((l) => (JSON.parse(l) as { id: string }).id), headers: req.headers };
      const reply = script.first?.[requests.length] ?? script.then ?? { status: 200 };
      requests.push(received);
      script.onRequest?.(received);
      if (reply.status < 300 && !keys.has(received.key)) accepted.push(...received.ids);
      if (reply.status < 300) keys.add(received.key);
      setTimeout(() => res.writeHead(reply.status, reply.headers?.() ?? {}).end(), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    requests,
    accepted,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
