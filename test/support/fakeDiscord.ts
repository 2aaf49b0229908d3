import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { discordProblems } from "./discordMessages.js";

export const APP_ID = "111111111111111111";
export const GUILD_ID = "222222222222222222";
export const CHANNEL_ID = "333333333333333333";
/** A second guild, on the other shard of two (guild id >> 22, modulo the shard count). */
export const OTHER_GUILD_ID = "222222222226416526";
/** A token whose first part is APP_ID in base64, as real bot tokens are. */
export const TOKEN = `${Buffer.from(APP_ID).toString("base64")}.fake.loopback-token-for-tests`;
export const MANAGE_GUILD = 1n << 5n;

export interface RecordedCall {
  method: string;
  path: string;
  body: any;
  at: number;
}

/** What the bot sent back for one interaction: the callback, and later edits and follow-ups. */
export interface InteractionResponse {
  callback: { type: number; data?: any };
  edits: any[];
  followUps: any[];
  /** Milliseconds from sending INTERACTION_CREATE to the callback. */
  acknowledgedAfter: number;
  /** What the user finally sees (see finalMessage). */
  readonly message: any;
  /** The bot deleted its deferred reply (to follow up privately instead). */
  deleted?: boolean;
}

/**
 * What the user finally sees: a private follow-up that replaced a public deferral, else the last edit
 * of a deferred reply, else the reply itself.
 */
export function finalMessage(response: Pick<InteractionResponse, "callback" | "edits" | "followUps">): any {
  return response.followUps.at(-1) ?? response.edits.at(-1) ?? response.callback.data;
}

/** An edit that only says how far long work is ("-# Reading the corpus…"): the answer is still to come. */
export const isProgressEdit = (edit: any): boolean =>
  typeof edit?.content === "string" && /^-# [^\n]*…$/.test(edit.content) && !(edit.embeds?.length > 0) && !(edit.components?.length > 0);

/** The bot has answered: a reply, or a deferral followed by an edit or a follow-up that is not just progress. */
const answered = (r: InteractionResponse) =>
  r.callback.type !== 5 || r.followUps.length > 0 || r.edits.some((edit) => !isProgressEdit(edit));

interface Pending {
  sentAt: number;
  response?: InteractionResponse;
  waiters: (() => void)[];
}

/**
 * A loopback stand-in for Discord: the REST routes the bot uses and a gateway (HELLO, IDENTIFY,
 * READY, GUILD_CREATE, heartbeats, INTERACTION_CREATE) that the real discord.js client logs into.
 */
