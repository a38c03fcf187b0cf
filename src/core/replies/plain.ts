// Plain-text form of a reply for channels without buttons (Zalo, SMS-like apps, the terminal):
// options become numbered lines ("1. …") that a bare "1" picks, links become "label: url" lines.
import type { Reply } from "../messages.js";

export function plainText(reply: Reply): string {
  const lines = [reply.text];
  for (const link of reply.links ?? []) lines.push(`${link.label}: ${link.url}`);
  (reply.options ?? []).forEach((o, i) => lines.push(`${i + 1}. ${o.label}`));
  return lines.join("\n");
}
