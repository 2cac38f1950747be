import { describeRequestBody, isTextual, multipartSummary } from './wire-body';

describe('wire bodies', () => {
  it('treats JSON, text, SSE and forms as text, audio and images as binary', () => {
    for (const t of [
      'application/json',
      'text/event-stream; charset=utf-8',
      'application/problem+json',
      null,
    ])
      expect(isTextual(t)).toBe(true);
    for (const t of ['audio/mpeg', 'image/png', 'application/octet-stream'])
      expect(isTextual(t)).toBe(false);
  });

  it('keeps a JSON body up to the cap, cut on a character boundary', () => {
    expect(describeRequestBody('{"a":"é"}', 'application/json', 100)).toEqual({
      content_type: 'application/json',
      bytes: 10,
      text: '{"a":"é"}',
      truncated: false,
    });
    const cut = describeRequestBody(Buffer.from('{"a":"ééé"}'), 'application/json', 8);
    expect(cut).toMatchObject({ bytes: 14, text: '{"a":"é', truncated: true });
  });

  it('counts a binary body without keeping it', () => {
    expect(describeRequestBody(Buffer.alloc(300), 'audio/wav', 100)).toEqual({
      content_type: 'audio/wav',
      bytes: 300,
      text: null,
      truncated: false,
    });
  });

  it('shows a multipart form with its fields and each file as its size', () => {
    const boundary = 'form-1234';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const text = multipartSummary(body, boundary);
    expect(text).toContain('name="model"\r\n\r\nwhisper-1\r\n');
    expect(text).toContain('filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n[5 bytes]\r\n');
    expect(text).toContain(`--${boundary}--`);
    expect(text).not.toContain('\uFFFD');
    const described = describeRequestBody(
      body,
      `multipart/form-data; boundary=${boundary}`,
      10_000,
    );
    expect(described).toMatchObject({ bytes: body.length, text, truncated: false });
  });
});
