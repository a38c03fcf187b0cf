// Redis dossier links: the link as JSON under its dossier code plus a set of codes per conversation.
// Both expire (a link holds a portal access token); every link restarts the ttl. Linking a code that
// belongs to another conversation moves it, atomically, in a Lua script.
import type { DossierLink, DossierStore } from "../../core/ports.js";
import { withoutSecret } from "../errors.js";
import { parseDossierLink, present } from "../records.js";
import type { RedisClient } from "./client.js";
import type { RedisKeys } from "./keys.js";
import { DELETE_DOSSIERS, LINK_DOSSIER } from "./scripts.js";

/** Newest first; ties by code. */
const newestFirst = (a: DossierLink, b: DossierLink): number =>
  b.createdAt - a.createdAt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

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
          keys: [keys.dossier(link.code), keys.dossiers(link.conversationId), keys.recentDossiers],
          arguments: [
            JSON.stringify(link),
            String(ttlSeconds),
            link.code,
            link.conversationId,
            keys.convPrefix,
            keys.dossiersSuffix,
            // A damaged createdAt still gets a score (its link reads as absent and is pruned).
            String(Number.isFinite(link.createdAt) ? link.createdAt : 0),
          ],
        }),
      );
    },
    byCode,
    async linksFor(conversationId) {
      const codes = await client.sMembers(keys.dossiers(conversationId));
      const links = present(await Promise.all(codes.map(byCode)));
      return links.filter((l) => l.conversationId === conversationId).sort(newestFirst);
    },
    async recent(limit) {
      const wanted = Math.max(0, Math.floor(limit));
      const found: DossierLink[] = [];
      // Newest codes first, a page at a time; codes whose link expired are pruned on the way.
      for (let start = 0; found.length < wanted;) {
        const codes = await client.zRange(keys.recentDossiers, start, start + wanted - 1, { REV: true });
        if (codes.length === 0) break;
        const links = await Promise.all(codes.map(byCode));
        const stale = codes.filter((_, i) => links[i] === null);
        if (stale.length > 0) await client.zRem(keys.recentDossiers, stale);
        found.push(...present(links));
        start += codes.length - stale.length;
      }
      return found.slice(0, wanted).sort(newestFirst);
    },
    async deleteConversation(conversationId) {
      await client.eval(DELETE_DOSSIERS, {
        keys: [keys.dossiers(conversationId), keys.recentDossiers],
        arguments: [keys.dossierPrefix, conversationId],
      });
    },
  };
}
