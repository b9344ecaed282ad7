/**
 * SSEService: a user's live progress over Server-Sent Events (docs/api.md, "Progress"), in
 * plain JavaScript (an ES module, no build step).
 *
 *   import sseService from "/static/progress/sse_service.js";
 *   sseService.onProgress((progress, meta) => ...);   // meta: {id, source: "stream" | "status"}
 *   sseService.onConnection((state) => ...);          // "connecting" | "open" | "reconnecting" | "closed"
 *   sseService.onError((error) => ...);               // {status, code, message, fatal}
 *   sseService.connect(userId, {lastEventId});        // lastEventId: resume after this id (optional)
 *   sseService.disconnect();
 *
 * How it stays connected:
 * - While the browser's EventSource retries by itself (readyState CONNECTING after an error), it does
 *   so with the `Last-Event-ID` header, and the state is "reconnecting".
 * - When the EventSource gives up (readyState CLOSED: the server answered something other than a 200
 *   event stream), EventSource does not say why. So the service asks once with fetch() for the same
 *   stream URL, reads only the status code and aborts the request at once. 401, 403 and 404 (not
 *   allowed, or no such user) and 429 (too many open streams) stop the service with that reason:
 *   retrying would only get the same answer. Anything else (503 while Redis is away, a proxy's 502, a
 *   network error, or even a 200 because the trouble has passed) is retried with exponential backoff
 *   and jitter: 1 s doubling to 30 s, each wait drawn between half and all of it, reset once a stream
 *   is open. A new EventSource resumes after the last id seen, with `?lastEventId=`.
 * - Ids are decimal integers that increase within a user's stream; they are compared as BigInt (exact
 *   whatever their size), and an event whose id is not above the last one seen is ignored.
 * - `stream-reset` means the server cannot resume from our id (too old, or ahead of a Redis that came
 *   back empty): the last id is forgotten (ids may start lower now), the status endpoint is asked for
 *   the latest progress and that is emitted (with source "status" and no id).
 *
 * One stream per browser, not per tab (the stream is the user's, and a browser opens at most six
 * HTTP/1.1 connections to a site): the services of one user in every tab of the browser share one
 * EventSource. Whichever holds the Web Lock `progress-stream:<user id>` opens it (role "leader") and
 * relays every event, with its id, state change and error over a BroadcastChannel of the same name; the
 * others (role "follower") emit what it relays. A tab that joins says which id it has seen and gets the
 * events after it that the leader has, or else the latest one, as a fresh connect would. When the leader
 * goes (its tab closed, or disconnect()), the browser hands the lock to the next tab waiting, which opens
 * the stream after the last id it saw: no event is missed, and ids not above the last one are dropped,
 * so none is emitted twice. A refusal (401, 403, 404, 429) stops every tab. Without Web Locks or
 * BroadcastChannel, or with `new SSEService({shared: false})`, each service has its own stream ("alone").
 */

const STREAM_PATH = "/api/v1/sse/progress/stream/";
const STATUS_PATH = "/api/v1/sse/progress/status/";
const DELETE_PATH = "/api/v1/sse/progress/";
const SHARE_PREFIX = "progress-stream:";
const HISTORY_LIMIT = 1000; // events a service keeps for tabs that join (the server retains 1000)
const INITIAL_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

// Answers that another attempt would only repeat: stop and say why.
const FINAL_ANSWERS = {
  401: "You are not logged in (401): log in again to see progress.",
  403: "You may not see this user's progress (403).",
  404: "There is no such user (404).",
  429: "Too many progress streams are open for this user (429): close other tabs and reload.",
};

