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
 */

const STREAM_PATH = "/api/v1/sse/progress/stream/";
const STATUS_PATH = "/api/v1/sse/progress/status/";
const DELETE_PATH = "/api/v1/sse/progress/";
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

async function errorDetail(response) {
  try {
    const body = await response.json();
    return body.detail || body.error || "";
  } catch {
    return "";
  }
}

export class SSEService {
  constructor() {
    this.userId = null;
    this.lastEventId = null;
    this.state = "closed";
    this.source = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = true;
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
    this.closeSource();
    this.userId = String(userId);
    this.lastEventId = isEventId(lastEventId) ? lastEventId : null;
    this.attempt = 0;
    this.stopped = false;
    window.addEventListener("online", this.reconnectNow);
    this.setState("connecting");
    this.open();
  }

  /** Close the stream for good (until the next connect). */
  disconnect() {
    this.stopped = true;
    this.closeSource();
    window.removeEventListener("online", this.reconnectNow);
    this.setState("closed");
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
    const id = event.lastEventId;
    if (isEventId(id)) {
      if (!isNewerId(id, this.lastEventId)) return; // seen already
      this.lastEventId = id;
    }
    let progress;
    try {
      progress = JSON.parse(event.data);
    } catch {
      this.emit("error", { status: null, code: "bad_event", message: "A progress event was not JSON.", fatal: false });
      return;
    }
    this.emit("progress", progress, { id: isEventId(id) ? id : null, source: "stream" });
  }

  async reset(event) {
    // Our id means nothing to the server any more; the ids that follow may be lower than it.
    this.lastEventId = null;
    let reason = "";
    try {
      reason = JSON.parse(event.data).reason || "";
    } catch {
      // The reason is for logs only.
    }
    try {
      const progress = await this.checkProgress();
      if (!this.stopped) this.emit("progress", progress, { id: null, source: "status", reset: reason });
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
      this.stopped = true;
      window.removeEventListener("online", this.reconnectNow);
      this.setState("closed");
      this.emit("error", { status, code: "refused", message: FINAL_ANSWERS[status], detail, fatal: true });
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
    this.emit("connection", state);
  }

  listen(kind, callback) {
    this.listeners[kind].add(callback);
    return () => this.listeners[kind].delete(callback);
  }

  emit(kind, ...args) {
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
