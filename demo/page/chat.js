// The demo's chat page: talks to the fake Telegram's chat API (/api) of the demo server.
// Everything the bot or a user wrote is put in the page as text (textContent), never as HTML.
'use strict';

const state = {
  me: null,
  bot: null,
  chats: [],
  chatId: null,
  /** Message views of the open chat, by id. */
  messages: [],
  replyTo: null,
  /** Force-reply prompts already acted on, so one prompt starts a reply once. */
  forced: new Set(),
  loading: false,
  dirty: false,
  /** Whether the chat is scrolled to its end, so new messages and late images keep it there. */
  stick: true,
};

const $ = (id) => document.getElementById(id);
const els = {
  chatList: $('chat-list'),
  title: $('chat-title'),
  status: $('chat-status'),
  messages: $('messages'),
  form: $('composer'),
  text: $('text-input'),
  send: $('send-button'),
  photos: $('photo-input'),
  samples: $('send-samples'),
  replyBar: $('reply-bar'),
  replyText: $('reply-text'),
  replyCancel: $('reply-cancel'),
  error: $('composer-error'),
  toast: $('toast'),
};

// ------------------------------------------------------------------ API

async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

const postJson = (path, body) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// ------------------------------------------------------------------ loading

/** Reloads the chat list and the open chat; overlapping calls collapse into one more run. */
async function refresh() {
  if (state.loading) {
    state.dirty = true;
    return;
  }
  state.loading = true;
  try {
    do {
      state.dirty = false;
      const list = await api('/api/chats');
      state.me = list.me;
      state.bot = list.bot;
      state.chats = list.chats;
      if (state.chatId === null && list.chats.length) state.chatId = chatFromHash() ?? list.chats[0].id;
      renderChatList();
      if (state.chatId !== null) {
        const chat = await api(`/api/chats/${state.chatId}/messages`);
        state.messages = chat.messages;
        renderMessages(chat.typing);
      }
    } while (state.dirty);
  } catch (err) {
    els.status.textContent = `Not connected to the demo (${err.message}); retrying…`;
  } finally {
    state.loading = false;
  }
}

function chatFromHash() {
  const id = Number(location.hash.slice(1));
  return state.chats.some((c) => c.id === id) ? id : null;
}

function listen() {
  const events = new EventSource('/api/events');
  events.onmessage = () => void refresh();
  // EventSource reconnects by itself; a slow poll covers a proxy that buffers events, and ends "typing…".
  setInterval(() => void refresh(), 4000);
}

// ------------------------------------------------------------------ chat list

function renderChatList() {
  els.chatList.replaceChildren(
    ...state.chats.map((chat) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'chat-item';
      button.dataset.chatId = String(chat.id);
      if (chat.id === state.chatId) button.setAttribute('aria-current', 'true');
      const title = document.createElement('span');
      title.className = 'chat-item-title';
      title.textContent = chat.type === 'private' ? `${chat.title} (private chat)` : chat.title;
      const last = document.createElement('span');
      last.className = 'chat-item-last';
      last.textContent = chat.last ? `${chat.last.from}: ${chat.last.preview}` : 'No messages yet';
      button.append(title, last);
      button.addEventListener('click', () => openChat(chat.id));
      li.append(button);
      return li;
    }),
  );
  const chat = state.chats.find((c) => c.id === state.chatId);
  if (chat) {
    els.title.textContent = chat.type === 'private' ? `${chat.title} — private chat` : `${chat.title} — group with ${state.bot.name}`;
    document.title = `${chat.title} · framebot demo`;
  }
}

function openChat(id) {
  if (id === state.chatId) return;
  state.chatId = id;
  state.messages = [];
  state.stick = true;
  history.replaceState(null, '', `#${id}`);
  setReply(null);
  els.messages.replaceChildren();
  void refresh();
  els.text.focus();
}

// ------------------------------------------------------------------ messages

/** Consecutive messages of one album become one item, as a Telegram app shows them. */
function groupAlbums(messages) {
  const items = [];
  for (const m of messages) {
    const last = items[items.length - 1];
    if (m.album && last && last[0].album === m.album) last.push(m);
    else items.push([m]);
  }
  return items;
}

const nearBottom = () => els.messages.scrollHeight - els.messages.scrollTop - els.messages.clientHeight < 80;
const toBottom = () => {
  if (state.stick) els.messages.scrollTop = els.messages.scrollHeight;
};

function renderMessages(typing) {
  const box = els.messages;
  const existing = new Map([...box.children].map((el) => [el.dataset.key, el]));
  const nodes = groupAlbums(state.messages).map((item) => {
    const key = String(item[0].id);
    const signature = JSON.stringify(item);
    const old = existing.get(key);
    // Unchanged messages keep their element (and their loaded images); edited ones are redrawn.
    if (old && old.dataset.signature === signature) return old;
    const el = renderItem(item);
    el.dataset.key = key;
    el.dataset.signature = signature;
    return el;
  });
  if (!nodes.length) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'Say hello: type /help, or pick one of the commands below.';
    nodes.push(empty);
  }
  // Only what changed moves, so focus (say, on a button) and loaded images stay put.
  nodes.forEach((node, i) => {
    if (box.children[i] !== node) box.insertBefore(node, box.children[i] ?? null);
  });
  while (box.children.length > nodes.length) box.lastElementChild.remove();
  toBottom();
  els.status.textContent = typing ? `${state.bot.name} is typing…` : '';
  followForceReply();
}