/** The CSRF token for unsafe requests: Django's `csrftoken` cookie, else a form's hidden field. */
export function csrfToken() {
  const cookie = document.cookie.split("; ").find((item) => item.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

function isEventId(value) {
  return typeof value === "string" && /^[0-9]+$/.test(value);
}

/** True when event id `id` comes after `last` (null: nothing seen yet). */
export function isNewerId(id, last) {
  return last === null || BigInt(id) > BigInt(last);
}

/** True when this browser can share one stream between tabs (Web Locks and BroadcastChannel). */
export function canShare() {
  return (
    typeof navigator !== "undefined" &&
    typeof navigator.locks?.request === "function" &&
    typeof BroadcastChannel === "function"
  );
}

async function errorDetail(response) {
  try {
    const body = await response.json();
    return body.detail || body.error || "";
  } catch {
    return "";
  }
}

export class SSEService {
  /** `shared: false` keeps a stream of this service's own even where tabs could share one. */
  constructor({ shared = true } = {}) {
    this.userId = null;
    this.lastEventId = null;
    this.state = "closed";
    this.source = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = true;
    this.shared = shared && canShare();
    this.role = "none"; // "leader" (holds the stream), "follower" (hears it relayed) or "alone"
    this.channel = null;
    this.lockAbort = null;
    this.releaseLock = null;
    this.nonce = null;
    this.synced = false; // a follower emits nothing until the leader has answered its hello
    this.history = []; // [{id, data}] of the events seen, for tabs that join
    this.floor = null; // the history holds every event after this id (null: not known)
    this.listeners = { progress: new Set(), error: new Set(), connection: new Set() };
    this.reconnectNow = () => {
      // Back online: no point waiting out the rest of a backoff.
      if (this.retryTimer !== null) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.open();
      }
    };
  }

  /** Call `callback(progress, meta)` for every new progress object; returns a function that unsubscribes. */
  onProgress(callback) {
    return this.listen("progress", callback);
  }

  /** Call `callback({status, code, message, fatal})` when the stream fails; returns an unsubscriber. */
  onError(callback) {
    return this.listen("error", callback);
  }

  /** Call `callback(state)` when the connection state changes; returns an unsubscriber. */
  onConnection(callback) {
    return this.listen("connection", callback);
  }

  /** Open the stream of `userId`'s progress, resuming after `lastEventId` when one is given. */
  connect(userId, { lastEventId = null } = {}) {
    this.leave();
    this.userId = String(userId);
    this.lastEventId = isEventId(lastEventId) ? lastEventId : null;
    this.history = [];
    this.floor = this.lastEventId;
    this.attempt = 0;
    this.stopped = false;
    window.addEventListener("online", this.reconnectNow);
    this.setState("connecting");
    if (this.shared) {
      this.join();
    } else {
      this.role = "alone";
      this.open();
    }
  }

  /** Close the stream for good (until the next connect); another tab takes it over if one shares it. */
  disconnect() {
    this.stopped = true;
    this.leave();
    window.removeEventListener("online", this.reconnectNow);
    this.setState("closed");
  }

  join() {
    const name = SHARE_PREFIX + this.userId;
    const channel = new BroadcastChannel(name);
    const abort = new AbortController();
    this.channel = channel;
    this.lockAbort = abort;
    this.role = "follower";
    this.synced = false;
    this.nonce = `${Date.now()}-${Math.random()}`;
    channel.onmessage = (event) => {
      if (channel === this.channel) this.hear(event.data);
    };
    navigator.locks
      .request(name, { signal: abort.signal }, () => {
        if (channel !== this.channel) return undefined; // left while waiting
        // Held until leave() resolves it, or until the tab goes (the browser then releases it).
        return new Promise((resolve) => {
          this.releaseLock = resolve;
          this.lead();
        });
      })
      .catch(() => {}); // AbortError: we stopped waiting
    this.post({ kind: "hello", nonce: this.nonce, after: this.lastEventId });
  }

  lead() {
    this.role = "leader";
    this.synced = true;
    this.attempt = 0;
    this.post({ kind: "lead" }); // followers still waiting for an answer ask again
    this.open(); // after the last id this tab saw: the one before it may have sent more
  }

  leave() {
    this.closeSource();
    if (this.releaseLock !== null) this.releaseLock();
    if (this.lockAbort !== null) this.lockAbort.abort();
    if (this.channel !== null) this.channel.close();
    this.releaseLock = null;
    this.lockAbort = null;
    this.channel = null;
    this.role = "none";
  }

  post(message) {
    if (this.channel !== null) this.channel.postMessage(message);
  }

  /** A message from another service of the same user in this browser. */
  hear(message) {
    if (this.stopped) return;
    const { kind } = message;
    if (kind === "hello") {
      if (this.role === "leader") this.welcome(message);
      return;
    }
    if (this.role !== "follower") return;
    if (kind === "lead") {
      if (!this.synced) this.post({ kind: "hello", nonce: this.nonce, after: this.lastEventId });
    } else if (kind === "welcome") {
      if (message.to !== this.nonce || this.synced) return;
      this.synced = true;
      if (!message.exact) {
        this.history = [];
        this.floor = null;
      }
      for (const event of message.events) this.take(event.id, event.data);
      this.setState(message.state);
    } else if (!this.synced) {
      // Whatever the leader relayed before it answered is in its answer.
    } else if (kind === "event") {
      this.take(message.id, message.data);
    } else if (kind === "state") {
      this.setState(message.state);
    } else if (kind === "reset") {
      this.forget();
    } else if (kind === "status") {
      this.emit("progress", message.progress, { id: null, source: "status", reset: message.reset });
    } else if (kind === "error") {
      if (message.error.fatal) {
        this.stopped = true;
        this.leave();
        window.removeEventListener("online", this.reconnectNow);
        this.setState("closed");
      }
      this.emit("error", message.error);
    }
  }

  /** Answer a tab that joins: the events after its id when we have them all, else the latest. */
  welcome({ nonce, after }) {
    const exact = after !== null && this.floor !== null && !isNewerId(this.floor, after);
    const events = exact
      ? this.history.filter((event) => isNewerId(event.id, after))
      : this.history.slice(-1);
    this.post({ kind: "welcome", to: nonce, exact, events, state: this.state });
  }

  /** The user's latest progress object (or null), from the status endpoint. Throws on an error answer. */
  async checkProgress(userId = this.userId) {
    const response = await fetch(STATUS_PATH + encodeURIComponent(userId), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) {
      const error = new Error((await errorDetail(response)) || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return (await response.json()).progress;
  }

  /** Delete the user's retained progress events on the server; returns the server's answer. */
  async cleanupProgress(userId = this.userId) {
    const response = await fetch(DELETE_PATH + encodeURIComponent(userId), {
      method: "DELETE",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
    if (!response.ok) {
      const error = new Error((await errorDetail(response)) || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  streamUrl() {
    const url = STREAM_PATH + encodeURIComponent(this.userId);
    return this.lastEventId === null ? url : `${url}?lastEventId=${this.lastEventId}`;
  }

  open() {
    this.retryTimer = null;
    if (this.stopped) return;
    const source = new EventSource(this.streamUrl(), { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      if (source !== this.source) return;
      this.attempt = 0;
      this.setState("open");
    };
    source.addEventListener("progress", (event) => {
      if (source === this.source) this.receive(event);
    });
    source.addEventListener("stream-reset", (event) => {
      if (source === this.source) this.reset(event);
    });
    source.onerror = () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) {
        this.closeSource();
        this.diagnose();
      } else {
        this.setState("reconnecting"); // the browser retries by itself, with Last-Event-ID
      }
    };
  }

  receive(event) {
    if (this.take(event.lastEventId, event.data) && this.role === "leader") {
      this.post({ kind: "event", id: event.lastEventId, data: event.data });
    }
  }

  /** Emit one progress event unless its id was seen already; true when it was new. */
  take(id, data) {
    if (isEventId(id)) {
      if (!isNewerId(id, this.lastEventId)) return false; // seen already
      this.lastEventId = id;
      if (this.floor === null && this.history.length === 0) this.floor = id; // a fresh start: complete from here
      this.history.push({ id, data });
      if (this.history.length > HISTORY_LIMIT) this.floor = this.history.shift().id;
    }
    let progress;
    try {
      progress = JSON.parse(data);
    } catch {
      this.emit("error", { status: null, code: "bad_event", message: "A progress event was not JSON.", fatal: false });
      return true;
    }
    this.emit("progress", progress, { id: isEventId(id) ? id : null, source: "stream" });
    return true;
  }

  forget() {
    // Our id means nothing to the server any more; the ids that follow may be lower than it.
    this.lastEventId = null;
    this.history = [];
    this.floor = null;
  }

  async reset(event) {
    this.forget();
    if (this.role === "leader") this.post({ kind: "reset" });
    let reason = "";
    try {
      reason = JSON.parse(event.data).reason || "";
    } catch {
      // The reason is for logs only.
    }
    try {
      const progress = await this.checkProgress();
      if (!this.stopped) this.emit("progress", progress, { id: null, source: "status", reset: reason });
      if (!this.stopped && this.role === "leader") this.post({ kind: "status", progress, reset: reason });
    } catch (error) {
      this.emit("error", { status: error.status || null, code: "status_failed", message: error.message, fatal: false });
    }
  }

  async diagnose() {
    // EventSource hides the status code of the answer that made it give up: ask once more with fetch().
    const controller = new AbortController();
    let status = null;
    let detail = "";
    try {
      const response = await fetch(this.streamUrl(), {
        credentials: "same-origin",
        headers: { Accept: "text/event-stream" },
        signal: controller.signal,
      });
      status = response.status;
      if (!response.ok) detail = await errorDetail(response);
    } catch {
      status = null; // network error: the server is away
    } finally {
      controller.abort(); // a 200 would otherwise hold an open stream
    }
    if (this.stopped || this.source !== null || this.retryTimer !== null) return;
    if (status in FINAL_ANSWERS) {
      const error = { status, code: "refused", message: FINAL_ANSWERS[status], detail, fatal: true };
      this.stopped = true;
      this.post({ kind: "error", error }); // every tab of this user would get the same answer
      this.leave();
      window.removeEventListener("online", this.reconnectNow);
      this.setState("closed");
      this.emit("error", error);
      return;
    }
    const delay = this.nextDelay();
    this.setState("reconnecting");
    this.emit("error", {
      status,
      code: "retrying",
      message: `The progress stream stopped${status ? ` (HTTP ${status})` : ""}; retrying in ${Math.round(delay / 1000)} s.`,
      fatal: false,
    });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  nextDelay() {
    const ceiling = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  closeSource() {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.source !== null) {
      this.source.close();
      this.source = null;
    }
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    // A leader that leaves is not the stream closing: another tab takes it over.
    if (this.role === "leader" && state !== "closed") this.post({ kind: "state", state });
    this.emit("connection", state);
  }

  listen(kind, callback) {
    this.listeners[kind].add(callback);
    return () => this.listeners[kind].delete(callback);
  }

  emit(kind, ...args) {
    if (kind === "error" && this.role === "leader") this.post({ kind: "error", error: args[0] });
    for (const callback of this.listeners[kind]) {
      try {
        callback(...args);
      } catch (error) {
        console.error(error); // one broken listener must not silence the others
      }
    }
  }
}

const sseService = new SSEService();
export default sseService;
