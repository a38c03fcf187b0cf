// Composition of the photo pre-check: the sharp inspector, and the attachment vault sealing photos
// with a key derived from DATA_KEYS, else ATTACHMENTS_KEY (or the SQLite key file); else attaching is off.
import type { AppConfig } from "../config/index.js";
import type { AttachmentStore, PhotoInspector } from "../core/ports.js";
import {
  canDecodeHeic,
  createAttachmentVault,
  createSharpInspector,
  resolvePhotoKeys,
  type PhotoVault,
} from "../photos/index.js";
import type { Logger } from "./logger.js";

/** What the assistant's photo turn needs. */
export interface PhotoSetUp {
  readonly inspector: PhotoInspector;
  readonly vault: PhotoVault;
}

/** Builds the inspector and the vault; logs where the key came from (key ids only, never a key). */
export function setUpPhotos(
  config: Pick<AppConfig, "attachmentsKey" | "dataKeys" | "redisUrl" | "dataDir">,
  store: AttachmentStore,
  logger: Logger,
  deps: { readonly now: () => number; readonly newId: () => string },
): PhotoSetUp {
  const resolved = resolvePhotoKeys({
    dataKeys: config.dataKeys,
    configured: config.attachmentsKey,
    sharedBackend: config.redisUrl !== null,
    dataDir: config.dataDir,
  });
  if (!resolved)
    logger.warn(
      "photo attachments off: REDIS_URL is set but neither DATA_KEYS nor ATTACHMENTS_KEY is (instances must share one key)",
    );
  else if (resolved.source === "file-created")
    logger.info({ file: resolved.path }, "photo attachments: created a random key file (mode 0600)");
  else if (resolved.source === "DATA_KEYS")
    logger.info(
      {
        source: resolved.source,
        dataKeyId: resolved.dataKeyId,
        keyId: resolved.key.id,
        olderKeys: resolved.olderKeys.length,
      },
      "photo attachments: key derived from the current data key",
    );
  else logger.info({ source: resolved.source, keyId: resolved.key.id }, "photo attachments: key ready");
  if (!canDecodeHeic())
    logger.info("photo check: this sharp build cannot decode HEIC; HEIC photos get advice to send JPEG");
  return {
    inspector: createSharpInspector(),
    vault: createAttachmentVault({
      store,
      key: resolved?.key ?? null,
      olderKeys: resolved?.olderKeys ?? [],
      now: deps.now,
      newId: deps.newId,
    }),
  };
}