export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly commands = new Map<string, any[]>();
  private readonly attachments = new Map<string, { name: string; content: Buffer; breaks?: boolean }>();
  private readonly pending = new Map<string, Pending>();
  private sockets = new Set<WebSocket>();
  /** Which shard [id, count] each identified connection is. */
  private shardOf = new Map<WebSocket, [number, number]>();
  private sequence = 0;
  private nextId = 900000000000000000n;
  identified = 0;
  /** How long an interaction's answer is waited for before the wait fails (a benchmark's crowd waits longer). */
  answerTimeoutMs = 20_000;

  private constructor(
    private readonly http: Server,
    private readonly gateway: WebSocketServer,
    readonly port: number,
    private readonly guilds: readonly string[],
    private readonly recommendedShards: number,
    private readonly maxConcurrency: number,
  ) {}

  /** Messages Discord would have refused (over a limit, malformed), with why; a test expects none. */
  readonly rejected: { path: string; body: unknown; problems: string[] }[] = [];
  /** The content each interaction's original message has now, for the check of an edit. */
  private readonly originalContent = new Map<string, string>();

  /** Messages the bot posted in channels (not replies to interactions). */
  readonly channelMessages: any[] = [];
  /** Channels the bot may post in: every guild's #general, and those a test adds. */
  readonly channels = new Set<string>([CHANNEL_ID]);

  /** Which shards each guild's interactions were delivered to (Discord sends them to exactly one). */
  readonly deliveredTo = new Map<string, Set<number>>();

  static async start({
    guilds = [GUILD_ID],
    recommendedShards = 1,
    maxConcurrency = 1,
  }: {
    guilds?: string[];
    recommendedShards?: number;
    /** Shards that may log in at once, as Discord grants large bots. */
    maxConcurrency?: number;
  } = {}): Promise<FakeDiscord> {
    const http = createServer();
    const gateway = new WebSocketServer({ noServer: true });
    http.listen(0, "127.0.0.1");
    await once(http, "listening");
    const fake = new FakeDiscord(http, gateway, (http.address() as AddressInfo).port, guilds, recommendedShards, maxConcurrency);
    http.on("request", (req, res) => void fake.route(req, res));
    http.on("upgrade", (req, socket, head) => gateway.handleUpgrade(req, socket, head, (ws) => fake.connect(ws)));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Sends a slash command as a guild member; resolves with what the bot answered. */
  async command(
    name: string,
    options: { name: string; value: string | boolean | number; type?: number }[],
    member: Member = {},
  ): Promise<InteractionResponse> {
    const id = this.send(
      2,
      {
        name,
        options: options.map((o) => ({ type: o.type ?? (typeof o.value === "boolean" ? 5 : typeof o.value === "number" ? 4 : 3), ...o })),
      },
      member,
    );
    return this.responseTo(id, answered);
  }

  /**
   * Runs an entry of a message's Apps menu on a message with this text; `forwarded` puts the text in
   * a forwarded message's snapshot instead, leaving the message's own content empty. `postedAs` is a
   * bot's message with no content: the text in an embed (`title` its first line) or a v2 layout.
   */
  async messageCommand(
    name: string,
    text: string,
    { forwarded = false, postedAs }: { forwarded?: boolean; postedAs?: "embed" | "layout" } = {},
    member: Member = {},
  ): Promise<InteractionResponse> {
    const messageId = String(this.nextId++);
    const author = { id: "123123123123123123", username: "poster", discriminator: "0", global_name: null, avatar: null };
    const [title, ...rest] = text.split("\n");
    const posted =
      postedAs === "embed"
        ? { embeds: [{ type: "rich", title, description: rest.join("\n") }] }
        : postedAs === "layout"
          ? { flags: 1 << 15, components: [{ type: 17, id: 1, components: [{ type: 10, id: 2, content: text }] }] }
          : {};
    const message = {
      ...messageOf(messageId, author, forwarded || postedAs ? "" : text),
      ...posted,
      ...(forwarded
        ? {
            message_reference: { type: 1, channel_id: CHANNEL_ID, message_id: "1" },
            message_snapshots: [
              {
                message: {
                  content: text,
                  timestamp: "2026-11-30T00:00:00.000Z",
                  edited_timestamp: null,
                  type: 0,
                  attachments: [],
                  embeds: [],
                  mentions: [],
                  mention_roles: [],
                  flags: 0,
                },
              },
            ],
          }
        : {}),
    };
    const id = this.send(2, { name, type: 3, target_id: messageId, resolved: { messages: { [messageId]: message } } } as never, member);
    return this.responseTo(id, answered);
  }

  /** Clicks a button with this id on a message the bot sent. */
  async click(customId: string, member: Member = {}): Promise<InteractionResponse> {
    const message = { ...messageOf(String(this.nextId++), BOT_AUTHOR, ""), components: [], flags: 0 };
    const id = this.send(3, { custom_id: customId, component_type: 2, message } as never, member);
    return this.responseTo(id, answered);
  }

  /** A file as Discord would host an attachment; returns its id for an attachment option. `breaks`: the download is cut off. */
  attach(name: string, content: string | Buffer, { breaks = false } = {}): string {
    const id = String(this.nextId++);
    this.attachments.set(id, { name, content: Buffer.from(content), breaks });
    return id;
  }

  /** Sends a slash command's subcommand; attachment options (type 11) are resolved from attach(). */
  async subcommand(
    name: string,
    sub: string,
    options: { name: string; value: string | boolean | number; type?: number }[],
    member: Member = {},
  ): Promise<InteractionResponse> {
    const typed = options.map((o) => ({ type: o.type ?? (typeof o.value === "boolean" ? 5 : typeof o.value === "number" ? 4 : 3), ...o }));
    const attachments = Object.fromEntries(
      typed
        .filter((o) => o.type === 11)
        .map((o) => {
          const file = this.attachments.get(String(o.value))!;
          const url = `http://127.0.0.1:${this.port}/attachments/${o.value}/${encodeURIComponent(file.name)}`;
          return [
            o.value,
            { id: o.value, filename: file.name, size: file.content.length, url, proxy_url: url, content_type: "text/plain; charset=utf-8" },
          ];
        }),
    );
    const id = this.send(
      2,
      {
        name,
        options: [{ type: 1, name: sub, options: typed }],
        ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
      },
      member,
    );
    return this.responseTo(id, answered);
  }

  /** Sends an autocomplete interaction for a focused string option; resolves with the choices. */
  async autocomplete(name: string, option: string, value: string): Promise<{ name: string; value: string }[]> {
    const id = this.send(4, { name, options: [{ type: 3, name: option, value, focused: true }] }, {});
    const response = await this.responseTo(id, () => true);
    return response.callback.data.choices;
  }

  /** Starts a slash command without waiting: for load tests. */
  sendCommand(name: string, options: { name: string; value: string; type?: number }[], member: Member = {}): Promise<InteractionResponse> {
    const id = this.send(2, { name, options: options.map((o) => ({ type: o.type ?? 3, ...o })) }, member);
    return this.responseTo(id, answered);
  }

  /** The commands registered in the test guild (or globally), as Discord would list them. */
  registeredCommands(scope = `guild:${GUILD_ID}`): any[] {
    return this.commands.get(scope) ?? [];
  }

  writesTo(pathPart: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === "PUT" && c.path.includes(pathPart));
  }

  private send(type: number, data: { name: string; options: unknown[]; resolved?: unknown }, member: Member): string {
    const id = String(this.nextId++);
    const userId = member.userId ?? "444444444444444444";
    const guildId = member.guildId ?? GUILD_ID;
    const interaction = {
      id,
      application_id: APP_ID,
      type,
      token: `interaction-token-${id}`,
      version: 1,
      guild_id: guildId,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: guildId, name: "general", permissions: "0" },
      guild: { id: guildId, locale: "en-US", features: [] },
      member: {
        user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: "0", global_name: null, avatar: null },
        roles: member.roles ?? [],
        permissions: String(member.permissions ?? 0n),
        joined_at: "2024-01-01T00:00:00.000Z",
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        premium_since: null,
        pending: false,
        communication_disabled_until: null,
      },
      app_permissions: "2248473465835073",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      // Installed by the server, or only by the user who runs it (a server that has not added the bot).
      authorizing_integration_owners: member.owners ?? (member.userInstalled ? { "1": userId } : { "0": guildId }),
      context: 0,
      attachment_size_limit: 8388608,
      // A button click carries the message it was on beside its data; a command, its command's data.
      ...(type === 3 ? { message: (data as { message?: unknown }).message } : {}),
      data:
        type === 3
          ? { custom_id: (data as { custom_id?: string }).custom_id, component_type: 2 }
          : { id: "555555555555555555", type: 1, guild_id: guildId, ...data },
    };
    if (member.dm) {
      // A DM with the bot: no guild, no member; the user at the top level.
      const {
        member: guildMember,
        guild_id: _g,
        guild: _guild,
        ...rest
      } = interaction as Record<string, unknown> & { member: { user: unknown } };
      Object.assign(rest, {
        user: guildMember.user,
        channel: { id: CHANNEL_ID, type: 1, recipients: [guildMember.user] },
        context: 1,
        authorizing_integration_owners: { "1": userId },
        data: { ...(rest.data as object), guild_id: undefined },
        // A crafted DM that carries a server member's roles and permissions (Discord never sends one).
        ...(member.dm === "with member data" ? { member: guildMember } : {}),
      });
      for (const key of Object.keys(interaction)) delete (interaction as Record<string, unknown>)[key];
      Object.assign(interaction, rest);
    }
    this.pending.set(id, { sentAt: performance.now(), waiters: [] });
    this.dispatch("INTERACTION_CREATE", interaction);
    return id;
  }

  private responseTo(
    id: string,
    done: (r: InteractionResponse) => boolean,
    timeoutMs = this.answerTimeoutMs,
  ): Promise<InteractionResponse> {
    const pending = this.pending.get(id)!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to interaction ${id} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (pending.response && done(pending.response)) {
          clearTimeout(timer);
          resolve(pending.response);
          return true;
        }
        return false;
      };
      if (!check()) pending.waiters.push(() => void check());
    });
  }

  private settle(token: string, change: (r: InteractionResponse | undefined, p: Pending) => void): void {
    const id = token.replace("interaction-token-", "");
    const pending = this.pending.get(id);
    if (!pending) return;
    change(pending.response, pending);
    for (const w of pending.waiters) w();
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw));
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) this.identify(ws, payload.d?.shard ?? [0, 1]);
    });
  }

  private ownsGuild([id, count]: [number, number], guild: string): boolean {
    // A crafted guild id that is no snowflake goes to the first shard.
    if (!/^\d+$/.test(guild)) return id === 0;
    return Number((BigInt(guild) >> 22n) % BigInt(count)) === id;
  }

  /** The shard [id, count] each IDENTIFY asked for, in order. */
  readonly identifiedAs: [number, number][] = [];
  /** When each IDENTIFY came (ms, performance.now()), in the order of identifiedAs. */
  readonly identifiedAt: number[] = [];

  /**
   * Logins Discord would have refused: two in one bucket (shard id modulo max_concurrency) less than
   * 5 s apart.
   */
  get loginsTooSoon(): [number, number][] {
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.identifiedAs.length; i++) {
      for (let j = i + 1; j < this.identifiedAs.length; j++) {
        const [a] = this.identifiedAs[i]!;
        const [b] = this.identifiedAs[j]!;
        const sameBucket = a % this.maxConcurrency === b % this.maxConcurrency;
        if (sameBucket && this.identifiedAt[j]! - this.identifiedAt[i]! < 5_000) pairs.push([a, b]);
      }
    }
    return pairs;
  }

  private identify(ws: WebSocket, shard: [number, number]): void {
    this.identified++;
    this.identifiedAs.push(shard);
    this.identifiedAt.push(performance.now());
    this.shardOf.set(ws, shard);
    const guilds = this.guilds.filter((g) => this.ownsGuild(shard, g));
    const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    send("READY", {
      v: 10,
      user: { id: APP_ID, username: "citebot", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: "loopback-session",
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: APP_ID, flags: 0 },
      shard,
      private_channels: [],
    });
    for (const guild of guilds) this.guildCreate(send, guild);
  }

  private guildCreate(send: (t: string, d: unknown) => void, guild: string): void {
    send("GUILD_CREATE", {
      id: guild,
      name: "Loopback Newsroom",
      icon: null,
      owner_id: "666666666666666666",
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: "en-US",
      system_channel_flags: 0,
      roles: [
        {
          id: guild,
          name: "@everyone",
          permissions: "0",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      channels: [{ id: CHANNEL_ID, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: guild }],
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      member_count: 2,
      large: false,
      unavailable: false,
      joined_at: "2024-01-01T00:00:00.000Z",
    });
  }

  /** Sends an event to the shard that owns its guild, as Discord does (to every connection when it has none). */
  private dispatch(t: string, d: { guild_id?: string; id?: string }): void {
    for (const ws of this.sockets) {
      const shard = this.shardOf.get(ws);
      if (d.guild_id && shard && !this.ownsGuild(shard, d.guild_id)) continue;
      if (d.guild_id && shard && d.id) {
        const set = this.deliveredTo.get(d.guild_id) ?? new Set<number>();
        set.add(shard[0]);
        this.deliveredTo.set(d.guild_id, set);
      }
      ws.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? JSON.parse(text) : null;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const method = req.method ?? "GET";
    this.calls.push({ method, path, body, at: performance.now() });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    let m: RegExpMatchArray | null;
    if (method === "GET" && (path === "/gateway/bot" || path === "/gateway")) {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.maxConcurrency },
      });
    }
    if (method === "GET" && (m = path.match(/^\/attachments\/(\d+)\//))) {
      const file = this.attachments.get(m[1]!);
      if (!file) return json(404, { message: "Unknown attachment", code: 0 });
      if (file.breaks) return void res.socket?.destroy();
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": file.content.length });
      return void res.end(file.content);
    }
    if (method === "GET" && path === "/applications/@me") return json(200, { id: APP_ID, name: "Citebot", flags: 0 });
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const key = m[2] ? `guild:${m[2]}` : "global";
      if (method === "GET") return json(200, this.commands.get(key) ?? []);
      if (method === "PUT") {
        const registered = (body as any[]).map((c, i) => ({
          id: String(700000000000000000n + BigInt(i)),
          application_id: APP_ID,
          version: "1",
          type: 1,
          ...c,
        }));
        this.commands.set(key, registered);
        return json(200, registered);
      }
    }
    const refuse = (problems: string[]) => {
      this.rejected.push({ path, body, problems });
      json(400, {
        code: 50035,
        message: "Invalid Form Body",
        errors: { _errors: problems.map((message) => ({ code: "INVALID", message })) },
      });
    };
    if (method === "POST" && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      if (!this.channels.has(m[1]!)) return json(403, { message: "Missing Access", code: 50001 });
      const problems = discordProblems(body);
      if (problems.length > 0) return refuse(problems);
      const posted = { id: String(this.nextId++), channel_id: m[1], ...(body as object) };
      this.channelMessages.push(posted);
      return json(200, { ...messageOf(posted.id, BOT_AUTHOR, ""), ...posted });
    }
    if (method === "POST" && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const token = m[2]!;
      const message = body?.type === 4 || body?.type === 7 ? body.data : null;
      const problems = message ? discordProblems(message) : [];
      if (problems.length > 0) return refuse(problems);
      this.originalContent.set(token, message?.content ?? "");
      this.settle(token, (_r, p) => {
        p.response = {
          callback: body,
          edits: [],
          followUps: [],
          acknowledgedAfter: performance.now() - p.sentAt,
          get message() {
            return finalMessage(this);
          },
        };
      });
      res.writeHead(204);
      return void res.end();
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      const token = m[2]!;
      const editing = method === "PATCH" && Boolean(m[3]);
      const sending = method === "PATCH" || method === "POST";
      const problems = sending
        ? discordProblems(body ?? {}, { edit: editing, previousContent: this.originalContent.get(token) ?? "" })
        : [];
      if (problems.length > 0) return refuse(problems);
      if (editing && body && "content" in body) this.originalContent.set(token, body.content ?? "");
      if (method === "DELETE" && m[3]) {
        this.settle(token, (r) => r && (r.deleted = true));
        res.writeHead(204);
        return void res.end();
      }
      const message = { id: String(this.nextId++), channel_id: CHANNEL_ID, content: "", embeds: [], type: 20, flags: 0, ...(body ?? {}) };
      if (method === "PATCH" && m[3]) this.settle(token, (r) => r?.edits.push(body));
      else if (method === "POST" && !m[3]) this.settle(token, (r) => r?.followUps.push(body));
      return json(200, message);
    }
    json(404, { message: `The loopback Discord has no route ${method} ${path}`, code: 0 });
  }
}

export interface Member {
  userId?: string;
  /** The guild the interaction comes from (GUILD_ID unless said). */
  guildId?: string;
  roles?: string[];
  permissions?: bigint;
  /** The app is installed by this user only, not by the server the command is used in. */
  userInstalled?: boolean;
  /** The interaction's authorizing_integration_owners as sent, in place of what userInstalled implies. */
  owners?: Record<string, string>;
  /** Sent in a DM with the bot, not in a server; "with member data" crafts one that still carries the member. */
  dm?: boolean | "with member data";
}

const BOT_AUTHOR = { id: APP_ID, username: "Citebot", discriminator: "0", global_name: null, avatar: null, bot: true };

/** A channel message as Discord's API gives it, with this id, author and text. */
function messageOf(id: string, author: object, content: string) {
  return {
    id,
    channel_id: CHANNEL_ID,
    author,
    content,
    timestamp: "2026-12-01T00:00:00.000Z",
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
