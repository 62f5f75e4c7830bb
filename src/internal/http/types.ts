/** The transport's own shapes: what a request and an answer are, apart from the code that sends them. */
import type { RequestTarget } from '../../errors/index.js';
import type { RequestOptions } from '../../options.js';

/** @internal A serialized request body and the secrets it holds (hidden in anything the server says back). */
export interface RequestBody {
  readonly text: string;
  readonly contentType: string;
  readonly secrets: readonly string[];
}

/** @internal One API call: method, path below the base URL (no leading slash), optional body. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: RequestBody | undefined;
  readonly options?: RequestOptions | undefined;
  /** Set to false where the caller has its own retry loop (the poller). */
  readonly retry?: boolean;
  /** Secrets to hide in what the server says, beyond those in the body (a poll after a create). */
  readonly secrets?: readonly string[];
  /** An `Authorization` value to send instead of the authenticator's (the token exchange sends the key). */
  readonly authorization?: string;
}

/** @internal A 2xx answer, body read in full. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly target: RequestTarget;
}
