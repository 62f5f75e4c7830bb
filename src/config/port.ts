import type { HttpRequest, HttpResponse, RequestBody } from '../http.js';
import type { Log } from '../internal/log.js';
import type { Integration } from '../model/integration.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from '../model/payload.js';
import type { WaitOptions } from '../wait.js';

/** @internal What plan, apply and export need from the client: its transport, its checks, its wait. */
export interface ConfigPort {
  readonly baseUrl: string;
  /** `GET /integrations`; `secrets` are scrubbed from its errors and log lines. */
  list(signal: AbortSignal | undefined, secrets: readonly string[]): Promise<Integration[]>;
  /** Sends a request; `secrets` (the desired state's resolved values) are scrubbed from whatever comes back. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Validates and serializes a payload by the client's rules. */
  encode(payload: RedshiftIntegrationPayload): RequestBody;
  encodeCredentials(credentials: DeleteCredentials): RequestBody;
  /** Polls; `secrets` are hidden in anything the server says meanwhile. */
  wait(id: string, options: WaitOptions, secrets: readonly string[]): Promise<Integration>;
  readonly log: Log;
}
