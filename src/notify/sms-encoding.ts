// Korean carriers carry SMS/LMS text in EUC-KR (CP949): ASCII counts one byte, every other
// character two, and a character outside that set is not delivered (providers reject the
// message or print '?'). An SMS holds 90 bytes; longer text goes as LMS (2,000 bytes).

export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
/** LMS subject limit (SOLAPI: 한글 20자, 영문 40자). */
export const LMS_SUBJECT_MAX_BYTES = 40;

let ksX1001: Set<string> | undefined;

/**
 * The 94×94 KS X 1001 table, read from the runtime's EUC-KR decoder once. Node's decoder
 * does not know CP949's extra Hangul, so every modern syllable is added by range instead.
 */
function ksX1001Characters(): Set<string> {
  if (ksX1001 === undefined) {
    const decoder = new TextDecoder('euc-kr');
    const characters = new Set<string>();
    for (let lead = 0xa1; lead <= 0xfe; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const decoded = decoder.decode(new Uint8Array([lead, trail]));
        if (decoded.length === 1 && decoded !== '\ufffd') characters.add(decoded);
      }
    }
    ksX1001 = characters;
  }
  return ksX1001;
}

function isCp949Character(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return true;
  if (code >= 0xac00 && code <= 0xd7a3) return true; // all 11,172 Hangul syllables
  return ksX1001Characters().has(character);
}

export function isSmsEncodable(text: string): boolean {
  for (const character of text) if (!isCp949Character(character)) return false;
  return true;
}

/** Replaces what a Korean carrier cannot carry (emoji, most Japanese shinjitai…) with '?'. */
export function toSmsEncodable(text: string): string {
  let result = '';
  for (const character of text) result += isCp949Character(character) ? character : '?';
  return result;
}

/** Length as carriers count it: one byte for ASCII, two for everything else. */
export function smsByteLength(text: string): number {
  let bytes = 0;
  for (const character of text) bytes += (character.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return bytes;
}

/** The longest prefix of `text` within `maxBytes`, with '…' when something was cut. */
export function truncateToSmsBytes(text: string, maxBytes: number): string {
  if (smsByteLength(text) <= maxBytes) return text;
  const ellipsis = '…';
  let result = '';
  for (const character of text) {
    if (smsByteLength(result + character + ellipsis) > maxBytes) break;
    result += character;
  }
  return result + ellipsis;
}
