/** @internal What `readBody` returns when the answer is over the limit. */
export const TOO_LARGE = Symbol('too large');

const decoder = new TextDecoder();

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * @internal Reads a response body as UTF-8 text, never holding more than `limit` bytes: a declared
 * `Content-Length` over the limit is refused before reading, and bytes are counted as they stream in. Past
 * the limit the stream is cancelled (the caller also aborts the request, dropping the connection).
 */
export async function readBody(response: Response, limit: number): Promise<string | typeof TOO_LARGE> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    discard(response);
    return TOO_LARGE;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  return decoder.decode(Buffer.concat(chunks, total));
}
