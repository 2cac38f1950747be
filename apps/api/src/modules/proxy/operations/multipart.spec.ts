import { formBoundary, formField, parseForm, withFormField } from './multipart';

/** A form the way undici's FormData serialises it, with a binary file holding CR, LF and dashes. */
async function encode(fields: Record<string, string>, file: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'audio/wav' }), 'spéech.wav');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request('http://x', { method: 'POST', body: form });
  return {
    body: Buffer.from(await req.arrayBuffer()),
    contentType: req.headers.get('content-type')!,
  };
}

const FILE = Buffer.concat([
  Buffer.from('RIFF\r\n--\r\n\r\n'),
  Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)),
]);

describe('multipart forms', () => {
  it('reads text fields and file names without touching the file bytes', async () => {
    const { body, contentType } = await encode(
      { model: 'whisper-1', response_format: 'verbose_json' },
      FILE,
    );
    const boundary = formBoundary(contentType)!;
    const parts = parseForm(body, boundary);
    expect(parts.map((p) => [p.name, p.filename])).toEqual([
      ['file', 'spéech.wav'],
      ['model', undefined],
      ['response_format', undefined],
    ]);
    expect(formField(body, parts, 'model')).toBe('whisper-1');
    expect(body.subarray(parts[0].start, parts[0].end).equals(FILE)).toBe(true);
  });

  it('replaces one field and keeps every other byte, as a platform parser reads it back', async () => {
    const { body, contentType } = await encode({ model: 'openai/whisper-1' }, FILE);
    const boundary = formBoundary(contentType)!;
    const parts = parseForm(body, boundary);
    const patched = withFormField(body, parts, boundary, 'model', 'whisper-1');
    const form = await new Response(patched, {
      headers: { 'content-type': contentType },
    }).formData();
    expect(form.get('model')).toBe('whisper-1');
    const file = form.get('file') as File;
    expect(Buffer.from(await file.arrayBuffer()).equals(FILE)).toBe(true);
  });

  it('appends a field the form lacks', async () => {
    const { body, contentType } = await encode({}, FILE);
    const boundary = formBoundary(contentType)!;
    const patched = withFormField(body, parseForm(body, boundary), boundary, 'model', 'dall-e-2');
    const form = await new Response(patched, {
      headers: { 'content-type': contentType },
    }).formData();
    expect(form.get('model')).toBe('dall-e-2');
    expect(Buffer.from(await (form.get('file') as File).arrayBuffer()).equals(FILE)).toBe(true);
  });

  it('refuses bodies that are not a form', () => {
    expect(formBoundary('application/json')).toBeUndefined();
    expect(formBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(() => parseForm(Buffer.from('nothing here'), 'xyz')).toThrow(/no boundary/);
    expect(() =>
      parseForm(Buffer.from('--xyz\r\ncontent-type: text/plain\r\n\r\nhi\r\n--xyz--'), 'xyz'),
    ).toThrow(/Content-Disposition/);
    expect(() =>
      parseForm(Buffer.from('--xyz\r\ncontent-disposition: form-data; name="a"\r\n\r\nhi'), 'xyz'),
    ).toThrow(/not closed/);
  });
});
