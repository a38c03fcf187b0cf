// Redis handoff tickets: a hash per ticket, an index of open tickets scored by expiry (self-cleaning),
// a pointer from the conversation to its open ticket, and a transcript list. Updates run in Lua.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { HandoffStore, HandoffTicket } from "../../core/ports.js";
import { parseTranscriptLine, present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";
import {
  APPEND_TRANSCRIPT,
  CLOSE_TICKET,
  DELETE_TICKETS,
  LIST_OPEN_TICKETS,
  MOVE_TICKETS,
  OPEN_TICKET,
} from "./scripts.js";

/** A ticket hash as stored: null fields are absent, numbers are decimal strings. */
const ticketHashSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: z.string(),
  reason: z.string(),
  procedure: z.string().optional(),
  summary: z.string(),
  status: z.enum(["open", "closed"]),
  createdAt: z.coerce.number(),
  closedAt: z.coerce.number().optional(),
});

function toTicket(hash: Record<string, string>): HandoffTicket | null {
  const parsed = ticketHashSchema.safeParse(hash);
  if (!parsed.success) return null;
  const { procedure, closedAt, ...rest } = parsed.data;
  return { ...rest, procedure: procedure ?? null, closedAt: closedAt ?? null };
}

function toFields(ticket: HandoffTicket): string[] {
  const { id, conversationId, channel, reason, procedure, summary, status, createdAt, closedAt } = ticket;
  const fields = { id, conversationId, channel, reason, procedure, summary, status, createdAt, closedAt };
  return Object.entries(fields).flatMap(([name, value]) => (value === null ? [] : [name, String(value)]));
}

/** Oldest first; ties by id. */
const oldestFirst = (a: HandoffTicket, b: HandoffTicket): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Handoff tickets in Redis; every write to a ticket restarts the ttl of its keys and its expiry in
 * the open index, so the index forgets a ticket once its keys expired (and expires itself when empty).
 */
export function createRedisHandoffStore(
  client: RedisClient,
  keys: RedisKeys,
  ttlSeconds: number,
): HandoffStore {
  const ttl = String(ttlSeconds);
  const get = async (id: string): Promise<HandoffTicket | null> =>
    toTicket(await client.hGetAll(keys.ticket(id)));

  return {
    async open(fields, now) {
      // Retried only if the open ticket found is closed or expires between the script and the read.
      for (let attempt = 0; attempt < 3; attempt++) {
        const ticket: HandoffTicket = {
          ...fields,
          id: randomUUID(),
          status: "open",
          createdAt: now,
          closedAt: null,
        };
        const id = await client.eval(OPEN_TICKET, {
          keys: [
            keys.openTicket(ticket.conversationId),
            keys.ticket(ticket.id),
            keys.openTickets,
            keys.tickets(ticket.conversationId),
          ],
          arguments: [keys.ticketPrefix, ticket.id, ttl, ...toFields(ticket)],
        });
        if (id === ticket.id) return ticket;
        const existing = typeof id === "string" ? await get(id) : null;
        if (existing?.status === "open") return existing;
      }
      throw new Error("Could not open a handoff ticket: it kept changing concurrently");
    },
    get,
    async openFor(conversationId) {
      const id = await client.get(keys.openTicket(conversationId));
      const ticket = id === null ? null : await get(id);
      return ticket?.status === "open" ? ticket : null;
    },
    async listOpen() {
      // The script drops ids whose ticket expired or closed; a hash that expires after it (or does
      // not parse) is dropped here.
      const reply = await client.eval(LIST_OPEN_TICKETS, {
        keys: [keys.openTickets],
        arguments: [keys.ticketPrefix],
      });
      const ids = Array.isArray(reply) ? reply.filter((id): id is string => typeof id === "string") : [];
      const tickets = await Promise.all(ids.map(get));
      const stale = ids.filter((_, i) => tickets[i] === null);
      if (stale.length > 0) await client.zRem(keys.openTickets, stale);
      return present(tickets)
        .filter((t) => t.status === "open")
        .sort(oldestFirst);
    },
    async close(id, now) {
      const ticket = await get(id);
      if (ticket?.status !== "open") return ticket;
      await client.eval(CLOSE_TICKET, {
        keys: [
          keys.ticket(id),
          keys.openTickets,
          keys.openTicket(ticket.conversationId),
          keys.tickets(ticket.conversationId),
          keys.transcript(id),
        ],
        arguments: [id, String(now), ttl],
      });
      return get(id);
    },
    async appendTranscript(ticketId, line) {
      const conversationId = await client.hGet(keys.ticket(ticketId), "conversationId");
      if (conversationId === null) return; // unknown or expired ticket: nothing to attach the line to
      await client.eval(APPEND_TRANSCRIPT, {
        keys: [
          keys.ticket(ticketId),
          keys.transcript(ticketId),
          keys.tickets(conversationId),
          keys.openTicket(conversationId),
          keys.openTickets,
        ],
        arguments: [JSON.stringify(line), ttl, ticketId, keys.ticketPrefix],
      });
    },
    async transcript(ticketId) {
      const lines = await client.lRange(keys.transcript(ticketId), 0, -1);
      return present(lines.map(parseTranscriptLine));
    },
    async deleteConversation(conversationId) {
      await client.eval(DELETE_TICKETS, {
        keys: [keys.tickets(conversationId), keys.openTicket(conversationId), keys.openTickets],
        arguments: [keys.ticketPrefix, keys.transcriptPrefix],
      });
    },
    async moveConversation(from, to, channel, now) {
      if (from === to) return;
      await client.eval(MOVE_TICKETS, {
        keys: [
          keys.tickets(from),
          keys.openTicket(from),
          keys.tickets(to),
          keys.openTicket(to),
          keys.openTickets,
        ],
        arguments: [keys.ticketPrefix, keys.transcriptPrefix, from, to, channel, ttl, String(now)],
      });
    },
  };
}
