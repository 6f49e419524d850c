/**
 * The buffer behind `bytes` when it can be moved to another thread as it is: the view covers all of it, and it
 * is an ordinary, not a shared, ArrayBuffer. Node's small Buffers are slices of one shared pool, which must
 * never be moved, and fail the first test.
 */
export function transferableBuffer(bytes: Uint8Array): ArrayBuffer | undefined {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return undefined;
  return buffer;
}

/** Bytes that own their whole buffer, so it can be moved: `bytes` itself when it already does, else a copy. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return transferableBuffer(bytes) === undefined ? new Uint8Array(bytes) : bytes;
}
