// Public face of the web chat channel (page + JSON API).
export { webChatRoute, MAX_TEXT_CHARS, type WebChatDeps } from "./chat-route.js";