function renderItem(item) {
  const first = item[0];
  const mine = !first.from.bot && state.me && first.from.id === state.me.id;
  const article = document.createElement('article');
  article.className = `message ${first.from.bot ? 'from-bot' : 'from-user'} ${mine ? 'mine' : ''}`;
  article.setAttribute('aria-label', `${first.from.name}${item.length > 1 ? `, album of ${item.length}` : ''}`);

  const head = document.createElement('div');
  head.className = 'message-from';
  head.textContent = first.from.name;
  article.append(head);

  if (first.reply_to) {
    const quote = document.createElement('blockquote');
    quote.className = 'reply-quote';
    const who = document.createElement('strong');
    who.textContent = first.reply_to.from;
    const what = document.createElement('span');
    what.textContent = first.reply_to.preview;
    quote.append(who, what);
    article.append(quote);
  }

  const pictures = item.filter((m) => m.photo);
  if (pictures.length) {
    const grid = document.createElement('div');
    const n = pictures.length;
    grid.className = `photos count-${n === 1 ? 1 : n === 2 || n === 4 ? 2 : 3}`;
    for (const m of pictures) {
      const link = document.createElement('a');
      link.href = m.photo.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      const img = document.createElement('img');
      img.src = m.photo.url;
      img.alt = m.caption ? `Photo: ${m.caption.split('\n')[0]}` : `Photo from ${m.from.name}`;
      img.width = m.photo.width;
      img.height = m.photo.height;
      img.loading = 'lazy';
      // An image grows its message once loaded: a chat read at its end stays at its end.
      img.addEventListener('load', toBottom);
      link.append(img);
      grid.append(link);
    }
    article.append(grid);
  }
  for (const m of item.filter((x) => x.document)) {
    const link = document.createElement('a');
    link.className = 'document';
    link.href = m.document.url;
    link.download = m.document.name;
    link.textContent = `📎 ${m.document.name}`;
    article.append(link);
  }

  const words = item.find((m) => m.text !== undefined || m.caption !== undefined);
  if (words) {
    const body = document.createElement('div');
    body.className = 'message-text';
    body.append(formatted(words.text ?? words.caption, words.entities));
    article.append(body);
  }

  const meta = document.createElement('div');
  meta.className = 'message-meta';
  const time = document.createElement('time');
  const date = new Date(first.date * 1000);
  time.dateTime = date.toISOString();
  time.textContent = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  meta.append(time);
  if (item.some((m) => m.edited)) {
    const edited = document.createElement('span');
    edited.className = 'edited';
    edited.textContent = 'edited';
    meta.append(edited);
  }
  const reply = document.createElement('button');
  reply.type = 'button';
  reply.className = 'reply-button';
  reply.textContent = '↩ Reply';
  reply.setAttribute('aria-label', `Reply to ${first.from.name}`);
  reply.addEventListener('click', () => setReply(first));
  meta.append(reply);
  article.append(meta);

  const rows = item.flatMap((m) => (m.buttons ? [[m, m.buttons]] : []));
  for (const [m, buttons] of rows) article.append(keyboard(m, buttons));
  return article;
}

function keyboard(message, rows) {
  const board = document.createElement('div');
  board.className = 'keyboard';
  board.setAttribute('role', 'group');
  board.setAttribute('aria-label', 'Buttons');
  for (const row of rows) {
    const line = document.createElement('div');
    line.className = 'keyboard-row';
    for (const b of row) {
      if (b.url && /^https?:\/\//i.test(b.url)) {
        const a = document.createElement('a');
        a.className = 'key';
        a.href = b.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.textContent = `${b.text} ↗`;
        line.append(a);
      } else if (b.data) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'key';
        button.textContent = b.text;
        button.addEventListener('click', () => void pressButton(message, b, button));
        line.append(button);
      }
    }
    board.append(line);
  }
  return board;
}

/** Text with Telegram's entities as elements; every piece of text goes in as a text node. */
function formatted(text, entities) {
  const fragment = document.createDocumentFragment();
  const list = (entities || []).filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length);
  const cuts = new Set([0, text.length]);
  for (const e of list) {
    cuts.add(e.offset);
    cuts.add(e.offset + e.length);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    let node = document.createTextNode(text.slice(from, to));
    for (const e of list.filter((x) => x.offset <= from && x.offset + x.length >= to)) node = wrap(node, e, text.slice(e.offset, e.offset + e.length));
    fragment.append(node);
  }
  return fragment;
}

const TAGS = { bold: 'strong', italic: 'em', underline: 'u', strikethrough: 's', code: 'code', pre: 'code', blockquote: 'q', expandable_blockquote: 'q' };

