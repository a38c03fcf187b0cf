// Public face of the photo adapter: the sharp-backed photo check, the sealed attachment vault,
// its keys (derived from DATA_KEYS when set), and the retention rule for attachments of finished dossiers.
export { createSharpInspector, canDecodeHeic } from "./inspector.js";
export { judge, PHOTO_LIMITS, THRESHOLDS } from "./judge.js";
export { measure, type Measures, type Raster } from "./measure.js";
export { sniff, PHOTO_MIME, type Sniffed } from "./sniff.js";
export { attachmentKey, seal, sealedKeyId, unseal, SealError, type AttachmentKey } from "./seal.js";
export {
  resolveAttachmentKey,
  resolvePhotoKeys,
  photoKeyFromDataKey,
  PHOTO_KEY_INFO,
  KeyFileError,
  KEY_FILE,
  type ResolvedKey,
  type ResolvedPhotoKeys,
} from "./key-file.js";
export { createAttachmentVault, type OpenedAttachment, type PhotoVault } from "./vault.js";
export { dropAttachmentsIfFinal, FINAL_DOSSIER_STATUSES } from "./retention.js";
