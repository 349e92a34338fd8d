/**
 * herald.js: a small, dependency-free browser client for Herald's WebSocket channels.
 *
 *   import { connect } from './herald.js';
 *   const feed = connect('feed', { topics: ['sports'] });
 *   feed.on('message', payload => console.log(payload));
 *   await feed.ready;                     // resolves once the `connected` frame has arrived
 *
 * One HeraldConnection stands for one logical connection to one channel. It keeps itself connected: after any close
 * it did not ask for, it reconnects with jittered exponential back-off, then restores what it had (its topic
 * subscriptions, its token). Frames are parsed once; `batch` frames are unpacked into one `message` event per
 * payload, in order. The wire protocol is described in docs/protocol.md, this module in docs/client.md.
 */

/** The states a connection goes through, in the order it usually goes through them. */
export const State = Object.freeze({
    CONNECTING: 'connecting',
    OPEN: 'open',
    RECONNECTING: 'reconnecting',
    CLOSED: 'closed',
});

const DEFAULTS = Object.freeze({
    /** Herald's root URL (http, https, ws or wss); by default the folder herald.js itself was served from. */
    baseUrl: null,
    /** First reconnect delay in ms, doubled after every failed attempt up to maxDelayMs. */
    initialDelayMs: 500,
    maxDelayMs: 15000,
    /** A connection that stays open this long counts as stable: the next reconnect starts from initialDelayMs again. */
    stableAfterMs: 5000,
    /** Frames sent while disconnected wait for the next connection, up to this many; older ones are dropped. */
    maxBuffered: 100,
    /** Whether to reconnect at all after an unexpected close. */
    reconnect: true,
});

/**
 * Opens a connection to a Herald channel and keeps it open.
 *
 * @param {string} channel the channel's path: 'notifications', 'chat', 'rooms/<roomId>', 'user' or 'feed'
 * @param {object} [options]
 * @param {string|function(): (string|Promise<string>)} [options.token] a JWT, or a function giving the current one;
 *        sent as the `bearer, <token>` subprotocol pair on every (re)connect
 * @param {string[]} [options.topics] topics to subscribe to on `feed`
 * @returns {HeraldConnection}
 */
export function connect(channel, options = {}) {
    const connection = new HeraldConnection(channel, options);
    connection.open();
    return connection;
}

/**
 * One logical connection to one Herald channel. Events (listen with `on`):
 *
 *  - `state`      (state, detail)          every state change; detail has code/reason/delayMs where they apply
 *  - `connected`  ({connectionId, channel, ...})   the server's `connected` frame, after each (re)connect
 *  - `message`    (payload, raw)           every broadcast or relayed frame; batch frames give one event per payload.
 *                                          payload is the parsed JSON, or the raw text when it is not JSON
 *  - `batch`      (messages)               a batch frame arrived, before its `message` events
 *  - `subscribed` (topics)                 the server confirmed the full, sorted set of topics (feed)
 *  - `error`      ({code, message})        an `error` frame from the server; the connection stays open
 *  - `close`      ({code, reason, wasClean, willReconnect, delayMs})   the WebSocket closed
 */
export class HeraldConnection {

    constructor(channel, options = {}) {
        if (typeof channel !== 'string' || channel.length === 0) {
            throw new TypeError("name a channel, for example 'notifications' or 'rooms/lobby'");
        }
        this.channel = channel.replace(/^\/+/, '');
        this.options = { ...DEFAULTS, ...options };
        this.connectionId = null;
        this.state = State.CLOSED;
        this.topics = [];

        this._wantedTopics = new Set(options.topics || []);
        this._listeners = new Map();
        this._socket = null;
        this._attempt = 0;
        this._retryTimer = null;
        this._stableTimer = null;
        this._buffer = [];
        this._stopped = true;
        this._fetchingToken = false;
        this._newReady();
    }

    /** A promise that resolves with the connection id once connected; replaced by a fresh one while disconnected. */
    get ready() {
        return this._ready.promise;
    }

    /**
     * Listens to an event.
     *
     * @returns {function(): void} a function that stops listening
     */
    on(type, listener) {
        if (!this._listeners.has(type)) {
            this._listeners.set(type, new Set());
        }
        this._listeners.get(type).add(listener);
        return () => this.off(type, listener);
    }

    off(type, listener) {
        this._listeners.get(type)?.delete(listener);
    }

    /** Starts connecting, if not connected or connecting already. */
    open() {
        this._stopped = false;
        if (this._socket === null && this._retryTimer === null && !this._fetchingToken) {
            this._connectNow();
        }
        return this;
    }

    /**
     * Closes for good: no reconnect. Waiting frames are discarded.
     *
     * @param {number} [code=1000]
     * @param {string} [reason]
     */
    close(code = 1000, reason = '') {
        this._stopped = true;
        this._buffer = [];
        clearTimeout(this._retryTimer);
        this._retryTimer = null;
        clearTimeout(this._stableTimer);
        const socket = this._socket;
        this._socket = null;
        if (socket) {
            socket.close(code, reason);
        }
        this._setState(State.CLOSED, { code, reason });
    }

    /**
     * Sends a frame: objects as JSON, strings as they are. While disconnected it waits for the next connection.
     *
     * @returns {boolean} true when sent now, false when it waits
     */
    send(data) {
        const text = typeof data === 'string' ? data : JSON.stringify(data);
        if (this.state === State.OPEN) {
            this._socket.send(text);
            return true;
        }
        this._buffer.push(text);
        if (this._buffer.length > this.options.maxBuffered) {
            this._buffer.shift();
        }
        return false;
    }