function wrap(node, entity, whole) {
  let el;
  if (entity.type === 'bot_command') {
    // As in a Telegram app, a command in a message can be sent with a tap (here it fills the box).
    el = document.createElement('button');
    el.type = 'button';
    el.className = 'command-link';
    el.addEventListener('click', () => fill(whole));
  } else if ((entity.type === 'text_link' && /^https?:\/\//i.test(entity.url || '')) || (entity.type === 'url' && /^https?:\/\//i.test(whole))) {
    el = document.createElement('a');
    el.href = entity.type === 'url' ? whole : entity.url;
    el.target = '_blank';
    el.rel = 'noopener noreferrer';
  } else if (TAGS[entity.type]) {
    el = document.createElement(TAGS[entity.type]);
  } else {
    el = document.createElement('span');
    el.className = `entity-${entity.type.replace(/[^a-z_]/g, '')}`;
  }
  el.append(node);
  return el;
}

// ------------------------------------------------------------------ acting

async function pressButton(message, button, el) {
  el.disabled = true;
  el.classList.add('pressed');
  try {
    const { answer } = await postJson(`/api/chats/${state.chatId}/press`, { message_id: message.id, data: button.data });
    if (answer && answer.text) toast(answer.text, answer.show_alert);
  } catch (err) {
    toast(err.message, true);
  } finally {
    el.disabled = false;
    el.classList.remove('pressed');
  }
}

async function sendText(event) {
  event.preventDefault();
  const text = els.text.value.trim();
  if (!text) return;
  await sending(async () => {
    await postJson(`/api/chats/${state.chatId}/messages`, { text, ...(state.replyTo ? { reply_to: state.replyTo.id } : {}) });
    els.text.value = '';
    setReply(null);
  });
}

async function sendPhotos() {
  const files = [...els.photos.files];
  els.photos.value = '';
  if (!files.length) return;
  if (files.length > 10) {
    showError('Send at most 10 photos at a time (an album holds 10).');
    return;
  }
  const form = new FormData();
  for (const f of files) form.append('photo', f, f.name);
  // What is typed in the box goes with the photos as their caption (e.g. /describe or /blend).
  const caption = els.text.value.trim();
  if (caption) form.append('caption', caption);
  if (state.replyTo) form.append('reply_to', String(state.replyTo.id));
  await sending(async () => {
    await api(`/api/chats/${state.chatId}/photos`, { method: 'POST', body: form });
    els.text.value = '';
    setReply(null);
  });
}

async function sendSamples() {
  await sending(() => api(`/api/chats/${state.chatId}/sample-photos`, { method: 'POST' }));
}

async function sending(work) {
  showError('');
  els.send.disabled = true;
  try {
    await work();
    await refresh();
  } catch (err) {
    showError(err.message);
  } finally {
    els.send.disabled = false;
    els.text.focus();
  }
}

const PLACEHOLDER = els.text.placeholder;

function setReply(message) {
  state.replyTo = message;
  els.replyBar.hidden = !message;
  if (!message) els.text.placeholder = PLACEHOLDER;
  if (message) {
    const words = message.text ?? message.caption ?? (message.photo ? '🖼 Photo' : '…');
    els.replyText.textContent = `Replying to ${message.from.name}: ${words.split('\n')[0].slice(0, 80)}`;
    els.text.focus();
  }
}

/** A question of the bot (ForceReply) starts a reply to it, as a Telegram app does — once. */
function followForceReply() {
  const last = [...state.messages].reverse().find((m) => m.from.bot);
  if (!last || !last.force_reply || state.forced.has(`${state.chatId}:${last.id}`)) return;
  state.forced.add(`${state.chatId}:${last.id}`);
  setReply(last);
  if (last.force_reply.placeholder) els.text.placeholder = last.force_reply.placeholder;
}

function fill(text) {
  els.text.value = text.endsWith(' ') ? text : `${text} `;
  els.text.focus();
  els.text.setSelectionRange(els.text.value.length, els.text.value.length);
}

function showError(message) {
  els.error.textContent = message;
}

let toastTimer;
function toast(text, alert) {
  els.toast.textContent = text;
  els.toast.classList.toggle('alert', Boolean(alert));
  els.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (els.toast.hidden = true), alert ? 8000 : 4000);
}

// ------------------------------------------------------------------ wiring

els.form.addEventListener('submit', (e) => void sendText(e));
els.text.addEventListener('keydown', (e) => {
  // Enter sends, Shift+Enter makes a new line, as in Telegram's desktop apps.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    els.form.requestSubmit();
  }
});
els.messages.addEventListener('scroll', () => (state.stick = nearBottom()));
els.photos.addEventListener('change', () => void sendPhotos());
els.samples.addEventListener('click', () => void sendSamples());
els.replyCancel.addEventListener('click', () => setReply(null));
els.toast.addEventListener('click', () => (els.toast.hidden = true));
for (const chip of document.querySelectorAll('[data-fill]')) chip.addEventListener('click', () => fill(chip.dataset.fill));
window.addEventListener('hashchange', () => {
  const id = chatFromHash();
  if (id !== null) openChat(id);
});

void refresh();
listen();
