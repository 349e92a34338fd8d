// The demo page: one herald.js connection per panel, plain DOM, no build step.
import { connect, State } from '../herald.js';

const API = new URL('../api/', import.meta.url);
const MAX_LOG_ENTRIES = 200;

// ---------------------------------------------------------------- helpers

const $ = (selector, root = document) => root.querySelector(selector);

/** Appends one line to a panel's log, newest at the bottom, and keeps the log short. */
function log(list, text, { kind = 'message', type = '' } = {}) {
    const entry = document.createElement('li');
    entry.className = kind;
    if (type) {
        entry.dataset.type = type;
    }
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString([], { hour12: false });
    entry.append(time, document.createTextNode(' ' + text));
    list.append(entry);
    while (list.children.length > MAX_LOG_ENTRIES) {
        list.firstElementChild.remove();
    }
    list.scrollTop = list.scrollHeight;
    return entry;
}

function show(payload) {
    return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

function typeOf(payload) {
    return payload !== null && typeof payload === 'object' && typeof payload.type === 'string' ? payload.type : '';
}

/** Calls the REST API; answers the parsed body, or throws an Error with the problem's detail. */
async function api(path, { method = 'POST', body, token } = {}) {
    const headers = { 'Accept': 'application/json, application/problem+json' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (token) {
        headers['Authorization'] = 'Bearer ' + token;
    }
    const response = await fetch(new URL(path, API), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = null;
    try {
        parsed = text ? JSON.parse(text) : null;
    } catch {
        parsed = null;
    }
    if (!response.ok) {
        const detail = parsed && (parsed.detail || parsed.title) || response.statusText;
        const error = new Error(`${response.status} ${detail}`);
        error.status = response.status;
        throw error;
    }
    return parsed;
}

/** Asks the local token minting endpoint for a token (only on in a local run). */
async function mintToken(subject, groups = []) {
    const answer = await api('tokens', { body: { sub: subject, groups } });
    return answer.token;
}

/** Shows a connection's state in its panel's badge and tells the story of closes and reconnects in its log. */
function track(connection, panel, list) {
    const badge = $('.state', panel);
    connection.on('state', (state, detail) => {
        badge.dataset.state = state;
        badge.textContent = describe(state, detail);
        if (state === State.OPEN) {
            badge.title = 'connection ' + detail.connectionId;
        }
    });
    connection.on('connected', frame => log(list, `connected (${frame.connectionId.slice(0, 8)}…)`, { kind: 'system', type: 'connected' }));
    connection.on('close', event => {
        const why = [event.code, event.reason].filter(Boolean).join(' ');
        const next = event.willReconnect ? `, reconnecting in ${(event.delayMs / 1000).toFixed(1)} s` : '';
        log(list, `connection closed (${why || 'no reason'})${next}`, { kind: 'system', type: 'closed' });
    });
    connection.on('batch', messages => log(list, `batch of ${messages.length}:`, { kind: 'system', type: 'batch' }));
    connection.on('error', error => log(list, `error ${error.code}: ${error.message}`, { kind: 'error', type: 'error' }));
}

function describe(state, detail) {
    switch (state) {
        case State.OPEN: return 'connected';
        case State.CONNECTING: return 'connecting…';
        case State.RECONNECTING: return detail.delayMs !== undefined
            ? `reconnecting in ${(detail.delayMs / 1000).toFixed(1)} s`
            : 'reconnecting…';
        default: return 'closed';
    }
}

// ---------------------------------------------------------------- notifications

function notificationsPanel() {
    const panel = $('#notifications');
    const list = $('#notifications-log');
    const result = $('#create-user-result');
    const notifications = connect('notifications');
    track(notifications, panel, list);

    notifications.on('message', payload => {
        const type = typeOf(payload);
        const text = type === 'user_created' ? `user_created: ${payload.user.name} (#${payload.user.id})` : show(payload);
        log(list, text, { type });
    });

    $('#create-user').addEventListener('submit', async event => {
        event.preventDefault();
        const input = $('#user-name');
        try {
            const user = await api('users', { body: { name: input.value.trim() } });
            result.textContent = `Created user #${user.id}.`;
            result.className = 'result ok';
            input.value = '';
        } catch (failure) {
            result.textContent = failure.message;
            result.className = 'result failed';
        }
    });
    return notifications;
}

// ---------------------------------------------------------------- chat

function chatPanel() {
    const panel = $('#chat');
    const list = $('#chat-log');
    const nick = $('#chat-nick');
    nick.value = 'guest-' + Math.floor(1000 + Math.random() * 9000);
    const chat = connect('chat');
    track(chat, panel, list);

    chat.on('message', payload => {
        if (typeOf(payload) === 'chat') {
            log(list, `${payload.from}: ${payload.text}`, { type: 'chat' });
        } else {
            log(list, show(payload), { type: typeOf(payload) });
        }
    });

    $('#chat-form').addEventListener('submit', event => {
        event.preventDefault();
        const text = $('#chat-text');
        const message = { type: 'chat', from: nick.value.trim() || 'guest', text: text.value };
        chat.send(message);
        // Herald never echoes to the sender, so the page shows its own message itself, once.
        log(list, `${message.from}: ${message.text}`, { kind: 'mine', type: 'chat' });
        text.value = '';
    });
    return chat;
}

// ---------------------------------------------------------------- rooms

function roomsPanel() {
    const panel = $('#rooms');
    const list = $('#rooms-log');
    const text = $('#room-text');
    const sendButton = $('#room-send button');
    let room = null;

    $('#room-join').addEventListener('submit', event => {
        event.preventDefault();
        const name = $('#room-name').value.trim();
        if (room) {
            room.close(1000, 'left');
        }
        room = connect('rooms/' + encodeURIComponent(name));
        panel.dataset.room = name;
        track(room, panel, list);
        log(list, `joining ${name}`, { kind: 'system' });
        room.on('message', payload => log(list, typeOf(payload) === 'chat'
            ? `${payload.from}: ${payload.text}` : show(payload), { type: typeOf(payload) }));
        room.on('state', state => {
            text.disabled = sendButton.disabled = state !== State.OPEN;
        });
    });

    $('#room-send').addEventListener('submit', event => {
        event.preventDefault();
        const message = { type: 'chat', from: $('#chat-nick').value.trim() || 'guest', text: text.value };
        room.send(message);
        log(list, `${message.from}: ${message.text}`, { kind: 'mine', type: 'chat' });
        text.value = '';
    });
}

// ---------------------------------------------------------------- signed-in user and orders

function userPanel() {
    const panel = $('#user');
    const list = $('#user-log');
    const badge = $('.state', panel);
    const orderButton = $('#place-order');
    const item = $('#order-item');
    let session = null;

    $('#signin-form').addEventListener('submit', async event => {
        event.preventDefault();
        const userId = $('#signin-user').value.trim();
        if (session) {
            session.connection.close(1000, 'signed out');
        }
        let token;
        try {
            token = await mintToken(userId);
        } catch (failure) {
            log(list, `could not sign in: ${failure.message}`, { kind: 'error', type: 'signin_failed' });
            return;
        }
        // herald.js asks for the token before every (re)connect: the first uses the one just minted, later ones mint
        // a fresh one, so a connection closed with token_expired comes back signed in.
        const current = { userId, token, used: false };
        const connection = connect('user', {
            token: async () => {
                if (current.used) {
                    current.token = await mintToken(userId);
                }
                current.used = true;
                return current.token;
            },
        });
        session = current;
        session.connection = connection;
        panel.dataset.user = userId;
        track(connection, panel, list);
        badge.textContent = 'connecting…';
        log(list, `signed in as ${userId}`, { kind: 'system', type: 'signed_in' });
        connection.on('state', state => {
            orderButton.disabled = item.disabled = state !== State.OPEN;
        });
        connection.on('message', payload => {
            if (typeOf(payload) === 'order_updated') {
                log(list, `order #${payload.order_id} ${payload.status}`, { type: 'order_updated' }).dataset.order = payload.order_id;
            } else {
                log(list, show(payload), { type: typeOf(payload) });
            }
        });
    });

    orderButton.addEventListener('click', async () => {
        try {
            const order = await api('orders', { body: { item: item.value.trim() || 'book' }, token: session.token });
            log(list, `order #${order.id} ${order.status}`, { kind: 'system', type: 'order_placed' }).dataset.order = order.id;
        } catch (failure) {
            log(list, `order failed: ${failure.message}`, { kind: 'error', type: 'order_failed' });
        }
    });
}

// ---------------------------------------------------------------- feed

function feedPanel() {
    const panel = $('#feed');
    const list = $('#feed-log');
    const confirmed = $('#feed-subscribed');
    let feed = null;

    // The feed connects on the first topic picked: a connection with no topics would hear nothing.
    const ensureConnected = () => {
        if (feed === null) {
            feed = connect('feed');
            track(feed, panel, list);
            feed.on('message', payload => log(list, show(payload), { type: typeOf(payload) }));
            feed.on('subscribed', topics => {
                confirmed.textContent = topics.length ? 'Subscribed: ' + topics.join(', ') : 'No topics.';
                panel.dataset.topics = topics.join(',');
            });
            feed.on('close', () => { delete panel.dataset.topics; });
        }
        return feed;
    };

    panel.querySelectorAll('input[name=topic]').forEach(box => box.addEventListener('change', () => {
        if (box.checked) {
            ensureConnected().subscribe(box.value);
        } else if (feed) {
            feed.unsubscribe(box.value);
        }
    }));
}

// ---------------------------------------------------------------- publisher

function publisherPanel(notifications) {
    const channel = $('#pub-channel');
    const target = $('#pub-target');
    const result = $('#publish-result');
    let publisherToken;

    const targets = {
        rooms: { field: 'room', placeholder: 'room (empty: every room)', value: 'lobby' },
        user: { field: 'users', placeholder: 'user ids, comma-separated', value: 'user-a' },
        feed: { field: 'topic', placeholder: 'topic', value: 'sports' },
    };
    channel.addEventListener('change', () => {
        const spec = targets[channel.value];
        target.disabled = !spec;
        target.placeholder = spec ? spec.placeholder : '';
        target.value = spec ? spec.value : '';
    });

    const token = async () => {
        if (publisherToken === undefined) {
            // Without local minting (before it exists, or in production) publish without a token.
            publisherToken = await mintToken('demo-publisher', ['publisher']).catch(() => null);
        }
        return publisherToken;
    };

    $('#publish-form').addEventListener('submit', async event => {
        event.preventDefault();
        const count = Math.max(1, Math.min(100, Number($('#pub-count').value) || 1));
        const template = $('#pub-payload').value;
        try {
            const bodies = [];
            for (let n = 1; n <= count; n++) {
                bodies.push(request(JSON.parse(template.replaceAll('{n}', String(n)))));
            }
            const bearer = await token();
            let recipients = 0;
            // One after another, so that they are fired in order.
            for (const body of bodies) {
                recipients += (await api('broadcasts', { body, token: bearer })).recipients;
            }
            // A batched or throttled broadcast is queued for later: the hub cannot count its recipients yet.
            const delivery = $('#pub-delivery').value;
            result.textContent = delivery
                ? `Published ${count} (${delivery}).`
                : `Published ${count} (${recipients} deliveries queued).`;
            result.className = 'result ok';
        } catch (failure) {
            result.textContent = failure instanceof SyntaxError ? 'The payload is not valid JSON.' : failure.message;
            result.className = 'result failed';
        }
    });

    function request(payload) {
        const body = { channel: channel.value, payload };
        const spec = targets[channel.value];
        const value = target.value.trim();
        if (spec && value) {
            body[spec.field] = spec.field === 'users' ? value.split(',').map(s => s.trim()).filter(Boolean) : value;
        }
        const delivery = $('#pub-delivery').value;
        if (delivery === 'batched') {
            body.delivery = { mode: 'batched', windowMs: 50 };
        } else if (delivery === 'throttled') {
            body.delivery = { mode: 'throttled', intervalMs: 100 };
        }
        return body;
    }
    return notifications;
}

// ---------------------------------------------------------------- start

const notifications = notificationsPanel();
const chat = chatPanel();
roomsPanel();
userPanel();
feedPanel();
publisherPanel(notifications);
// For tests and curious developers: the page's connections.
window.herald = { notifications, chat };