    /** Adds topics (feed). Remembered across reconnects. */
    subscribe(...topics) {
        const added = topics.flat().filter(topic => !this._wantedTopics.has(topic));
        added.forEach(topic => this._wantedTopics.add(topic));
        if (added.length > 0 && this.state === State.OPEN) {
            this._socket.send(JSON.stringify({ type: 'subscribe', topics: added }));
        }
    }

    /** Removes topics (feed). */
    unsubscribe(...topics) {
        const removed = topics.flat().filter(topic => this._wantedTopics.has(topic));
        removed.forEach(topic => this._wantedTopics.delete(topic));
        if (removed.length > 0 && this.state === State.OPEN) {
            this._socket.send(JSON.stringify({ type: 'unsubscribe', topics: removed }));
        }
    }

    /** The topics this connection wants, sorted; `topics` holds those the server last confirmed. */
    get wantedTopics() {
        return [...this._wantedTopics].sort();
    }

    async _connectNow() {
        this._retryTimer = null;
        this._setState(this._attempt === 0 ? State.CONNECTING : State.RECONNECTING, { attempt: this._attempt });

        let token;
        this._fetchingToken = true;
        try {
            token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
        } catch (failure) {
            this._fetchingToken = false;
            if (!this._stopped) {
                this._emit('error', { code: 'token_unavailable', message: String(failure && failure.message || failure) });
                this._scheduleReconnect({ code: 0, reason: 'token_unavailable', wasClean: false });
            }
            return;
        }
        this._fetchingToken = false;
        if (this._stopped) {
            return;
        }

        // Browsers cannot set headers on a WebSocket: the token travels as the second of two subprotocols.
        const socket = token ? new WebSocket(this._url(), ['bearer', token]) : new WebSocket(this._url());
        this._socket = socket;
        socket.onmessage = event => this._socket === socket && this._receive(event.data);
        socket.onclose = event => this._socket === socket && this._closed(event);
        // A failed handshake or a broken connection is followed by a close event, which decides what to do.
        socket.onerror = () => {};
    }

    _url() {
        const root = new URL(this.options.baseUrl || '.', import.meta.url);
        if (!root.pathname.endsWith('/')) {
            root.pathname += '/';
        }
        const url = new URL(this.channel, root);
        url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
        return url.toString();
    }

    _receive(text) {
        let frame;
        try {
            frame = JSON.parse(text);
        } catch {
            this._emit('message', text, text);
            return;
        }
        const type = frame !== null && typeof frame === 'object' && !Array.isArray(frame) ? frame.type : undefined;
        switch (type) {
            case 'connected':
                this._opened(frame);
                break;
            case 'error':
                this._emit('error', { code: frame.code, message: frame.message });
                break;
            case 'subscribed':
                this.topics = Array.isArray(frame.topics) ? frame.topics : [];
                this._emit('subscribed', this.topics);
                break;
            case 'batch': {
                const messages = Array.isArray(frame.messages) ? frame.messages : [];
                this._emit('batch', messages);
                messages.forEach(payload => this._emit('message', payload, text));
                break;
            }
            default:
                this._emit('message', frame, text);
        }
    }

    _opened(frame) {
        this.connectionId = frame.connectionId;
        clearTimeout(this._stableTimer);
        this._stableTimer = setTimeout(() => { this._attempt = 0; }, this.options.stableAfterMs);
        this._setState(State.OPEN, { connectionId: frame.connectionId });

        // Restore the subscriptions the previous connection had, then flush what waited.
        if (this._wantedTopics.size > 0) {
            this._socket.send(JSON.stringify({ type: 'subscribe', topics: this.wantedTopics }));
        }
        const waiting = this._buffer;
        this._buffer = [];
        waiting.forEach(text => this._socket.send(text));

        this._ready.resolve(frame.connectionId);
        this._emit('connected', frame);
    }

    _closed(event) {
        this._socket = null;
        clearTimeout(this._stableTimer);
        this.connectionId = null;
        this.topics = [];
        if (this._ready.settled) {
            this._newReady();
        }
        this._scheduleReconnect({ code: event.code, reason: event.reason, wasClean: event.wasClean });
    }

    _scheduleReconnect(closeInfo) {
        const willReconnect = !this._stopped && this.options.reconnect;
        const delayMs = willReconnect ? this._nextDelay() : null;
        this._emit('close', { ...closeInfo, willReconnect, delayMs });
        if (!willReconnect) {
            this._setState(State.CLOSED, closeInfo);
            return;
        }
        this._setState(State.RECONNECTING, { ...closeInfo, delayMs });
        this._retryTimer = setTimeout(() => this._connectNow(), delayMs);
    }

    /** Full back-off for this attempt, with its upper half jittered so that many clients do not return at once. */
    _nextDelay() {
        const { initialDelayMs, maxDelayMs } = this.options;
        const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(this._attempt, 30));
        this._attempt += 1;
        return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    }

    _newReady() {
        const ready = { settled: false };
        ready.promise = new Promise(resolve => {
            ready.resolve = value => {
                ready.settled = true;
                resolve(value);
            };
        });
        this._ready = ready;
    }

    _setState(state, detail = {}) {
        this.state = state;
        this._emit('state', state, detail);
    }

    _emit(type, ...args) {
        for (const listener of [...(this._listeners.get(type) || [])]) {
            try {
                listener(...args);
            } catch (failure) {
                // One broken listener must not stop the others, nor the connection.
                setTimeout(() => { throw failure; });
            }
        }
    }
}
