import type { MediaSource } from '../canonical/types';

/** Splits `data:<mime>;base64,<payload>`; undefined for anything else. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const m = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (!m) return undefined;
  return { mimeType: m[1] || 'application/octet-stream', data: m[2] };
}

export function toDataUrl(mimeType: string, data: string): string {
  return `data:${mimeType};base64,${data}`;
}

const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  txt: 'text/plain',
};

/** Guesses a MIME type from a URL's extension (Gemini `fileData` requires one). */
export function guessMimeType(url: string, fallback: string): string {
  const path = url.split(/[?#]/)[0];
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_MIME[ext] ?? fallback;
}

/** An OpenAI-style URL (https or data URL) turned into a canonical source. */
export function sourceFromUrl(url: string): MediaSource {
  const data = parseDataUrl(url);
  return data ? { kind: 'base64', ...data } : { kind: 'url', url };
}

export function sourceToUrl(source: MediaSource): string | undefined {
  switch (source.kind) {
    case 'url':
      return source.url;
    case 'base64':
      return toDataUrl(source.mimeType, source.data);
    case 'file_id':
      return undefined;
  }
}
