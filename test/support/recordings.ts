import type { TestApp } from './test-app';

export interface LoggedCall {
  callerNumber: string;
  direction: 'inbound' | 'outbound';
  startedAt: string;
  durationSeconds: number;
}

/** Logs a call as `auth` and uploads its audio, as an engineer's phone system would; returns its id. */
export async function logCallWithAudio(
  t: Pick<TestApp, 'http'>,
  auth: string,
  call: LoggedCall,
  audio: Buffer,
): Promise<string> {
  const logged = await t.http().post('/api/recordings').set('authorization', auth).send(call).expect(201);
  await t
    .http()
    .put(`/api/recordings/${logged.body.id}/audio`)
    .set('authorization', auth)
    .set('content-type', 'audio/wav')
    .send(audio)
    .expect(200);
  return logged.body.id;
}
