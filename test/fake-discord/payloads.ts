/**
 * Discord API objects as the real API sends them (v10), with just the fields discord.js reads.
 * Everything is plain JSON so the fake can send it over REST or the gateway unchanged.
 */

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** Real-looking snowflakes: discord.js derives creation times from them. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Every permission bit: the fake never refuses for lack of permission. */
export const ALL_PERMISSIONS = '2251799813685247';

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export function user(username: string, opts: { bot?: boolean; id?: string } = {}): FakeUser {
  return { id: opts.id ?? snowflake(), username, global_name: username, discriminator: '0', avatar: null, ...(opts.bot ? { bot: true } : {}) };
}

export interface FakeChannel {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  parent_id?: string | null;
  owner_id?: string;
  thread_metadata?: Record<string, unknown>;
  position?: number;
  permission_overwrites?: unknown[];
}

export const ChannelType = { GuildText: 0, PublicThread: 11 } as const;

export function textChannel(guildId: string, name: string, position = 0): FakeChannel {
  return { id: snowflake(), type: ChannelType.GuildText, guild_id: guildId, name, position, parent_id: null, permission_overwrites: [] };
}

export function threadChannel(parent: FakeChannel, id: string, name: string, ownerId: string, archiveMinutes = 1440): FakeChannel {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: parent.guild_id,
    parent_id: parent.id,
    owner_id: ownerId,
    name,
    thread_metadata: {
      archived: false,
      auto_archive_duration: archiveMinutes,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  threads: FakeChannel[];
  /** Roles besides @everyone. */
  roles: { id: string; name: string }[];
}

/** What a member holds: roles, and the permissions an interaction reports (all of them by default). */
export interface MemberFields {
  roles?: string[];
  /** A permission bit field as a decimal string ("0": none). */
  permissions?: string;
}

export function member(u: FakeUser, fields: MemberFields = {}) {
  return {
    user: u,
    roles: fields.roles ?? [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    premium_since: null,
    communication_disabled_until: null,
    permissions: fields.permissions ?? ALL_PERMISSIONS,
  };
}

export function guildCreate(guild: FakeGuild, botUser: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: botUser.id,
    unavailable: false,
    large: false,
    member_count: 2,
    features: [],
    preferred_locale: 'en-US',
    joined_at: new Date(0).toISOString(),
    roles: [
      { id: guild.id, name: '@everyone', permissions: ALL_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ...guild.roles.map((r, i) => ({ ...r, permissions: '0', position: i + 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })),
    ],
    channels: guild.channels,
    threads: guild.threads,
    members: [member(botUser)],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: FakeUser[];
  mention_roles: string[];
  attachments: unknown[];
  embeds: unknown[];
  components: unknown[];
  pinned: boolean;
  type: number;
  flags: number;
  message_reference?: { message_id: string; channel_id: string; guild_id?: string };
  referenced_message?: FakeMessage | null;
  webhook_id?: string;
  application_id?: string;
  member?: ReturnType<typeof member>;
}

export function message(fields: Partial<FakeMessage> & Pick<FakeMessage, 'channel_id' | 'author'>): FakeMessage {
  return {
    id: snowflake(),
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: fields.referenced_message ? 19 : 0,
    flags: 0,
    ...fields,
  };
}

export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;

export function interaction(fields: {
  applicationId: string;
  type: number;
  data: Record<string, unknown>;
  channel: FakeChannel;
  user: FakeUser;
  locale?: string;
  message?: FakeMessage;
  member?: MemberFields;
}) {
  const { channel } = fields;
  return {
    id: snowflake(),
    application_id: fields.applicationId,
    type: fields.type,
    data: fields.data,
    guild_id: channel.guild_id,
    guild: { id: channel.guild_id, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    channel_id: channel.id,
    channel,
    member: member(fields.user, fields.member),
    token: `itoken-${snowflake()}-${Math.random().toString(36).slice(2)}`,
    version: 1,
    app_permissions: ALL_PERMISSIONS,
    locale: fields.locale ?? 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': channel.guild_id },
    context: 0,
    attachment_size_limit: 10485760,
    ...(fields.message ? { message: fields.message } : {}),
  };
}

export type InteractionPayload = ReturnType<typeof interaction>;
