// Self-test of the fake Discord server, driven by the real discord.js Client.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  Routes,
  SlashCommandBuilder,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { FakeDiscord, INTENTS } from './discord.ts';
import { makePng } from './png.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';

async function startClient(fake: FakeDiscord): Promise<Client<true>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client as Client<true>;
}

function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

async function apiError(p: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DiscordAPIError) return err;
    throw err;
  }
  throw new Error('expected a DiscordAPIError');
}

const imagine = new SlashCommandBuilder()
  .setName('imagine')
  .setDescription('Make a picture')
  .addStringOption((o) => o.setName('prompt').setDescription('What to draw').setRequired(true))
  .addAttachmentOption((o) => o.setName('image').setDescription('Reference image'));
const settings = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('Settings')
  .addSubcommand((s) =>
    s
      .setName('show')
      .setDescription('Show settings')
      .addBooleanOption((o) => o.setName('verbose').setDescription('More detail')),
  );

describe('FakeDiscord with the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  let channel: TextChannel;
  let loginMs = 0;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
    const t0 = Date.now();
    client = await startClient(fake);
    loginMs = Date.now() - t0;
    channel = client.channels.cache.get(CHANNEL) as TextChannel;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('logs in fast and caches the guild and its channels', async () => {
    expect(loginMs).toBeLessThan(3000);
    expect(client.user.id).toBe(fake.applicationId);
    expect(client.application.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(GUILD)?.name).toBe('Test Guild');
    expect(channel?.isTextBased()).toBe(true);
    expect(fake.connections).toBe(1);
    expect(fake.restCalls.some((c) => c.path === '/gateway/bot' && c.auth === `Bot ${fake.token}`)).toBe(true);
    const me = await client.users.fetch(client.user.id, { force: true });
    expect(me.bot).toBe(true);
  });

  it('rejects REST calls with a wrong token', async () => {
    const res = await fetch(`${fake.apiBase}/v10/users/@me`, { headers: { Authorization: 'Bot nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('registers global and guild commands and validates them', async () => {
    const created = await client.application.commands.set([imagine.toJSON(), settings.toJSON()]);
    expect(created.size).toBe(2);
    expect(fake.globalCommands.map((c) => c.name)).toEqual(['imagine', 'settings']);
    expect(fake.globalCommands[0].application_id).toBe(fake.applicationId);
    // Re-registering keeps ids.
    const firstId = fake.globalCommands[0].id;
    await client.application.commands.set([imagine.toJSON(), settings.toJSON()]);
    expect(fake.globalCommands[0].id).toBe(firstId);

    const guildCmds = (await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), {
      body: [{ name: 'credits', description: 'Show credits', type: 1 }],
    })) as any[];
    expect(guildCmds[0]).toMatchObject({ name: 'credits', guild_id: GUILD, application_id: fake.applicationId });
    expect(fake.guildCommands.get(GUILD)?.map((c) => c.name)).toEqual(['credits']);

    const bad = await apiError(
      client.rest.put(Routes.applicationCommands(fake.applicationId), {
        body: [
          { name: 'BadName', description: 'x' },
          {
            name: 'order',
            description: 'y',
            options: [
              { type: 3, name: 'a', description: 'a' },
              { type: 3, name: 'b', description: 'b', required: true },
            ],
          },
        ],
      }),
    );
    expect(bad.code).toBe(50035);
    expect((bad.rawError as any).errors['0'].name._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    expect((bad.rawError as any).errors['1'].options['1'].required).toBeDefined();
    expect(fake.globalCommands).toHaveLength(2);

    // Localizations as Discord checks them: known locales, valid (lowercase) names, 1–100 characters.
    const badLocalized = await apiError(
      client.rest.put(Routes.applicationCommands(fake.applicationId), {
        body: [
          {
            name: 'imagine',
            description: 'x',
            name_localizations: { ru: 'Представить', 'xx-YY': 'imagine' },
            description_localizations: { 'es-ES': '' },
            options: [{ type: 3, name: 'topic', description: 't', name_localizations: { 'pt-BR': 'tema ruim' }, choices: [{ name: 'a', value: 'a', name_localizations: { ru: 'x'.repeat(101) } }] }],
          },
        ],
      }),
    );
    const errors = (badLocalized.rawError as any).errors['0'];
    expect(errors.name_localizations.ru._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    expect(errors.name_localizations['xx-YY']._errors[0].code).toBe('BASE_TYPE_CHOICES');
    expect(errors.description_localizations['es-ES']._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
    expect(errors.options['0'].name_localizations['pt-BR']._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    expect(errors.options['0'].choices['0'].name_localizations.ru._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), {
      body: [{ name: 'credits', description: 'Show credits', type: 1, name_localizations: { ru: 'кредиты' }, description_localizations: { 'es-419': 'Créditos' } }],
    });
    expect(fake.guildCommands.get(GUILD)![0]).toMatchObject({ name_localizations: { ru: 'кредиты' }, description_localizations: { 'es-419': 'Créditos' } });
  });

  it('delivers a slash command with string + attachment options; defer, editReply, followUp', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({
      name: 'imagine',
      options: [
        { name: 'prompt', type: 3, value: 'a cat' },
        { name: 'image', type: 11, value: 'att1' },
      ],
      attachments: [{ id: 'att1', filename: 'cat.png', content_type: 'image/png', size: 1234, width: 64, height: 64 }],
    });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandName).toBe('imagine');
    expect(interaction.commandId).toBe(fake.globalCommands[0].id);
    expect(interaction.options.getString('prompt')).toBe('a cat');
    const att = interaction.options.getAttachment('image', true);
    expect(att.name).toBe('cat.png');
    expect(att.size).toBe(1234);
    const download = await fetch(att.url);
    expect((await download.arrayBuffer()).byteLength).toBe(1234);
    expect(interaction.guildId).toBe(GUILD);
    expect(interaction.memberPermissions?.bitfield).toBe(0n);

    await interaction.deferReply();
    expect(fi.callbacks[0]?.type).toBe(5);
    expect(fi.original?.flags).toBe(128);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('upscale:1').setLabel('U1').setStyle(ButtonStyle.Secondary),
    );
    await interaction.editReply({ content: 'Here you go', embeds: [new EmbedBuilder().setTitle('cat')], components: [row] });
    const msg = await fake.waitForMessage(CHANNEL, (m) => m.content === 'Here you go');
    expect(msg).toBe(fi.original);
    expect(msg.embeds[0].title).toBe('cat');
    expect(msg.components[0].components[0].custom_id).toBe('upscale:1');
    expect(msg.interaction_id).toBe(fi.id);
    expect(msg.webhook_id).toBe(fake.applicationId);
    expect(msg.author.id).toBe(fake.applicationId);
    expect(msg.flags).toBe(0);

    const follow = await interaction.followUp({ content: 'done', files: [new AttachmentBuilder(Buffer.alloc(321), { name: 'x.bin' })] });
    expect(fi.followups).toHaveLength(1);
    expect(fi.followups[0]?.id).toBe(follow.id);
    expect(fi.followups[0]?.attachments[0]).toMatchObject({ filename: 'x.bin', size: 321 });
    expect(fi.ephemeral).toBe(false);
  });

  it('the first follow-up after a defer replaces the thinking message', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({
      name: 'imagine',
      options: [{ name: 'prompt', value: 'dog' }, { name: 'image' }],
      attachments: [{ filename: 'dog.jpg', size: 10 }],
    });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getString('prompt')).toBe('dog');
    expect(interaction.options.getAttachment('image')?.name).toBe('dog.jpg');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const follow = await interaction.followUp({ content: 'result' });
    expect(follow.id).toBe(fi.original?.id);
    expect(fi.original?.content).toBe('result');
    expect(fi.original?.flags).toBe(64);
    expect(fi.ephemeral).toBe(true);
  });

  it('handles subcommands and ephemeral replies; second replies fail', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({
      name: 'settings',
      options: [{ name: 'show', type: 1, options: [{ name: 'verbose', type: 5, value: true }] }],
      memberPermissions: '8',
    });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getSubcommand()).toBe('show');
    expect(interaction.options.getBoolean('verbose')).toBe(true);
    expect(interaction.memberPermissions?.has('Administrator')).toBe(true);
    await interaction.reply({ content: 'secret', flags: MessageFlags.Ephemeral });
    expect(fi.ephemeral).toBe(true);
    expect(fi.original?.flags).toBe(64);
    expect(await fake.waitForCallback(fi)).toMatchObject({ type: 4, data: { content: 'secret' } });

    // discord.js refuses a second reply itself...
    await expect(interaction.reply('again')).rejects.toMatchObject({ code: 'InteractionAlreadyReplied' });
    // ...and the fake refuses a second callback on the wire.
    const err = await apiError(
      client.rest.post(Routes.interactionCallback(fi.id, fi.token), { body: { type: 4, data: { content: 'two' } }, auth: false }),
    );
    expect(err.code).toBe(40060);
    expect(err.status).toBe(400);
  });

  it('delivers button presses; update and deferUpdate edit the message in place', async () => {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:1').setLabel('Vote').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setURL('https://example.com').setLabel('Site').setStyle(ButtonStyle.Link),
    );
    const sent = await channel.send({ content: 'Pick one', components: [row] });
    const stored = fake.messagesIn(CHANNEL).find((m) => m.id === sent.id)!;

    await expect(fake.pressButton({ message: stored, customId: 'nope' })).rejects.toThrow(/no component/);

    let got = nextInteraction(client);
    let fi = await fake.pressButton({ message: stored, customId: 'vote:1' });
    let interaction = await got;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('vote:1');
    expect(interaction.message.id).toBe(sent.id);
    await interaction.update({ content: 'Voted', components: [] });
    expect(stored.content).toBe('Voted');
    expect(stored.components).toEqual([]);
    expect(stored.edits).toBe(1);
    expect(fi.callbacks[0]?.type).toBe(7);

    await channel.messages.edit(sent.id, { components: [row] });
    got = nextInteraction(client);
    fi = await fake.pressButton({ message: stored, customId: 'vote:1', user: { id: '400000000000000002', username: 'bob' } });
    interaction = await got;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.user.username).toBe('bob');
    await interaction.deferUpdate();
    await interaction.editReply({ content: 'Voted twice' });
    expect(fi.callbacks[0]?.type).toBe(6);
    expect(stored.content).toBe('Voted twice');
    expect(fi.original).toBe(stored);
  });

  it('counts uploaded bytes of channel attachments', async () => {
    const bytes = Buffer.alloc(70_000, 7);
    const sent = await channel.send({ content: 'grid', files: [new AttachmentBuilder(bytes, { name: 'grid.png' })] });
    expect(sent.attachments.first()?.size).toBe(70_000);
    const stored = fake.messagesIn(CHANNEL).find((m) => m.id === sent.id)!;
    expect(stored.attachments).toEqual([expect.objectContaining({ filename: 'grid.png', size: 70_000 })]);
    const call = fake.restCalls.findLast((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`)!;
    expect(call.files[0]).toMatchObject({ name: 'files[0]', filename: 'grid.png', bytes: 70_000 });
    expect(call.body.content).toBe('grid');
  });

  it('takes ten files in a message, not eleven, each within the upload limit, and knows which bytes came', async () => {
    const file = (i: number, size = 1_000) => new AttachmentBuilder(Buffer.alloc(size, i), { name: `f${i}.png` });
    const ten = await channel.send({ content: 'ten', files: Array.from({ length: 10 }, (_, i) => file(i)) });
    expect(ten.attachments.size).toBe(10);
    const stored = fake.messagesIn(CHANNEL).find((m) => m.id === ten.id)!;
    expect(stored.attachments[3]!.sha256).toBe(createHash('sha256').update(Buffer.alloc(1_000, 3)).digest('hex'));
    const eleven = await apiError(channel.send({ content: 'eleven', files: Array.from({ length: 11 }, (_, i) => file(i)) }));
    expect([eleven.status, eleven.code]).toEqual([400, 50035]);
    const big = await apiError(channel.send({ content: 'big', files: [file(1, 10 * 1024 * 1024 + 1)] }));
    expect([big.status, big.code]).toEqual([413, 40005]);
    // An edit counts the files the message keeps.
    const more = await apiError(ten.edit({ files: [file(11)], attachments: [...ten.attachments.values()] }));
    expect(more.code).toBe(50035);
  });

  it('dedupes creates with nonce + enforceNonce', async () => {
    const before = fake.messagesIn(CHANNEL).length;
    const a = await channel.send({ content: 'once', nonce: '777001', enforceNonce: true });
    const b = await channel.send({ content: 'once', nonce: '777001', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(fake.messagesIn(CHANNEL).length).toBe(before + 1);
  });

  it('lets discord.js retry a 429 and a 502 from failNext', async () => {
    fake.failNext({ method: 'POST', pathIncludes: `/channels/${CHANNEL}/messages` }, { status: 429, body: {}, retryAfterMs: 150 });
    const t0 = Date.now();
    const sent = await channel.send('after 429');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const calls = fake.restCalls.filter((c) => c.body?.content === 'after 429').map((c) => c.status);
    expect(calls).toEqual([429, 200]);
    expect(sent.content).toBe('after 429');

    fake.failNext({ pathIncludes: '/typing' }, { status: 502, body: { message: 'bad gateway' } });
    await channel.sendTyping();
    expect(fake.restCalls.filter((c) => c.path.endsWith('/typing')).map((c) => c.status)).toEqual([502, 204]);
  });

  it('rejects empty and oversized messages and unknown channels', async () => {
    const empty = await apiError(client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: '' } }));
    expect(empty.code).toBe(50006);
    const long = await apiError(channel.send('x'.repeat(2001)));
    expect(long.code).toBe(50035);
    expect((long.rawError as any).errors.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const buttons = Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 1, label: `b${i}`, custom_id: `b${i}` }));
    const tooMany = await apiError(
      client.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'x', components: [{ type: 1, components: buttons }] } }),
    );
    expect(tooMany.code).toBe(50035);
    expect((tooMany.rawError as any).errors.components['0'].components._errors).toBeDefined();
    const longId = await apiError(
      client.rest.post(Routes.channelMessages(CHANNEL), {
        body: { content: 'x', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a', custom_id: 'c'.repeat(101) }] }] },
      }),
    );
    expect((longId.rawError as any).errors.components['0'].components['0'].custom_id).toBeDefined();
    const noId = await apiError(
      client.rest.post(Routes.channelMessages(CHANNEL), { body: { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a' }] }] } }),
    );
    expect(noId.code).toBe(50035);
    const unknown = await apiError(client.rest.post(Routes.channelMessages('399999999999999999'), { body: { content: 'x' } }));
    expect(unknown.code).toBe(10003);
    expect(unknown.status).toBe(404);
  });

  it('edits @original through client.rest without an Interaction object', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'owl' }] });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    await client.rest.patch(Routes.webhookMessage(fake.applicationId, fi.token, '@original'), {
      body: { content: 'from rest' },
      auth: false,
    });
    expect(fi.original?.content).toBe('from rest');
    const fetched = (await client.rest.get(Routes.webhookMessage(fake.applicationId, fi.token, '@original'), { auth: false })) as any;
    expect(fetched.content).toBe('from rest');
  });

  it('survives a gateway drop: the client resumes and still receives interactions', async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.dropGateway();
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'after drop' }] });
    await resumed;
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getString('prompt')).toBe('after drop');
    await interaction.reply('still here');
    expect((await fake.waitForCallback(fi)).type).toBe(4);
    expect(fake.connections).toBe(1);
  });

  it('interaction DMs carry a user and a DM channel', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({ name: 'imagine', guildId: null, options: [{ name: 'prompt', value: 'dm' }] });
    const interaction = await got;
    expect(interaction.guildId).toBeNull();
    expect(interaction.user.id).toBe('400000000000000001');
    expect(fi.payload.channel.type).toBe(1);
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const response = await interaction.reply({ content: 'dm reply', withResponse: true });
    expect(response.resource?.message?.content).toBe('dm reply');
    expect(fake.messagesIn(fi.payload.channel_id).map((m) => m.content)).toEqual(['dm reply']);
    expect((await interaction.fetchReply()).id).toBe(fi.original?.id);
  });

  it("offers a command with default_member_permissions only to members who have them, or whom the server allowed; a server-only one not in DMs", async () => {
    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), {
      body: [{ name: 'moderate', description: 'Mods only', type: 1, default_member_permissions: '32' }],
    });
    const mallory = { id: '400000000000000099', username: 'mallory', discriminator: '0' };
    await expect(fake.slashCommand({ name: 'moderate', user: mallory })).rejects.toThrow(/mallory may not use \/moderate here/);
    await expect(fake.slashCommand({ name: 'moderate', user: mallory, memberPermissions: String(1 << 4) })).rejects.toThrow(/may not use/);
    // Manage Server, or Administrator (every permission), shows it.
    for (const memberPermissions of [String(1 << 5), '8']) {
      const got = nextInteraction(client);
      await fake.slashCommand({ name: 'moderate', user: mallory, memberPermissions });
      expect((await got).isChatInputCommand()).toBe(true);
    }
    fake.allowCommand({ name: 'moderate', user: { ...mallory, id: '400000000000000098' } });
    const got = nextInteraction(client);
    await fake.slashCommand({ name: 'moderate', user: { ...mallory, id: '400000000000000098' }, memberPermissions: '0' });
    expect((await got).memberPermissions?.bitfield).toBe(0n);

    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, GUILD), { body: [] });
    const before = fake.globalCommands.map((c) => ({ name: c.name, description: c.description, type: c.type, options: c.options }));
    await client.rest.put(Routes.applicationCommands(fake.applicationId), { body: [...before, { name: 'serveronly', description: 'x', type: 1, contexts: [0] }] });
    await expect(fake.slashCommand({ name: 'serveronly', guildId: null })).rejects.toThrow(/not offered in DMs/);
    await client.rest.put(Routes.applicationCommands(fake.applicationId), { body: before });
  });
});

describe('FakeDiscord deadlines', () => {
  let fake: FakeDiscord;
  let client: Client<true>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 250, interactionDeadlineMs: 300, tokenLifetimeMs: 1200 });
    client = await startClient(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('answers 10062 to a late first response', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({ name: 'imagine', options: [{ name: 'prompt', type: 3, value: 'slow' }] });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await new Promise((r) => setTimeout(r, 400));
    const err = await apiError(interaction.reply('too late'));
    expect(err.code).toBe(10062);
    expect(err.status).toBe(404);
    expect(fi.callbacks).toHaveLength(0);
  });

  it('answers 50027 once the interaction token has expired', async () => {
    const got = nextInteraction(client);
    const fi = await fake.slashCommand({ name: 'imagine', options: [{ name: 'prompt', type: 3, value: 'long job' }] });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    await interaction.editReply('progress 50%');
    expect(fi.original?.content).toBe('progress 50%');
    await new Promise((r) => setTimeout(r, 1300));
    const err = await apiError(interaction.editReply('finished'));
    expect(err.code).toBe(50027);
    expect(err.status).toBe(401);
    expect(fi.original?.content).toBe('progress 50%');
  });
});

describe('FakeDiscord messages: intents, Message Content and real attachment bytes', () => {
  const ALICE = { id: '400000000000000001', username: 'alice', global_name: 'Alice', discriminator: '0' };
  let fake: FakeDiscord;
  /** GuildMessages + DirectMessages, no Message Content (what framebot asks for by default). */
  let plain: Client<true>;
  /** The same plus the privileged Message Content intent. */
  let privileged: Client<true>;
  /** Guilds only: gets no messages at all. */
  let guildsOnly: Client<true>;

  async function login(intents: GatewayIntentBits[]): Promise<Client<true>> {
    const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.apiBase } });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(fake.token);
    await ready;
    return client as Client<true>;
  }

  function nextMessage(client: Client, from = ALICE.id): Promise<Message> {
    return new Promise((resolve) => {
      const on = (m: Message) => {
        if (m.author.id !== from) return;
        client.off(Events.MessageCreate, on);
        resolve(m);
      };
      client.on(Events.MessageCreate, on);
    });
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 250 });
    const messages = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
    plain = await login(messages);
    privileged = await login([...messages, GatewayIntentBits.MessageContent]);
    guildsOnly = await login([GatewayIntentBits.Guilds]);
  });

  afterAll(async () => {
    await Promise.all([plain?.destroy(), privileged?.destroy(), guildsOnly?.destroy()]);
    await fake?.close();
  });

  it('blanks a plain guild message without Message Content, and sends nothing without GuildMessages', async () => {
    const bytes = makePng(600, 520, [1, 2, 3]);
    const gotPlain = nextMessage(plain);
    const gotPrivileged = nextMessage(privileged);
    const sent = await fake.userSendsMessage({ channelId: CHANNEL, content: 'my photo', attachments: [{ filename: 'me.png', content_type: 'image/png', bytes }] });
    const [a, b] = await Promise.all([gotPlain, gotPrivileged]);
    expect(a.id).toBe(sent.id);
    expect(a.content).toBe('');
    expect(a.attachments.size).toBe(0);
    expect(a.guildId).toBe(GUILD);
    expect(a.member?.displayName).toBe('Alice');
    expect(b.content).toBe('my photo');
    const att = b.attachments.first()!;
    expect(att).toMatchObject({ name: 'me.png', size: bytes.length, contentType: 'image/png', width: 600, height: 520 });
    expect(Buffer.from(await (await fetch(att.url)).arrayBuffer()).equals(bytes)).toBe(true);
    expect(fake.messageDispatches.filter((x) => x.messageId === sent.id).map((x) => x.intents & INTENTS.MESSAGE_CONTENT)).toEqual([0, INTENTS.MESSAGE_CONTENT]);
  });

  it('shows a message that mentions the bot, and DMs, whole (DMs need the Channel partial)', async () => {
    const gotMention = nextMessage(plain);
    const mention = await fake.userSendsMessage({ channelId: CHANNEL, content: 'hi', mentionsBot: true, attachments: [{ filename: 'a.png', content_type: 'image/png', bytes: makePng(8, 8) }] });
    const m = await gotMention;
    expect(m.content).toBe(`<@${fake.botUser.id}> hi`);
    expect(m.attachments.size).toBe(1);
    expect(m.mentions.users.has(fake.botUser.id)).toBe(true);
    expect(mention.mentions?.map((u) => u.id)).toEqual([fake.botUser.id]);

    const gotDm = nextMessage(plain);
    const dm = await fake.userSendsMessage({ guildId: null, user: ALICE, content: 'private', attachments: [{ filename: 'b.png', size: 10 }] });
    const d = await gotDm;
    expect(d.id).toBe(dm.id);
    expect(d.guildId).toBeNull();
    expect(d.channel.isDMBased()).toBe(true);
    expect(d.content).toBe('private');
    expect((await (await fetch(d.attachments.first()!.url)).arrayBuffer()).byteLength).toBe(10);
  });

  it('announces the bot’s own messages, whole, and takes replies that reference a message', async () => {
    const original = await fake.userSendsMessage({ channelId: CHANNEL, content: 'question' });
    const gotOwn = nextMessage(plain, fake.botUser.id);
    const body = { content: 'answer', message_reference: { message_id: original.id }, allowed_mentions: { parse: [], replied_user: false } };
    await plain.rest.post(Routes.channelMessages(CHANNEL), { body });
    const own = await gotOwn;
    expect(own.content).toBe('answer');
    expect(own.reference?.messageId).toBe(original.id);
    expect(fake.repliesTo(original).map((m) => m.content)).toEqual(['answer']);

    const missing = await apiError(plain.rest.post(Routes.channelMessages(CHANNEL), { body: { content: 'x', message_reference: { message_id: '1234567890123' } } }));
    expect(missing.code).toBe(50035);
    const lenient = (await plain.rest.post(Routes.channelMessages(CHANNEL), {
      body: { content: 'still here', message_reference: { message_id: '1234567890123', fail_if_not_exists: false } },
    })) as { message_reference?: unknown; type: number };
    expect(lenient.message_reference).toBeUndefined();
    expect(lenient.type).toBe(0);
  });

  it('serves given bytes for slash-command attachments, with a PNG’s size', async () => {
    const bytes = makePng(640, 512, [9, 9, 9]);
    const got = nextInteraction(plain);
    await fake.slashCommand({ name: 'imagine', options: [{ name: 'prompt', type: 3, value: 'x' }, { name: 'image', type: 11, value: 'p.png' }], attachments: [{ filename: 'p.png', content_type: 'image/png', bytes }] });
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const att = interaction.options.getAttachment('image', true);
    expect(att).toMatchObject({ size: bytes.length, width: 640, height: 512 });
    expect(Buffer.from(await (await fetch(att.url)).arrayBuffer()).equals(bytes)).toBe(true);
  });
});
