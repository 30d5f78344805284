import { TestTokens } from '@accounts/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SecretHasher } from '../application/secrets/secret-hasher';
import { basic, CredentialsTestApp } from '../testing/credentials-test-app';

/** Every file under `dir`, as latin1 text (byte for byte), for a raw search of the SQLite files and their WAL. */
function everyFile(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? everyFile(path)
      : [{ file: path, text: readFileSync(path).toString('latin1') }];
  });
}

describe('the secret appears in the generate/regenerate answer and nowhere else', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    // trace: the most the service ever logs.
    h = await CredentialsTestApp.start(tokens.verifier, { LOG_LEVEL: 'trace' });
    await h.registerAccount('ann', 'org-1');
  });
  afterEach(() => h.close());

  it('is absent from every event, log line, list answer and stored byte; only its keyed hash is kept', async () => {
    const ann = await tokens.bearer({ accountId: 'ann', orgId: 'org-1' });
    const generated = (
      await h.http.post('/api-credentials').set(ann).send({ name: 'ci' }).expect(201)
    ).body;
    await h.token(generated.clientId, generated.secret).expect(200);
    await h.token(generated.clientId, `${generated.secret}x`).expect(401);
    const regenerated = (
      await h.http.post(`/api-credentials/${generated.id}/regenerate`).set(ann).expect(200)
    ).body;
    await h.token(generated.clientId, generated.secret).expect(401);
    await h.token(generated.clientId, regenerated.secret).expect(200);
    // The secret as a body field too (client_secret_post), JSON and form.
    await h.http
      .post('/oauth/token')
      .send({
        grant_type: 'client_credentials',
        client_id: generated.clientId,
        client_secret: regenerated.secret,
      })
      .expect(200);
    await h.http
      .post('/oauth/token')
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: generated.clientId,
        client_secret: regenerated.secret,
      })
      .expect(200);
    // Both methods at once are refused (RFC 6749 §2.3), and the body secret still logged nowhere.
    await h.http
      .post('/oauth/token')
      .set('Authorization', `Basic ${basic(generated.clientId, regenerated.secret)}`)
      .send({
        grant_type: 'client_credentials',
        client_secret: regenerated.secret,
      })
      .expect(400);
    const list = (await h.http.get('/api-credentials').set(ann).expect(200)).body;
    h.lastUsed.flush();
    await h.http.delete(`/api-credentials/${generated.id}`).set(ann).expect(204);
    await h.token(generated.clientId, regenerated.secret).expect(401);

    const events = await h.allEvents();
    const logs = JSON.stringify(h.t.logs);
    expect(h.t.logs.some((line) => String(line.msg).startsWith('POST /oauth/token 200'))).toBe(
      true,
    );
    const haystacks = {
      events: JSON.stringify(events),
      logs,
      list: JSON.stringify(list),
      ...Object.fromEntries(everyFile(h.t.dataDir).map(({ file, text }) => [file, text])),
    };
    // The search does find what is there: the public clientId is in the events and the files.
    expect(haystacks.events).toContain(generated.clientId);
    for (const secret of [generated.secret, regenerated.secret]) {
      const needles = [secret, secret.slice(4, 30), basic(generated.clientId, secret)];
      for (const [where, text] of Object.entries(haystacks)) {
        for (const needle of needles) {
          if (text.includes(needle)) throw new Error(`found (part of) a secret in ${where}`);
        }
      }
    }

    // What is stored is a keyed hash of the secret, under the pepper in the data folder.
    const pepper = Buffer.from(
      readFileSync(join(h.t.dataDir, 'keys', 'credentials-service.pepper'), 'utf8'),
      'base64url',
    );
    const hasher = new SecretHasher(pepper);
    const hashes = events
      .filter((e) => e.streamId === 'apicredentials-ann')
      .map((e) => (e.data as { secretHash?: string }).secretHash);
    expect(hasher.matches(generated.secret, hashes[0])).toBe(true);
    expect(hasher.matches(regenerated.secret, hashes[1])).toBe(true);
    expect(hashes[2]).toBeUndefined();
  });
});
