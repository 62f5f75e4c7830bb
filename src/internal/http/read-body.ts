/** @internal What `readBody` returns when the answer is over the limit. */
export const TOO_LARGE = Symbol('too large');

const utf8 = new TextDecoder();

/**
 * The body's declared charset (or a UTF-16 byte-order mark), UTF-8 otherwise: a UTF-16 echo read as UTF-8
 * would interleave NULs with a secret and hide it from the scrubber.
 */
function decoderFor(response: Response, first: Uint8Array | undefined): { decode(bytes?: Uint8Array): string } {
  const charset = charsetOf(response);
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset);
    } catch {
      // a charset the platform does not know: UTF-8 it is
    }
  }
  if (first?.[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first?.[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return utf8;
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** Whether the body is declared (or, with no charset, assumed) UTF-8. */
function isUtf8(response: Response): boolean {
  const charset = charsetOf(response);
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/** The `charset` of the `Content-Type`, if it names one. */
function charsetOf(response: Response): string | undefined {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
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
  // A declared length within the limit cannot be exceeded (the platform ends a body at its length): the
  // platform's own reader is the fastest. Otherwise bytes are counted as they arrive.
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && isUtf8(response)) return response.text();
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
  const decoder = decoderFor(response, chunks[0]);
  return decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
}
