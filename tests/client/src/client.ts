// A typed client of the Headless API, as a front-end team would write it: the types come from the committed OpenAPI
// document (`npm run generate` → src/schema.d.ts), the calls from openapi-fetch.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type Article = components["schemas"]["ArticleResponse"];
export type ArticlePage = components["schemas"]["ArticleResponseListResponse"];
export type CreateArticle = components["schemas"]["CreateArticleRequest"];
export type UpdateArticle = components["schemas"]["UpdateArticleRequest"];
export type Problem = components["schemas"]["ProblemDetails"];
export type ValidationProblem = components["schemas"]["HttpValidationProblemDetails"];

export interface ClientOptions {
  /** The API's origin, such as `http://localhost:5080`. */
  baseUrl: string;
  /** An API key; sent as `X-Api-Key` on every request when given. */
  apiKey?: string;
}

export function createHeadlessClient({ baseUrl, apiKey }: ClientOptions) {
  const client = createClient<paths>({ baseUrl });
  if (apiKey) {
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set("X-Api-Key", apiKey);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

export type HeadlessClient = ReturnType<typeof createHeadlessClient>;
