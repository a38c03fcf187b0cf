// Public face of the portal client: PortalClient, its config, the typed errors it throws, and
// verifyCallback for signed status-change callbacks. Import from here, not from the files behind it.
export { PortalClient, type OwnershipProof } from "./portal-client.js";
export { portalClientConfigSchema, type PortalClientConfig } from "./config.js";
export {
  PortalError,
  PortalProtocolError,
  PortalRejectedError,
  PortalUnavailableError,
  type PortalErrorCode,
} from "./errors.js";
export { verifyCallback, type CallbackHeaders } from "./callback.js";
