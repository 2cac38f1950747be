import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label, Select, Textarea } from '@/components/ui/input';
import type { CatalogModel } from '@gateway/contracts';
import {
  SPEECH_FORMATS,
  VOICES,
  speechRequestBody,
  transcriptionForm,
  transcriptionText,
} from '../modes-shape';
import { useGatewayCall } from '../useGatewayCall';
import { formatBytes } from '../wire-shape';
import { CallResult } from './CallResult';
import { ModelPicker } from './ModelPicker';

type AudioTask = 'speech' | 'transcription';

/** Audio: text to speech (`/v1/audio/speech`) or an uploaded file to text (`/v1/audio/transcriptions`). */
export function AudioMode({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [task, setTask] = useState<AudioTask>('speech');
  return (
    <div className="flex flex-col gap-4" data-testid="audio-mode">
      <div className="flex gap-1" role="tablist" aria-label="Audio task">
        {(
          [
            ['speech', 'Text to speech'],
            ['transcription', 'Speech to text'],
          ] as const
        ).map(([id, label]) => (
          <Button
            key={id}
            size="sm"
            role="tab"
            aria-selected={task === id}
            variant={task === id ? 'primary' : 'secondary'}
            onClick={() => setTask(id)}
            data-testid={`audio-task-${id}`}
          >
            {label}
          </Button>
        ))}
      </div>
      {task === 'speech' ? (
        <SpeechTask gatewayId={gatewayId} secret={secret} />
      ) : (
        <TranscriptionTask gatewayId={gatewayId} secret={secret} />
      )}
    </div>
  );
}

function SpeechTask({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [model, setModel] = useState<CatalogModel | null>(null);
  const [input, setInput] = useState('Hello from the gateway playground.');
  const [voice, setVoice] = useState<string>('alloy');
  const [format, setFormat] = useState<string>('mp3');
  const [sentCharacters, setSentCharacters] = useState(0);
  const { state, start } = useGatewayCall({
    kind: 'binary',
    shape: (blob: Blob) => ({ url: URL.createObjectURL(blob), size: blob.size, type: blob.type }),
  });
  // Each answer's bytes live in an object URL until the next answer (or leaving the page).
  const audioUrl = state.result?.url;
  useEffect(() => (audioUrl ? () => URL.revokeObjectURL(audioUrl) : undefined), [audioUrl]);
  const ready = model !== null && input.trim() !== '' && state.status !== 'running';

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!model) return;
    setSentCharacters(input.length);
    void start(
      'POST /v1/audio/speech',
      secret,
      speechRequestBody({ model: model.name, input, voice, format }),
    );
  };

  return (
    <>
      <Card>
        <CardContent>
          <form className="flex flex-col gap-3" onSubmit={send}>
            <ModelPicker index={0} mode="audio_speech" value={model} onChange={setModel} />
            <Label>
              Text
              <Textarea
                rows={3}
                value={input}
                onChange={(e) => setInput(e.target.value)}
                data-testid="speech-input"
              />
            </Label>
            <div className="flex flex-wrap items-end gap-3">
              <Label className="w-32">
                Voice
                <Select
                  value={voice}
                  onChange={(e) => setVoice(e.target.value)}
                  data-testid="speech-voice"
                >
                  {VOICES.map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </Select>
              </Label>
              <Label className="w-24">
                Format
                <Select
                  value={format}
                  onChange={(e) => setFormat(e.target.value)}
                  data-testid="speech-format"
                >
                  {SPEECH_FORMATS.map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </Select>
              </Label>
              <Button
                type="submit"
                className="ml-auto"
                disabled={!ready}
                data-testid="playground-send"
              >
                {state.status === 'running' ? 'Speaking…' : 'Speak'}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      {state.status !== 'idle' && (
        <CallResult
          gatewayId={gatewayId}
          title={`speech · ${model?.name ?? ''}`}
          call={state}
          metrics={[
            {
              label: 'Audio',
              value: state.result ? formatBytes(state.result.size) : '—',
              testId: 'speech-size',
            },
            { label: 'Characters', value: String(sentCharacters) },
          ]}
        >
          {state.result && (
            <audio
              controls
              src={state.result.url}
              className="w-full"
              data-testid="speech-audio"
              data-type={state.result.type}
            />
          )}
        </CallResult>
      )}
    </>
  );
}

function TranscriptionTask({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [model, setModel] = useState<CatalogModel | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const { state, start } = useGatewayCall({
    kind: 'text',
    shape: (text, contentType) => transcriptionText(text, contentType),
  });
  const ready = model !== null && file !== null && state.status !== 'running';

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!model || !file) return;
    void start('POST /v1/audio/transcriptions', secret, transcriptionForm(file, model.name));
  };

  return (
    <>
      <Card>
        <CardContent>
          <form className="flex flex-col gap-3" onSubmit={send}>
            <ModelPicker index={0} mode="audio_transcription" value={model} onChange={setModel} />
            <div className="flex flex-wrap items-end gap-3">
              <Label className="min-w-0 flex-1">
                Audio file
                <Input
                  type="file"
                  accept="audio/*,video/mp4,video/webm"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  data-testid="transcription-file"
                />
              </Label>
              <Button type="submit" disabled={!ready} data-testid="playground-send">
                {state.status === 'running' ? 'Transcribing…' : 'Transcribe'}
              </Button>
            </div>
            {file && (
              <p className="text-xs text-muted-foreground">
                {file.name} · {file.type || 'unknown type'} · {formatBytes(file.size)}
              </p>
            )}
          </form>
        </CardContent>
      </Card>
      {state.status !== 'idle' && (
        <CallResult
          gatewayId={gatewayId}
          title={`transcription · ${model?.name ?? ''}`}
          call={state}
        >
          {state.result !== null && (
            <p
              className="whitespace-pre-wrap rounded-md bg-muted p-3 text-sm"
              data-testid="transcription-text"
            >
              {state.result}
            </p>
          )}
        </CallResult>
      )}
    </>
  );
}
