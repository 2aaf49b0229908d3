/** An uploaded file, read on demand (from Discord's CDN, or from disk in the console). */
export interface Upload {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}
