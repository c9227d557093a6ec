/**
 * @fileoverview The plugin's `kestrel:sink` hook (package.json oclif.hooks): it answers
 * requests named `webhook` with a WebhookSink and leaves every other name to other
 * plugins by returning undefined. Bad options throw, and Kestrel reports the message.
 */
import type { AlertLike, Sink, SinkRequest } from "./contract.js";
import { webhookOptions } from "./options.js";
import { WebhookSink } from "./webhook-sink.js";

export default async function webhookSinkHook<A extends AlertLike>(request: SinkRequest<A>): Promise<Sink<A> | undefined> {
  if (request.name !== "webhook") return undefined;
  return new WebhookSink(webhookOptions(request.options), request.format);
}
