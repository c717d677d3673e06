/** How a session's protocol version shapes the bytes: floating tag/length width and versioned fields. */
export interface CodecOptions {
  /** 1 = UCHAR tag + UCHAR length (v9–v17 guides), 2 = USHORT + USHORT (v24 guide), A.2. */
  tagWidth: 1 | 2;
  /** Negotiated VersionNumber; decides fields marked `since`. Defaults: 17 for width 1, 24 for width 2. */
  version?: number;
}

/** The version Switchboard speaks unless told otherwise (UCCE 12.6). */
export const DEFAULT_PROTOCOL_VERSION = 24;

/**
 * The floating field width for a protocol version. The guides show 1-byte tags up to v17 and
 * 2-byte tags in v24; the switch happened somewhere in v18–v24 and is unconfirmed (A.2). We switch
 * at v20 (UCCE 11.5), the first version after v17 that shipped; a v18/v19 server would need `< 18`.
 */
export function tagWidthForVersion(version: number): 1 | 2 {
  return version < 20 ? 1 : 2;
}

export function codecForVersion(version: number): CodecOptions {
  return { tagWidth: tagWidthForVersion(version), version };
}

export function versionOf(options: CodecOptions): number {
  return options.version ?? (options.tagWidth === 1 ? 17 : DEFAULT_PROTOCOL_VERSION);
}
