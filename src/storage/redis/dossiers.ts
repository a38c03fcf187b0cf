// Redis dossier links: the link as JSON under its dossier code plus a set of codes per conversation.
// Both expire (a link holds a portal access token); every link restarts the ttl. Linking a code that
// belongs to another conversation moves it, atomically, in a Lua script.
import type { DossierLink, DossierStore } from "../../core/ports.js";
import { withoutSecret } from "../errors.js";
import { parseDossierLink, present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";
import { DELETE_DOSSIERS, LINK_DOSSIER } from "./scripts.js";

/** Dossier links in Redis, listed by conversation newest first. */
export function createRedisDossierStore(
  client: RedisClient,
  keys: RedisKeys,
  ttlSeconds: number,
): DossierStore {
  const byCode = async (code: string): Promise<DossierLink | null> =>
    parseDossierLink(await client.get(keys.dossier(code)));

  return {
    async link(link) {
      await withoutSecret(link.accessToken, () =>
        client.eval(LINK_DOSSIER, {
          keys: [keys.dossier(link.code), keys.dossiers(link.conversationId)],
          arguments: [
            JSON.stringify(link),
            String(ttlSeconds),
            link.code,
            link.conversationId,
            keys.convPrefix,
            keys.dossiersSuffix,
          ],
        }),
      );
    },
    byCode,
    async linksFor(conversationId) {
      const codes = await client.sMembers(keys.dossiers(conversationId));
      const links = present(await Promise.all(codes.map(byCode)));
      return links
        .filter((l) => l.conversationId === conversationId)
        .sort((a, b) => b.createdAt - a.createdAt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    },
    async deleteConversation(conversationId) {
      await client.eval(DELETE_DOSSIERS, {
        keys: [keys.dossiers(conversationId)],
        arguments: [keys.dossierPrefix, conversationId],
      });
    },
  };
}
