// Public face of the rate limits: the in-memory and Redis limiters, the configured policy, the web
// chat check, the push-channel check and the staff login adapter.
export { createMemoryRateLimiter } from "./memory.js";
export { createRedisRateLimiter, rateLimitKey } from "./redis.js";
export { rateLimitPolicy, isOn, retryAfterSeconds, type RateLimitPolicy } from "./policy.js";
export { webLimit, clientAddress, type WebLimit } from "./web.js";
export { loginRateLimiter, LOGIN_RULE, type LoginRateLimiter } from "./login.js";
export { chatLimit } from "./chat.js";
export { failOpen } from "./fail-open.js";
