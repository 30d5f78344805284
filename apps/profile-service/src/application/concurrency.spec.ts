import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../testing/profile-test-app';

describe('concurrent writers', () => {
  let app: ProfileTestApp;
  let admin: Member;
  beforeAll(async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    admin = (await app.createOrganization('alice')).admin;
  });
  afterAll(() => app.close());

  const patch = async (member: Member, body: object) =>
    app
      .http()
      .patch('/accounts/me')
      .set(await app.as(member))
      .send(body);

  it('lets exactly one of two accounts racing for a user name have it; the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const one = (await app.registerAccount(admin, `one${round}`)).member;
      const two = (await app.registerAccount(admin, `two${round}`)).member;
      const wanted = `Wanted${round}`;
      const [a, b] = await Promise.all([
        patch(one, { userName: wanted }),
        patch(two, { userName: wanted.toLowerCase() }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('PROFILE-user-name-taken');
      const holders = (await app.store.readStream(`username-wanted${round}`)).filter(
        (e) => e.type === 'UserNameReserved',
      );
      expect(holders).toHaveLength(1);
      // The loser keeps its own name, still reserved by it.
      const loserMember = a.status === 409 ? one : two;
      const loserName = a.status === 409 ? `one${round}` : `two${round}`;
      const mine = await app
        .http()
        .get('/accounts/me')
        .set(await app.as(loserMember));
      expect(mine.body.userName).toBe(loserName);
      expect((await app.store.readStream(`username-${loserName}`)).map((e) => e.type)).toEqual([
        'UserNameReserved',
      ]);
    }
  });

  it("frees a renamed account's old name for another account", async () => {
    const first = (await app.registerAccount(admin, 'oldName')).member;
    const second = (await app.registerAccount(admin, 'someoneElse')).member;
    expectStatus(await patch(first, { userName: 'newName' }), 200);
    const taken = await patch(second, { userName: 'OLDNAME' });
    expectStatus(taken, 200);
    expect(taken.body.userName).toBe('OLDNAME');
    expectStatus(await patch(first, { userName: 'oldname' }), 409);
  });

  it('takes 50 parallel PATCHes on one account: each succeeds or answers 409, none is lost, revisions stay contiguous', async () => {
    const { member } = await app.registerAccount(admin, 'busy');
    const streamId = `account-${member.accountId}`;
    const before = (await app.store.readStream(streamId)).length;
    const zones = ['Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'UTC'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        patch(member, { firstName: `Name${i}`, timeZone: zones[i % zones.length] }).then((res) => ({
          i,
          res,
        })),
      ),
    );
    for (const { res } of results) expect([200, 409]).toContain(res.status);
    const succeeded = results.filter(({ res }) => res.status === 200).map(({ i }) => i);
    for (const { res } of results.filter(({ res }) => res.status === 409)) {
      expect(res.body.code).toBe('COMMAND-concurrency-conflict');
    }

    const stream = await app.store.readStream(streamId);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, index) => index));
    const renames = stream.slice(before).filter((e) => e.type === 'AccountFirstNameChanged');
    // Every successful request left its first name in the stream, each exactly once; refused ones left nothing.
    expect(renames.map((e) => (e.data as { to: string }).to).sort()).toEqual(
      succeeded.map((i) => `Name${i}`).sort(),
    );
    // The chain from -> to is unbroken and the final state is the last event's value.
    for (let k = 1; k < renames.length; k++) {
      expect((renames[k].data as { from: string }).from).toBe(
        (renames[k - 1].data as { to: string }).to,
      );
    }
    const final = await app
      .http()
      .get('/accounts/me')
      .set(await app.as(member));
    expect(final.body.firstName).toBe((renames[renames.length - 1].data as { to: string }).to);
    const lastZone = stream.filter((e) => e.type === 'AccountTimeZoneChanged').at(-1);
    expect(final.body.timeZone).toBe((lastZone?.data as { to: string } | undefined)?.to ?? 'UTC');
    expect(succeeded.length).toBeGreaterThan(0);
    console.info(
      `50 parallel PATCHes: ${succeeded.length} succeeded, ${50 - succeeded.length} answered 409`,
    );
  });
});
