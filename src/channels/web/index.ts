// Public face of the web chat channel (page + JSON API + photo upload).
export { webChatRoute, MAX_TEXT_CHARS, type WebChatDeps } from "./chat-route.js";
export { webPhotoRoute } from "./photo-route.js";
