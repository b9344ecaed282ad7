/**
 * UploadService: send a form's files with XMLHttpRequest, which (unlike fetch) reports how many bytes
 * have gone out, and can be cancelled mid-way. An ES module in the style of SSEService, no build step.
 *
 *   import { UploadService, UploadCancelled } from "/static/resumes/upload_service.js";
 *   const uploads = new UploadService();
 *   uploads.onProgress(({ loaded, total }) => ...);    // bytes of the request body sent so far
 *   uploads.onSent(() => ...);                         // every byte is out; the server is reading them
 *   const { status, body } = await uploads.send(url, formData, { headers });  // body: parsed JSON or null
 *   uploads.cancel();                                  // send() then rejects with UploadCancelled
 *
 * A network failure rejects with an Error; any HTTP answer (a 400 too) resolves, for the page to explain.
 */

/** The upload was stopped by `cancel()` before the server answered. */
export class UploadCancelled extends Error {}

export class UploadService {
  constructor() {
    this.request = null;
    this.listeners = { progress: new Set(), sent: new Set() };
  }

  /** Call `callback({loaded, total})` as the body goes out; returns a function that unsubscribes. */
  onProgress(callback) {
    return this.listen("progress", callback);
  }

  /** Call `callback()` once the whole body is sent; returns a function that unsubscribes. */
  onSent(callback) {
    return this.listen("sent", callback);
  }

  /** True while an upload is in flight. */
  get busy() {
    return this.request !== null;
  }

  /** POST `body` (a FormData) to `url`; resolves with {status, body} once the server answers. */
  send(url, body, { headers = {} } = {}) {
    if (this.request) return Promise.reject(new Error("An upload is already in flight."));
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      this.request = request;
      request.open("POST", url);
      for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) this.emit("progress", { loaded: event.loaded, total: event.total });
      });
      request.upload.addEventListener("load", () => this.emit("sent"));
      request.addEventListener("load", () => {
        this.request = null;
        let answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch {
          answer = null; // not JSON (a proxy's error page): the status says enough
        }
        resolve({ status: request.status, body: answer });
      });
      request.addEventListener("error", () => {
        this.request = null;
        reject(new Error("The upload failed: the server did not answer."));
      });
      request.addEventListener("abort", () => {
        this.request = null;
        reject(new UploadCancelled("The upload was cancelled."));
      });
      request.send(body);
    });
  }

  /** Stop the upload in flight, if any. */
  cancel() {
    if (this.request) this.request.abort();
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
