import { InvalidRequestError } from '../../../common/domain-errors';
import type { RouteCandidate } from '../../routing/routing.types';
import type { ProxyExchange } from '../proxy-exchange';
import { firstHeader } from '../request-body';
import type { UpstreamPlan } from '../upstream-plan';
import type { UpstreamAdapter } from '../upstream/adapters';
import { formBoundary, formField, parseForm, withFormField, type FormPart } from './multipart';
import { operationPlan } from './operation';

/** A multipart upload as read: the raw body, its parts (byte ranges) and the fields the gateway needs. */
export interface UploadForm {
  body: Buffer;
  boundary: string;
  contentType: string;
  parts: FormPart[];
  field(name: string): string | undefined;
}

/** Reads the client's multipart body; 400 in OpenAI's format when it is not one or lacks `file`. */
export function readUpload(ex: ProxyExchange, fileField: string): UploadForm {
  const contentType = firstHeader(ex.input.headers['content-type']) ?? '';
  const boundary = formBoundary(contentType);
  if (!boundary)
    throw new InvalidRequestError('Send the upload as multipart/form-data with a boundary');
  const body = ex.input.rawBody ?? Buffer.alloc(0);
  const parts = parseForm(body, boundary);
  if (!parts.some((p) => p.name === fileField && p.filename !== undefined))
    throw new InvalidRequestError(`The form has no '${fileField}' file`, fileField);
  // Body logging keeps the form's text fields and a note per file, never the file bytes.
  if (ex.call.requestBody !== undefined)
    ex.call.requestBody = JSON.stringify(describeForm(body, parts));
  return { body, boundary, contentType, parts, field: (name) => formField(body, parts, name) };
}

function describeForm(body: Buffer, parts: FormPart[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of parts) {
    out[p.name] =
      p.filename === undefined
        ? body.toString('utf8', p.start, Math.min(p.end, p.start + 4096))
        : `(file ${p.filename}, ${p.end - p.start} bytes)`;
  }
  return out;
}

/**
 * The upload for one candidate: the client's bytes as they came, with only the `model` field set to
 * the upstream's id when it differs (file bytes never touched, never re-encoded).
 */
export function uploadPlan(
  ex: ProxyExchange,
  c: RouteCandidate,
  adapter: UpstreamAdapter,
  form: UploadForm,
): UpstreamPlan {
  const payload =
    form.field('model') === c.upstreamModel
      ? form.body
      : withFormField(form.body, form.parts, form.boundary, 'model', c.upstreamModel);
  return operationPlan(ex, c, adapter, payload, {
    passthrough: true,
    headers: { 'content-type': form.contentType, accept: '*/*' },
  });
}
