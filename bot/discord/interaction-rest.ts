import { type Client, type InternalRequest, REST, RESTEvents } from 'discord.js';

/**
 * `/webhooks/{application id}/{interaction token}/…`: the edits, follow-ups and deletions of interaction
 * responses. They carry no bot token (`auth: false`); the interaction token is their credential.
 */
export function isInteractionWebhook(request: Pick<InternalRequest, 'fullRoute' | 'auth'>, applicationId: string | null | undefined): boolean {
  return request.auth === false && !!applicationId && request.fullRoute.startsWith(`/webhooks/${applicationId}/`);
}

/**
 * Discord does not count interaction endpoints toward a bot's global limit of 50 requests per second. discord.js
 * exempts the first response (the interaction callback) but counts the interaction webhooks with every other
 * route, which under load caps answers at about 45 per second and holds edits back for up to a second (measured
 * with `npm run load`). Those routes get a REST manager of their own without the global cap: it still keeps
 * the per-route limits Discord announces in its headers, and every other route keeps the 50/s budget.
 */
export function separateInteractionBudget(client: Client): void {
  const interactions = new REST({ ...client.options.rest, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
  // Rate-limit waits and responses on either manager show up where discord.js users look for them.
  interactions.on(RESTEvents.RateLimited, (info) => client.rest.emit(RESTEvents.RateLimited, info));
  interactions.on(RESTEvents.Response, (request, response) => client.rest.emit(RESTEvents.Response, request, response));
  const general = client.rest.queueRequest.bind(client.rest);
  client.rest.queueRequest = (request) => (isInteractionWebhook(request, client.application?.id) ? interactions.queueRequest(request) : general(request));
}
