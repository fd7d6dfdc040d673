/** decodeURIComponent that returns its input when it is not valid percent-encoding. */
export function safeDecodeURIComponent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** decodeURI that returns its input when it is not valid percent-encoding. */
export function safeDecodeURI(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
